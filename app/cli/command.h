#pragma once
// fglens-cli subcommands. Each cmd_*.cpp registers one Command with a static
// Registrar; main() dispatches on the first argument.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fglens::cli {

// --name value / --flag options, no positional parsing magic: commands ask for
// what they need and unknown options are reported.
class Args {
public:
    Args(std::string command, std::vector<std::string> argv);

    std::string required(const std::string& name);
    std::string value(const std::string& name, const std::string& fallback = {});
    std::optional<std::string> optional(const std::string& name);
    long integer(const std::string& name, long fallback);
    double real(const std::string& name, double fallback);
    bool flag(const std::string& name);
    std::vector<std::string> all(const std::string& name);   // repeated option
    // --name a,b,c as {a, b, c} (empty items dropped); empty when absent.
    std::vector<std::string> list(const std::string& name);
    // Positional arguments (those not starting with --).
    const std::vector<std::string>& positional() const { return positional_; }
    std::string positionalAt(size_t i, const std::string& what);
    // Throws when options were given that no accessor asked for.
    void finish();
    bool wantsHelp() const { return help_; }

private:
    std::string command_;
    std::multimap<std::string, std::string> options_;
    std::vector<std::string> positional_;
    std::vector<std::string> used_;
    bool help_ = false;
};

struct Command {
    std::string name;
    std::string summary;
    std::string usage;                       // full --help text
    std::function<int(Args&)> run;
};

std::map<std::string, Command>& registry();

struct Registrar {
    explicit Registrar(Command c) { registry().emplace(c.name, std::move(c)); }
};

// Usage error: main prints "fglens-cli <cmd>: message" and exits 2.
struct UsageError {
    std::string message;
};

} // namespace fglens::cli

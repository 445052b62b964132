#include "command.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace fglens::cli {

std::map<std::string, Command>& registry()
{
    static std::map<std::string, Command> commands;
    return commands;
}

Args::Args(std::string command, std::vector<std::string> argv) : command_(std::move(command))
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--help" || a == "-h") {
            help_ = true;
        } else if (a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::string val;
            if (auto eq = name.find('='); eq != std::string::npos) {
                val = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (i + 1 < argv.size() && argv[i + 1].rfind("--", 0) != 0) {
                val = argv[++i];
            } else {
                val = "\x01"; // a bare flag
            }
            options_.emplace(name, val);
        } else {
            positional_.push_back(a);
        }
    }
}

std::optional<std::string> Args::optional(const std::string& name)
{
    used_.push_back(name);
    auto it = options_.find(name);
    if (it == options_.end())
        return std::nullopt;
    if (it->second == "\x01")
        throw UsageError{"option --" + name + " needs a value"};
    return it->second;
}

std::string Args::required(const std::string& name)
{
    auto v = optional(name);
    if (!v)
        throw UsageError{"missing required option --" + name};
    return *v;
}

std::string Args::value(const std::string& name, const std::string& fallback)
{
    return optional(name).value_or(fallback);
}

long Args::integer(const std::string& name, long fallback)
{
    auto v = optional(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        long x = std::stol(*v, &used);
        if (used != v->size())
            throw std::invalid_argument("trailing");
        return x;
    } catch (const std::exception&) {
        throw UsageError{"option --" + name + " expects an integer, got '" + *v + "'"};
    }
}

double Args::real(const std::string& name, double fallback)
{
    auto v = optional(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        double x = std::stod(*v, &used);
        if (used != v->size())
            throw std::invalid_argument("trailing");
        return x;
    } catch (const std::exception&) {
        throw UsageError{"option --" + name + " expects a number, got '" + *v + "'"};
    }
}

bool Args::flag(const std::string& name)
{
    used_.push_back(name);
    auto it = options_.find(name);
    if (it == options_.end())
        return false;
    if (it->second != "\x01")
        throw UsageError{"option --" + name + " takes no value (got '" + it->second + "')"};
    return true;
}

std::vector<std::string> Args::list(const std::string& name)
{
    std::vector<std::string> out;
    std::istringstream in(value(name, ""));
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            out.push_back(item);
    return out;
}

std::vector<std::string> Args::all(const std::string& name)
{
    used_.push_back(name);
    std::vector<std::string> out;
    auto [b, e] = options_.equal_range(name);
    for (auto it = b; it != e; ++it)
        out.push_back(it->second);
    return out;
}

std::string Args::positionalAt(size_t i, const std::string& what)
{
    if (i >= positional_.size())
        throw UsageError{"missing " + what};
    return positional_[i];
}

void Args::finish()
{
    for (const auto& [name, v] : options_)
        if (std::find(used_.begin(), used_.end(), name) == used_.end())
            throw UsageError{"unknown option --" + name};
}

} // namespace fglens::cli

#pragma once
// Errors raised inside core. Each names the file (or other source) it is about,
// so that the CLI and GUI can print one line that tells the user what to fix.
#include <stdexcept>
#include <string>
#include <vector>

namespace fglens {

class Error : public std::runtime_error {
public:
    Error(std::string source, const std::string& problem);
    const std::string& source() const noexcept { return source_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string source_;
    std::string problem_;
};

// Thrown by long jobs when their cancellation token is set.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

[[noreturn]] void fail(const std::string& source, const std::string& problem);

// Shape as "[2, 512]" for messages.
std::string shapeString(const std::vector<long>& dims);

} // namespace fglens

#pragma once
// Run ids and existing logs for the commands that only read a log (compare, confusions).
#include <cstdint>
#include <string>

namespace fglens::cli {

// A positive integer run id, or UsageError naming the option.
int64_t parseRunId(const std::string& text, const std::string& option);
// The log location unchanged; fails (LOG: no such experiment log) when a file
// path does not exist, since opening would create an empty log.
std::string existingLog(const std::string& location);

} // namespace fglens::cli

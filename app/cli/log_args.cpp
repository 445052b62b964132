#include "log_args.h"

#include "command.h"

#include "common/error.h"

#include <filesystem>

namespace fglens::cli {

int64_t parseRunId(const std::string& text, const std::string& option)
{
    size_t used = 0;
    long long id = 0;
    try {
        id = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || id < 1)
        throw UsageError{option + " expects run ids (positive integers), got '" + text + "'"};
    return id;
}

std::string existingLog(const std::string& location)
{
    // Server logs (postgresql://...) exist or not on the server's side.
    if (location.find("://") == std::string::npos && !std::filesystem::is_regular_file(location))
        fail(location, "no such experiment log");
    return location;
}

} // namespace fglens::cli

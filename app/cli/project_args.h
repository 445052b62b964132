#pragma once
// --project / --log handling shared by train and reproduce.
#include "command.h"

#include "data/project.h"

#include <string>

namespace fglens::cli {

struct ProjectArgs {
    Project project;
    std::string logPath;
};

// --project DIR|project.json (required) and --log LOG.sqlite (default: the project's log).
ProjectArgs projectFromArgs(Args& args);

} // namespace fglens::cli

#pragma once
// `fglens-cli project <sub>`: the subcommands register here, so `encode`
// (which needs the CLIP code) can be left out of a build without it.
#include "command.h"

#include <functional>
#include <map>
#include <string>

namespace fglens::cli {

using ProjectSubcommand = std::function<int(Args&)>;

std::map<std::string, ProjectSubcommand>& projectSubcommands();

struct ProjectSubRegistrar {
    ProjectSubRegistrar(const std::string& name, ProjectSubcommand run)
    {
        projectSubcommands().emplace(name, std::move(run));
    }
};

} // namespace fglens::cli

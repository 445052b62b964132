#pragma once
// Options shared by the commands that can run as Slurm jobs (encode-benchmark,
// sweep): --slurm, --sbatch-arg=ARG (repeated), --wait, --dry-run, --poll-seconds.
#include "command.h"

#include <string>
#include <vector>

namespace fglens::cli {

struct SlurmArgs {
    bool slurm = false;
    std::vector<std::string> sbatchArgs;
    bool wait = false;
    bool dryRun = false;
    double pollSeconds = 5;
};

SlurmArgs slurmFromArgs(Args& args);
// Progress lines of a wait, on stderr.
void printProgress(const std::string& line);
extern const char* const kSlurmOptionsHelp;

} // namespace fglens::cli

#include "slurm_args.h"

#include <cstdio>

namespace fglens::cli {

const char* const kSlurmOptionsHelp =
    "  --slurm            submit as a Slurm array job (sbatch --parsable) instead of running here\n"
    "  --sbatch-arg=ARG   an sbatch option for every task, e.g. --sbatch-arg=--gres=gpu:1\n"
    "                     --sbatch-arg=--partition=gpu --sbatch-arg=--time=4:00:00 (repeatable)\n"
    "  --wait             follow the job (a progress line on stderr) until it ends; exit 1 naming\n"
    "                     the first task that failed and its log file\n"
    "  --dry-run          print the sbatch scripts and commands; submit nothing\n"
    "  --poll-seconds S   how often --wait asks squeue (default 5)\n";

SlurmArgs slurmFromArgs(Args& args)
{
    SlurmArgs s;
    s.slurm = args.flag("slurm");
    s.sbatchArgs = args.all("sbatch-arg");
    for (const auto& a : s.sbatchArgs)
        if (a == "\x01" || a.empty())
            throw UsageError{"--sbatch-arg needs a value, written --sbatch-arg=ARG (e.g. --sbatch-arg=--gres=gpu:1)"};
    s.wait = args.flag("wait");
    s.dryRun = args.flag("dry-run");
    s.pollSeconds = args.real("poll-seconds", 5);
    if (!(s.pollSeconds > 0))
        throw UsageError{"--poll-seconds must be positive"};
    if (!s.slurm && (!s.sbatchArgs.empty()))
        throw UsageError{"--sbatch-arg needs --slurm"};
    return s;
}

void printProgress(const std::string& line)
{
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
}

} // namespace fglens::cli

#pragma once
// encode-benchmark --slurm: the shards as one Slurm array job and their merge
// as a job that depends on it.
#include "slurm_args.h"

#include <string>
#include <vector>

namespace fglens::cli {

struct EncodeSlurmPlan {
    std::vector<std::string> encodeArgs;   // encode-benchmark options common to every shard (no --out, --shard)
    std::string out;                       // the merged cache
    int shards = 2;
};

// Submits (or with dryRun prints) the jobs; prints their ids as JSON; with
// wait follows them. Returns the exit code.
int runEncodeOnSlurm(const EncodeSlurmPlan& plan, const SlurmArgs& slurm);

} // namespace fglens::cli

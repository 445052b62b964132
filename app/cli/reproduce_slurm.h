#pragma once
// reproduce --slurm: the paper's protocol for several seeds as two Slurm array
// jobs, the warm-ups (and the cosine baseline), then the fine-tunes, each
// fine-tune task waiting for its own warm-up task (--dependency=aftercorr).
#include "slurm_args.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fglens::cli {

struct ReproduceSlurmPlan {
    std::string project, log, preset;
    int epochs = 0;                  // 0: the preset's
    std::vector<uint64_t> seeds;
    std::string workDir;
};

int runReproduceOnSlurm(const ReproduceSlurmPlan& plan, const SlurmArgs& slurm);

} // namespace fglens::cli

#pragma once
// FG-CLIP's released head checkpoints as runs of the experiment log: each file
// is evaluated on the project's benchmarks through evaluateLogged, like a run
// trained here, with the file's SHA-256 in the run's config so the numbers
// stay tied to the exact weights.
#include "train/experiment.h"

#include <string>

namespace fglens {

struct FgclipCheckpointInfo {
    std::string stage;   // "warmup" (triplet_*), "finetune" (fg-ovd_*), else "eval"
    std::string name;    // the run's name, e.g. "FG-CLIP fg-ovd_linear-mlp_te-freezed"
};

// What FG-CLIP's file names say: triplet_* after the COCO warm-up, fg-ovd_*
// after the FG-OVD fine-tune. The head kind comes from the state dict's keys.
FgclipCheckpointInfo describeFgclipCheckpoint(const std::string& path);

struct ImportedRun {
    int64_t runId = 0;
    std::string headKind, stage, sha256;
    EvalSummary summary;
};

ImportedRun importFgclipCheckpoint(const ProjectData& data, ExperimentLog& log, const std::string& path,
                                   const JobContext* ctx = nullptr);

} // namespace fglens

#pragma once
// The paper's whole protocol as an ordered list of steps, so the headless
// `reproduce` and the GUI's training queue run exactly the same runs.
#include "train/train_config.h"

#include <optional>
#include <string>
#include <vector>

namespace fglens {

struct ProtocolStep {
    std::string key;                    // "cosine", "<head>/warmup", "<head>/finetune"; also the run's name
    std::optional<TrainConfig> train;   // none: evaluate the CLIP (cosine) baseline
    std::string parentKey;              // fine-tune from this earlier step's best weights
};

// The cosine baseline, then warm-up and fine-tune for every trainable head.
// epochsOverride > 0 replaces the preset's epochs.
std::vector<ProtocolStep> reproducePlan(const std::string& preset, int epochsOverride = 0);

} // namespace fglens

#include "train/protocol_plan.h"

namespace fglens {

std::vector<ProtocolStep> reproducePlan(const std::string& preset, int epochsOverride)
{
    std::vector<ProtocolStep> plan;
    plan.push_back({"cosine", std::nullopt, {}});
    for (HeadKind kind : allHeadKinds()) {
        if (!isTrainable(kind))
            continue;
        std::string parent;
        for (Stage stage : {Stage::Warmup, Stage::Finetune}) {
            TrainConfig c = presetConfig(preset, kind, stage);
            if (epochsOverride > 0)
                c.epochs = epochsOverride;
            std::string key = headKindName(kind) + "/" + stageName(stage);
            plan.push_back({key, c, parent});
            parent = std::move(key);
        }
    }
    return plan;
}

} // namespace fglens

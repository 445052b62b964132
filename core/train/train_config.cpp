#include "train/train_config.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

namespace fglens {

std::string stageName(Stage s)
{
    return s == Stage::Warmup ? "warmup" : "finetune";
}

TrainConfig presetConfig(const std::string& preset, HeadKind head, Stage stage)
{
    if (preset != "released" && preset != "paper" && preset != "demo")
        fail("", "unknown preset '" + preset + "' (released, paper or demo)");
    TrainConfig c;
    c.head = head;
    c.stage = stage;
    c.preset = preset;
    if (preset == "demo") {
        // The demo's sets are about 70x smaller than COCO's and FG-OVD's, so
        // the same number of epochs makes 70x fewer steps: larger steps keep
        // the run short while reaching the same regime.
        c.lr = stage == Stage::Warmup ? 1e-3 : 3e-4;
        // The fine-tune's margin is where the demo departs from the paper's
        // 0.05 (issue 20). A Hard vocabulary shares its category, and the demo
        // encoder's captions are sums of word vectors over eight categories,
        // so once the positive ranks first the only way to widen the gap the
        // hinge asks for is to drop the category from the projection, which
        // COCO retrieval needs: at 0.05 every head but attention fell to a few
        // % R@1. At 0.01 the hinge stops asking once the ranks are right with
        // a small gap, and the fine-tune keeps the alignment, as the paper's
        // does with CLIP's far richer text space.
        //
        // The two-layer tanh head (mlp) lost more COCO recall than the others
        // at 0.01 (i2t R@1 0.53-0.56 x its warm-up's on seeds 2024, 7 and 42)
        // and keeps it at 0.002, with the same Mean Rank Sum.
        c.margin = stage == Stage::Warmup ? 0.2 : (head == HeadKind::Mlp ? 0.002 : 0.01);
    } else if (stage == Stage::Warmup) {
        c.lr = preset == "paper" ? 5e-4 : 5e-5;
        c.margin = 0.2;
    } else {
        c.lr = 1e-5;
        c.margin = 0.05;
    }
    return c;
}

std::string TrainConfig::toJson() const
{
    nlohmann::ordered_json j;
    j["head"] = headKindName(head);
    j["stage"] = stageName(stage);
    j["preset"] = preset;
    j["epochs"] = epochs;
    j["batch"] = batch;
    j["lr"] = lr;
    j["margin"] = margin;
    j["seed"] = seed;
    j["negatives"] = negatives;
    j["text_norm"] = textNorm == TextNorm::PerCaption ? "per-caption" : "across-captions (reference quirk 1)";
    j["optimizer"] = "adam";
    j["init_weights"] = initWeights;
    return j.dump();
}

TrainConfig TrainConfig::fromJson(const std::string& text, const std::string& source)
{
    try {
        const auto j = nlohmann::json::parse(text);
        TrainConfig c;
        const auto kind = parseHeadKind(j.at("head").get<std::string>());
        if (!kind)
            fail(source, "unknown head in config");
        c.head = *kind;
        c.stage = j.at("stage").get<std::string>() == "finetune" ? Stage::Finetune : Stage::Warmup;
        c.preset = j.value("preset", "released");
        c.epochs = j.at("epochs").get<int>();
        c.batch = j.at("batch").get<int64_t>();
        c.lr = j.at("lr").get<double>();
        c.margin = j.at("margin").get<double>();
        c.seed = j.at("seed").get<uint64_t>();
        c.negatives = j.value("negatives", 10);
        c.textNorm = j.value("text_norm", "per-caption") == "per-caption" ? TextNorm::PerCaption : TextNorm::AcrossCaptions;
        c.initWeights = j.value("init_weights", "");
        return c;
    } catch (const nlohmann::json::exception& e) {
        fail(source, std::string("invalid training config: ") + e.what());
    }
}

} // namespace fglens

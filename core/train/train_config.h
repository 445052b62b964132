#pragma once
// Hyper-parameters of one training run, with the paper's two stages and the
// reference presets (DESIGN.md §3).
#include "heads/head.h"

#include <cstdint>
#include <string>

namespace fglens {

enum class Stage { Warmup, Finetune };
std::string stageName(Stage s);   // "warmup", "finetune"

struct TrainConfig {
    HeadKind head = HeadKind::Linear;
    Stage stage = Stage::Warmup;
    int epochs = 10;
    int64_t batch = 256;
    double lr = 5e-5;
    double margin = 0.2;
    uint64_t seed = 123;
    int negatives = 10;                        // fine-tune vocabulary: positive + N negatives
    TextNorm textNorm = TextNorm::PerCaption;  // AcrossCaptions reproduces quirk 1
    std::string preset = "released";
    std::string initWeights;                   // a warm-up head to fine-tune from

    std::string toJson() const;
    static TrainConfig fromJson(const std::string& json, const std::string& source);
};

// "released" (the released configs: warm-up lr 5e-5) or "paper" (the paper's
// text: warm-up lr 5e-4); the fine-tune is lr 1e-5, margin 0.05 in both.
// "demo" scales the learning rates for the small built-in demo project.
TrainConfig presetConfig(const std::string& preset, HeadKind head, Stage stage);

} // namespace fglens

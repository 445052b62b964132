#pragma once
// Captions of the demo world: a fine-grained caption naming every attribute of
// an object, hard negatives made the FG-OVD way (change k attributes, or one
// attribute type only, or take another object's caption), and coarse
// COCO-style scene captions for the warm-up.
#include "demo/renderer.h"

#include <string>
#include <vector>

namespace fglens::demo {

// "a transparent red striped glass bottle"
std::string fineCaption(const ObjectSpec& s);

enum class NegativeRule { Shuffle, ChangeAttributes, ChangeOne };

struct BenchmarkRule {
    std::string key;        // trivial, easy, ..., transparency
    std::string fileStem;   // shuffle_negatives, 3_attributes, ...
    NegativeRule rule = NegativeRule::ChangeAttributes;
    int changed = 1;        // ChangeAttributes: how many attributes differ
    Attr attr = Attr::Colour;   // ChangeOne: which
    int negatives = 10;
};

const std::vector<BenchmarkRule>& benchmarkRules();

// Distinct negative specs for an object (never equal to it in what the
// caption says). `pool` supplies other objects for Shuffle.
std::vector<ObjectSpec> negativeSpecs(const ObjectSpec& positive, const BenchmarkRule& rule, Rng& rng);

// Five coarse captions of a scene (category words, sometimes one attribute,
// nearly always a colour).
std::vector<std::string> sceneCaptions(const Scene& scene, Rng& rng);

} // namespace fglens::demo

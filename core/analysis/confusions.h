#pragma once
// Which attribute substitutions fool a run (DESIGN.md §5 `confusions`).
//
// For every evaluated object, each negative in its vocabulary (the first N,
// as many as the run scored) offers the substitutions that turn the positive
// into it (analysis/substitutions). A substitution is counted once per object:
// `objects` = objects offering it in at least one negative, `fooled` = those
// where at least one negative offering it scored at least as high as the
// positive (score_neg >= score_pos: the rank rule's ties count against the
// positive). Objects are counted per benchmark, so an object evaluated in two
// benchmarks counts in each.
#include "analysis/attribute_vocab.h"
#include "analysis/substitutions.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace fglens {
class FgBenchmark;
struct ObjectResult;
}

namespace fglens::analysis {

struct ConfusionCell {
    std::string from, to;
    int64_t objects = 0;
    int64_t fooled = 0;
};

struct ConfusionTable {
    // Indexed by AttributeKind; cells by objects (descending), then from, to.
    std::array<std::vector<ConfusionCell>, kAttributeKinds> cells;
    int64_t objects = 0;     // objects counted
    int64_t negatives = 0;   // negatives compared
};

class ConfusionCounter {
public:
    // Adds one benchmark's per-object results. Throws fglens::Error naming the
    // benchmark file when a result's object is not in it or was scored
    // against more negatives than the object has.
    void add(const FgBenchmark& benchmark, const std::vector<ObjectResult>& results);
    ConfusionTable table() const;

private:
    struct Counts {
        int64_t objects = 0, fooled = 0;
    };
    UnitTable units_;
    std::unordered_map<uint64_t, Counts> counts_;   // key: kind, from, to
    int64_t objects_ = 0, negatives_ = 0;
};

} // namespace fglens::analysis

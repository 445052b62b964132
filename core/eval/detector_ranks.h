#pragma once
// Detector ranks on an FG-OVD benchmark, exactly as FG-OVD's evaluation/ranks.py
// (CustomMetrics.update, nms=True, iou=0.5, n_neg=N) computes them; see
// DESIGN.md §3 and docs/notes/detectors.md. Plain vectors only: no LibTorch.
#include "data/detector_predictions.h"
#include "data/fgovd.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fglens {

struct DetectorObjectRank {
    size_t object = 0;                  // index into FgBenchmark::objects
    int64_t annotationId = 0;
    size_t group = 0;                   // index of the prediction group that ranked it
    int rank = 0;                       // #{j : s_j >= s_0}; N + 1 when unmatched
    bool matched = false;
    std::array<float, 4> box{};         // the matched prediction's x1, y1, x2, y2 (zeros when unmatched)
    std::vector<float> scores;          // its total_scores cut to N + 1 (all zero when unmatched)
};

struct DetectorRanks {
    int negatives = 0;
    int64_t unmatched = 0;
    // In ranks.py's order: images as listed, groups as in the file, objects as listed.
    std::vector<DetectorObjectRank> objects;
    std::optional<double> meanRank;            // none without objects
    std::optional<int> medianRank;             // sorted[n/2], this project's rule
    std::optional<int> medianRankFgovd;        // sorted[n/2 + 1], FG-OVD's detector rule (none when n < 2)
};

// `negatives` is N. Throws fglens::Error naming `predictions.path` and the
// group for a group whose image is not in the benchmark or whose vocabulary
// is shorter than N + 1. A longer vocabulary is cut to its first N + 1
// captions (total_scores likewise), so that one file can be ranked at
// several N.
DetectorRanks rankDetector(const FgBenchmark& benchmark, const DetectorPredictions& predictions, int negatives);

// torchvision.ops.nms semantics on float32 boxes: visit by descending score
// (stable, so ties keep file order), drop a box whose IoU with a kept box is
// strictly above `iou`; returns the kept indices in visiting order.
std::vector<size_t> nmsKeep(const std::vector<std::array<float, 4>>& boxes, const std::vector<float>& scores,
                            double iou);

} // namespace fglens

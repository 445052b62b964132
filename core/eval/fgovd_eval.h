#pragma once
// Scores every object of an FG-OVD benchmark against its vocabulary under one
// head and turns the scores into ranks, for N = 1..negatives.
#include "common/job.h"
#include "eval/ranks.h"
#include "heads/head.h"

#include <map>
#include <vector>

namespace fglens {

class FgBenchmark;

struct FgEvalOptions {
    int negatives = 10;                       // N: vocabulary = positive + first N negatives
    TextNorm textNorm = TextNorm::PerCaption; // quirk 1 when AcrossCaptions
    bool fp16Scores = false;                  // quirk 3: scores rounded to fp16 (more ties)
    int64_t batch = 8192;
};

struct FgEvalResult {
    int negatives = 0;
    RankSummary summary;                      // at N = negatives
    std::map<int, RankSummary> perNegatives;  // n = 1..negatives
    // Objects with at least N negatives, in benchmark order, with their rank
    // at N and the N+1 scores (positive first).
    std::vector<int32_t> objectIndices;
    std::vector<int> ranks;
    std::vector<float> scores;                // row-major [objects, N+1]
};

// objectFeatures [n_objects, D], captionFeatures [n_captions, D] (any float type).
FgEvalResult evaluateFgovd(SimilarityHeadImpl& head, const FgBenchmark& benchmark,
                           const at::Tensor& objectFeatures, const at::Tensor& captionFeatures,
                           const FgEvalOptions& options, const JobContext* ctx = nullptr);

} // namespace fglens

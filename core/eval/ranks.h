#pragma once
// FG-OVD rank metrics (DESIGN.md §3): rank = #{j : s_j >= s_0}, 1-based, ties
// count against the positive; Mean Rank; Median Rank = sorted[n/2].
#include <cstdint>
#include <vector>

namespace fglens {

struct RankSummary {
    int64_t objects = 0;
    double meanRank = 0.0;
    double medianRank = 0.0;
};

// scores[0] is the positive; n is the vocabulary length (positive included).
int positiveRank(const float* scores, int n);
RankSummary summarizeRanks(std::vector<int> ranks);

} // namespace fglens

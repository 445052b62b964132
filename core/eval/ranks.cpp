#include "eval/ranks.h"

#include <algorithm>
#include <numeric>

namespace fglens {

int positiveRank(const float* scores, int n)
{
    int rank = 0;
    for (int j = 0; j < n; ++j)
        if (scores[j] >= scores[0])
            ++rank;
    return rank;
}

RankSummary summarizeRanks(std::vector<int> ranks)
{
    RankSummary s;
    s.objects = static_cast<int64_t>(ranks.size());
    if (ranks.empty())
        return s;
    s.meanRank = std::accumulate(ranks.begin(), ranks.end(), 0.0) / static_cast<double>(ranks.size());
    const size_t mid = ranks.size() / 2;
    std::nth_element(ranks.begin(), ranks.begin() + static_cast<long>(mid), ranks.end());
    s.medianRank = ranks[mid];
    return s;
}

} // namespace fglens

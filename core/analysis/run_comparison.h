#pragma once
// Paired comparison of two runs on the same objects (DESIGN.md §3, §5
// `compare`): per benchmark, the mean rank difference B - A with a paired
// bootstrap interval, the Wilcoxon signed-rank p and the exact McNemar p on
// top-1 correctness (rank 1).
#include "analysis/bootstrap.h"
#include "analysis/paired_tests.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fglens {
class ExperimentLog;
}

namespace fglens::analysis {

struct PairedComparison {
    int64_t objects = 0;
    double meanRankA = 0.0, meanRankB = 0.0;
    double diff = 0.0;           // meanRankB - meanRankA (negative: B ranks positives higher)
    Interval diffCi;             // paired bootstrap: one resample of objects for both runs
    WilcoxonResult wilcoxon;     // on rankB - rankA
    int64_t top1OnlyA = 0;       // rank 1 under A, not under B
    int64_t top1OnlyB = 0;
    double mcnemarP = 1.0;
};

// ranksA[i] and ranksB[i] belong to the same object. Throws
// std::invalid_argument on different lengths or no objects.
PairedComparison comparePaired(const std::vector<int>& ranksA, const std::vector<int>& ranksB,
                               const BootstrapOptions& o = {});

// Every benchmark key both runs have per-object results for. Objects are
// matched by id and taken in ascending id order (so the bootstrap does not
// depend on the order the log stores them in). Throws fglens::Error naming the
// log when a run is unknown or has no per-object results, when the runs share
// no benchmark, or when on a shared benchmark they cover different objects,
// rank against different numbers of negatives, or record different benchmark
// files (dataset_sha256 in their data identity).
std::map<std::string, PairedComparison> compareRuns(const ExperimentLog& log, int64_t runA, int64_t runB,
                                                    const BootstrapOptions& o = {});

} // namespace fglens::analysis

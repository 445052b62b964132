#pragma once
// Runs copied from one experiment log into another (a laptop's SQLite file
// into the lab's PostgreSQL log, or back): each run with its metrics and
// per-object results, under a new id in the target; parents are remapped
// when they were copied too, weights paths kept as they are.
#include <cstdint>
#include <utility>
#include <vector>

namespace fglens {

class ExperimentLog;

struct CopiedRun {
    int64_t from = 0, to = 0;
};

// runIds empty: every run. Oldest first, so parents precede their children.
std::vector<CopiedRun> copyRuns(const ExperimentLog& from, ExperimentLog& into, const std::vector<int64_t>& runIds = {});

} // namespace fglens

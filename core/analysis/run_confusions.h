#pragma once
// Attribute confusions of a logged run (DESIGN.md §5 `confusions`): its
// per-object results joined with the captions of the benchmark files it was
// evaluated on.
//
// Which files: by default the ones the run's data identity names
// ({"<key>": {"file": ..., "dataset_sha256": ...}}, written when the run was
// evaluated); with a project, that project's benchmark files for the same
// keys (for logs moved to another machine). Either way, when the run recorded
// a dataset_sha256 the file must still have it: captions of another version
// of a benchmark would silently count the wrong substitutions.
#include "analysis/confusions.h"

#include <cstdint>
#include <string>

namespace fglens {
class ExperimentLog;
struct Project;
}

namespace fglens::analysis {

// All the run's benchmarks, or only `benchmark` when not empty. Throws
// fglens::Error naming the log (unknown run, no results) or the file (missing,
// changed since the run, not covering the run's objects).
ConfusionTable runConfusions(const ExperimentLog& log, int64_t runId, const std::string& benchmark = {},
                             const Project* project = nullptr);

} // namespace fglens::analysis

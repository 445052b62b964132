#pragma once
// The worker-thread side of opening a project: everything here may take
// seconds to minutes and runs inside a JobRunner job.
#include "model/loaded_project.h"

#include "common/job.h"

#include <QString>

#include <optional>

namespace fglens::demo {
struct DemoOptions;
}

namespace fglens::ui {

// Builds the demo project in `dir` unless it is already complete there;
// returns the manifest path.
QString ensureDemoProject(const QString& dir, const demo::DemoOptions& options, const JobContext& ctx);

// Loads the manifest (or directory), its benchmarks, caches and images scan,
// and evaluates the CLIP cosine baseline so the browser has ranks at once.
LoadedProject loadProject(const QString& path, const JobContext& ctx);

// Evaluates a head live on the loaded benchmarks with the protocol's N:
// headKind "cosine" or any kind with weights from a state-dict file.
std::shared_ptr<ResultSet> evaluateLive(const ProjectData& data, const QString& headKind,
                                        const QString& weightsPath, const QString& key, const QString& label,
                                        const JobContext& ctx);

// Evaluates a head on the project and records it in the log as a run of
// stage "eval" (metrics and per-object results); returns the run id.
int64_t evaluateIntoLog(const ProjectData& data, const QString& logPath, const QString& headKind,
                        const QString& weightsPath, std::optional<int64_t> parentRunId, const JobContext& ctx);

} // namespace fglens::ui

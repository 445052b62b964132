#pragma once
// Sweeps: the grid of training runs (heads x seeds x learning rates x
// margins) and, against an experiment log, what each grid point still needs:
// nothing (a finished run), a resume of its cancelled, failed or abandoned run,
// or a fresh run. Running a sweep again therefore finishes what it left
// instead of duplicating it.
#include "store/experiment_log.h"
#include "train/train_config.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fglens::cluster {

struct SweepPoint {
    std::string head;                  // "linear", ...
    std::string stage;                 // "warmup" | "finetune"
    std::optional<int64_t> from;       // parent run
    uint64_t seed = 0;
    std::optional<double> lr, margin;  // preset's when absent
    std::optional<int> epochs;
    std::string preset = "released";

    // The config `fglens-cli train` builds for these options.
    TrainConfig config() const;
    std::string label() const;         // "linear/warmup seed=1 lr=0.001"
};

struct SweepGridOptions {
    std::vector<std::string> heads;
    std::string stage = "warmup";
    std::optional<int64_t> from;
    std::vector<uint64_t> seeds;
    std::vector<double> lrs, margins;  // empty: the preset's
    std::optional<int> epochs;
    std::string preset = "released";
};
std::vector<SweepPoint> sweepGrid(const SweepGridOptions& o);

// True when `run` was trained with this point's options (head, stage, parent,
// seed, lr, margin, epochs, preset, batch).
bool runMatches(const RunRecord& run, const SweepPoint& p);

enum class PointAction { Done, Resume, Fresh, Busy };
struct PointPlan {
    SweepPoint point;
    PointAction action = PointAction::Fresh;
    std::optional<int64_t> runId;      // the matching run, when there is one
    std::string status;                // its status ("finished", ...) or "new"
};
// `alive(job)`: whether a Slurm job recorded on a "running" run is still
// listed; a run whose job is gone was killed (node failure) and is resumed.
std::vector<PointPlan> planSweep(const std::vector<SweepPoint>& grid, const std::vector<RunRecord>& runs,
                                 const std::function<bool(const std::string& slurmJob)>& alive);

// `fglens-cli train` options for a point (after the program and "train"):
// --resume RUN for a resume, the grid point's options otherwise.
std::vector<std::string> trainArgs(const PointPlan& p, const std::string& project, const std::string& log);

// The Slurm job recorded in a run's tags ("slurm=123_4"), or empty.
std::string slurmJobOfTags(const std::string& tags);
// Tags with the slurm= entry replaced by `job` (removed when empty).
std::string withSlurmJob(const std::string& tags, const std::string& job);

} // namespace fglens::cluster

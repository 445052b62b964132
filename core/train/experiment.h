#pragma once
// Experiments on a project, logged: evaluate a head on the eight benchmarks
// and on retrieval, train a head (warm-up or fine-tune) with every epoch's
// metrics written to the experiment log, and the paper's whole protocol.
#include "common/job.h"
#include "data/project.h"
#include "heads/head.h"
#include "store/experiment_log.h"
#include "train/train_config.h"
#include "train/trainer.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fglens {

class FgBenchmark;

// A project's data loaded once: benchmarks with their features aligned, the
// training/validation sets as embeddings.
struct ProjectData {
    Project project;
    struct Bench {
        std::string key;
        std::shared_ptr<FgBenchmark> benchmark;
        at::Tensor objects, captions;        // aligned to the benchmark, fp16
        std::vector<bool> captionPresent;
    };
    std::vector<Bench> benchmarks;           // in benchmarkKeys() order, present ones only
    std::optional<PairSet> cocoTrain, cocoVal, cocoTest;
    std::optional<VocabSet> fgovdTrain, fgovdVal;
    std::string identityJson;                // hashes of the caches, for runs.data_identity
    // Only filled when loaded with `allowIncomplete`: benchmarks that can be
    // browsed but not scored (no features, or features that failed to load;
    // objects/captions undefined), and one "FILE: problem" line per thing
    // left out.
    std::vector<Bench> unencoded;
    std::vector<std::string> problems;
};
// Strict by default (training and evaluation need every cache); with
// `allowIncomplete` a project opens with whatever exists.
ProjectData loadProjectData(const Project& project, const JobContext* ctx = nullptr, bool allowIncomplete = false);

struct EvalSummary {
    std::map<std::string, double> meanRank, medianRank;   // per benchmark key
    double meanRankSum = 0;
    double i2t[3] = {0, 0, 0}, t2i[3] = {0, 0, 0};        // R@1/5/10 in %, when cocoTest exists
    bool hasRecall = false;
};

// Evaluates a head on every benchmark (protocol N) and on retrieval; when
// `log`/`runId` are given, writes the metrics and per-object results.
EvalSummary evaluateProject(SimilarityHeadImpl& head, const ProjectData& data, const JobContext* ctx = nullptr,
                            ExperimentLog* log = nullptr, int64_t runId = 0);

// Evaluates a head as one logged run (stage "eval" unless `run` says
// otherwise), marked finished, cancelled or failed as it ends.
std::pair<int64_t, EvalSummary> evaluateLogged(SimilarityHeadImpl& head, const ProjectData& data, ExperimentLog& log,
                                               RunRecord run, const JobContext* ctx = nullptr);

struct TrainJobResult {
    int64_t runId = 0;
    Trainer::Status status = Trainer::Status::Finished;
    std::string weightsPath;                 // best epoch's state dict
    EvalSummary summary;                     // of the best weights (finished runs)
};

// Trains one head on the project's data as one logged run: the run row is
// created first (status running), epochs are logged as they end, the work
// directory is LOG.runs/<id> beside the log; a cancelled run can be resumed by
// passing its id as `resumeRunId`. Errors mark the run failed and rethrow.
TrainJobResult trainLogged(const ProjectData& data, ExperimentLog& log, TrainConfig config,
                           const std::string& name, std::optional<int64_t> parentRunId, const JobContext& ctx,
                           const std::function<void(const EpochReport&)>& onEpoch = {},
                           const std::function<void(const StepReport&)>& onStep = {},
                           std::optional<int64_t> resumeRunId = std::nullopt,
                           const std::function<void(int64_t runId)>& onRunCreated = {});

// JSON key -> summary for "cosine", "<head>/warmup", "<head>/finetune".
struct ReproduceResult {
    std::vector<std::pair<std::string, EvalSummary>> rows;
    std::map<std::string, int64_t> runIds;
};
ReproduceResult reproduceProtocol(const ProjectData& data, ExperimentLog& log, const std::string& preset,
                                  const JobContext& ctx, int epochsOverride = 0);

std::string evalSummaryJson(const EvalSummary& s);   // the OUT.json value format

} // namespace fglens

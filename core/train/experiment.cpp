#include "train/experiment.h"

#include "common/error.h"
#include "common/remove_tree.h"
#include "data/coco_captions.h"
#include "data/feature_cache.h"
#include "data/fgovd.h"
#include "data/project_init.h"
#include "train/fgclip_bench.h"
#include "data/state_dict.h"
#include "eval/fgovd_eval.h"
#include "eval/retrieval.h"
#include "store/experiment_log.h"
#include "store/log_location.h"
#include "train/protocol_plan.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cctype>
#include <filesystem>

namespace fglens {
namespace {

namespace fs = std::filesystem;

// Features whose identity says they were made from another version of the
// data file are refused: mixing them would give silently wrong numbers.
void checkDataset(const CacheIdentity& id, const std::string& cachePath, const std::string& dataPath)
{
    if (id.datasetSha256.empty())
        return;
    const std::string actual = sha256File(dataPath);
    if (actual != id.datasetSha256)
        fail(cachePath, "stale feature cache: made from another version of " + dataPath +
                            " (re-encode it with fglens-cli encode-benchmark)");
}

PairSet pairSetFrom(const ProjectEntry& e, nlohmann::json& identity)
{
    if (e.features.empty())
        fail(e.file, "caption set has no feature cache in the project");
    const auto c = loadCaptionSetCache(e.features);
    checkDataset(c.identity, e.features, e.file);
    identity[e.key] = {{"file", e.file}, {"dataset_sha256", c.identity.datasetSha256},
                       {"encoder", c.identity.encoder}, {"model_sha256", c.identity.modelSha256}};
    PairSet p;
    // Kept in the caches' precision: batches are widened as they are drawn.
    p.images = c.imageFeatures;
    p.captions = c.captionFeatures;
    const auto ci = c.captionImage.contiguous();
    p.captionImage.assign(ci.data_ptr<int64_t>(), ci.data_ptr<int64_t>() + ci.numel());
    return p;
}

ProjectData::Bench loadBench(const ProjectEntry& e, nlohmann::json& identity, const JobContext* ctx)
{
    ProjectData::Bench b;
    b.key = e.key;
    if (isFgclipCache(e.features) || isFgclipCache(e.file))
        return loadFgclipBench(e, identity, ctx);
    b.benchmark = std::make_shared<FgBenchmark>(FgBenchmark::load(e.file, ctx));
    if (e.features.empty())
        fail(e.file, "benchmark has no feature cache in the project");
    const auto c = loadBenchmarkCache(e.features);
    checkDataset(c.identity, e.features, e.file);
    identity[e.key] = {{"file", e.file}, {"dataset_sha256", c.identity.datasetSha256},
                       {"encoder", c.identity.encoder}, {"model_sha256", c.identity.modelSha256}};
    auto aligned = alignToBenchmark(c, *b.benchmark, e.features, true);
    b.objects = aligned.objects;
    b.captions = aligned.captions;
    b.captionPresent = std::move(aligned.captionPresent);
    return b;
}

std::vector<VocabSet> benchmarkVocabSets(const ProjectData& d)
{
    std::vector<VocabSet> sets;
    for (const auto& b : d.benchmarks)
        sets.push_back(makeVocabSet(*b.benchmark, b.objects, b.captions, protocolNegatives(b.key), b.key));
    return sets;
}

void logSummary(ExperimentLog& log, int64_t runId, const EvalSummary& s, const std::vector<MetricRecord>& extra)
{
    std::vector<MetricRecord> m = extra;
    for (const auto& [k, v] : s.meanRank)
        m.push_back({runId, "mean_rank/" + k, 0, v});
    for (const auto& [k, v] : s.medianRank)
        m.push_back({runId, "median_rank/" + k, 0, v});
    m.push_back({runId, "mean_rank_sum", 0, s.meanRankSum});
    if (s.hasRecall) {
        const char* names[] = {"r1", "r5", "r10"};
        for (int i = 0; i < 3; ++i) {
            m.push_back({runId, std::string("i2t_") + names[i], 0, s.i2t[i]});
            m.push_back({runId, std::string("t2i_") + names[i], 0, s.t2i[i]});
        }
    }
    log.addMetrics(runId, m);
}

// Run artifacts live beside the log they belong to (LOG.runs/<id>/), so two
// logs in one project never share a directory. A server log has no folder:
// its runs go into the project's folder (shared by the nodes of a cluster),
// named for the server and database.
std::string runDir(const ExperimentLog& log, const Project& project, int64_t runId)
{
    if (log.isServer()) {
        std::string name = log.path().substr(log.path().find("://") + 3);
        name = name.substr(0, name.find('?'));
        if (const size_t at = name.rfind('@'); at != std::string::npos)
            name = name.substr(at + 1);   // host:port/dbname, whoever the user
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.')
                c = '_';
        return (fs::path(project.dir) / (name + ".runs") / std::to_string(runId)).string();
    }
    fs::path p(log.path());
    return (p.parent_path() / (p.stem().string() + ".runs") / std::to_string(runId)).string();
}

} // namespace

ProjectData loadProjectData(const Project& project, const JobContext* ctx, bool allowIncomplete)
{
    ProjectData d;
    d.project = project;
    nlohmann::json identity = nlohmann::json::object();
    // Incomplete projects: what cannot be loaded is noted and left out, so
    // the rest stays browsable.
    auto tolerate = [&](const auto& load) {
        if (!allowIncomplete) {
            load();
            return;
        }
        try {
            load();
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& ex) {
            d.problems.push_back(ex.what());
        }
    };
    for (const auto& key : benchmarkKeys()) {
        const ProjectEntry* e = project.benchmark(key);
        if (!e)
            continue;
        if (ctx)
            ctx->checkCancelled();
        if (!allowIncomplete) {
            d.benchmarks.push_back(loadBench(*e, identity, ctx));
            continue;
        }
        try {
            d.benchmarks.push_back(loadBench(*e, identity, ctx));
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& ex) {
            if (!e->features.empty())
                d.problems.push_back(ex.what());
            // Browsable without features when the benchmark itself reads.
            tolerate([&] {
                ProjectData::Bench b;
                b.key = e->key;
                b.benchmark = std::make_shared<FgBenchmark>(FgBenchmark::load(e->file, ctx));
                b.captionPresent.assign(b.benchmark->captions.size(), false);
                d.unencoded.push_back(std::move(b));
            });
        }
    }
    auto vocabSet = [&](const ProjectEntry& e) {
        auto b = loadBench(e, identity, ctx);
        return makeVocabSet(*b.benchmark, b.objects, b.captions, 10, e.key);
    };
    // Sets without features are simply not there yet: the summary says so.
    auto encoded = [&](const std::optional<ProjectEntry>& e) { return e && (!allowIncomplete || !e->features.empty()); };
    if (encoded(project.fgovdTrain))
        tolerate([&] { d.fgovdTrain = vocabSet(*project.fgovdTrain); });
    if (encoded(project.fgovdVal))
        tolerate([&] { d.fgovdVal = vocabSet(*project.fgovdVal); });
    if (encoded(project.cocoTrain))
        tolerate([&] { d.cocoTrain = pairSetFrom(*project.cocoTrain, identity); });
    if (encoded(project.cocoVal))
        tolerate([&] { d.cocoVal = pairSetFrom(*project.cocoVal, identity); });
    if (encoded(project.cocoTest))
        tolerate([&] { d.cocoTest = pairSetFrom(*project.cocoTest, identity); });
    d.identityJson = identity.dump();
    return d;
}

EvalSummary evaluateProject(SimilarityHeadImpl& head, const ProjectData& data, const JobContext* ctx,
                            ExperimentLog* log, int64_t runId)
{
    torch::NoGradGuard noGrad;
    head.eval();
    EvalSummary s;
    std::vector<MetricRecord> extra;
    std::vector<ObjectResult> objects;
    for (const auto& b : data.benchmarks) {
        if (ctx) {
            ctx->checkCancelled();
            ctx->report("evaluate", 0, 0, b.key);
        }
        FgEvalOptions o;
        o.negatives = protocolNegatives(b.key);
        const auto r = evaluateFgovd(head, *b.benchmark, b.objects, b.captions, o, ctx);
        s.meanRank[b.key] = r.summary.meanRank;
        s.medianRank[b.key] = r.summary.medianRank;
        s.meanRankSum += r.summary.meanRank;
        for (const auto& [n, sum] : r.perNegatives)
            extra.push_back({runId, "rank_vs_n/" + b.key, n, sum.meanRank});
        const size_t width = static_cast<size_t>(o.negatives + 1);
        for (size_t i = 0; i < r.objectIndices.size(); ++i) {
            const auto& obj = b.benchmark->objects[static_cast<size_t>(r.objectIndices[i])];
            objects.push_back({b.key, obj.id, r.ranks[i],
                               std::vector<float>(r.scores.begin() + static_cast<std::ptrdiff_t>(i * width),
                                                  r.scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * width))});
        }
    }
    if (data.cocoTest) {
        const auto& t = *data.cocoTest;
        const auto r = evaluateRetrieval(head, t.images, t.captions, t.captionImage, {}, ctx);
        s.hasRecall = true;
        s.i2t[0] = r.i2t.r1, s.i2t[1] = r.i2t.r5, s.i2t[2] = r.i2t.r10;
        s.t2i[0] = r.t2i.r1, s.t2i[1] = r.t2i.r5, s.t2i[2] = r.t2i.r10;
    }
    if (log) {
        logSummary(*log, runId, s, extra);
        log->addObjectResults(runId, objects);
    }
    return s;
}

std::pair<int64_t, EvalSummary> evaluateLogged(SimilarityHeadImpl& head, const ProjectData& data, ExperimentLog& log,
                                               RunRecord run, const JobContext* ctx)
{
    if (run.stage.empty())
        run.stage = "eval";
    if (run.dataIdentity.empty() || run.dataIdentity == "{}")
        run.dataIdentity = data.identityJson;
    const int64_t id = log.beginRun(run);
    try {
        const EvalSummary s = evaluateProject(head, data, ctx, &log, id);
        log.finishRun(id, RunStatus::Finished);
        return {id, s};
    } catch (const Cancelled&) {
        log.finishRun(id, RunStatus::Cancelled);
        throw;
    } catch (const std::exception& e) {
        log.finishRun(id, RunStatus::Failed, e.what());
        throw;
    }
}

TrainJobResult trainLogged(const ProjectData& data, ExperimentLog& log, TrainConfig config, const std::string& name,
                           std::optional<int64_t> parentRunId, const JobContext& ctx,
                           const std::function<void(const EpochReport&)>& onEpoch,
                           const std::function<void(const StepReport&)>& onStep, std::optional<int64_t> resumeRunId,
                           const std::function<void(int64_t runId)>& onRunCreated)
{
    TrainJobResult result;
    if (parentRunId && config.initWeights.empty()) {
        const auto parent = log.run(*parentRunId);
        if (!parent || parent->weightsPath.empty())
            fail(log.path(), "run " + std::to_string(*parentRunId) + " has no trained weights to start from");
        config.initWeights = parent->weightsPath;
    }
    if (resumeRunId) {
        const auto run = log.run(*resumeRunId);
        if (!run)
            fail(log.path(), "no run " + std::to_string(*resumeRunId) + " to resume");
        if (run->status == RunStatus::Finished)
            fail(log.path(), "run " + std::to_string(*resumeRunId) + " has already finished");
        config = TrainConfig::fromJson(run->configJson, log.path());
        result.runId = *resumeRunId;
        log.resumeRun(result.runId);
    } else {
        RunRecord r;
        r.name = name;
        r.headKind = headKindName(config.head);
        r.stage = stageName(config.stage);
        r.parentId = parentRunId;
        r.configJson = config.toJson();
        r.seed = static_cast<int64_t>(config.seed);
        r.dataIdentity = data.identityJson;
        result.runId = log.beginRun(r);
    }
    const int64_t id = result.runId;
    if (onRunCreated)
        onRunCreated(id);
    try {
        TrainData td;
        if (config.stage == Stage::Warmup) {
            td.trainPairs = data.cocoTrain;
        } else {
            td.trainVocab = data.fgovdTrain;
            td.valVocab = data.fgovdVal;
        }
        td.valPairs = data.cocoVal;
        td.valBenchmarks = benchmarkVocabSets(data);
        const std::string dir = runDir(log, data.project, id);
        if (!resumeRunId) {
            // Left over from a log that was deleted and recreated: not ours,
            // and its checkpoints must not be taken for this run's.
            if (!removeTree(dir))
                fail(dir, "cannot remove a leftover run directory from an earlier log with this name");
        }
        Trainer trainer(config, td, dir);
        auto epochLogger = [&](const EpochReport& e) {
            std::vector<MetricRecord> m = {{id, "train_loss", e.epoch, e.trainLoss}, {id, "val_loss", e.epoch, e.valLoss}};
            for (const auto& [k, v] : e.metrics)
                m.push_back({id, "val/" + k, e.epoch, v});
            log.addMetrics(id, m);
            if (onEpoch)
                onEpoch(e);
        };
        result.status = trainer.run(ctx, epochLogger, onStep);
        if (result.status == Trainer::Status::Cancelled) {
            log.finishRun(id, RunStatus::Cancelled, "cancelled; resumable from its last checkpoint");
            return result;
        }
        result.weightsPath = trainer.bestWeightsPath();
        log.setWeightsPath(id, result.weightsPath);
        auto head = makeHead(config.head);
        loadHeadWeights(*head, loadStateDict(result.weightsPath), result.weightsPath);
        result.summary = evaluateProject(*head, data, &ctx, &log, id);
        log.addMetric(id, "best_epoch", 0, trainer.bestEpoch());
        log.finishRun(id, RunStatus::Finished);
    } catch (const Cancelled&) {
        log.finishRun(id, RunStatus::Cancelled, "cancelled during evaluation");
        result.status = Trainer::Status::Cancelled;
    } catch (const std::exception& e) {
        log.finishRun(id, RunStatus::Failed, e.what());
        throw;
    }
    return result;
}

ReproduceResult reproduceProtocol(const ProjectData& data, ExperimentLog& log, const std::string& preset,
                                  const JobContext& ctx, int epochsOverride)
{
    ReproduceResult out;
    for (const ProtocolStep& step : reproducePlan(preset, epochsOverride)) {
        if (!step.train) {
            RunRecord r;
            r.name = step.key;
            r.headKind = "cosine";
            auto head = makeHead(HeadKind::Cosine);
            const auto [id, summary] = evaluateLogged(*head, data, log, r, &ctx);
            out.rows.emplace_back(step.key, summary);
            out.runIds[step.key] = id;
            continue;
        }
        std::optional<int64_t> parent;
        if (!step.parentKey.empty())
            parent = out.runIds.at(step.parentKey);
        const auto r = trainLogged(data, log, *step.train, step.key, parent, ctx);
        if (r.status == Trainer::Status::Cancelled)
            throw Cancelled();
        out.rows.emplace_back(step.key, r.summary);
        out.runIds[step.key] = r.runId;
    }
    return out;
}

std::string evalSummaryJson(const EvalSummary& s)
{
    nlohmann::ordered_json j;
    nlohmann::ordered_json mr;
    for (const auto& k : benchmarkKeys())
        if (s.meanRank.count(k))
            mr[k] = s.meanRank.at(k);
    j["mean_rank"] = mr;
    j["mean_rank_sum"] = s.meanRankSum;
    if (s.hasRecall)
        j["recall"] = {{"i2t", {s.i2t[0], s.i2t[1], s.i2t[2]}}, {"t2i", {s.t2i[0], s.t2i[1], s.t2i[2]}}};
    else
        j["recall"] = nullptr;
    return j.dump();
}

} // namespace fglens

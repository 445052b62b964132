#include "eval/detector_import.h"

#include "common/error.h"
#include "common/sha256.h"
#include "data/detector_predictions.h"
#include "data/fgovd.h"
#include "eval/detector_ranks.h"
#include "store/experiment_log.h"
#include "store/log_location.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace fglens {

std::string fileSha256(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot read the file");
    Sha256 h;
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        h.update(buf, static_cast<size_t>(in.gcount()));
    }
    return h.hexDigest();
}

DetectorImportResult importDetector(const std::string& logPath, const DetectorImportRequest& q)
{
    const std::string& key = q.key;
    const FgBenchmark b = FgBenchmark::load(q.benchmark);
    const DetectorPredictions p = loadDetectorPredictions(q.predictions);
    const DetectorRanks r = rankDetector(b, p, q.negatives);

    std::vector<ObjectResult> objects;
    objects.reserve(r.objects.size());
    for (const auto& o : r.objects) {
        ObjectResult res{key, o.annotationId, o.rank, o.scores};
        if (o.matched)
            res.box = o.box;
        objects.push_back(std::move(res));
    }
    auto metric = [](const std::string& m, double v) { return MetricRecord{0, m, 0, v}; };
    std::vector<MetricRecord> metrics = {
        metric("objects/" + key, static_cast<double>(r.objects.size())),
        metric("unmatched/" + key, static_cast<double>(r.unmatched)),
    };
    if (r.meanRank)
        metrics.push_back(metric("mean_rank/" + key, *r.meanRank));
    if (r.medianRank)
        metrics.push_back(metric("median_rank/" + key, *r.medianRank));
    if (r.medianRankFgovd)
        metrics.push_back(metric("median_rank_fgovd/" + key, *r.medianRankFgovd));

    ExperimentLog log(logPath);
    if (q.addTo) {
        const auto run = log.run(*q.addTo);
        if (!run)
            fail(redactedLocation(logPath), "no run " + std::to_string(*q.addTo));
        if (run->stage != "detector")
            fail(redactedLocation(logPath), "run " + std::to_string(*q.addTo) + " is a " + run->stage + " run, not a detector run");
    }
    // Mean Rank Sum over the benchmarks the run holds, this one included.
    double sum = r.meanRank.value_or(0.0);
    if (q.addTo)
        for (const auto& [m, v] : log.finalMetrics(*q.addTo))
            if (m.rfind("mean_rank/", 0) == 0 && m != "mean_rank/" + key)
                sum += v;
    metrics.push_back(metric("mean_rank_sum", sum));

    nlohmann::ordered_json config;
    config["protocol"] = "FG-OVD evaluation/ranks.py (nms=True, iou=0.5)";
    config["negatives"] = q.negatives;
    nlohmann::ordered_json identity;
    identity[key] = {{"benchmark", q.benchmark},
                     {"benchmark_sha256", fileSha256(q.benchmark)},
                     {"predictions", q.predictions},
                     {"predictions_sha256", fileSha256(q.predictions)},
                     {"negatives", q.negatives}};
    DetectorImportResult out;
    if (q.addTo) {
        // The run's identity gains this benchmark's entry; the rest stays.
        const auto run = log.run(*q.addTo);
        nlohmann::ordered_json merged = nlohmann::ordered_json::parse(run->dataIdentity, nullptr, false);
        if (!merged.is_object())
            merged = nlohmann::ordered_json::object();
        merged[key] = identity[key];
        log.replaceBenchmarkResults(*q.addTo, key, metrics, objects, merged.dump());
        out.run = *q.addTo;
    } else {
        RunRecord run;
        run.name = q.name;
        run.headKind = "detector";
        run.stage = "detector";
        run.configJson = config.dump();
        run.dataIdentity = identity.dump();
        out.run = log.importRun(run, metrics, objects);
    }
    out.key = key;
    out.objects = static_cast<int64_t>(r.objects.size());
    out.unmatched = r.unmatched;
    out.meanRank = r.meanRank;
    return out;
}

std::optional<int64_t> findDetectorRun(const ExperimentLog& log, const std::string& name)
{
    for (const RunRecord& r : log.runs())   // newest first
        if (r.stage == "detector" && r.name == name && r.status == RunStatus::Finished)
            return r.id;
    return std::nullopt;
}

bool detectorImportCurrent(const ExperimentLog& log, int64_t runId, const std::string& key,
                           const std::string& predictions, int negatives)
{
    const auto run = log.run(runId);
    if (!run)
        return false;
    const auto identity = nlohmann::json::parse(run->dataIdentity, nullptr, false);
    if (!identity.is_object() || !identity.contains(key) || !identity[key].is_object())
        return false;
    const auto& e = identity[key];
    if (e.value("negatives", -1) != negatives)
        return false;
    const std::string sha = e.value("predictions_sha256", std::string());
    return !sha.empty() && sha == fileSha256(predictions);
}

} // namespace fglens

// Detector predictions in FG-OVD's format: ranked exactly as FG-OVD's
// ranks.py ranks them, imported into the experiment log as runs of stage
// "detector", and set against a CLIP run for the paper's first question.
#include "command.h"

#include "common/error.h"
#include "data/detector_predictions.h"
#include "data/fgovd.h"
#include "eval/detector_import.h"
#include "eval/detector_q1.h"
#include "eval/detector_ranks.h"
#include "store/experiment_log.h"
#include "store/log_location.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

namespace fglens::cli {
namespace {

// --negatives, or the benchmark's protocol N (DESIGN.md §3) when absent.
int negativesFor(Args& args, const std::string& key)
{
    const long n = args.integer("negatives", protocolNegatives(key));
    if (n < 1 || n > 1000)
        throw UsageError{"--negatives must be between 1 and 1000"};
    return static_cast<int>(n);
}

template <typename T>
nlohmann::ordered_json orNull(const std::optional<T>& v)
{
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json ranksJson(const DetectorRanks& r)
{
    nlohmann::ordered_json out;
    out["objects"] = r.objects.size();
    out["unmatched"] = r.unmatched;
    out["mean_rank"] = orNull(r.meanRank);
    out["median_rank"] = orNull(r.medianRank);
    out["median_rank_fgovd"] = orNull(r.medianRankFgovd);
    // By annotation id; an object ranked twice (two groups for one image and
    // caption) keeps its last rank, as ranks.py's per-object list would read.
    std::map<int64_t, int> byId;
    for (const auto& o : r.objects)
        byId[o.annotationId] = o.rank;
    nlohmann::ordered_json ranks = nlohmann::ordered_json::object();
    for (const auto& [id, rank] : byId)
        ranks[std::to_string(id)] = rank;
    out["ranks"] = ranks;
    return out;
}

std::string stemOf(const std::string& path)
{
    return std::filesystem::path(path).stem().string();
}

int runRanks(Args& args)
{
    const std::string benchmark = args.required("benchmark");
    const std::string predictions = args.required("predictions");
    const int n = negativesFor(args, benchmarkKey(stemOf(benchmark)));
    args.finish();
    const FgBenchmark b = FgBenchmark::load(benchmark);
    const DetectorPredictions p = loadDetectorPredictions(predictions);
    std::cout << ranksJson(rankDetector(b, p, n)).dump(2) << "\n";
    return 0;
}

int runImport(Args& args)
{
    const std::string logPath = args.required("log");
    const std::string benchmark = args.required("benchmark");
    const std::string predictions = args.required("predictions");
    const std::string key = args.value("benchmark-key", benchmarkKey(stemOf(benchmark)));
    const int n = negativesFor(args, key);
    const auto name = args.optional("name");
    const auto addTo = args.optional("run");
    args.finish();
    if (!name && !addTo)
        throw UsageError{"--name NAME (a new run) or --run RUN (add to a detector run) is required"};
    if (key.empty())
        throw UsageError{"--benchmark-key must not be empty"};
    std::optional<int64_t> runId;
    if (addTo) {
        try {
            runId = std::stoll(*addTo);
        } catch (const std::exception&) {
            throw UsageError{"--run expects a run id, got '" + *addTo + "'"};
        }
    }

    DetectorImportRequest request;
    request.benchmark = benchmark;
    request.predictions = predictions;
    request.key = key;
    request.negatives = n;
    request.name = name.value_or(std::string());
    request.addTo = runId;
    const DetectorImportResult r = importDetector(logPath, request);
    nlohmann::ordered_json out;
    out["run"] = r.run;
    out["benchmark"] = key;
    out["objects"] = r.objects;
    out["unmatched"] = r.unmatched;
    out["mean_rank"] = orNull(r.meanRank);
    std::cout << out.dump(2) << "\n";
    return 0;
}

int64_t runIdArg(Args& args, const std::string& option)
{
    const std::string v = args.required(option);
    try {
        size_t used = 0;
        const long long id = std::stoll(v, &used);
        if (used == v.size())
            return id;
    } catch (const std::exception&) {
    }
    throw UsageError{"--" + option + " expects a run id, got '" + v + "'"};
}

int runQ1(Args& args)
{
    const std::string logPath = args.required("log");
    const int64_t detectorId = runIdArg(args, "detector");
    const int64_t clipId = runIdArg(args, "clip");
    const std::string format = args.value("format", "json");
    args.finish();
    if (format != "json" && format != "csv" && format != "latex")
        throw UsageError{"--format must be json, csv or latex"};
    ExperimentLog log(logPath);
    const auto det = log.run(detectorId);
    if (!det)
        fail(redactedLocation(logPath), "no run " + std::to_string(detectorId));
    if (det->stage != "detector")
        fail(redactedLocation(logPath), "run " + std::to_string(detectorId) + " is not a detector run (stage " + det->stage + ")");
    if (!log.run(clipId))
        fail(redactedLocation(logPath), "no run " + std::to_string(clipId));
    const auto rows = detectorQ1(log.objectResults(detectorId), log.objectResults(clipId));
    if (format == "csv")
        std::cout << q1Csv(rows);
    else if (format == "latex")
        std::cout << q1Latex(rows, det->name);
    else
        std::cout << q1Json(rows, detectorId, clipId) << "\n";
    return 0;
}

const Registrar ranksReg{Command{
    "detector-ranks", "rank FG-OVD detector predictions exactly as FG-OVD's ranks.py",
    "Usage: fglens-cli detector-ranks --benchmark B.json --predictions P.pkl|P.json [--negatives N]\n\n"
    "Prints JSON: {\"objects\", \"unmatched\", \"mean_rank\", \"median_rank\", \"median_rank_fgovd\",\n"
    "\"ranks\": {\"<annotation id>\": rank}}. median_rank is sorted[n/2] (this project's rule),\n"
    "median_rank_fgovd sorted[n/2 + 1] (FG-OVD's detector rule); null where undefined.\n"
    "P: FG-OVD's pickle (list of groups: image_filepath, category_id, vocabulary, boxes, scores,\n"
    "labels, total_scores; NumPy arrays inside) or the same structure as JSON.\n"
    "--negatives defaults to the benchmark's protocol N (10; pattern 7; transparency 2).\n",
    runRanks}};

const Registrar importReg{Command{
    "detector-import", "log detector predictions as a run of stage 'detector'",
    "Usage: fglens-cli detector-import --log LOG --benchmark B.json --predictions P.pkl|P.json\n"
    "       (--name NAME | --run RUN) [--negatives N] [--benchmark-key K]\n\n"
    "Ranks P as detector-ranks does and records, in one transaction, per object its rank, its vocabulary\n"
    "scores (the matched box's total_scores; zeros when unmatched) and the matched box, with the metrics\n"
    "mean_rank/K, median_rank/K, median_rank_fgovd/K, objects/K, unmatched/K and mean_rank_sum.\n"
    "  --name NAME   a new run (e.g. \"OWL B/16\")\n"
    "  --run RUN     add this benchmark to an existing detector run (replacing its earlier results for K)\n"
    "  --benchmark-key K   defaults to the paper's key for B's file name (3_attributes -> easy)\n"
    "Prints JSON: {\"run\", \"benchmark\", \"objects\", \"unmatched\", \"mean_rank\"}.\n",
    runImport}};

const Registrar q1Reg{Command{
    "detector-q1", "Q1 table: objects a detector ranks wrong that CLIP on the crop also ranks wrong",
    "Usage: fglens-cli detector-q1 --log LOG --detector RUN --clip RUN [--format json|csv|latex]\n\n"
    "Per benchmark, over the objects both runs ranked: objects, detector_wrong (detector rank > 1),\n"
    "clip_also_wrong (of those, CLIP rank > 1), unmatched (of those, no box matched), and\n"
    "without_clip_result (detector objects the CLIP run lacks, left out of the rest).\n",
    runQ1}};

} // namespace
} // namespace fglens::cli

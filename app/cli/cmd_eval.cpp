#include "command.h"
#include "head_args.h"

#include "data/fgclip_cache.h"
#include "eval/fgovd_eval.h"
#include "project_args.h"
#include "store/experiment_log.h"
#include "train/experiment.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fglens::cli {
namespace {

nlohmann::ordered_json summaryJson(const RankSummary& s)
{
    nlohmann::ordered_json j;
    j["mean_rank"] = s.meanRank;
    j["median_rank"] = s.medianRank;
    return j;
}

// Every benchmark of a project at its protocol N, and retrieval; optionally logged.
int runProjectEval(Args& args)
{
    const auto pa = projectFromArgs(args);
    const bool logIt = args.flag("record");
    auto head = headFromArgs(args);
    const std::string weights = args.value("weights", "");
    args.finish();
    const auto data = loadProjectData(pa.project);
    if (!logIt) {
        std::cout << evalSummaryJson(evaluateProject(*head, data)) << "\n";
        return 0;
    }
    ExperimentLog log(pa.logPath);
    RunRecord r;
    r.name = headKindName(head->kind()) + " eval";
    r.headKind = headKindName(head->kind());
    r.weightsPath = weights;
    std::cout << evalSummaryJson(evaluateLogged(*head, data, log, r).second) << "\n";
    return 0;
}

int runEval(Args& args)
{
    if (args.optional("project"))
        return runProjectEval(args);
    const std::string cache = args.required("fgclip-cache");
    FgEvalOptions opt;
    opt.negatives = static_cast<int>(args.integer("negatives", 10));
    if (opt.negatives < 1)
        throw UsageError{"--negatives must be at least 1"};
    opt.fp16Scores = args.flag("fp16-scores");
    if (args.flag("reference-text-norm"))
        opt.textNorm = TextNorm::AcrossCaptions;
    auto head = headFromArgs(args);
    args.finish();

    const BenchmarkFeatures data = loadFgclipCache(cache);
    const FgEvalResult r = evaluateFgovd(*head, data.benchmark, data.objectFeatures, data.captionFeatures, opt);

    nlohmann::ordered_json out;
    out["objects"] = r.summary.objects;
    out["mean_rank"] = r.summary.meanRank;
    out["median_rank"] = r.summary.medianRank;
    nlohmann::ordered_json per = nlohmann::ordered_json::object();
    for (const auto& [n, s] : r.perNegatives) {
        auto j = summaryJson(s);
        j["objects"] = s.objects;
        per[std::to_string(n)] = j;
    }
    out["per_n_negatives"] = per;
    std::cout << out.dump(2) << "\n";
    return 0;
}

const Registrar reg{Command{
    "eval", "FG-OVD ranks of a head on an FG-CLIP feature cache",
    std::string("Usage: fglens-cli eval --fgclip-cache CACHE.pt --negatives N --head KIND [--weights FILE]\n"
                "       fglens-cli eval --project DIR --head KIND [--weights FILE] [--record [--log LOG]]\n\n"
                "With --project: every benchmark at its protocol N and retrieval on coco_test, printed as\n"
                "{\"mean_rank\": {...}, \"mean_rank_sum\": x, \"recall\": {...}}; --record logs it as a run.\n\n"
                "Prints JSON: {\"objects\", \"mean_rank\", \"median_rank\", \"per_n_negatives\": {\"1\": {...}, ...}}.\n"
                "Objects with fewer than N negatives are left out; per_n_negatives[n] cuts the vocabulary to\n"
                "the positive and the first n negatives over the objects that have at least n.\n"
                "  --fp16-scores         round scores to fp16 before ranking (reference quirk 3)\n"
                "  --reference-text-norm normalise text across captions (reference quirk 1)\n") +
        kHeadOptionsHelp,
    runEval}};

} // namespace
} // namespace fglens::cli

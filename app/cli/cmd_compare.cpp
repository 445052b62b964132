#include "command.h"
#include "log_args.h"

#include "analysis/run_comparison.h"
#include "store/experiment_log.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fglens::cli {
namespace {

int runCompare(Args& args)
{
    const std::string logPath = args.required("log");
    const auto runs = args.list("runs");
    analysis::BootstrapOptions o;
    o.resamples = static_cast<int>(args.integer("resamples", o.resamples));
    o.seed = static_cast<uint64_t>(args.integer("seed", static_cast<long>(o.seed)));
    args.finish();
    if (runs.size() != 2)
        throw UsageError{"--runs takes two run ids, A,B"};
    if (o.resamples < 1)
        throw UsageError{"--resamples must be at least 1"};
    const int64_t a = parseRunId(runs[0], "--runs"), b = parseRunId(runs[1], "--runs");
    const ExperimentLog log(existingLog(logPath));
    nlohmann::ordered_json benchmarks = nlohmann::ordered_json::object();
    for (const auto& [key, c] : analysis::compareRuns(log, a, b, o)) {
        nlohmann::ordered_json j;
        j["objects"] = c.objects;
        j["mean_rank_a"] = c.meanRankA;
        j["mean_rank_b"] = c.meanRankB;
        j["diff"] = c.diff;
        j["diff_ci95"] = {c.diffCi.lo, c.diffCi.hi};
        j["wilcoxon_p"] = c.wilcoxon.p;
        j["mcnemar_p"] = c.mcnemarP;
        benchmarks[key] = j;
    }
    nlohmann::ordered_json out;
    out["benchmarks"] = benchmarks;
    std::cout << out.dump(2) << "\n";
    return 0;
}

const Registrar reg{Command{
    "compare", "paired comparison of two runs: mean rank difference, bootstrap CI, Wilcoxon and McNemar",
    "Usage: fglens-cli compare --log LOG --runs A,B [--resamples N] [--seed S]\n\n"
    "  For every benchmark both runs have per-object results for, over the same objects:\n"
    "  {\"benchmarks\": {\"<key>\": {\"objects\": n, \"mean_rank_a\": x, \"mean_rank_b\": y, \"diff\": y-x,\n"
    "   \"diff_ci95\": [lo, hi], \"wilcoxon_p\": p, \"mcnemar_p\": q}, ...}}\n"
    "  diff_ci95   paired percentile bootstrap of the mean rank difference (objects resampled,\n"
    "              --resamples, default 2000; --seed, default 20240419; mt19937_64, see docs)\n"
    "  wilcoxon_p  two-sided Wilcoxon signed-rank on the rank differences: zeros dropped, normal\n"
    "              approximation with tie correction, no continuity correction (1 if all are zero)\n"
    "  mcnemar_p   exact two-sided McNemar on top-1 correctness (rank 1); 1 without discordant pairs\n"
    "  Runs evaluated on different objects, negatives or benchmark files are refused.\n",
    runCompare}};

} // namespace
} // namespace fglens::cli

#include "analysis/run_comparison.h"

#include "common/error.h"
#include "store/experiment_log.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace fglens::analysis {

namespace {

struct Ranked {
    int64_t id;
    int rank;
    size_t width;   // positive + negatives
};

using ByBenchmark = std::map<std::string, std::vector<Ranked>>;

ByBenchmark rankedResults(const ExperimentLog& log, int64_t run)
{
    if (!log.run(run))
        fail(log.path(), "no run " + std::to_string(run));
    ByBenchmark out;
    for (const ObjectResult& r : log.objectResults(run))
        out[r.benchmark].push_back({r.objectId, r.rank, r.scores.size()});
    if (out.empty())
        fail(log.path(), "run " + std::to_string(run) + " has no per-object results");
    for (auto& [key, v] : out) {
        std::sort(v.begin(), v.end(), [](const Ranked& a, const Ranked& b) { return a.id < b.id; });
        for (size_t i = 1; i < v.size(); ++i)
            if (v[i].id == v[i - 1].id)
                fail(log.path(), "run " + std::to_string(run) + " has two results for object " +
                                     std::to_string(v[i].id) + " of '" + key + "'");
    }
    return out;
}

// dataset_sha256 per benchmark key, where the run recorded one.
std::map<std::string, std::string> datasetHashes(const ExperimentLog& log, int64_t run)
{
    std::map<std::string, std::string> out;
    const auto r = log.run(run);
    const auto j = nlohmann::json::parse(r->dataIdentity, nullptr, false);
    if (!j.is_object())
        return out;
    for (const auto& [key, v] : j.items())
        if (v.is_object() && v.contains("dataset_sha256") && v["dataset_sha256"].is_string() &&
            !v["dataset_sha256"].get<std::string>().empty())
            out[key] = v["dataset_sha256"].get<std::string>();
    return out;
}

std::string keyList(const ByBenchmark& m)
{
    std::string s;
    for (const auto& [k, v] : m)
        s += (s.empty() ? "" : ",") + k;
    return s;
}

} // namespace

PairedComparison comparePaired(const std::vector<int>& ranksA, const std::vector<int>& ranksB,
                               const BootstrapOptions& o)
{
    if (ranksA.size() != ranksB.size())
        throw std::invalid_argument("paired comparison of runs with different numbers of objects");
    if (ranksA.empty())
        throw std::invalid_argument("paired comparison of no objects");
    PairedComparison c;
    c.objects = static_cast<int64_t>(ranksA.size());
    std::vector<int> diff(ranksA.size());
    std::vector<double> diffD(ranksA.size());
    int64_t sumA = 0, sumB = 0;
    for (size_t i = 0; i < ranksA.size(); ++i) {
        sumA += ranksA[i];
        sumB += ranksB[i];
        diff[i] = ranksB[i] - ranksA[i];
        diffD[i] = diff[i];
        c.top1OnlyA += ranksA[i] == 1 && ranksB[i] != 1;
        c.top1OnlyB += ranksB[i] == 1 && ranksA[i] != 1;
    }
    const double n = static_cast<double>(c.objects);
    c.meanRankA = static_cast<double>(sumA) / n;
    c.meanRankB = static_cast<double>(sumB) / n;
    // Exact integer difference first, so diff is the mean of the differences
    // bit for bit (meanRankB - meanRankA could differ in the last place).
    c.diff = static_cast<double>(sumB - sumA) / n;
    c.diffCi = bootstrapMeanInterval(diff, o);
    c.wilcoxon = wilcoxonSignedRank(diffD);
    c.mcnemarP = mcnemarExact(c.top1OnlyA, c.top1OnlyB);
    return c;
}

std::map<std::string, PairedComparison> compareRuns(const ExperimentLog& log, int64_t runA, int64_t runB,
                                                    const BootstrapOptions& o)
{
    const ByBenchmark a = rankedResults(log, runA), b = rankedResults(log, runB);
    const auto hashA = datasetHashes(log, runA), hashB = datasetHashes(log, runB);
    const std::string names = "runs " + std::to_string(runA) + " and " + std::to_string(runB);
    std::map<std::string, PairedComparison> out;
    for (const auto& [key, va] : a) {
        const auto it = b.find(key);
        if (it == b.end())
            continue;
        const auto& vb = it->second;
        const auto ha = hashA.find(key), hb = hashB.find(key);
        if (ha != hashA.end() && hb != hashB.end() && ha->second != hb->second)
            fail(log.path(), names + " were evaluated on different '" + key + "' benchmark files (dataset_sha256 " +
                                 ha->second.substr(0, 12) + "... vs " + hb->second.substr(0, 12) + "...)");
        bool same = va.size() == vb.size();
        for (size_t i = 0; same && i < va.size(); ++i)
            same = va[i].id == vb[i].id;
        if (!same) {
            std::vector<int64_t> ia, ib, onlyOne;
            for (const auto& r : va)
                ia.push_back(r.id);
            for (const auto& r : vb)
                ib.push_back(r.id);
            std::set_symmetric_difference(ia.begin(), ia.end(), ib.begin(), ib.end(), std::back_inserter(onlyOne));
            fail(log.path(), names + " were evaluated on different objects of '" + key + "' (" +
                                 std::to_string(va.size()) + " vs " + std::to_string(vb.size()) + " objects, " +
                                 std::to_string(onlyOne.size()) + " in only one run, e.g. object " +
                                 std::to_string(onlyOne.front()) + ")");
        }
        std::vector<int> ra(va.size()), rb(vb.size());
        for (size_t i = 0; i < va.size(); ++i) {
            if (va[i].width != vb[i].width)
                fail(log.path(), names + " rank object " + std::to_string(va[i].id) + " of '" + key +
                                     "' against different numbers of negatives (" + std::to_string(va[i].width - 1) +
                                     " vs " + std::to_string(vb[i].width - 1) + ")");
            ra[i] = va[i].rank;
            rb[i] = vb[i].rank;
        }
        out[key] = comparePaired(ra, rb, o);
    }
    if (out.empty())
        fail(log.path(), names + " have no benchmark in common (run " + std::to_string(runA) + ": " + keyList(a) +
                             "; run " + std::to_string(runB) + ": " + keyList(b) + ")");
    return out;
}

} // namespace fglens::analysis

#include "model/result_set.h"

#include "common/qt_text.h"

#include "data/fgovd.h"
#include "eval/ranks.h"
#include "store/experiment_log.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fglens::ui {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double ResultSet::Bench::meanRank() const
{
    if (ranks.empty())
        return kNaN;
    double sum = 0;
    for (int r : ranks)
        sum += r;
    return sum / static_cast<double>(ranks.size());
}

double ResultSet::Bench::meanRankAt(int n) const
{
    if (const auto it = meanRankAtN.find(n); it != meanRankAtN.end())
        return it->second;
    if (ranks.empty() || n < 1 || n > negatives)
        return kNaN;
    double sum = 0;
    for (size_t r = 0; r < rows(); ++r)
        sum += positiveRank(row(r), n + 1);
    return sum / static_cast<double>(rows());
}

std::optional<double> ResultSet::metric(const std::string& name) const
{
    if (const auto it = metrics.find(name); it != metrics.end())
        return it->second;
    return std::nullopt;
}

double ResultSet::meanRank(const std::string& benchKey) const
{
    if (auto m = metric("mean_rank/" + benchKey))
        return *m;
    const auto it = benches.find(benchKey);
    return it == benches.end() ? kNaN : it->second.meanRank();
}

double ResultSet::meanRankSum() const
{
    if (auto m = metric("mean_rank_sum"))
        return *m;
    double sum = 0;
    for (const std::string& k : benchmarkKeys()) {
        const double v = meanRank(k);
        if (std::isnan(v))
            return kNaN;
        sum += v;
    }
    return sum;
}

double scoreMargin(const float* scores, int width)
{
    if (width < 2)
        return 0;
    float best = -std::numeric_limits<float>::infinity();
    for (int j = 1; j < width; ++j)
        best = std::max(best, scores[j]);
    return static_cast<double>(scores[0]) - static_cast<double>(best);
}

QString runLabel(const RunRecord& run)
{
    // A detector is known by the name its user gave it ("OWL B/16"), as in Fig. 3.
    if (run.stage == "detector")
        return run.name.empty() ? QStringLiteral("#%1 detector").arg(run.id) : qs(run.name);
    // Legends get crowded: the name only when it says more than head/stage.
    QString label = QStringLiteral("#%1 %2").arg(run.id).arg(qs(run.headKind));
    if (!run.stage.empty())
        label += QLatin1Char('/') + qs(run.stage);
    const std::string generic = run.headKind + "/" + run.stage;
    if (!run.name.empty() && run.name != run.headKind && run.name != generic &&
        run.name.rfind(generic + "-", 0) != 0)
        label += QStringLiteral(" (%1)").arg(qs(run.name));
    return label;
}

std::shared_ptr<ResultSet> resultSetFromLog(const ExperimentLog& log, const RunRecord& run)
{
    auto set = std::make_shared<ResultSet>();
    set->key = QStringLiteral("run:%1").arg(run.id);
    set->label = runLabel(run);
    set->runId = run.id;
    set->headKind = qs(run.headKind);
    set->stage = qs(run.stage);
    set->metrics = log.finalMetrics(run.id);
    for (ObjectResult& r : log.objectResults(run.id)) {
        ResultSet::Bench& b = set->benches[r.benchmark];
        const int negatives = static_cast<int>(r.scores.size()) - 1;
        if (negatives < 1)
            continue;
        if (b.objectIds.empty())
            b.negatives = negatives;
        if (negatives != b.negatives)
            continue;   // a malformed row must not shift every following one
        b.objectIds.push_back(r.objectId);
        b.ranks.push_back(r.rank);
        b.scores.insert(b.scores.end(), r.scores.begin(), r.scores.end());
        if (run.stage == "detector") {
            b.boxes.push_back(r.box.value_or(std::array<float, 4>{}));
            b.matched.push_back(r.box ? 1 : 0);
        }
    }
    // The exact protocol figures for N = 1..max (every object with at least n
    // negatives), as evaluateProject logged them: step = n.
    for (const MetricRecord& m : log.metrics(run.id)) {
        const std::string prefix = "rank_vs_n/";
        if (m.name.rfind(prefix, 0) == 0)
        {
            ResultSet::Bench& b = set->benches[m.name.substr(prefix.size())];
            b.meanRankAtN[static_cast<int>(m.step)] = m.value;
            if (b.objectIds.empty())
                b.negatives = std::max(b.negatives, static_cast<int>(m.step));
        }
    }
    return set;
}

} // namespace fglens::ui

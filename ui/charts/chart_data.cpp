#include "charts/chart_data.h"

#include "common/qt_text.h"

#include "common/runtime.h"
#include "data/fgovd.h"
#include "store/log_location.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <set>

namespace fglens::ui {

namespace {

QString csvField(const QString& s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

QString latexEscape(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\textbackslash{}"));
    for (const char* c : {"&", "%", "$", "#", "_", "{", "}"})
        s.replace(QLatin1String(c), QLatin1String("\\") + QLatin1String(c));
    s.replace(QLatin1Char('~'), QStringLiteral("\\textasciitilde{}"));
    s.replace(QLatin1Char('^'), QStringLiteral("\\textasciicircum{}"));
    return s;
}

QString number(double v, int decimals = 6)
{
    return std::isnan(v) ? QString() : QString::number(v, 'f', decimals);
}

} // namespace

QString provenanceLine(const std::vector<ResultSetPtr>& sets, const QString& logPath, const QString& filters)
{
    QStringList runs;
    for (const auto& s : sets)
        runs << (s->runId > 0 ? QStringLiteral("run %1 (%2)").arg(s->runId).arg(s->label) : s->label);
    return QStringLiteral("FG-Lens %1 (%2); log: %3; runs: %4; filters: %5; generated %6")
        .arg(qs(programVersion()), qs(gitCommit()), logPath.isEmpty() ? QStringLiteral("none") : qs(redactedLocation(ss(logPath))),
             runs.isEmpty() ? QStringLiteral("none") : runs.join(QStringLiteral(", ")),
             filters.isEmpty() ? QStringLiteral("none") : filters,
             QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
}

bool ChartSeries::hasErrors() const
{
    for (const QVector<double>* v : {&xErr, &yErr})
        for (double e : *v)
            if (!std::isnan(e))
                return true;
    return false;
}

std::vector<SetGroup> ungrouped(const std::vector<ResultSetPtr>& sets)
{
    std::vector<SetGroup> groups;
    for (const auto& s : sets)
        groups.push_back(SetGroup{s->label, s->key, {s}});
    return groups;
}

QString benchmarkLabel(const std::string& key)
{
    QString k = qs(key);
    if (!k.isEmpty())
        k[0] = k[0].toUpper();
    return k;
}

namespace {

// Mean and sample standard deviation of the finite values; std is NaN for
// fewer than two, so a lone run gets no error bar.
std::pair<double, double> meanStd(const std::vector<double>& values)
{
    double sum = 0;
    int n = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    if (n == 0)
        return {NAN, NAN};
    const double mean = sum / n;
    if (n < 2)
        return {mean, NAN};
    double ss = 0;
    for (double v : values)
        if (std::isfinite(v))
            ss += (v - mean) * (v - mean);
    return {mean, std::sqrt(ss / (n - 1))};
}

template <typename F>
std::pair<double, double> groupStat(const SetGroup& g, F valueOf)
{
    std::vector<double> v;
    for (const auto& s : g.members)
        v.push_back(valueOf(*s));
    return meanStd(v);
}

ChartSeries seriesOf(const SetGroup& g)
{
    ChartSeries s;
    s.name = g.label;
    s.key = g.key;
    s.seeds = static_cast<int>(g.members.size());
    return s;
}

// Random guessing ranks the positive uniformly among N + 1 captions.
double chanceRank(int negatives)
{
    return (negatives + 2) / 2.0;
}

} // namespace

ChartData meanRankChart(const std::vector<ResultSetPtr>& sets)
{
    return meanRankChart(ungrouped(sets));
}

ChartData meanRankChart(const std::vector<SetGroup>& groups)
{
    ChartData c;
    c.kind = ChartData::Kind::Bar;
    c.id = QStringLiteral("mean_rank_per_benchmark");
    c.title = QCoreApplication::translate("Charts", "Mean Rank per benchmark");
    c.xTitle = QCoreApplication::translate("Charts", "benchmark");
    c.yTitle = QCoreApplication::translate("Charts", "Mean Rank (lower is better)");
    c.yFloor = 1;
    std::vector<std::string> keys;
    for (const std::string& k : benchmarkKeys())
        for (const auto& g : groups)
            for (const auto& s : g.members)
                if (!std::isnan(s->meanRank(k)) && std::find(keys.begin(), keys.end(), k) == keys.end())
                    keys.push_back(k);
    for (const std::string& k : keys) {
        c.categories << qs(k);
        c.categoryLabels << benchmarkLabel(k);
        c.categoryChance << chanceRank(protocolNegatives(k));
    }
    for (const auto& g : groups) {
        ChartSeries series = seriesOf(g);
        bool any = false;
        for (const std::string& k : keys) {
            const auto [mean, sd] = groupStat(g, [&k](const ResultSet& s) { return s.meanRank(k); });
            series.y << mean;
            series.yErr << sd;
            any = any || !std::isnan(mean);
        }
        if (any)
            c.series << series;
    }
    if (c.series.isEmpty())
        c.emptyReason = QCoreApplication::translate("Charts", "No head or run has FG-OVD results yet.");
    return c;
}

namespace {

bool groupIs(const SetGroup& g, bool (*pred)(const ResultSet&))
{
    return !g.members.empty() && std::all_of(g.members.begin(), g.members.end(), [pred](const auto& s) { return pred(*s); });
}

bool isDetectorSet(const ResultSet& s)
{
    return s.isDetector();
}

bool isClipSet(const ResultSet& s)
{
    return s.headKind == QLatin1String("cosine");
}

} // namespace

bool hasDetector(const std::vector<SetGroup>& groups)
{
    return std::any_of(groups.begin(), groups.end(), [](const SetGroup& g) { return groupIs(g, isDetectorSet); });
}

ChartData detectorChart(const std::vector<SetGroup>& groups, bool withHeads)
{
    // CLIP first, then the detectors, then (when asked) the heads: the
    // paper's order, so the eye compares each detector with CLIP beside it.
    std::vector<SetGroup> ordered;
    for (const SetGroup& g : groups)
        if (groupIs(g, isClipSet))
            ordered.push_back(g);
    const size_t firstDetector = ordered.size();
    for (const SetGroup& g : groups)
        if (groupIs(g, isDetectorSet))
            ordered.push_back(g);
    const size_t detectors = ordered.size() - firstDetector;
    if (withHeads)
        for (const SetGroup& g : groups)
            if (!groupIs(g, isClipSet) && !groupIs(g, isDetectorSet))
                ordered.push_back(g);

    ChartData c = meanRankChart(ordered);
    c.id = QStringLiteral("fig3_detectors_vs_clip");
    c.title = QCoreApplication::translate("Charts", "Detectors beside CLIP on the crop: Mean Rank per benchmark");
    if (detectors == 0) {
        c.series.clear();
        c.categories.clear();
        c.categoryLabels.clear();
        c.categoryChance.clear();
        c.emptyReason = QCoreApplication::translate(
            "Charts", "No detector run compared: File → Import Detector Predictions…, or name the predictions in "
                      "project.json, then compare the detector run with the CLIP baseline.");
        return c;
    }
    // Only the benchmarks some detector has: the figure is about them.
    QVector<int> keep;
    for (qsizetype k = 0; k < c.categories.size(); ++k) {
        bool any = false;
        for (const ChartSeries& s : c.series)
            for (const SetGroup& g : ordered)
                if (g.key == s.key && groupIs(g, isDetectorSet) && !std::isnan(s.y.value(k, NAN)))
                    any = true;
        if (any)
            keep << static_cast<int>(k);
    }
    auto pick = [&keep](const auto& v) {
        std::decay_t<decltype(v)> out;
        for (int k : keep)
            if (k < v.size())
                out << v[k];
        return out;
    };
    c.categories = pick(c.categories);
    c.categoryLabels = pick(c.categoryLabels);
    c.categoryChance = pick(c.categoryChance);
    QVector<ChartSeries> series;
    for (ChartSeries& s : c.series) {
        s.y = pick(s.y);
        s.yErr = pick(s.yErr);
        if (std::any_of(s.y.begin(), s.y.end(), [](double v) { return !std::isnan(v); }))
            series << s;
    }
    c.series = series;
    return c;
}

ChartData rankVsNegativesChart(const std::vector<ResultSetPtr>& sets, const std::string& benchKey)
{
    return rankVsNegativesChart(ungrouped(sets), benchKey);
}

ChartData rankVsNegativesChart(const std::vector<SetGroup>& groups, const std::string& benchKey)
{
    ChartData c;
    c.kind = ChartData::Kind::Line;
    c.id = QStringLiteral("rank_vs_negatives_%1").arg(qs(benchKey));
    c.title = QCoreApplication::translate("Charts", "Mean Rank vs number of negatives (%1)").arg(benchmarkLabel(benchKey));
    c.xTitle = QCoreApplication::translate("Charts", "negatives in the vocabulary (N)");
    c.yTitle = QCoreApplication::translate("Charts", "Mean Rank (%1)").arg(benchmarkLabel(benchKey));
    c.yFloor = 1;
    c.xFloor = 1;
    c.xIntegers = true;
    int maxN = 0;
    for (const auto& g : groups) {
        ChartSeries series = seriesOf(g);
        int negatives = 0;
        for (const auto& s : g.members)
            if (const auto it = s->benches.find(benchKey); it != s->benches.end())
                negatives = std::max(negatives, it->second.negatives);
        for (int n = 1; n <= negatives; ++n) {
            const auto [mean, sd] = groupStat(g, [&](const ResultSet& s) {
                const auto it = s.benches.find(benchKey);
                return it == s.benches.end() ? NAN : it->second.meanRankAt(n);
            });
            if (std::isnan(mean))
                continue;
            series.x << n;
            series.y << mean;
            series.yErr << sd;
            maxN = std::max(maxN, n);
        }
        if (!series.x.isEmpty())
            c.series << series;
    }
    for (int n = 1; n <= maxN; ++n) {
        c.chanceX << n;
        c.chanceY << chanceRank(n);
    }
    if (c.series.isEmpty())
        c.emptyReason = QCoreApplication::translate("Charts", "No per-object scores for %1.").arg(qs(benchKey));
    return c;
}

ChartData tradeoffChart(const std::vector<ResultSetPtr>& sets, const QString& recallMetric)
{
    return tradeoffChart(ungrouped(sets), recallMetric);
}

ChartData tradeoffChart(const std::vector<SetGroup>& groups, const QString& recallMetric)
{
    ChartData c;
    c.kind = ChartData::Kind::Scatter;
    c.id = QStringLiteral("tradeoff_%1").arg(recallMetric);
    c.title = QCoreApplication::translate("Charts", "COCO retrieval vs FG-OVD (Table I)");
    c.xTitle = QCoreApplication::translate("Charts", "FG-OVD Mean Rank Sum (lower is better)");
    QString metricLabel = recallMetric;
    metricLabel.replace(QStringLiteral("i2t_r"), QStringLiteral("i2t R@"));
    metricLabel.replace(QStringLiteral("t2i_r"), QStringLiteral("t2i R@"));
    c.yTitle = QCoreApplication::translate("Charts", "COCO %1 (%)").arg(metricLabel);
    const std::string metric = ss(recallMetric);
    for (const auto& g : groups) {
        std::vector<double> xs, ys;
        for (const auto& s : g.members) {
            const auto recall = s->metric(metric);
            const double sum = s->meanRankSum();
            if (recall && !std::isnan(sum)) {
                xs.push_back(sum);
                ys.push_back(*recall);
            }
        }
        if (xs.empty())
            continue;
        ChartSeries series = seriesOf(g);
        series.seeds = static_cast<int>(xs.size());
        const auto [mx, sx] = meanStd(xs);
        const auto [my, sy] = meanStd(ys);
        series.x << mx;
        series.y << my;
        series.xErr << sx;
        series.yErr << sy;
        c.series << series;
    }
    if (c.series.isEmpty())
        c.emptyReason = QCoreApplication::translate("Charts", "No run has both COCO recall and all eight FG-OVD benchmarks: evaluate runs into the log.");
    return c;
}

namespace {

bool anyErrors(const ChartData& chart)
{
    for (const ChartSeries& s : chart.series)
        if (s.hasErrors())
            return true;
    return false;
}

} // namespace

QString chartCsv(const ChartData& chart)
{
    QString out = QStringLiteral("# %1\n# %2\n").arg(chart.title, chart.provenance);
    // Columns for the std over seeds only when some series has several seeds,
    // so single-run exports keep the plain three-column layout.
    const bool err = anyErrors(chart);
    const QString header = QStringLiteral("series,%1,%2").arg(csvField(chart.xTitle), csvField(chart.yTitle));
    if (chart.kind == ChartData::Kind::Bar) {
        out += header + (err ? QStringLiteral(",std,seeds\n") : QStringLiteral("\n"));
        for (const ChartSeries& s : chart.series)
            for (qsizetype i = 0; i < chart.categories.size(); ++i) {
                out += QStringLiteral("%1,%2,%3").arg(csvField(s.name), csvField(chart.categories[i]), number(s.y[i]));
                out += err ? QStringLiteral(",%1,%2\n").arg(number(s.yErr.value(i, NAN))).arg(s.seeds) : QStringLiteral("\n");
            }
    } else {
        out += header + (err ? QStringLiteral(",x_std,y_std,seeds\n") : QStringLiteral("\n"));
        for (const ChartSeries& s : chart.series)
            for (qsizetype i = 0; i < s.x.size(); ++i) {
                out += QStringLiteral("%1,%2,%3").arg(csvField(s.name), number(s.x[i]), number(s.y[i]));
                out += err ? QStringLiteral(",%1,%2,%3\n")
                                 .arg(number(s.xErr.value(i, NAN)), number(s.yErr.value(i, NAN)))
                                 .arg(s.seeds)
                           : QStringLiteral("\n");
            }
    }
    return out;
}

QString chartLatex(const ChartData& chart, int decimals)
{
    QString out = QStringLiteral("%% %1\n%% %2\n").arg(chart.title, chart.provenance);
    auto cell = [decimals](double v, double err = NAN) {
        if (std::isnan(v))
            return QStringLiteral("--");
        QString c = QString::number(v, 'f', decimals);
        if (!std::isnan(err))
            c += QStringLiteral(" $\\pm$ ") + QString::number(err, 'f', decimals);
        return c;
    };
    QStringList header;
    QVector<QStringList> rows;
    if (chart.kind == ChartData::Kind::Bar) {
        header << QString();
        for (qsizetype i = 0; i < chart.categories.size(); ++i)
            header << latexEscape(chart.categoryLabels.value(i, chart.categories[i]));
        for (const ChartSeries& s : chart.series) {
            QStringList row{latexEscape(s.name)};
            for (qsizetype i = 0; i < s.y.size(); ++i)
                row << cell(s.y[i], s.yErr.value(i, NAN));
            rows << row;
        }
    } else if (chart.kind == ChartData::Kind::Line) {
        std::set<double> xs;
        for (const ChartSeries& s : chart.series)
            xs.insert(s.x.begin(), s.x.end());
        header << latexEscape(chart.xTitle);
        for (double x : xs)
            header << QString::number(x);
        for (const ChartSeries& s : chart.series) {
            QStringList row{latexEscape(s.name)};
            for (double x : xs) {
                const qsizetype i = s.x.indexOf(x);
                row << (i < 0 ? QStringLiteral("--") : cell(s.y[i], s.yErr.value(i, NAN)));
            }
            rows << row;
        }
    } else {
        header << QString() << latexEscape(chart.xTitle) << latexEscape(chart.yTitle);
        for (const ChartSeries& s : chart.series)
            rows << QStringList{latexEscape(s.name), cell(s.x.value(0, NAN), s.xErr.value(0, NAN)),
                                cell(s.y.value(0, NAN), s.yErr.value(0, NAN))};
    }
    out += QStringLiteral("\\begin{table}[t]\n\\centering\n\\caption{%1}\n").arg(latexEscape(chart.title));
    out += QStringLiteral("\\begin{tabular}{l%1}\n\\toprule\n").arg(QString(header.size() - 1, QLatin1Char('r')));
    out += header.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n\\midrule\n");
    for (const QStringList& r : rows)
        out += r.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    out += QStringLiteral("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    return out;
}

} // namespace fglens::ui

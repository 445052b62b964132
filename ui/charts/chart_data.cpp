#include "charts/chart_data.h"

#include "common/qt_text.h"

#include "common/runtime.h"
#include "data/fgovd.h"

#include <QCoreApplication>
#include <QDateTime>

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
        .arg(qs(programVersion()), qs(gitCommit()), logPath.isEmpty() ? QStringLiteral("none") : logPath,
             runs.isEmpty() ? QStringLiteral("none") : runs.join(QStringLiteral(", ")),
             filters.isEmpty() ? QStringLiteral("none") : filters,
             QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
}

ChartData meanRankChart(const std::vector<ResultSetPtr>& sets)
{
    ChartData c;
    c.kind = ChartData::Kind::Bar;
    c.id = QStringLiteral("mean_rank_per_benchmark");
    c.title = QCoreApplication::translate("Charts", "Mean Rank per benchmark");
    c.xTitle = QCoreApplication::translate("Charts", "benchmark");
    c.yTitle = QCoreApplication::translate("Charts", "Mean Rank (lower is better)");
    std::vector<std::string> keys;
    for (const std::string& k : benchmarkKeys())
        for (const auto& s : sets)
            if (!std::isnan(s->meanRank(k))) {
                keys.push_back(k);
                break;
            }
    for (const std::string& k : keys)
        c.categories << qs(k);
    for (const auto& s : sets) {
        ChartSeries series{s->label, s->key, {}, {}};
        bool any = false;
        for (const std::string& k : keys) {
            const double v = s->meanRank(k);
            series.y << v;
            any = any || !std::isnan(v);
        }
        if (any)
            c.series << series;
    }
    if (c.series.isEmpty())
        c.emptyReason = QCoreApplication::translate("Charts", "No head or run has FG-OVD results yet.");
    return c;
}

ChartData rankVsNegativesChart(const std::vector<ResultSetPtr>& sets, const std::string& benchKey)
{
    ChartData c;
    c.kind = ChartData::Kind::Line;
    c.id = QStringLiteral("rank_vs_negatives_%1").arg(qs(benchKey));
    c.title = QCoreApplication::translate("Charts", "Mean Rank vs number of negatives (%1)").arg(qs(benchKey));
    c.xTitle = QCoreApplication::translate("Charts", "negatives in the vocabulary (N)");
    c.yTitle = QCoreApplication::translate("Charts", "Mean Rank");
    for (const auto& s : sets) {
        const auto it = s->benches.find(benchKey);
        if (it == s->benches.end())
            continue;
        ChartSeries series{s->label, s->key, {}, {}};
        for (int n = 1; n <= it->second.negatives; ++n) {
            const double v = it->second.meanRankAt(n);
            if (std::isnan(v))
                continue;
            series.x << n;
            series.y << v;
        }
        if (!series.x.isEmpty())
            c.series << series;
    }
    if (c.series.isEmpty())
        c.emptyReason = QCoreApplication::translate("Charts", "No per-object scores for %1.").arg(qs(benchKey));
    return c;
}

ChartData tradeoffChart(const std::vector<ResultSetPtr>& sets, const QString& recallMetric)
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
    for (const auto& s : sets) {
        const auto recall = s->metric(ss(recallMetric));
        const double sum = s->meanRankSum();
        if (!recall || std::isnan(sum))
            continue;
        c.series << ChartSeries{s->label, s->key, {sum}, {*recall}};
    }
    if (c.series.isEmpty())
        c.emptyReason = QCoreApplication::translate("Charts", "No run has both COCO recall and all eight FG-OVD benchmarks: evaluate runs into the log.");
    return c;
}

QString chartCsv(const ChartData& chart)
{
    QString out = QStringLiteral("# %1\n# %2\n").arg(chart.title, chart.provenance);
    if (chart.kind == ChartData::Kind::Bar) {
        out += QStringLiteral("series,%1,%2\n").arg(csvField(chart.xTitle), csvField(chart.yTitle));
        for (const ChartSeries& s : chart.series)
            for (qsizetype i = 0; i < chart.categories.size(); ++i)
                out += QStringLiteral("%1,%2,%3\n").arg(csvField(s.name), csvField(chart.categories[i]), number(s.y[i]));
    } else {
        out += QStringLiteral("series,%1,%2\n").arg(csvField(chart.xTitle), csvField(chart.yTitle));
        for (const ChartSeries& s : chart.series)
            for (qsizetype i = 0; i < s.x.size(); ++i)
                out += QStringLiteral("%1,%2,%3\n").arg(csvField(s.name), number(s.x[i]), number(s.y[i]));
    }
    return out;
}

QString chartLatex(const ChartData& chart, int decimals)
{
    QString out = QStringLiteral("%% %1\n%% %2\n").arg(chart.title, chart.provenance);
    auto cell = [decimals](double v) { return std::isnan(v) ? QStringLiteral("--") : QString::number(v, 'f', decimals); };
    QStringList header;
    QVector<QStringList> rows;
    if (chart.kind == ChartData::Kind::Bar) {
        header << QString();
        for (const QString& c : chart.categories)
            header << latexEscape(c);
        for (const ChartSeries& s : chart.series) {
            QStringList row{latexEscape(s.name)};
            for (double v : s.y)
                row << cell(v);
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
                row << (i < 0 ? QStringLiteral("--") : cell(s.y[i]));
            }
            rows << row;
        }
    } else {
        header << QString() << latexEscape(chart.xTitle) << latexEscape(chart.yTitle);
        for (const ChartSeries& s : chart.series)
            rows << QStringList{latexEscape(s.name), cell(s.x.value(0, NAN)), cell(s.y.value(0, NAN))};
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

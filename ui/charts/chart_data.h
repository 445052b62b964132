#pragma once
// The data behind each chart, computed from result sets, independent of any
// widget: the GUI draws it, the exporter writes it as figures, CSV and LaTeX,
// and `fglens --export-figures` does both without a window.
#include "model/result_set.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace fglens::ui {

struct ChartSeries {
    QString name;          // legend entry: the head or run
    QString key;           // result set key, so a click can find it
    QVector<double> x;     // line and scatter charts
    QVector<double> y;     // bar charts: one value per category (NaN: absent)
    // Standard deviation over seeds, parallel to x / y; empty (or NaN) where
    // the series is a single run.
    QVector<double> xErr, yErr;
    int seeds = 1;         // runs averaged into this series

    bool hasErrors() const;
};

// Runs that differ only in their seed, plotted as one series (mean ± std).
// A live evaluation or a lone run is a group of one.
struct SetGroup {
    QString label;
    QString key;           // the first member's key: what a click reports
    std::vector<ResultSetPtr> members;
};
std::vector<SetGroup> ungrouped(const std::vector<ResultSetPtr>& sets);

struct ChartData {
    enum class Kind { Bar, Line, Scatter };
    Kind kind = Kind::Bar;
    QString id;            // file stem: "mean_rank_per_benchmark", ...
    QString title, xTitle, yTitle;
    QStringList categories;       // bar charts: benchmark keys (what a click reports)
    QStringList categoryLabels;   // what the axis prints ("Transparency")
    QVector<ChartSeries> series;
    // Random guessing, drawn dashed: per category (bar) or as a polyline.
    QVector<double> categoryChance;
    QVector<double> chanceX, chanceY;
    double xFloor = qQNaN(), yFloor = qQNaN();   // Mean Rank axes start at 1
    bool xIntegers = false;                      // N on the Rank vs N axis
    QString provenance;    // runs and filters that produced it, one line
    QString emptyReason;   // why nothing is plotted, when series is empty

    bool isEmpty() const { return series.isEmpty(); }
};

// The paper's Fig. 3: Mean Rank per benchmark, one bar per head or run.
ChartData meanRankChart(const std::vector<ResultSetPtr>& sets);
ChartData meanRankChart(const std::vector<SetGroup>& groups);
// The paper's Fig. 3 for the first question: Mean Rank per benchmark for
// CLIP (cosine) and each detector side by side, on the benchmarks some
// detector was ranked on; the compared heads too when `withHeads`. Empty
// (with the reason) when no detector run is among the groups.
ChartData detectorChart(const std::vector<SetGroup>& groups, bool withHeads);
bool hasDetector(const std::vector<SetGroup>& groups);
// Mean Rank as the vocabulary grows from 1 to N negatives, one line per set.
ChartData rankVsNegativesChart(const std::vector<ResultSetPtr>& sets, const std::string& benchKey);
ChartData rankVsNegativesChart(const std::vector<SetGroup>& groups, const std::string& benchKey);
// Table I: COCO retrieval R@K (y) against FG-OVD Mean Rank Sum (x).
ChartData tradeoffChart(const std::vector<ResultSetPtr>& sets, const QString& recallMetric = QStringLiteral("i2t_r1"));
ChartData tradeoffChart(const std::vector<SetGroup>& groups, const QString& recallMetric = QStringLiteral("i2t_r1"));

// "Trivial", "Color", ...: how figures name a benchmark key.
QString benchmarkLabel(const std::string& key);

// "FG-Lens 0.1.0 (abc123); log …; runs: …; filters: …; 2024-…Z"
QString provenanceLine(const std::vector<ResultSetPtr>& sets, const QString& logPath, const QString& filters);

// The plotted numbers: long format for CSV (series, x, y, and their std
// over seeds when there are error bars), a booktabs table for LaTeX (mean
// $\pm$ std); both start with the provenance as a comment.
QString chartCsv(const ChartData& chart);
QString chartLatex(const ChartData& chart, int decimals = 2);

} // namespace fglens::ui

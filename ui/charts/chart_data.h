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
};

struct ChartData {
    enum class Kind { Bar, Line, Scatter };
    Kind kind = Kind::Bar;
    QString id;            // file stem: "mean_rank_per_benchmark", ...
    QString title, xTitle, yTitle;
    QStringList categories;   // bar charts
    QVector<ChartSeries> series;
    QString provenance;    // runs and filters that produced it, one line
    QString emptyReason;   // why nothing is plotted, when series is empty

    bool isEmpty() const { return series.isEmpty(); }
};

// The paper's Fig. 3: Mean Rank per benchmark, one bar per head or run.
ChartData meanRankChart(const std::vector<ResultSetPtr>& sets);
// Mean Rank as the vocabulary grows from 1 to N negatives, one line per set.
ChartData rankVsNegativesChart(const std::vector<ResultSetPtr>& sets, const std::string& benchKey);
// Table I: COCO retrieval R@K (y) against FG-OVD Mean Rank Sum (x).
ChartData tradeoffChart(const std::vector<ResultSetPtr>& sets, const QString& recallMetric = QStringLiteral("i2t_r1"));

// "FG-Lens 0.1.0 (abc123); log …; runs: …; filters: …; 2024-…Z"
QString provenanceLine(const std::vector<ResultSetPtr>& sets, const QString& logPath, const QString& filters);

// The plotted numbers: long format for CSV (series, x, y), a booktabs table
// for LaTeX; both start with the provenance as a comment.
QString chartCsv(const ChartData& chart);
QString chartLatex(const ChartData& chart, int decimals = 2);

} // namespace fglens::ui

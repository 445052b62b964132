#pragma once
// `fglens --export-figures LOG --out DIR`: every chart of the finished runs
// of a log, in every figure format at the chosen widths, plus CSV and LaTeX,
// without a window. The GUI's "Export all figures" writes the same files.
#include "charts/chart_data.h"
#include "figures/figure_options.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace fglens::ui {

// The finished runs of a log with their metrics and per-object results.
std::vector<ResultSetPtr> loadFinishedRuns(const QString& logPath);

// The three charts for a group of result sets, each with its provenance;
// runs that differ only in their seed become one series with error bars,
// and the user's display names (FigureNames) replace the default labels.
std::vector<ChartData> standardCharts(const std::vector<ResultSetPtr>& sets, const QString& logPath,
                                      const QString& filters, const std::string& rankVsNBenchmark = "hard");

struct FigureSet {
    QStringList widthPresets{QStringLiteral("ieee-1col"), QStringLiteral("ieee-2col")};
    FigureOptions figure;       // font, size, title, abbreviations (width from each preset)
    int dpi = 300;
};

// The file-name suffix of a width preset: "1col" and "2col" for IEEE (the
// names earlier versions wrote), the preset id otherwise.
QString presetFileSuffix(const QString& presetId);

// Writes <id>_<suffix>.{png,svg,pdf} for each width, <id>.csv and <id>.tex
// for each chart; returns the files written. Stops at the first error and
// puts it in *error.
QStringList writeFigures(const std::vector<ChartData>& charts, const QString& outDir, const FigureSet& set,
                         QString* error);
// IEEE one and two columns, the saved font and names, at `dpi`.
QStringList writeFigures(const std::vector<ChartData>& charts, const QString& outDir, int dpi, QString* error);

} // namespace fglens::ui

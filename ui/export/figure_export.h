#pragma once
// `fglens --export-figures LOG --out DIR`: every chart of the finished runs
// of a log, in every figure format at both column widths, plus CSV and
// LaTeX, without a window.
#include "charts/chart_data.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace fglens::ui {

// The finished runs of a log with their metrics and per-object results.
std::vector<ResultSetPtr> loadFinishedRuns(const QString& logPath);

// The three charts for a group of result sets, each with its provenance.
std::vector<ChartData> standardCharts(const std::vector<ResultSetPtr>& sets, const QString& logPath,
                                      const QString& filters, const std::string& rankVsNBenchmark = "hard");

// Writes <id>_1col.{png,svg,pdf}, <id>_2col.{png,svg,pdf}, <id>.csv and <id>.tex
// for each chart; returns the files written. Stops at the first error and
// puts it in *error.
QStringList writeFigures(const std::vector<ChartData>& charts, const QString& outDir, int dpi, QString* error);

} // namespace fglens::ui

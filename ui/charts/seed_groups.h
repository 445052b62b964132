#pragma once
// Runs of a log that differ only in their seed (same head, stage and
// hyper-parameters) are one experiment: figures plot their mean with the
// standard deviation over seeds as error bars.
#include "charts/chart_data.h"

#include <QString>

#include <vector>

namespace fglens::ui {

// Groups `sets` (in order of first appearance) by the runs' configuration
// without seed and starting weights, as recorded in the log at `logPath`.
// Live evaluations, and every set when the log cannot be read, stay alone.
std::vector<SetGroup> groupRunsBySeed(const std::vector<ResultSetPtr>& sets, const QString& logPath);

// The grouping key of a run's config JSON: the config without "seed" and
// "init_weights", keys sorted.
QString seedGroupKey(const QString& headKind, const QString& stage, const QString& configJson);

} // namespace fglens::ui

#pragma once
// Turns chart data into a Qt Charts QChart, the same way on screen and in
// exported files, so what a user exports is what they saw.
#include "charts/chart_data.h"

class QChart;

namespace fglens::ui {

struct ChartStyle {
    double fontPointSize = 9;   // exported figures use the journal's sizes
    bool animate = false;
};

// The caller owns the chart (or hands it to a QChartView).
QChart* buildChart(const ChartData& data, const ChartStyle& style = {});

} // namespace fglens::ui

#pragma once
// Axis ranges and ticks that read well for any data: round steps (1, 2 or 5
// times a power of ten), labels with exactly the decimals the step needs, and
// a padded range when the data has none (one run, or equal values).
#include <QString>
#include <QVector>

namespace fglens::ui {

struct AxisTicks {
    double lo = 0, hi = 1;      // the axis range: the first and last tick
    double step = 1;
    int decimals = 0;           // every label is printed with this many
    QVector<double> values;
};

// `floor` (optional, NaN for none) is a value the axis never goes below,
// e.g. 1 for Mean Rank; `maxTicks` bounds how many labels fit.
AxisTicks niceTicks(double lo, double hi, int maxTicks = 6, double floor = qQNaN(), bool integerSteps = false);

// A step of 1, 2 or 5 times a power of ten no smaller than `raw`.
double niceStep(double raw);
// The decimals a step of this size needs (0.5 -> 1, 0.25 never occurs, 20 -> 0).
int stepDecimals(double step);
// "12.5", never "-0", always '.' as the decimal point (papers are not localised).
QString tickLabel(double value, int decimals);

} // namespace fglens::ui

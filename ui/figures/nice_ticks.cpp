#include "figures/nice_ticks.h"

#include <algorithm>
#include <cmath>

namespace fglens::ui {

double niceStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / magnitude;
    // A small tolerance keeps 2.0000000001 from becoming 5.
    for (double nice : {1.0, 2.0, 5.0})
        if (m <= nice * (1 + 1e-9))
            return nice * magnitude;
    return 10 * magnitude;
}

int stepDecimals(double step)
{
    if (!(step > 0) || !std::isfinite(step))
        return 0;
    return std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
}

QString tickLabel(double value, int decimals)
{
    decimals = std::max(0, decimals);
    if (std::round(std::abs(value) * std::pow(10.0, decimals)) == 0)
        value = 0;   // no "-0.0"
    return QString::number(value, 'f', decimals);
}

AxisTicks niceTicks(double lo, double hi, int maxTicks, double floor, bool integerSteps)
{
    maxTicks = std::max(2, maxTicks);
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = std::isfinite(floor) ? floor : 0;
        hi = lo + 1;
    }
    if (lo > hi)
        std::swap(lo, hi);
    if (std::isfinite(floor))
        lo = std::min(lo, hi) < floor ? std::min(lo, floor) : floor;
    // No spread: pad by a tenth of the magnitude (or 1 around zero) so one
    // value sits inside a few round ticks instead of on a zero-width axis.
    const double magnitude = std::max(std::abs(lo), std::abs(hi));
    if (hi - lo <= magnitude * 1e-9) {
        const double pad = magnitude > 0 ? magnitude * 0.1 : 1;
        if (std::isfinite(floor) && lo <= floor) {
            hi = lo + 2 * pad;
        } else {
            lo -= pad;
            hi += pad;
        }
    }
    double step = niceStep((hi - lo) / (maxTicks - 1));
    if (integerSteps)
        step = std::max(1.0, step);
    AxisTicks t;
    // Widen to whole steps; recompute when rounding outward added a tick too many.
    for (int attempt = 0; attempt < 4; ++attempt) {
        t.lo = std::floor(lo / step + 1e-9) * step;
        t.hi = std::ceil(hi / step - 1e-9) * step;
        if (std::isfinite(floor) && t.lo < floor)
            t.lo = floor;   // e.g. Mean Rank starts at 1, even with a step of 2
        const int count = static_cast<int>(std::floor((t.hi - t.lo) / step + 1e-9)) + 1;
        if (count <= maxTicks)
            break;
        step = niceStep(step * 1.0001 + step);
    }
    t.step = step;
    t.decimals = stepDecimals(step);
    // Ticks at multiples of the step; a floor that is not one gets its own tick.
    // A tick closer than half a step to the floor would crowd its label.
    const bool floorTick = std::isfinite(floor) && t.lo == floor && std::abs(std::remainder(floor, step)) > step * 1e-9;
    if (floorTick)
        t.values << floor;
    for (double v = std::ceil(t.lo / step - 1e-9) * step; v <= t.hi + step * 1e-9; v += step)
        if (!floorTick || v - floor >= step * 0.5)
            t.values << (std::abs(v) < step * 1e-9 ? 0.0 : v);
    if (t.hi < t.values.back())
        t.hi = t.values.back();
    return t;
}

} // namespace fglens::ui

#include "analysis/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fglens::analysis {

double linearQuantile(const std::vector<double>& sorted, double q)
{
    // NumPy: virtual index (n - 1) q, then a lerp that is exact at both ends
    // (it counts back from the upper neighbour when the fraction is >= 0.5).
    const double h = static_cast<double>(sorted.size() - 1) * q;
    const double below = std::floor(h);
    const size_t i = static_cast<size_t>(below);
    if (i + 1 >= sorted.size())
        return sorted.back();
    const double t = h - below, a = sorted[i], b = sorted[i + 1], diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

std::vector<double> bootstrapMeans(const std::vector<int>& values, const BootstrapOptions& o)
{
    if (values.empty())
        throw std::invalid_argument("bootstrap of no values");
    if (o.resamples < 1)
        throw std::invalid_argument("bootstrap needs at least one resample");
    if (values.size() >= (uint64_t{1} << 32))
        throw std::invalid_argument("bootstrap of 2^32 values or more");
    const auto n = static_cast<uint32_t>(values.size());
    const int* v = values.data();
    IndexSampler sampler(o.seed);
    std::vector<double> means(static_cast<size_t>(o.resamples));
    for (double& mean : means) {
        // Integer sums are exact, so the mean does not depend on summation order.
        int64_t sum = 0;
        for (uint32_t k = 0; k < n; ++k)
            sum += v[sampler.below(n)];
        mean = static_cast<double>(sum) / static_cast<double>(n);
    }
    return means;
}

Interval bootstrapMeanInterval(const std::vector<int>& values, const BootstrapOptions& o)
{
    if (!(o.level > 0.0 && o.level < 1.0))
        throw std::invalid_argument("confidence level must lie in (0, 1)");
    std::vector<double> means = bootstrapMeans(values, o);
    std::sort(means.begin(), means.end());
    return {linearQuantile(means, (1.0 - o.level) / 2.0), linearQuantile(means, (1.0 + o.level) / 2.0)};
}

} // namespace fglens::analysis

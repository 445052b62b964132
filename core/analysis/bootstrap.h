#pragma once
// Percentile bootstrap intervals over objects (DESIGN.md §3, Statistics).
//
// Reproducible on every platform: the generator is std::mt19937_64 seeded with
// the seed (the C++ standard fixes its output sequence), and an index in
// [0, n) is drawn from 64-bit outputs x by Lemire's multiply-shift rule:
// m = x * n as a 128-bit product; while low64(m) < (2^64 - n) mod n, draw a new
// x; the index is high64(m). std::uniform_int_distribution is not used: its
// output is implementation-defined. A resample draws its n indices in order
// and resamples follow each other on one stream. The interval is the
// percentile interval: NumPy's default ("linear") quantiles of the resample
// means at (1 - level) / 2 and (1 + level) / 2.
#include <cstdint>
#include <random>
#include <vector>

namespace fglens::analysis {

struct BootstrapOptions {
    int resamples = 2000;
    uint64_t seed = 20240419;   // fixed, so that a figure is regenerated bit for bit
    double level = 0.95;
};

struct Interval {
    double lo = 0.0;
    double hi = 0.0;
};

// Unbiased indices in [0, n) by the rule above.
class IndexSampler {
public:
    explicit IndexSampler(uint64_t seed) : gen_(seed) {}
    // n >= 1
    uint64_t below(uint64_t n)
    {
        __extension__ using u128 = unsigned __int128;
        u128 m = static_cast<u128>(gen_()) * n;
        if (static_cast<uint64_t>(m) < n) {   // cheap pre-test before the one division
            const uint64_t threshold = (0 - n) % n;
            while (static_cast<uint64_t>(m) < threshold)
                m = static_cast<u128>(gen_()) * n;
        }
        return static_cast<uint64_t>(m >> 64);
    }

private:
    std::mt19937_64 gen_;
};

// np.quantile(values, q) with the default "linear" method; `sorted` ascending, non-empty.
double linearQuantile(const std::vector<double>& sorted, double q);

// The means of o.resamples bootstrap resamples of `values`, in draw order.
std::vector<double> bootstrapMeans(const std::vector<int>& values, const BootstrapOptions& o = {});

// Percentile interval of the mean. Throws std::invalid_argument when `values`
// is empty, resamples < 1 or level is not in (0, 1).
Interval bootstrapMeanInterval(const std::vector<int>& values, const BootstrapOptions& o = {});

} // namespace fglens::analysis

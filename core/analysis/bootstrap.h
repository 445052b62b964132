#pragma once
// Percentile bootstrap intervals over objects (DESIGN.md §3, Statistics).
//
// Reproducible on every platform: the generator is std::mt19937_64 seeded with
// the seed (the C++ standard fixes its output sequence). Each 64-bit output
// gives two 32-bit draws, its low half first, then its high half; a draw u
// becomes an index in [0, n) by Lemire's multiply-shift rule: m = u * n as a
// 64-bit product; while low32(m) < (2^32 - n) mod n, take the next draw; the
// index is m >> 32 (n < 2^32). std::uniform_int_distribution is not used: its
// output is implementation-defined. A resample draws its n indices in order
// and resamples follow each other on one stream of draws. The interval is the
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
    // 1 <= n < 2^32
    uint32_t below(uint32_t n)
    {
        uint64_t m = uint64_t{next()} * n;
        if (static_cast<uint32_t>(m) < n) {   // cheap pre-test before the one division
            const uint32_t threshold = (0u - n) % n;
            while (static_cast<uint32_t>(m) < threshold)
                m = uint64_t{next()} * n;
        }
        return static_cast<uint32_t>(m >> 32);
    }

private:
    // Two draws per output halve the generator's share of a bootstrap (most of its time).
    uint32_t next()
    {
        if (haveHigh_) {
            haveHigh_ = false;
            return high_;
        }
        const uint64_t x = gen_();
        high_ = static_cast<uint32_t>(x >> 32);
        haveHigh_ = true;
        return static_cast<uint32_t>(x);
    }
    std::mt19937_64 gen_;
    uint32_t high_ = 0;
    bool haveHigh_ = false;
};

// np.quantile(values, q) with the default "linear" method; `sorted` ascending, non-empty.
double linearQuantile(const std::vector<double>& sorted, double q);

// The means of o.resamples bootstrap resamples of `values`, in draw order.
std::vector<double> bootstrapMeans(const std::vector<int>& values, const BootstrapOptions& o = {});

// Percentile interval of the mean. Throws std::invalid_argument when `values`
// is empty, resamples < 1 or level is not in (0, 1).
Interval bootstrapMeanInterval(const std::vector<int>& values, const BootstrapOptions& o = {});

} // namespace fglens::analysis

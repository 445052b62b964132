#pragma once
// Two-sided tests for two runs scored on the same objects (DESIGN.md §3,
// Statistics). Each reproduces SciPy's definition, so that a reviewer can
// check the numbers with one line of Python.
#include <cstdint>
#include <vector>

namespace fglens::analysis {

struct WilcoxonResult {
    int64_t nonZero = 0;       // differences left after dropping the zeros
    double statistic = 0.0;    // min(R+, R-)
    double z = 0.0;
    double p = 1.0;
};

// scipy.stats.wilcoxon(x, y, zero_method="wilcox", correction=False,
// method="approx") on d = x - y: zero differences dropped, |d| ranked with
// average ranks for ties, T = min(R+, R-), z = (T - n(n+1)/4) / sqrt((n(n+1)(2n+1)
// - sum over tie groups of t(t^2 - 1) / 2) / 24), p = 2 Phi(-|z|).
// When every difference is zero SciPy raises an error; here nonZero = 0 and
// p = 1 (the runs rank every object alike: no evidence of a difference).
WilcoxonResult wilcoxonSignedRank(const std::vector<double>& differences);

// scipy.stats.binomtest(k, n, 0.5).pvalue, two-sided: with p = 1/2 the
// distribution is symmetric and SciPy's rule (every outcome no likelier than
// k) gives min(1, 2 P(X <= min(k, n - k))), and exactly 1 when 2k = n.
// n = 0 (SciPy raises): 1. Accurate to a few ulps for any n (binomial terms by
// Loader's saddle-point expansion, not by factorials).
double binomialTwoSidedHalf(int64_t k, int64_t n);

// Exact McNemar: `onlyA` objects right (rank 1) under A only, `onlyB` under B
// only; binomialTwoSidedHalf(onlyA, onlyA + onlyB).
double mcnemarExact(int64_t onlyA, int64_t onlyB);

} // namespace fglens::analysis

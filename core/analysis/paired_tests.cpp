#include "analysis/paired_tests.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace fglens::analysis {

namespace {

constexpr double kSqrtHalf = 0.70710678118654752440;

// 2 Phi(-|z|) as SciPy's norm.sf (cephes ndtr) evaluates it: through erf near
// zero, erfc in the tail, so the branch point matches as well as the value.
double twoSidedNormal(double z)
{
    const double x = -std::fabs(z) * kSqrtHalf;
    // Cephes' erfc flushes to 0 once x^2 exceeds log(DBL_MAX), where glibc's
    // still returns subnormals (|z| > 37.7, p < 1e-310): follow SciPy.
    if (x * x > 7.09782712893383996843e2)
        return 0.0;
    const double y = std::fabs(x) < kSqrtHalf ? 0.5 + 0.5 * std::erf(x) : 0.5 * std::erfc(std::fabs(x));
    return 2.0 * y;
}

// The binomial terms are computed in long double (x87 extended on x86-64
// Linux): a probability near 1e-300 comes from exp() of a sum of terms of
// size ~700, so double would lose ~700 ulps; the extra 11 bits keep the
// result within a few double ulps. Where long double is double the error
// grows to ~1e-13 relative, still far inside what a p-value needs.
using Real = long double;

// Stirling's error: log(n!) - log(sqrt(2 pi n) (n/e)^n). Beyond 30 the
// asymptotic series below is exact to ~1e-19; up to 30 lgamma costs
// |lgamma(31)| * eps, about 4e-18 in extended precision.
Real stirlingError(Real n)
{
    if (n <= 0)
        return 0;
    if (n <= 30)
        return std::lgamma(n + 1) - (n + 0.5L) * std::log(n) + n - 0.918938533204672741780329736406L;
    const Real nn = n * n;
    const Real s0 = 1.0L / 12, s1 = 1.0L / 360, s2 = 1.0L / 1260, s3 = 1.0L / 1680, s4 = 1.0L / 1188;
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

// x log(x / m) + m - x without cancellation when x is close to m.
Real deviance(Real x, Real m)
{
    if (std::fabs(x - m) < 0.1L * (x + m)) {
        const Real v = (x - m) / (x + m), v2 = v * v;
        Real s = (x - m) * v, term = 2 * x * v;
        for (int j = 1; j < 1000; ++j) {
            term *= v2;
            const Real next = s + term / (2 * j + 1);
            if (next == s)
                return s;
            s = next;
        }
        return s;
    }
    return x * std::log(x / m) + m - x;
}

// P(X = k) for X ~ Binomial(n, 1/2), 0 < k < n, by Loader's saddle-point
// form (Loader 2000, "Fast and accurate computation of binomial probabilities").
Real binomialHalfPmf(Real k, Real n)
{
    const Real lc =
        stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n / 2) - deviance(n - k, n / 2);
    const Real lf = 1.83787706640934548356065947281L + std::log(k) + std::log1p(-k / n);   // log(2 pi k (n-k)/n)
    return std::exp(lc - lf / 2);
}

// P(X <= m) for m < n / 2: the largest term times the sum of the ratios of
// the smaller ones, which fall geometrically.
double binomialHalfCdfLowerTail(int64_t m, int64_t n)
{
    if (m == 0)
        return std::ldexp(1.0, static_cast<int>(-std::min<int64_t>(n, 2000)));
    const Real top = binomialHalfPmf(static_cast<Real>(m), static_cast<Real>(n));
    Real ratio = 1, sum = 1;
    for (int64_t j = m; j > 0; --j) {
        ratio *= static_cast<Real>(j) / static_cast<Real>(n - j + 1);   // P(j-1) / P(j)
        sum += ratio;
        if (ratio < sum * 1e-21L)
            break;
    }
    return static_cast<double>(top * sum);
}

} // namespace

WilcoxonResult wilcoxonSignedRank(const std::vector<double>& differences)
{
    std::vector<double> d;
    d.reserve(differences.size());
    for (double v : differences) {
        if (std::isnan(v))
            throw std::invalid_argument("Wilcoxon test of a NaN difference");
        if (v != 0.0)
            d.push_back(v);
    }
    WilcoxonResult r;
    r.nonZero = static_cast<int64_t>(d.size());
    if (d.empty())
        return r;
    std::vector<size_t> order(d.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
    // Ranks are multiples of 1/2 and their sums stay far below 2^53: exact,
    // whatever the order SciPy adds them in.
    double plus = 0.0, minus = 0.0, ties = 0.0;
    for (size_t i = 0; i < order.size();) {
        size_t j = i + 1;
        while (j < order.size() && std::fabs(d[order[j]]) == std::fabs(d[order[i]]))
            ++j;
        const double rank = 0.5 * static_cast<double>(i + 1 + j);   // average of i+1 .. j
        for (size_t k = i; k < j; ++k)
            (d[order[k]] > 0 ? plus : minus) += rank;
        const double t = static_cast<double>(j - i);
        if (j - i > 1)
            ties += t * (t * t - 1.0);
        i = j;
    }
    const double n = static_cast<double>(d.size());
    r.statistic = std::min(plus, minus);
    const double mean = n * (n + 1.0) * 0.25;
    double se = n * (n + 1.0) * (2.0 * n + 1.0);
    se -= 0.5 * ties;
    se = std::sqrt(se / 24.0);
    r.z = (r.statistic - mean) / se;
    r.p = twoSidedNormal(r.z);
    return r;
}

double binomialTwoSidedHalf(int64_t k, int64_t n)
{
    if (k < 0 || n < 0 || k > n)
        throw std::invalid_argument("binomial test needs 0 <= k <= n");
    if (n == 0 || 2 * k == n)
        return 1.0;
    const int64_t m = std::min(k, n - k);
    return std::min(1.0, 2.0 * binomialHalfCdfLowerTail(m, n));
}

double mcnemarExact(int64_t onlyA, int64_t onlyB)
{
    return binomialTwoSidedHalf(onlyA, onlyA + onlyB);
}

} // namespace fglens::analysis

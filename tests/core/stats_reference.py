#!/usr/bin/python3
"""Reference values for tests/core/test_statistics.cpp, computed independently of FG-Lens.

Reads {"paired": [{"a": [...], "b": [...], "seed": s, "resamples": B, "level": L,
"bootstrap": bool}, ...], "binomial": [[k, n], ...]} on stdin and prints, per paired case,
the mean ranks, the Wilcoxon statistic and p from scipy.stats.wilcoxon(b, a,
zero_method="wilcox", correction=False, method="approx"), the McNemar p from
scipy.stats.binomtest, and the bootstrap interval of the mean of b - a drawn with the
documented generator (MT19937-64 halves + Lemire's rule, written out here in plain Python), and
per binomial case scipy.stats.binomtest(k, n, 0.5).pvalue.
"""
import json
import sys

import numpy as np
from scipy import stats

MASK = (1 << 64) - 1


class MT19937_64:
    """The 64-bit Mersenne Twister as the C++ standard specifies std::mt19937_64."""

    def __init__(self, seed):
        self.mt = [0] * 312
        self.mt[0] = seed & MASK
        for i in range(1, 312):
            prev = self.mt[i - 1]
            self.mt[i] = (6364136223846793005 * (prev ^ (prev >> 62)) + i) & MASK
        self.index = 312

    def _twist(self):
        mt = self.mt
        for i in range(312):
            x = (mt[i] & 0xFFFFFFFF80000000) | (mt[(i + 1) % 312] & 0x7FFFFFFF)
            xa = x >> 1
            if x & 1:
                xa ^= 0xB5026F5AA96619E9
            mt[i] = mt[(i + 156) % 312] ^ xa
        self.index = 0

    def next(self):
        if self.index >= 312:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & MASK


class Draws:
    """32-bit draws: each 64-bit output gives its low half, then its high half."""

    def __init__(self, seed):
        self.gen = MT19937_64(seed)
        self.high = None

    def next(self):
        if self.high is not None:
            u, self.high = self.high, None
            return u
        x = self.gen.next()
        self.high = x >> 32
        return x & 0xFFFFFFFF


def below(draws, n):
    """Lemire's multiply-shift on 32-bit draws: an unbiased index in [0, n)."""
    m = draws.next() * n
    if (m & 0xFFFFFFFF) < n:
        threshold = ((1 << 32) - n) % n
        while (m & 0xFFFFFFFF) < threshold:
            m = draws.next() * n
    return m >> 32


def bootstrap_interval(values, seed, resamples, level):
    gen = Draws(seed)
    n = len(values)
    means = []
    for _ in range(resamples):
        total = 0
        for _ in range(n):
            total += values[below(gen, n)]
        means.append(total / n)   # exact integer sum, one rounding, as in C++
    means = np.sort(np.array(means, dtype=np.float64))
    return [float(np.quantile(means, (1.0 - level) / 2.0)), float(np.quantile(means, (1.0 + level) / 2.0))]


def paired(case):
    a = np.array(case["a"], dtype=np.int64)
    b = np.array(case["b"], dtype=np.int64)
    d = b - a
    out = {"mean_a": float(a.sum()) / len(a), "mean_b": float(b.sum()) / len(b),
           "diff": float(d.sum()) / len(d)}
    if np.any(d != 0):
        w = stats.wilcoxon(b.astype(np.float64), a.astype(np.float64), zero_method="wilcox",
                           correction=False, method="approx")
        out["wilcoxon_statistic"] = float(w.statistic)
        out["wilcoxon_p"] = float(w.pvalue)
    only_a = int(np.sum((a == 1) & (b != 1)))
    only_b = int(np.sum((b == 1) & (a != 1)))
    out["only_a"], out["only_b"] = only_a, only_b
    if only_a + only_b > 0:
        out["mcnemar_p"] = float(stats.binomtest(only_a, only_a + only_b, 0.5).pvalue)
    if case.get("bootstrap", True):
        out["diff_ci"] = bootstrap_interval([int(x) for x in d], case["seed"], case["resamples"], case["level"])
        out["mean_b_ci"] = bootstrap_interval([int(x) for x in b], case["seed"], case["resamples"], case["level"])
    return out


def main():
    request = json.load(sys.stdin)
    gen = MT19937_64(5489)
    for _ in range(9999):
        gen.next()
    result = {
        "mt_10000th": str(gen.next()),   # the standard's check value: 9981545732273789042
        "paired": [paired(c) for c in request.get("paired", [])],
        "binomial": [float(stats.binomtest(k, n, 0.5).pvalue) for k, n in request.get("binomial", [])],
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

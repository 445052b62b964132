#pragma once
// Small timing helpers shared by the bench_* executables. Timings are printed,
// never asserted: tests/bench/run_benchmarks.sh turns them into ratios.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace fglens::bench {

inline double seconds(const std::function<void()>& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

inline double medianOf(int runs, const std::function<void()>& f)
{
    std::vector<double> t;
    for (int i = 0; i < runs; ++i)
        t.push_back(seconds(f));
    return median(t);
}

// One line per measurement: "<name> seconds=<x> [key=value ...]".
inline void report(const std::string& name, double secs, const std::string& extra = {})
{
    std::printf("%s seconds=%.6f%s%s\n", name.c_str(), secs, extra.empty() ? "" : " ", extra.c_str());
    std::fflush(stdout);
}

} // namespace fglens::bench

// Speed of the #18 statistics on 100,000 synthetic objects (target: each
// under 1 s): attribute confusions over 10 negatives per object, a 2,000-
// resample bootstrap interval of the mean rank, and a paired comparison
// (bootstrap + Wilcoxon + McNemar). Captions are demo-world captions, Hard
// style (one attribute changed per negative).
#include "bench_common.h"

#include "analysis/bootstrap.h"
#include "analysis/confusions.h"
#include "analysis/run_comparison.h"
#include "data/fgovd.h"
#include "demo/captions.h"
#include "store/experiment_log.h"

#include <cstdio>
#include <ctime>
#include <functional>
#include <cstdlib>
#include <map>
#include <string>

using namespace fglens;

int main(int argc, char** argv)
{
    const int objects = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    demo::Rng rng(18);
    FgBenchmark b;
    b.path = "synthetic";
    b.images = {{1, "x.jpg", 10, 10}};
    std::map<std::string, int64_t> captionIds;
    auto caption = [&](const std::string& text) {
        const auto [it, added] = captionIds.emplace(text, static_cast<int64_t>(captionIds.size()));
        if (added)
            b.captions.push_back({it->second, text});
        return it->second;
    };
    const demo::BenchmarkRule& hard = demo::benchmarkRules()[3];
    std::vector<ObjectResult> resultsA, resultsB;
    std::vector<int> ranksA, ranksB;
    for (int i = 0; i < objects; ++i) {
        const demo::ObjectSpec spec = demo::randomSpec(rng);
        FgObject o;
        o.id = i + 1;
        o.imageId = 1;
        o.positiveId = caption(demo::fineCaption(spec));
        for (const auto& n : demo::negativeSpecs(spec, hard, rng))
            o.negativeIds.push_back(caption(demo::fineCaption(n)));
        std::vector<float> a(o.negativeIds.size() + 1), c(a.size());
        for (size_t j = 0; j < a.size(); ++j) {
            a[j] = static_cast<float>(rng.uniform());
            c[j] = static_cast<float>(rng.uniform() + (j == 0 ? 0.3 : 0.0));
        }
        int ra = 0, rc = 0;
        for (size_t j = 0; j < a.size(); ++j) {
            ra += a[j] >= a[0];
            rc += c[j] >= c[0];
        }
        resultsA.push_back({"hard", o.id, ra, std::move(a)});
        resultsB.push_back({"hard", o.id, rc, std::move(c)});
        ranksA.push_back(ra);
        ranksB.push_back(rc);
        b.objects.push_back(std::move(o));
    }
    b.link();
    std::printf("# %d objects, %zu distinct captions\n", objects, b.captions.size());

    // Each timing is taken before its line is printed (argument order is unspecified).
    // Beside the wall time, the process CPU time per run: on a machine shared with other
    // builds it shows what the computation itself costs.
    auto cpuPerRun = [&](const std::function<void()>& f) {
        const std::clock_t c0 = std::clock();
        const double wall = bench::medianOf(runs, f);
        const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC / runs;
        return std::make_pair(wall, cpu);
    };
    auto cpuText = [](double s) { return "cpu_seconds=" + std::to_string(s) + " "; };
    analysis::ConfusionTable table;
    const auto confusions = cpuPerRun([&] {
        analysis::ConfusionCounter c;
        c.add(b, resultsA);
        table = c.table();
    });
    bench::report("stats-confusions", confusions.first,
                  cpuText(confusions.second) + "negatives=" + std::to_string(table.negatives));
    analysis::Interval ci;
    const auto bootstrap = cpuPerRun([&] { ci = analysis::bootstrapMeanInterval(ranksA); });
    bench::report("stats-bootstrap-2000", bootstrap.first,
                  cpuText(bootstrap.second) + "ci=" + std::to_string(ci.lo) + ".." + std::to_string(ci.hi));
    analysis::PairedComparison p;
    const auto paired = cpuPerRun([&] { p = analysis::comparePaired(ranksA, ranksB); });
    bench::report("stats-paired-comparison", paired.first,
                  cpuText(paired.second) + "diff=" + std::to_string(p.diff) + " wilcoxon_p=" + std::to_string(p.wilcoxon.p));
    return 0;
}

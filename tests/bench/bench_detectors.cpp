// Detector ranks on a large synthetic benchmark (tests/bench/reference_detectors.py
// make): load the benchmark and the predictions pickle and rank them, the
// same work FG-OVD's ranks.py does, timed end to end.
//   bench_detectors BENCH.json PRED.pkl N [--runs R] [--out RANKS.json]
#include "bench_common.h"

#include "data/detector_predictions.h"
#include "data/fgovd.h"
#include "eval/detector_ranks.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

using namespace fglens;

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_detectors BENCH.json PRED.pkl N [--runs R] [--out RANKS.json]\n");
        return 2;
    }
    const std::string bench = argv[1], pred = argv[2];
    const int n = std::atoi(argv[3]);
    int runs = 3;
    std::string out;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--runs"))
            runs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--out"))
            out = argv[i + 1];
    }
    try {
        DetectorRanks r;
        const double total = bench::medianOf(runs, [&] {
            const auto b = FgBenchmark::load(bench);
            const auto p = loadDetectorPredictions(pred);
            r = rankDetector(b, p, n);
        });
        const auto b = FgBenchmark::load(bench);
        const auto p = loadDetectorPredictions(pred);
        const double rankOnly = bench::medianOf(runs, [&] { r = rankDetector(b, p, n); });
        bench::report("detector-ranks", total, "objects=" + std::to_string(r.objects.size()));
        bench::report("detector-ranks-only", rankOnly);
        if (!out.empty()) {
            std::map<int64_t, int> byId;
            for (const auto& o : r.objects)
                byId[o.annotationId] = o.rank;
            std::ofstream f(out);
            f << "{\"objects\": " << r.objects.size() << ", \"ranks\": {";
            bool first = true;
            for (const auto& [id, rank] : byId) {
                f << (first ? "" : ", ") << '"' << id << "\": " << rank;
                first = false;
            }
            f << "}}\n";
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}

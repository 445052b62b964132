// Target 5 (core part): opening a project of 100,000 objects: the FG-OVD JSON
// and its fp16 feature cache, aligned and ready to show.
//   bench_project make DIR [--objects N]   writes DIR/bench100k.json and .safetensors
//   bench_project open DIR [--runs 5]      median load time and peak memory
#include "bench_common.h"

#include "data/feature_cache.h"
#include "data/fgovd.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <sys/resource.h>

#include <fstream>
#include <string>

using namespace fglens;

namespace {

// Captions are shared between objects as in FG-OVD: a pool of 30% of the
// objects' count, positives and negatives drawn from it.
void make(const std::string& dir, int64_t objects)
{
    const int64_t captions = objects * 3 / 10, images = objects / 3 + 1;
    torch::manual_seed(5);
    nlohmann::json doc;
    doc["images"] = nlohmann::json::array();
    for (int64_t i = 0; i < images; ++i)
        doc["images"].push_back({{"id", i + 1}, {"file_name", "val2017/" + std::to_string(i + 1) + ".jpg"},
                                 {"width", 640}, {"height", 480}});
    const auto pick = torch::randint(1, captions + 1, {objects, 11}, torch::kInt64);
    auto acc = pick.accessor<int64_t, 2>();
    doc["annotations"] = nlohmann::json::array();
    for (int64_t o = 0; o < objects; ++o) {
        std::vector<int64_t> neg;
        for (int k = 1; k < 11; ++k)
            neg.push_back(acc[o][k]);
        doc["annotations"].push_back({{"id", o + 1}, {"image_id", o / 3 + 1}, {"bbox", {10.5, 20.25, 100.0, 80.0}},
                                      {"category_id", acc[o][0]}, {"neg_category_ids", neg}});
    }
    doc["categories"] = nlohmann::json::array();
    for (int64_t c = 0; c < captions; ++c)
        doc["categories"].push_back({{"id", c + 1}, {"name", "a red striped plastic object number " + std::to_string(c)}});
    const std::string json = dir + "/bench100k.json";
    std::ofstream(json) << doc.dump();
    BenchmarkCache cache;
    cache.identity = {"bench", "", "none", sha256File(json), "bench100k.json"};
    cache.objectIds = torch::arange(1, objects + 1, torch::kInt64);
    cache.objectFeatures = torch::randn({objects, 512}).to(torch::kHalf);
    cache.captionIds = torch::arange(1, captions + 1, torch::kInt64);
    cache.captionFeatures = torch::randn({captions, 512}).to(torch::kHalf);
    saveBenchmarkCache(dir + "/bench100k.safetensors", cache);
}

double rssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_project make|open DIR [--objects N] [--runs N]\n");
        return 2;
    }
    const std::string mode = argv[1], dir = argv[2];
    int64_t objects = 100000;
    int runs = 5;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--objects")
            objects = std::stoll(argv[i + 1]);
        if (std::string(argv[i]) == "--runs")
            runs = std::stoi(argv[i + 1]);
    }
    if (mode == "make") {
        make(dir, objects);
        return 0;
    }
    const double baseline = rssMb();
    double embeddingsMb = 0;
    size_t n = 0;
    auto open = [&] {
        const auto b = FgBenchmark::load(dir + "/bench100k.json");
        const auto c = loadBenchmarkCache(dir + "/bench100k.safetensors");
        const auto a = alignToBenchmark(c, b, dir + "/bench100k.safetensors");
        n = b.objects.size();
        embeddingsMb = static_cast<double>(a.objects.numel() + a.captions.numel()) * 2 / (1024.0 * 1024.0);
    };
    // Peak memory of one open (later runs would add allocator slack), then warm timings.
    open();
    const double peak = rssMb();
    const double secs = bench::medianOf(runs, open);
    char extra[200];
    std::snprintf(extra, sizeof extra, "objects=%zu fp16_mb=%.1f peak_rss_mb=%.1f baseline_rss_mb=%.1f ratio_over_baseline=%.2f",
                  n, embeddingsMb, peak, baseline, (peak - baseline) / embeddingsMb);
    bench::report("project-open", secs, extra);
    return 0;
}

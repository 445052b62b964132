#include "train/fgclip_bench.h"

#include "common/error.h"
#include "data/fgclip_cache.h"
#include "data/fgovd.h"

#include <torch/torch.h>

#include <unordered_map>

namespace fglens {

ProjectData::Bench loadFgclipBench(const ProjectEntry& e, nlohmann::json& identity, const JobContext* ctx)
{
    const std::string cachePath = e.features.empty() ? e.file : e.features;
    BenchmarkFeatures c = loadFgclipCache(cachePath, ctx);
    ProjectData::Bench b;
    b.key = e.key;
    identity[e.key] = {{"file", e.file}, {"fgclip_cache", cachePath}, {"encoder", "fgclip-cache"}};
    if (e.file == cachePath) {
        b.benchmark = std::make_shared<FgBenchmark>(std::move(c.benchmark));
        b.objects = c.objectFeatures;
        b.captions = c.captionFeatures;
        b.captionPresent = std::move(c.captionHasFeatures);
        return b;
    }
    b.benchmark = std::make_shared<FgBenchmark>(FgBenchmark::load(e.file, ctx));
    const FgBenchmark& bench = *b.benchmark;
    std::unordered_map<int64_t, int64_t> objectRow, captionRow;
    for (size_t i = 0; i < c.benchmark.objects.size(); ++i)
        objectRow.emplace(c.benchmark.objects[i].id, static_cast<int64_t>(i));
    for (size_t i = 0; i < c.benchmark.captions.size(); ++i)
        if (c.captionHasFeatures[i])
            captionRow.emplace(c.benchmark.captions[i].id, static_cast<int64_t>(i));
    std::vector<int64_t> objectIndex;
    objectIndex.reserve(bench.objects.size());
    for (const FgObject& o : bench.objects) {
        const auto it = objectRow.find(o.id);
        if (it == objectRow.end())
            fail(cachePath, "has no features for annotation " + std::to_string(o.id) + " of " + e.file +
                                " (a cache of another benchmark file?)");
        objectIndex.push_back(it->second);
    }
    // Captions the cache did not encode stay zero rows, marked absent.
    std::vector<int64_t> captionIndex;
    b.captionPresent.assign(bench.captions.size(), false);
    for (size_t i = 0; i < bench.captions.size(); ++i) {
        const auto it = captionRow.find(bench.captions[i].id);
        captionIndex.push_back(it == captionRow.end() ? 0 : it->second);
        b.captionPresent[i] = it != captionRow.end();
    }
    b.objects = c.objectFeatures.index_select(0, torch::tensor(objectIndex, torch::kInt64)).contiguous();
    at::Tensor captions = c.captionFeatures.numel() > 0 && !captionIndex.empty()
                              ? c.captionFeatures.index_select(0, torch::tensor(captionIndex, torch::kInt64)).clone()
                              : torch::zeros({static_cast<int64_t>(bench.captions.size()), c.objectFeatures.size(1)},
                                             c.objectFeatures.options());
    for (size_t i = 0; i < b.captionPresent.size(); ++i)
        if (!b.captionPresent[i])
            captions[static_cast<int64_t>(i)].zero_();
    b.captions = captions.contiguous();
    return b;
}

} // namespace fglens

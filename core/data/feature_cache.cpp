#include "data/feature_cache.h"

#include "common/error.h"
#include "common/runtime.h"
#include "common/sha256.h"
#include "data/safetensors.h"

#include <torch/torch.h>

#include <fstream>
#include <unordered_map>

namespace fglens {
namespace {

std::string shortHash(const std::string& h)
{
    return h.size() > 12 ? h.substr(0, 12) + "…" : (h.empty() ? "(none)" : h);
}

const at::Tensor& need(const SafeTensors& st, const std::string& name, const std::string& path, int64_t dims)
{
    auto it = st.tensors.find(name);
    if (it == st.tensors.end())
        fail(path, "feature cache has no tensor '" + name + "'");
    if (it->second.dim() != dims)
        fail(path, "tensor '" + name + "' should have " + std::to_string(dims) + " dimensions, found shape " +
                       shapeString(it->second.sizes().vec()));
    return it->second;
}

void checkKind(const SafeTensors& st, const std::string& path, const std::string& kind)
{
    auto it = st.metadata.find("fglens_cache");
    if (it == st.metadata.end())
        fail(path, "not an FG-Lens feature cache (no fglens_cache metadata)");
    if (it->second != kind)
        fail(path, "is a '" + it->second + "' cache, expected a '" + kind + "' cache");
}

SafeTensors withIdentity(const CacheIdentity& id, const std::string& kind)
{
    SafeTensors st;
    st.metadata = id.toMetadata();
    st.metadata["fglens_cache"] = kind;
    st.metadata["created_by"] = "fglens " + programVersion();
    return st;
}

} // namespace

std::map<std::string, std::string> CacheIdentity::toMetadata() const
{
    return {{"encoder", encoder},
            {"model_sha256", modelSha256},
            {"preprocessing", preprocessing},
            {"dataset_sha256", datasetSha256},
            {"dataset", dataset}};
}

CacheIdentity CacheIdentity::fromMetadata(const std::map<std::string, std::string>& m)
{
    auto get = [&](const char* k) {
        auto it = m.find(k);
        return it == m.end() ? std::string() : it->second;
    };
    return CacheIdentity{get("encoder"), get("model_sha256"), get("preprocessing"), get("dataset_sha256"),
                         get("dataset")};
}

std::string CacheIdentity::mismatch(const CacheIdentity& expected) const
{
    auto diff = [](const char* what, const std::string& have, const std::string& want) {
        return std::string(what) + " differs (cache " + shortHash(have) + ", expected " + shortHash(want) + ")";
    };
    if (encoder != expected.encoder)
        return "encoder differs (cache '" + encoder + "', expected '" + expected.encoder + "')";
    if (modelSha256 != expected.modelSha256)
        return diff("model_sha256", modelSha256, expected.modelSha256);
    if (preprocessing != expected.preprocessing)
        return "preprocessing differs (cache '" + preprocessing + "', expected '" + expected.preprocessing + "')";
    if (datasetSha256 != expected.datasetSha256)
        return diff("dataset_sha256", datasetSha256, expected.datasetSha256);
    return {};
}

void saveBenchmarkCache(const std::string& path, const BenchmarkCache& c)
{
    auto st = withIdentity(c.identity, "benchmark");
    st.tensors["object_ids"] = c.objectIds.to(torch::kInt64);
    st.tensors["object_features"] = c.objectFeatures.to(torch::kHalf);
    st.tensors["caption_ids"] = c.captionIds.to(torch::kInt64);
    st.tensors["caption_features"] = c.captionFeatures.to(torch::kHalf);
    writeSafeTensors(path, st);
}

BenchmarkCache loadBenchmarkCache(const std::string& path)
{
    const auto st = readSafeTensors(path);
    checkKind(st, path, "benchmark");
    BenchmarkCache c;
    c.identity = CacheIdentity::fromMetadata(st.metadata);
    c.objectIds = need(st, "object_ids", path, 1);
    c.objectFeatures = need(st, "object_features", path, 2);
    c.captionIds = need(st, "caption_ids", path, 1);
    c.captionFeatures = need(st, "caption_features", path, 2);
    if (c.objectIds.size(0) != c.objectFeatures.size(0) || c.captionIds.size(0) != c.captionFeatures.size(0))
        fail(path, "ids and features have different row counts");
    if (c.objectFeatures.size(1) != c.captionFeatures.size(1))
        fail(path, "object and caption features have different widths");
    return c;
}

void saveCaptionSetCache(const std::string& path, const CaptionSetCache& c)
{
    auto st = withIdentity(c.identity, "captions");
    st.tensors["image_features"] = c.imageFeatures.to(torch::kHalf);
    st.tensors["caption_features"] = c.captionFeatures.to(torch::kHalf);
    st.tensors["caption_image"] = c.captionImage.to(torch::kInt64);
    writeSafeTensors(path, st);
}

CaptionSetCache loadCaptionSetCache(const std::string& path)
{
    const auto st = readSafeTensors(path);
    checkKind(st, path, "captions");
    CaptionSetCache c;
    c.identity = CacheIdentity::fromMetadata(st.metadata);
    c.imageFeatures = need(st, "image_features", path, 2);
    c.captionFeatures = need(st, "caption_features", path, 2);
    c.captionImage = need(st, "caption_image", path, 1);
    if (c.captionImage.size(0) != c.captionFeatures.size(0))
        fail(path, "caption_image and caption_features have different row counts");
    if (c.captionImage.numel() &&
        (c.captionImage.min().item<int64_t>() < 0 || c.captionImage.max().item<int64_t>() >= c.imageFeatures.size(0)))
        fail(path, "caption_image refers to an image row that does not exist");
    return c;
}

AlignedFeatures alignToBenchmark(const BenchmarkCache& c, const FgBenchmark& b, const std::string& cachePath,
                                 bool allowMissingCaptions)
{
    const int64_t d = c.objectFeatures.size(1);
    AlignedFeatures a;
    auto rowsOf = [](const at::Tensor& ids) {
        std::unordered_map<int64_t, int64_t> m;
        auto acc = ids.accessor<int64_t, 1>();
        for (int64_t i = 0; i < ids.size(0); ++i)
            m.emplace(acc[i], i);
        return m;
    };
    const auto objectRow = rowsOf(c.objectIds);
    std::vector<int64_t> orows;
    orows.reserve(b.objects.size());
    for (const auto& o : b.objects) {
        auto it = objectRow.find(o.id);
        if (it == objectRow.end())
            fail(cachePath, "has no features for object " + std::to_string(o.id) + " of " + b.path +
                                " (cache made for another benchmark?)");
        orows.push_back(it->second);
    }
    // Caches are usually written in the benchmark's order: then share the
    // storage instead of copying (a 100k-object benchmark is 100 MB of fp16).
    bool inOrder = orows.size() == static_cast<size_t>(c.objectFeatures.size(0));
    for (size_t i = 0; inOrder && i < orows.size(); ++i)
        inOrder = orows[i] == static_cast<int64_t>(i);
    a.objects = inOrder ? c.objectFeatures : c.objectFeatures.index_select(0, torch::tensor(orows, torch::kInt64));
    const auto captionRow = rowsOf(c.captionIds);
    a.captionPresent.assign(b.captions.size(), false);
    bool captionsInOrder = b.captions.size() == static_cast<size_t>(c.captionIds.size(0));
    for (size_t i = 0; captionsInOrder && i < b.captions.size(); ++i) {
        auto it = captionRow.find(b.captions[i].id);
        captionsInOrder = it != captionRow.end() && it->second == static_cast<int64_t>(i);
    }
    if (captionsInOrder) {
        a.captions = c.captionFeatures;
        a.captionPresent.assign(b.captions.size(), true);
        return a;
    }
    a.captions = torch::zeros({static_cast<int64_t>(b.captions.size()), d}, c.captionFeatures.options());
    std::vector<int64_t> src, dst;
    for (size_t i = 0; i < b.captions.size(); ++i) {
        auto it = captionRow.find(b.captions[i].id);
        if (it == captionRow.end()) {
            if (!allowMissingCaptions)
                fail(cachePath, "has no features for caption " + std::to_string(b.captions[i].id) + " of " + b.path);
            continue;
        }
        a.captionPresent[i] = true;
        src.push_back(it->second);
        dst.push_back(static_cast<int64_t>(i));
    }
    if (!src.empty())
        a.captions.index_copy_(0, torch::tensor(dst, torch::kInt64),
                               c.captionFeatures.index_select(0, torch::tensor(src, torch::kInt64)));
    return a;
}

std::string sha256File(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open (missing or unreadable)");
    Sha256 h;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        h.update(buf.data(), static_cast<size_t>(in.gcount()));
    }
    return h.hexDigest();
}

} // namespace fglens

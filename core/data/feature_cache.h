#pragma once
// FG-Lens feature caches: the embeddings of one FG-OVD benchmark or one
// COCO-style caption set, stored as safetensors with an identity in the
// metadata so a stale cache (other model file, other preprocessing, other
// dataset) is never mixed with a fresh one.
//
// Benchmark cache tensors: "object_ids" int64 [n], "object_features" f16 [n, D]
// (annotation order), "caption_ids" int64 [m], "caption_features" f16 [m, D]
// (categories[] order).
// Caption-set cache tensors: "image_features" f16 [I, D], "caption_features"
// f16 [M, D], "caption_image" int64 [M] (row of each caption's image).
// Metadata keys: "fglens_cache" ("benchmark" | "captions"), "encoder" (model
// name), "model_sha256", "preprocessing", "dataset_sha256", "dataset",
// "created_by".
#include "data/fgovd.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace fglens {

struct CacheIdentity {
    std::string encoder;        // "clip:ViT-B/16", "fglens-demo-encoder-v1", ...
    std::string modelSha256;    // of the model file; empty for built-in encoders
    std::string preprocessing;  // e.g. "crop=floor-ceil;resize=pil-bicubic-224;center-crop;clip-norm"
    std::string datasetSha256;  // of the benchmark / caption file
    std::string dataset;        // file name, for messages

    std::map<std::string, std::string> toMetadata() const;
    static CacheIdentity fromMetadata(const std::map<std::string, std::string>& m);
    // Empty when equal, else "model_sha256 differs (cache abc…, expected def…)".
    std::string mismatch(const CacheIdentity& expected) const;
};

struct BenchmarkCache {
    CacheIdentity identity;
    at::Tensor objectIds, objectFeatures, captionIds, captionFeatures;
};

struct CaptionSetCache {
    CacheIdentity identity;
    at::Tensor imageFeatures, captionFeatures, captionImage;
};

void saveBenchmarkCache(const std::string& path, const BenchmarkCache& c);
BenchmarkCache loadBenchmarkCache(const std::string& path);
void saveCaptionSetCache(const std::string& path, const CaptionSetCache& c);
CaptionSetCache loadCaptionSetCache(const std::string& path);

// Rows of a benchmark cache put in the benchmark's object and caption order;
// throws naming the cache when an object or caption of the benchmark has no
// row. Missing captions are allowed when `allowMissingCaptions` (rows zero).
struct AlignedFeatures {
    at::Tensor objects;    // [benchmark.objects.size(), D]
    at::Tensor captions;   // [benchmark.captions.size(), D]
    std::vector<bool> captionPresent;
};
AlignedFeatures alignToBenchmark(const BenchmarkCache& c, const FgBenchmark& b, const std::string& cachePath,
                                 bool allowMissingCaptions = false);

// SHA-256 of a file, lower-case hex (streams; for identities).
std::string sha256File(const std::string& path);

} // namespace fglens

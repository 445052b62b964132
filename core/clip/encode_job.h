#pragma once
// Encoding jobs: images (files or object boxes) and captions through a CLIP
// model, and whole FG-OVD benchmarks / COCO caption sets into feature caches
// (data/feature_cache.h).
//
// Cache jobs are resumable: every few seconds (and when cancelled or failing)
// the finished rows are written atomically to OUT.partial, a safetensors file
// with the cache identity in its metadata. Batches are fixed by the dataset
// order, never by what is left, so a resumed run feeds the model exactly the
// batches an uninterrupted run would and produces the same cache. A partial or
// cache of another identity (model file, preprocessing, dataset) is never
// mixed in: the job refuses, or starts over when asked to.
#include "clip/clip_model.h"
#include "clip/preprocess.h"
#include "clip/tokenizer.h"
#include "common/job.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace fglens::clip {

struct ImageEncodeResult {
    at::Tensor features;                   // float [N, D]; rows of failed items are zero
    std::vector<int64_t> failedRows;
    std::vector<std::string> failures;     // one line each, same order
};

// Decodes and preprocesses on `workers` threads (0: a default) while the model
// runs batches. Unreadable images are reported and skipped, never fatal.
ImageEncodeResult encodeImageItems(const ClipModel& model, const std::vector<ImageItem>& items, int64_t batch,
                                   const JobContext* ctx, int workers = 0);
// Runs each batch only as far as its longest caption (the causal mask makes
// later positions irrelevant to the end-token output).
at::Tensor encodeTokenRows(const ClipModel& model, const at::Tensor& tokens, int64_t batch, const JobContext* ctx);
at::Tensor encodeTexts(const ClipModel& model, const Tokenizer& tokenizer, const std::vector<std::string>& texts,
                       int64_t batch, const JobContext* ctx);

struct EncodeOptions {
    int64_t imageBatch = 32;
    int64_t textBatch = 256;
    int workers = 0;                 // preprocessing threads; 0: a default for this machine
    double checkpointSeconds = 10;   // partial progress written at most this often (0: every batch)
    bool restart = false;            // discard a partial or cache of another identity instead of refusing
    // Shard `shardIndex` of `shardCount` (0-based): only every shardCount-th
    // batch of images and of captions, so each row is computed in exactly the
    // batch an unsharded run puts it in (bit-identical after the merge). The
    // output is then a shard cache (data/cache_shards.h), not a whole cache.
    int shardIndex = 0;
    int shardCount = 1;
};

struct EncodeSummary {
    int64_t images = 0, imagesEncoded = 0, imagesResumed = 0, imagesFailed = 0;
    int64_t captions = 0, captionsEncoded = 0, captionsResumed = 0;
    std::vector<std::string> failures;   // one line per unreadable image or box
    bool upToDate = false;               // OUT already held this identity's cache: nothing done
};

// Every object crop of an FG-OVD benchmark (annotation order) and every caption
// (categories order; identical texts encoded once) into a BenchmarkCache.
// Objects whose image is missing or unreadable keep zero rows and are listed
// in the cache metadata ("missing_object_ids").
EncodeSummary encodeBenchmark(const ClipModel& model, const std::string& modelPath, const Tokenizer& tokenizer,
                              const std::string& benchmarkPath, const std::string& imageRoot,
                              const std::string& outPath, const EncodeOptions& options, const JobContext* ctx);

// Every image and caption of a COCO caption file (Karpathy or official; see
// data/coco_captions.h) into a CaptionSetCache. Missing images are listed in
// the metadata ("missing_image_rows").
EncodeSummary encodeCaptionSet(const ClipModel& model, const std::string& modelPath, const Tokenizer& tokenizer,
                               const std::string& captionsPath, const std::vector<std::string>& splits,
                               const std::string& imageRoot, const std::string& outPath, const EncodeOptions& options,
                               const JobContext* ctx);

std::string partialPath(const std::string& outPath);

} // namespace fglens::clip

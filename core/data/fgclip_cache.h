#pragma once
// FG-CLIP's feature caches: torch.save of the whole benchmark dict, each
// annotation with a `features` tensor and each used category (caption) with
// one, fp16, usually saved from CUDA, bboxes already as [x1, y1, x2, y2].
#include "common/job.h"
#include "data/fgovd.h"

#include <ATen/core/Tensor.h>

namespace fglens {

struct BenchmarkFeatures {
    FgBenchmark benchmark;        // bboxes converted back to COCO [x, y, w, h]
    at::Tensor objectFeatures;    // [n_objects, D], as stored (fp16)
    at::Tensor captionFeatures;   // [n_captions, D]; zero rows where a caption has none
    std::vector<bool> captionHasFeatures;
};

BenchmarkFeatures loadFgclipCache(const std::string& path, const JobContext* ctx = nullptr);

} // namespace fglens

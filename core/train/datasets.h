#pragma once
// Training and validation data as embeddings: COCO-style image-caption pairs
// for the warm-up, FG-OVD vocabularies for the fine-tune. Features stay in the
// caches' precision (float16 as a rule; half the memory of float32 for COCO's
// 566k captions) and each batch is widened to float32 as it is drawn.
#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace fglens {

class FgBenchmark;

struct PairSet {
    at::Tensor images;                  // [I, D]
    at::Tensor captions;                // [M, D]
    std::vector<int64_t> captionImage;  // image index of each caption; one pair per caption
    int64_t size() const { return static_cast<int64_t>(captionImage.size()); }
};

struct VocabSet {
    std::string name;
    at::Tensor objects;                 // [N, D]
    at::Tensor captions;                // [K, D]
    at::Tensor vocab;                   // int64 [N, C]: caption rows, positive first
    std::vector<int32_t> objectIndices; // benchmark object of each row
    int64_t size() const { return vocab.defined() ? vocab.size(0) : 0; }
};

// Objects with fewer than `negatives` negatives are dropped, longer
// vocabularies are cut to the first `negatives` (the reference protocol).
VocabSet makeVocabSet(const FgBenchmark& benchmark, const at::Tensor& objectFeatures,
                      const at::Tensor& captionFeatures, int negatives, const std::string& name = {});

} // namespace fglens

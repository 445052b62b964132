#pragma once
// COCO-style retrieval (DESIGN.md §3): image-to-text rank is the best rank of
// the image's own captions; text-to-image rank is the rank of the caption's
// image; R@K = % of queries with 0-based rank < K.
#include "common/job.h"
#include "heads/head.h"

#include <vector>

namespace fglens {

struct Recall {
    double r1 = 0, r5 = 0, r10 = 0;
};

struct RetrievalResult {
    Recall i2t, t2i;
    int64_t images = 0, captions = 0;
    double rsum() const { return i2t.r1 + i2t.r5 + i2t.r10 + t2i.r1 + t2i.r5 + t2i.r10; }
};

struct RetrievalOptions {
    // Quirk 2: the reference's CLIP baseline divides each feature column by
    // its norm over all items (numpy axis=0) instead of taking cosines.
    // Only meaningful for the cosine head.
    bool referenceColumnNorm = false;
    int64_t chunk = 256;   // image rows scored at a time
};

// scores [images, captions]; captionImage[c] is the image index of caption c.
RetrievalResult retrievalFromScores(const at::Tensor& scores, const std::vector<int64_t>& captionImage);

RetrievalResult evaluateRetrieval(SimilarityHeadImpl& head, const at::Tensor& imageFeatures,
                                  const at::Tensor& captionFeatures, const std::vector<int64_t>& captionImage,
                                  const RetrievalOptions& options = {}, const JobContext* ctx = nullptr);

// captionImage for the usual layout of k captions per image, image-major.
std::vector<int64_t> blockCaptionImages(int64_t images, int64_t captionsPerImage);

} // namespace fglens

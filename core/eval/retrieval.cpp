#include "eval/retrieval.h"

#include "common/error.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <limits>

namespace fglens {

namespace {

void addHit(Recall& r, int64_t rank)
{
    if (rank < 1) r.r1 += 1;
    if (rank < 5) r.r5 += 1;
    if (rank < 10) r.r10 += 1;
}

void toPercent(Recall& r, int64_t n)
{
    const double k = n ? 100.0 / static_cast<double>(n) : 0.0;
    r.r1 *= k;
    r.r5 *= k;
    r.r10 *= k;
}

} // namespace

std::vector<int64_t> blockCaptionImages(int64_t images, int64_t captionsPerImage)
{
    std::vector<int64_t> out(static_cast<size_t>(images * captionsPerImage));
    for (size_t c = 0; c < out.size(); ++c)
        out[c] = static_cast<int64_t>(c) / captionsPerImage;
    return out;
}

RetrievalResult retrievalFromScores(const at::Tensor& scoresIn, const std::vector<int64_t>& captionImage)
{
    auto scores = scoresIn.to(torch::kFloat32).contiguous();
    const int64_t ni = scores.size(0), nc = scores.size(1);
    if (static_cast<int64_t>(captionImage.size()) != nc)
        fail("", "retrieval: caption-to-image map has " + std::to_string(captionImage.size()) +
                     " entries for " + std::to_string(nc) + " captions");
    const float* s = scores.data_ptr<float>();
    std::vector<std::vector<int64_t>> own(static_cast<size_t>(ni));
    for (int64_t c = 0; c < nc; ++c) {
        const int64_t i = captionImage[static_cast<size_t>(c)];
        if (i < 0 || i >= ni)
            fail("", "retrieval: caption " + std::to_string(c) + " points at image " + std::to_string(i));
        own[static_cast<size_t>(i)].push_back(c);
    }

    std::vector<int64_t> i2tRank(static_cast<size_t>(ni), -1), t2iRank(static_cast<size_t>(nc), 0);
    at::parallel_for(0, ni, 16, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) {
            const float* row = s + i * nc;
            if (own[static_cast<size_t>(i)].empty())
                continue;
            float best = -std::numeric_limits<float>::infinity();
            for (int64_t c : own[static_cast<size_t>(i)])
                best = std::max(best, row[c]);
            int64_t above = 0;
            for (int64_t c = 0; c < nc; ++c)
                above += row[c] > best;
            i2tRank[static_cast<size_t>(i)] = above;
        }
    });
    at::parallel_for(0, nc, 256, [&](int64_t b, int64_t e) {
        for (int64_t c = b; c < e; ++c) {
            const float pos = s[captionImage[static_cast<size_t>(c)] * nc + c];
            int64_t above = 0;
            for (int64_t i = 0; i < ni; ++i)
                above += s[i * nc + c] > pos;
            t2iRank[static_cast<size_t>(c)] = above;
        }
    });

    RetrievalResult r;
    r.captions = nc;
    for (int64_t rank : i2tRank)
        if (rank >= 0) {
            addHit(r.i2t, rank);
            ++r.images;
        }
    for (int64_t rank : t2iRank)
        addHit(r.t2i, rank);
    toPercent(r.i2t, r.images);
    toPercent(r.t2i, nc);
    return r;
}

RetrievalResult evaluateRetrieval(SimilarityHeadImpl& head, const at::Tensor& imageFeatures,
                                  const at::Tensor& captionFeatures, const std::vector<int64_t>& captionImage,
                                  const RetrievalOptions& opt, const JobContext* ctx)
{
    torch::NoGradGuard noGrad;
    head.eval();
    auto im = imageFeatures.to(torch::kFloat32);
    auto tx = captionFeatures.to(torch::kFloat32);
    const int64_t ni = im.size(0), nc = tx.size(0);
    if (opt.referenceColumnNorm) {
        if (head.kind() != HeadKind::Cosine)
            fail("", "the reference column normalisation applies to the cosine baseline only");
        // Quirk 2, as the reference computes it: norms over axis 0, then plain dot products.
        im = im / im.norm(2, 0, true);
        tx = tx / tx.norm(2, 0, true);
        return retrievalFromScores(torch::mm(im, tx.t()), captionImage);
    }
    auto scores = torch::empty({ni, nc}, torch::kFloat32);
    for (int64_t r = 0; r < ni; r += opt.chunk) {
        if (ctx)
            ctx->checkCancelled();
        const int64_t n = std::min(opt.chunk, ni - r);
        scores.narrow(0, r, n).copy_(head.scoreMatrix(im.narrow(0, r, n), tx));
        if (ctx)
            ctx->report("retrieval", r + n, ni);
    }
    return retrievalFromScores(scores, captionImage);
}

} // namespace fglens

#include "eval/fgovd_eval.h"

#include "common/error.h"
#include "common/float_rows.h"
#include "data/fgovd.h"

#include <torch/torch.h>

namespace fglens {

FgEvalResult evaluateFgovd(SimilarityHeadImpl& head, const FgBenchmark& b, const at::Tensor& objectFeatures,
                           const at::Tensor& captionFeatures, const FgEvalOptions& opt, const JobContext* ctx)
{
    if (opt.negatives < 1)
        fail(b.path, "the number of negatives must be at least 1");
    if (objectFeatures.dim() != 2 || objectFeatures.size(0) != static_cast<int64_t>(b.objects.size()))
        fail(b.path, "object features have shape " + shapeString(objectFeatures.sizes().vec()) + ", expected [" +
                         std::to_string(b.objects.size()) + ", D]");
    if (captionFeatures.dim() != 2 || captionFeatures.size(0) != static_cast<int64_t>(b.captions.size()))
        fail(b.path, "caption features have shape " + shapeString(captionFeatures.sizes().vec()) + ", expected [" +
                         std::to_string(b.captions.size()) + ", D]");

    const int N = opt.negatives;
    const int C = N + 1;
    // Every object with at least one negative takes part in some n <= N.
    std::vector<int32_t> objects;
    std::vector<int> lengths;   // vocabulary length used per object (<= C)
    for (size_t i = 0; i < b.objects.size(); ++i) {
        const int negs = static_cast<int>(b.objects[i].negativeIndices.size());
        if (negs >= 1) {
            objects.push_back(static_cast<int32_t>(i));
            lengths.push_back(std::min(negs, N) + 1);
        }
    }
    const int64_t total = static_cast<int64_t>(objects.size());
    std::vector<float> scores(static_cast<size_t>(total) * C, 0.0f);

    torch::NoGradGuard noGrad;
    head.eval();
    // Short vocabularies are padded with the positive; those columns are never ranked.
    auto vocab = torch::empty({total, C}, torch::kInt64);
    auto* pv = vocab.data_ptr<int64_t>();
    for (int64_t r = 0; r < total; ++r) {
        const auto& ob = b.objects[static_cast<size_t>(objects[static_cast<size_t>(r)])];
        for (int c = 0; c < C; ++c)
            pv[r * C + c] = c == 0 || c > static_cast<int>(ob.negativeIndices.size())
                                ? ob.positiveIndex : ob.negativeIndices[static_cast<size_t>(c - 1)];
    }
    const auto objIdx = torch::tensor(std::vector<int64_t>(objects.begin(), objects.end()), torch::kInt64);
    const auto vAll = floatRows(objectFeatures, objIdx);
    // Only the captions some vocabulary uses are scored, each once.
    std::vector<int64_t> remapRows(static_cast<size_t>(captionFeatures.size(0)), -1), usedRows;
    auto local = torch::empty({total, C}, torch::kInt64);
    auto* pl = local.data_ptr<int64_t>();
    for (int64_t i = 0; i < total * C; ++i) {
        int64_t& slot = remapRows[static_cast<size_t>(pv[i])];
        if (slot < 0) {
            slot = static_cast<int64_t>(usedRows.size());
            usedRows.push_back(pv[i]);
        }
        pl[i] = slot;
    }
    const auto used = torch::tensor(usedRows, torch::kInt64);
    // Captions are encoded once for all batches (projection, normalisation).
    const bool perCaption = opt.textNorm == TextNorm::PerCaption;
    const auto tEncoded = perCaption ? head.encodeCaptions(floatRows(captionFeatures, used)) : torch::Tensor();
    const auto tUsed = perCaption ? torch::Tensor() : floatRows(captionFeatures, used);
    for (int64_t start = 0; start < total; start += opt.batch) {
        if (ctx)
            ctx->checkCancelled();
        const int64_t n = std::min(opt.batch, total - start);
        torch::Tensor s;
        if (perCaption) {
            s = head.scoreEncoded(vAll.narrow(0, start, n), tEncoded, local.narrow(0, start, n));
        } else {
            auto voc = local.narrow(0, start, n).reshape({-1});
            s = head.scoreVocab(vAll.narrow(0, start, n), tUsed.index_select(0, voc).view({n, C, -1}), opt.textNorm);
        }
        s = s.to(torch::kFloat32);
        if (opt.fp16Scores)
            s = s.to(torch::kFloat16).to(torch::kFloat32);
        s = s.contiguous();
        std::memcpy(scores.data() + start * C, s.data_ptr<float>(), sizeof(float) * static_cast<size_t>(n * C));
        if (ctx)
            ctx->report("score " + b.name, start + n, total);
    }

    FgEvalResult res;
    res.negatives = N;
    for (int k = 1; k <= N; ++k) {
        std::vector<int> ranks;
        for (int64_t r = 0; r < total; ++r)
            if (lengths[static_cast<size_t>(r)] >= k + 1)
                ranks.push_back(positiveRank(scores.data() + r * C, k + 1));
        res.perNegatives[k] = summarizeRanks(ranks);
    }
    for (int64_t r = 0; r < total; ++r) {
        if (lengths[static_cast<size_t>(r)] < C)
            continue;
        res.objectIndices.push_back(objects[static_cast<size_t>(r)]);
        res.ranks.push_back(positiveRank(scores.data() + r * C, C));
        res.scores.insert(res.scores.end(), scores.begin() + r * C, scores.begin() + (r + 1) * C);
    }
    res.summary = res.perNegatives[N];
    return res;
}

} // namespace fglens

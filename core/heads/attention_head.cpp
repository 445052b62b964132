#include "heads/attention_head.h"

#include "heads/score_kernels.h"

#include <torch/torch.h>

#include <cmath>

namespace fglens {

namespace {

struct NamedList : torch::nn::Module {
    void add(const std::string& name, const std::shared_ptr<torch::nn::Module>& m) { register_module(name, m); }
};

// exp(l_x - l_c) stays finite in fp32 below this; beyond it the stable
// (per-pair softmax) path is taken.
constexpr double kFastPathLimit = 80.0;

} // namespace

AttentionHeadImpl::AttentionHeadImpl(int64_t dim, int64_t heads) : dim_(dim), heads_(heads)
{
    cls_ = register_module("cls_linear", torch::nn::Linear(1, dim));
    mha_ = torch::nn::MultiheadAttention(torch::nn::MultiheadAttentionOptions(dim, heads));
    auto layers = std::make_shared<NamedList>();
    layers->add("0", mha_.ptr());
    register_module("attention_layers", layers);
}

AttentionHeadImpl::CTerms AttentionHeadImpl::clsTerms()
{
    const int64_t d = dim_ / heads_;
    const auto& w = mha_->in_proj_weight;   // [3D, D]: q, k, v rows
    const auto& b = mha_->in_proj_bias;     // [3D]
    auto wq = w.narrow(0, 0, dim_), wk = w.narrow(0, dim_, dim_), wv = w.narrow(0, 2 * dim_, dim_);
    auto bq = b.narrow(0, 0, dim_), bk = b.narrow(0, dim_, dim_), bv = b.narrow(0, 2 * dim_, dim_);
    auto c = cls_->forward(torch::ones({1, 1}, w.options())).squeeze(0);     // [D]
    auto qc = (torch::mv(wq, c) + bq) / std::sqrt(static_cast<double>(d));  // [D]
    auto wo0 = mha_->out_proj->weight[0];                                   // [D]

    CTerms t;
    // l_x[h] = sum_{i in h} qc_i (Wk x + bk)_i = x · (Wk_h^T qc_h) + qc_h · bk_h
    auto qh = qc.view({heads_, d});
    t.query = torch::bmm(qh.unsqueeze(1), wk.view({heads_, d, dim_})).squeeze(1);   // [H, D]
    auto lbias = (qh * bk.view({heads_, d})).sum(-1);                             // [H]
    // z_x[h] = sum_{i in h} wo0_i (Wv x + bv)_i
    auto oh = wo0.view({heads_, d});
    t.valueDir = torch::bmm(oh.unsqueeze(1), wv.view({heads_, d, dim_})).squeeze(1); // [H, D]
    t.valueBias = (oh * bv.view({heads_, d})).sum(-1);                               // [H]
    auto lc = torch::mv(t.query, c) + lbias;
    t.zc = torch::mv(t.valueDir, c) + t.valueBias;
    t.logitBias = lbias - lc;
    return t;
}

AttentionHeadImpl::SideTerms AttentionHeadImpl::sideTerms(const torch::Tensor& x)
{
    auto c = clsTerms();
    auto xf = x.is_floating_point() && x.element_size() >= 4 ? x : x.to(torch::kFloat32);
    // One GEMM for both: [.., D] x [D, 2H] keeps the kernel busier than two of width H.
    auto w = torch::cat({c.query, c.valueDir}, 0), bias = torch::cat({c.logitBias, c.valueBias}, 0);
    auto both = xf.dim() == 2 ? torch::addmm(bias, xf, w.t()) : torch::matmul(xf, w.t()) + bias;
    return {both.narrow(-1, 0, heads_), both.narrow(-1, heads_, heads_)};
}

torch::Tensor AttentionHeadImpl::combine(const SideTerms& a, const SideTerms& b, const torch::Tensor& zc)
{
    const auto bo = mha_->out_proj->bias[0];
    const bool fast = a.logits.max().item<double>() < kFastPathLimit &&
                      b.logits.max().item<double>() < kFastPathLimit;
    if (fast) {
        auto ea = torch::exp(a.logits), eb = torch::exp(b.logits);
        auto num = zc + ea * a.values + eb * b.values;
        auto den = 1 + ea + eb;
        return torch::sigmoid((num / den).sum(-1) + bo);
    }
    auto shape = (a.logits + b.logits).sizes().vec();
    auto l = torch::stack({torch::zeros(shape, a.logits.options()), a.logits.expand(shape), b.logits.expand(shape)}, -1);
    auto z = torch::stack({zc.expand(shape), a.values.expand(shape), b.values.expand(shape)}, -1);
    return torch::sigmoid((torch::softmax(l, -1) * z).sum({-1, -2}) + bo);
}

torch::Tensor AttentionHeadImpl::scorePairs(const torch::Tensor& v, const torch::Tensor& t)
{
    return combine(sideTerms(v), sideTerms(t), clsTerms().zc);
}

torch::Tensor AttentionHeadImpl::scoreVocab(const torch::Tensor& v, const torch::Tensor& t, TextNorm)
{
    // The attention head sees raw embeddings, so text normalisation is moot.
    auto sv = sideTerms(v);
    sv.logits = sv.logits.unsqueeze(1);
    sv.values = sv.values.unsqueeze(1);
    return combine(sv, sideTerms(t), clsTerms().zc);
}

torch::Tensor AttentionHeadImpl::scoreMatrix(const torch::Tensor& v, const torch::Tensor& t)
{
    auto cterms = clsTerms();
    auto sv = sideTerms(v), st = sideTerms(t);
    const bool fast = sv.logits.max().item<double>() < kFastPathLimit &&
                      st.logits.max().item<double>() < kFastPathLimit;
    if (fast && !torch::GradMode::is_enabled() && v.device().is_cpu() && sv.logits.scalar_type() == torch::kFloat32) {
        // Inference: a fused loop avoids materialising [B, M, H] tensors.
        auto ea = torch::exp(sv.logits), eb = torch::exp(st.logits);
        return attentionPairScores(ea, ea * sv.values, eb, eb * st.values, cterms.zc,
                                   mha_->out_proj->bias[0].item<float>());
    }
    // Autograd or stable path, in row chunks to bound memory.
    const int64_t m = std::max<int64_t>(1, t.size(0));
    const int64_t rows = std::max<int64_t>(1, (64LL << 20) / (m * heads_));
    std::vector<torch::Tensor> parts;
    for (int64_t r = 0; r < v.size(0); r += rows) {
        const int64_t n = std::min(rows, v.size(0) - r);
        SideTerms a{sv.logits.narrow(0, r, n).unsqueeze(1), sv.values.narrow(0, r, n).unsqueeze(1)};
        SideTerms b{st.logits.unsqueeze(0), st.values.unsqueeze(0)};
        parts.push_back(combine(a, b, cterms.zc));
    }
    if (parts.empty())
        return torch::empty({0, t.size(0)}, v.options().dtype(torch::kFloat32));
    return torch::cat(parts, 0);
}

torch::Tensor AttentionHeadImpl::encodeCaptions(const torch::Tensor& t)
{
    auto st = sideTerms(t);
    return torch::cat({st.logits, st.values}, -1);   // [K, 2H]
}

torch::Tensor AttentionHeadImpl::scoreEncoded(const torch::Tensor& v, const torch::Tensor& encoded, const torch::Tensor& vocab)
{
    auto sv = sideTerms(v);
    const SideTerms st{encoded.narrow(-1, 0, heads_), encoded.narrow(-1, heads_, heads_)};
    auto cterms = clsTerms();
    if (!torch::GradMode::is_enabled() && v.device().is_cpu() && sv.logits.scalar_type() == torch::kFloat32 &&
        sv.logits.max().item<double>() < kFastPathLimit && st.logits.max().item<double>() < kFastPathLimit) {
        auto ea = torch::exp(sv.logits), eb = torch::exp(st.logits);
        return attentionIndexedScores(ea, ea * sv.values, eb, eb * st.values, cterms.zc,
                                      mha_->out_proj->bias[0].item<float>(), vocab);
    }
    const auto flat = vocab.reshape({-1});
    SideTerms a{sv.logits.unsqueeze(1), sv.values.unsqueeze(1)};
    SideTerms b{st.logits.index_select(0, flat).view({vocab.size(0), vocab.size(1), heads_}),
                st.values.index_select(0, flat).view({vocab.size(0), vocab.size(1), heads_})};
    return combine(a, b, cterms.zc);
}

torch::Tensor AttentionHeadImpl::scorePairsReference(const torch::Tensor& v, const torch::Tensor& t)
{
    auto vf = v.to(mha_->in_proj_weight.scalar_type()), tf = t.to(mha_->in_proj_weight.scalar_type());
    auto c = cls_->forward(torch::ones({vf.size(0), 1}, vf.options()));
    auto x = torch::stack({c, vf, tf}, 0);   // [3, N, D]: sequence-first layout
    auto out = std::get<0>(mha_->forward(x, x, x));
    return torch::sigmoid(out.select(0, 0).select(1, 0));
}

} // namespace fglens

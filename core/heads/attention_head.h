#pragma once
// FG-CLIP's CrossAttentionModule with one attention layer and no MLP: the
// sequence [c, v, t] (c = cls_linear(1)) goes through one MultiheadAttention
// and S = sigmoid(out[0][0]).
//
// Only output token 0, coordinate 0 is used, so per head h the score needs
// the query of c alone: with l_x = <q_c, k_x>/sqrt(d) and z_x the value of x
// projected on row 0 of out_proj, S = sigmoid(b_o + sum_h softmax(l)·z).
// l_v, z_v depend on the image only and l_t, z_t on the caption only, so they
// are computed once per side; per pair only a 3-term softmax per head remains.
// With a_x = exp(l_x - l_c) that is (z_c + a_v z_v + a_t z_t) / (1 + a_v + a_t).
#include "heads/head.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>

namespace fglens {

class AttentionHeadImpl final : public SimilarityHeadImpl {
public:
    explicit AttentionHeadImpl(int64_t dim = 512, int64_t heads = 64);

    HeadKind kind() const override { return HeadKind::Attention; }
    torch::Tensor scorePairs(const torch::Tensor& v, const torch::Tensor& t) override;
    torch::Tensor scoreVocab(const torch::Tensor& v, const torch::Tensor& t, TextNorm norm) override;
    torch::Tensor scoreMatrix(const torch::Tensor& v, const torch::Tensor& t) override;
    torch::Tensor encodeCaptions(const torch::Tensor& t) override;
    torch::Tensor scoreEncoded(const torch::Tensor& v, const torch::Tensor& encoded, const torch::Tensor& vocab) override;

    // The plain per-pair computation through MultiheadAttention, as the
    // reference does it; kept for tests and benchmarks.
    torch::Tensor scorePairsReference(const torch::Tensor& v, const torch::Tensor& t);

    struct SideTerms {
        torch::Tensor logits;   // [..., H]: l_x - l_c
        torch::Tensor values;   // [..., H]: z_x
    };
    SideTerms sideTerms(const torch::Tensor& x);

private:
    struct CTerms {
        torch::Tensor query;    // [H, D]: per-head key directions for q_c (scaled)
        torch::Tensor logitBias;// [H]: bias part of l_x, minus l_c
        torch::Tensor valueDir; // [H, D]
        torch::Tensor valueBias;// [H]
        torch::Tensor zc;       // [H]
    };
    CTerms clsTerms();
    // Combines broadcastable side terms into scores (sum over heads + bias).
    torch::Tensor combine(const SideTerms& a, const SideTerms& b, const torch::Tensor& zc);

    int64_t dim_;
    int64_t heads_;
    torch::nn::Linear cls_{nullptr};
    torch::nn::MultiheadAttention mha_{nullptr};
};

} // namespace fglens

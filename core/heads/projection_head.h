#pragma once
// Heads that project each side on its own and compare with cosine: cosine
// (no projection), linear, linear-visual, linear-text and mlp. Parameters are
// named as FG-CLIP's MLPs module: linear_layers.<side>.<layer>.{weight,bias},
// side 0 visual and 1 text.
#include "heads/head.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>

namespace fglens {

class ProjectionHeadImpl final : public SimilarityHeadImpl {
public:
    ProjectionHeadImpl(HeadKind kind, int64_t dim);

    HeadKind kind() const override { return kind_; }
    torch::Tensor scorePairs(const torch::Tensor& v, const torch::Tensor& t) override;
    torch::Tensor scoreVocab(const torch::Tensor& v, const torch::Tensor& t, TextNorm norm) override;
    torch::Tensor scoreMatrix(const torch::Tensor& v, const torch::Tensor& t) override;
    torch::Tensor encodeCaptions(const torch::Tensor& t) override;
    torch::Tensor scoreEncoded(const torch::Tensor& v, const torch::Tensor& encoded, const torch::Tensor& vocab) override;

    // The projected (not yet normalised) embeddings; identity for an absent side.
    torch::Tensor projectVisual(const torch::Tensor& v);
    torch::Tensor projectText(const torch::Tensor& t);

private:
    torch::Tensor project(int side, const torch::Tensor& x);

    HeadKind kind_;
    bool tanh_ = false;
    // branches_[side] is empty when that side is kept as it is.
    std::vector<std::vector<torch::nn::Linear>> branches_;
};

} // namespace fglens

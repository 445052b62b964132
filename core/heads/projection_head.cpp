#include "heads/projection_head.h"

#include "heads/score_kernels.h"

#include <torch/torch.h>

namespace fglens {

namespace F = torch::nn::functional;

namespace {

// A container whose children are named "0", "1", ... so parameter names match
// the nn.ModuleList layout FG-CLIP saves, including a missing side.
struct NamedList : torch::nn::Module {
    void add(const std::string& name, const std::shared_ptr<torch::nn::Module>& m) { register_module(name, m); }
};

} // namespace

ProjectionHeadImpl::ProjectionHeadImpl(HeadKind kind, int64_t dim) : kind_(kind), branches_(2)
{
    bool sides[2] = {false, false};
    int layers = 1;
    switch (kind) {
    case HeadKind::Cosine: break;
    case HeadKind::Linear: sides[0] = sides[1] = true; break;
    case HeadKind::LinearVisual: sides[0] = true; break;
    case HeadKind::LinearText: sides[1] = true; break;
    case HeadKind::Mlp: sides[0] = sides[1] = true; layers = 2; tanh_ = true; break;
    case HeadKind::Attention: throw std::logic_error("attention is not a projection head");
    }
    if (!sides[0] && !sides[1])
        return;
    auto root = std::make_shared<NamedList>();
    for (int side = 0; side < 2; ++side) {
        if (!sides[side])
            continue;
        auto list = std::make_shared<NamedList>();
        for (int l = 0; l < layers; ++l) {
            torch::nn::Linear lin(dim, dim);
            list->add(std::to_string(l), lin.ptr());
            branches_[side].push_back(lin);
        }
        root->add(std::to_string(side), list);
    }
    register_module("linear_layers", root);
}

torch::Tensor ProjectionHeadImpl::project(int side, const torch::Tensor& x)
{
    // Half-precision caches are widened; float64 stays for gradient checks.
    torch::Tensor y = x.is_floating_point() && x.element_size() >= 4 ? x : x.to(torch::kFloat32);
    const bool inPlace = !torch::GradMode::is_enabled();
    for (auto& lin : branches_[side]) {
        y = lin->forward(y);
        if (tanh_ && inPlace)
            tanhInPlace(y);   // y is the layer's fresh output
        else if (tanh_)
            y = torch::tanh(y);
    }
    return y;
}

torch::Tensor ProjectionHeadImpl::projectVisual(const torch::Tensor& v)
{
    return project(0, v);
}

torch::Tensor ProjectionHeadImpl::projectText(const torch::Tensor& t)
{
    return project(1, t);
}

namespace {

bool useKernels(const torch::Tensor& x)
{
    return !torch::GradMode::is_enabled() && x.dim() == 2 && x.device().is_cpu() && x.scalar_type() == torch::kFloat32;
}

// F::normalize along the last dimension.
torch::Tensor unitRows(const torch::Tensor& x)
{
    return useKernels(x) ? normalizedRows(x) : F::normalize(x, F::NormalizeFuncOptions().dim(-1));
}

} // namespace

torch::Tensor ProjectionHeadImpl::scorePairs(const torch::Tensor& v, const torch::Tensor& t)
{
    auto a = unitRows(projectVisual(v));
    auto b = unitRows(projectText(t));
    return torch::sigmoid((a * b).sum(-1));
}

torch::Tensor ProjectionHeadImpl::scoreVocab(const torch::Tensor& v, const torch::Tensor& t, TextNorm norm)
{
    auto a = unitRows(projectVisual(v));
    const int64_t textDim = norm == TextNorm::PerCaption ? -1 : 1;
    auto b = F::normalize(projectText(t), F::NormalizeFuncOptions().dim(textDim));
    return torch::sigmoid(torch::bmm(b, a.unsqueeze(2)).squeeze(2));
}

torch::Tensor ProjectionHeadImpl::scoreMatrix(const torch::Tensor& v, const torch::Tensor& t)
{
    auto a = unitRows(projectVisual(v));
    auto b = unitRows(projectText(t));
    return torch::sigmoid(torch::mm(a, b.t()));
}

torch::Tensor ProjectionHeadImpl::encodeCaptions(const torch::Tensor& t)
{
    return unitRows(projectText(t));
}

torch::Tensor ProjectionHeadImpl::scoreEncoded(const torch::Tensor& v, const torch::Tensor& b, const torch::Tensor& vocab)
{
    auto a = unitRows(projectVisual(v));
    if (useKernels(a) && b.scalar_type() == torch::kFloat32)
        return indexedCosineScores(a, b, vocab);
    auto gathered = b.index_select(0, vocab.reshape({-1})).view({vocab.size(0), vocab.size(1), b.size(1)});
    return torch::sigmoid(torch::bmm(gathered, a.unsqueeze(2)).squeeze(2));
}

} // namespace fglens

#include "heads/attention_head.h"
#include "heads/head.h"
#include "heads/projection_head.h"

#include "common/error.h"

#include <torch/torch.h>

#include <set>

namespace fglens {

int64_t SimilarityHeadImpl::parameterCount() const
{
    int64_t n = 0;
    for (const auto& p : parameters())
        if (p.defined())
            n += p.numel();
    return n;
}

torch::Tensor SimilarityHeadImpl::scoreIndexed(const torch::Tensor& v, const torch::Tensor& t, const torch::Tensor& vocab)
{
    return scoreEncoded(v, encodeCaptions(t), vocab);
}

torch::Tensor SimilarityHeadImpl::encodeCaptions(const torch::Tensor& t)
{
    return t;
}

torch::Tensor SimilarityHeadImpl::scoreEncoded(const torch::Tensor& v, const torch::Tensor& t, const torch::Tensor& vocab)
{
    auto gathered = t.index_select(0, vocab.reshape({-1})).view({vocab.size(0), vocab.size(1), t.size(1)});
    return scoreVocab(v, gathered, TextNorm::PerCaption);
}

SimilarityHead makeHead(HeadKind kind, int64_t dim)
{
    if (kind == HeadKind::Attention)
        return std::make_shared<AttentionHeadImpl>(dim, 64);
    return std::make_shared<ProjectionHeadImpl>(kind, dim);
}

StateDict headStateDict(const SimilarityHeadImpl& head)
{
    StateDict out;
    for (const auto& item : head.named_parameters())
        if (item.value().defined())
            out.emplace_back(item.key(), item.value().detach());
    return out;
}

void loadHeadWeights(SimilarityHeadImpl& head, const StateDict& dict, const std::string& source)
{
    auto params = head.named_parameters();
    std::set<std::string> expected;
    for (const auto& item : params)
        if (item.value().defined())
            expected.insert(item.key());
    for (const auto& [name, t] : dict)
        if (!expected.count(name))
            fail(source, "unexpected parameter '" + name + "' for a " + headKindName(head.kind()) + " head");
    torch::NoGradGuard noGrad;
    for (const auto& name : expected) {
        const at::Tensor* t = findTensor(dict, name);
        if (!t)
            fail(source, "missing parameter '" + name + "' for a " + headKindName(head.kind()) + " head");
        at::Tensor& p = params[name];
        if (t->sizes() != p.sizes())
            fail(source, "parameter '" + name + "' has shape " + shapeString(t->sizes().vec()) +
                             ", expected " + shapeString(p.sizes().vec()));
        if (!t->is_floating_point())
            fail(source, "parameter '" + name + "' is not a floating-point tensor");
        auto value = t->to(torch::kFloat32);
        if (!torch::isfinite(value).all().item<bool>())
            fail(source, "parameter '" + name + "' holds NaN or Inf values");
        p.copy_(value);
    }
}

HeadKind detectHeadKind(const StateDict& dict, const std::string& source)
{
    auto has = [&](const std::string& prefix) {
        for (const auto& [n, t] : dict)
            if (n.rfind(prefix, 0) == 0)
                return true;
        return false;
    };
    if (dict.empty())
        return HeadKind::Cosine;
    if (has("cls_linear.") || has("attention_layers."))
        return HeadKind::Attention;
    const bool v0 = has("linear_layers.0.0."), v1 = has("linear_layers.0.1.");
    const bool t0 = has("linear_layers.1.0."), t1 = has("linear_layers.1.1.");
    if (v0 && v1 && t0 && t1)
        return HeadKind::Mlp;
    if (v0 && t0 && !v1 && !t1)
        return HeadKind::Linear;
    if (v0 && !t0 && !v1)
        return HeadKind::LinearVisual;
    if (t0 && !v0 && !t1)
        return HeadKind::LinearText;
    fail(source, "cannot tell which head these parameters belong to (first key '" + dict.front().first + "')");
}

SimilarityHead loadHead(const std::string& path, std::optional<HeadKind> kind)
{
    const StateDict dict = loadStateDict(path);
    const HeadKind found = detectHeadKind(dict, path);
    if (kind && *kind != found)
        fail(path, "holds a " + headKindName(found) + " head, not a " + headKindName(*kind) + " head");
    const at::Tensor* first = dict.empty() ? nullptr : &dict.front().second;
    const int64_t dim = first && first->dim() >= 1 ? first->size(first->dim() == 2 ? 1 : 0) : 512;
    SimilarityHead head = makeHead(found, found == HeadKind::Attention ? 512 : dim);
    loadHeadWeights(*head, dict, path);
    head->eval();
    return head;
}

} // namespace fglens

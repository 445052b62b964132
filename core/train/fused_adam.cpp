#include "train/fused_adam.h"

#include <ATen/Parallel.h>
#include <c10/util/irange.h>
#include <torch/torch.h>

#include <cmath>

namespace fglens {
namespace {

// Adam keys its state by the parameter's TensorImpl: its address printed as a
// string in LibTorch 1.x, the pointer itself in 2.x. Same key as Adam, so
// checkpoints stay interchangeable.
template <class Key>
Key stateKey(c10::TensorImpl* impl)
{
    if constexpr (std::is_pointer_v<Key>)
        return impl;
    else
        return c10::str(impl);
}

bool fusable(const torch::Tensor& p, const torch::optim::AdamOptions& o)
{
    if (!p.grad().defined())
        return true;
    return !o.amsgrad() && o.weight_decay() == 0 && p.device().is_cpu() && p.scalar_type() == torch::kFloat &&
           p.is_contiguous() && p.grad().is_contiguous() && p.grad().scalar_type() == torch::kFloat;
}

// The constants as Adam::step's operators see them: float scalars.
struct AdamConstants {
    float b1, a1, b2, a2, sqrtBc2, eps, stepSize;
};

// exp_avg.mul_(b1).add_(g, 1 - b1); exp_avg_sq.mul_(b2).addcmul_(g, g, 1 - b2);
// p.addcdiv_(exp_avg, exp_avg_sq.sqrt() / sqrt(bc2) + eps, -lr / bc1), one
// element at a time in that order. An AVX2 clone (no FMA, so the same
// rounding as the baseline clone) is picked at load time where available.
__attribute__((target_clones("avx2", "default"))) void adamUpdate(float* __restrict w, const float* __restrict g,
                                                                  float* __restrict m, float* __restrict v,
                                                                  int64_t n, AdamConstants k)
{
    for (int64_t i = 0; i < n; ++i) {
        const float mi = m[i] * k.b1 + k.a1 * g[i];
        const float vi = v[i] * k.b2 + k.a2 * g[i] * g[i];
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i] + k.stepSize * (mi / (std::sqrt(vi) / k.sqrtBc2 + k.eps));
    }
}

} // namespace

torch::Tensor FusedAdam::step(LossClosure closure)
{
    for (auto& group : param_groups_)
        for (auto& p : group.params())
            if (!fusable(p, static_cast<const torch::optim::AdamOptions&>(group.options())))
                return torch::optim::Adam::step(std::move(closure));

    torch::NoGradGuard noGrad;
    torch::Tensor loss;
    if (closure) {
        at::AutoGradMode enable(true);
        loss = closure();
    }
    for (auto& group : param_groups_) {
        const auto& o = static_cast<const torch::optim::AdamOptions&>(group.options());
        for (auto& p : group.params()) {
            if (!p.grad().defined())
                continue;
            const auto key = stateKey<std::decay_t<decltype(state_)>::key_type>(p.unsafeGetTensorImpl());
            auto it = state_.find(key);
            if (it == state_.end()) {
                auto s = std::make_unique<torch::optim::AdamParamState>();
                s->step(0);
                s->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                s->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                it = state_.emplace(key, std::move(s)).first;
            }
            auto& s = static_cast<torch::optim::AdamParamState&>(*it->second);
            s.step(s.step() + 1);
            const double beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas());
            const double bc1 = 1 - std::pow(beta1, static_cast<double>(s.step()));
            const double bc2 = 1 - std::pow(beta2, static_cast<double>(s.step()));
            const AdamConstants k{static_cast<float>(beta1), static_cast<float>(1 - beta1),
                                  static_cast<float>(beta2), static_cast<float>(1 - beta2),
                                  static_cast<float>(std::sqrt(bc2)), static_cast<float>(o.eps()),
                                  static_cast<float>(-o.lr() / bc1)};
            float* w = p.data_ptr<float>();
            const float* g = p.grad().data_ptr<float>();
            float* m = s.exp_avg().data_ptr<float>();
            float* v = s.exp_avg_sq().data_ptr<float>();
            at::parallel_for(0, p.numel(), 16384, [&](int64_t begin, int64_t end) {
                adamUpdate(w + begin, g + begin, m + begin, v + begin, end - begin, k);
            });
        }
    }
    return loss;
}

} // namespace fglens

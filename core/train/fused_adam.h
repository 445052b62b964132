#pragma once
// torch::optim::Adam whose step updates each float32 CPU parameter in one
// pass (moments, bias correction, update) instead of eight LibTorch
// operators, each a parallel region over the whole tensor. Same state, same
// checkpoints (save/load are Adam's); same arithmetic order in float.
// Anything else (AMSGrad, weight decay, other devices or types) falls back to
// Adam::step.
#include <torch/optim/adam.h>

namespace fglens {

class FusedAdam final : public torch::optim::Adam {
public:
    using torch::optim::Adam::Adam;
    torch::Tensor step(LossClosure closure = nullptr) override;
};

} // namespace fglens

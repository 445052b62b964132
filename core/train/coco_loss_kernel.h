#pragma once
// The COCO warm-up loss of a projection head, fused: row normalisation of the
// projected features, the cosine matrix, the sigmoid, both hinge sums and
// their gradient in three passes over B x B plus two GEMMs each way, instead
// of the ~40 small LibTorch operators (each a parallel region) that autograd
// runs for cocoTripletLoss(sigmoid(normalize(a) normalize(b)^T)).
#include <ATen/core/Tensor.h>

namespace fglens {

// Same value and gradients as
//   cocoTripletLoss(sigmoid(normalize(a, dim 1) . normalize(b, dim 1)^T), margin)
// for float32 CPU tensors a, b of shape [B, D]; differentiable in a and b.
at::Tensor cosineCocoTripletLoss(const at::Tensor& a, const at::Tensor& b, double margin);

} // namespace fglens

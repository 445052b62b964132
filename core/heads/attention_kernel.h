#pragma once
#include <ATen/core/Tensor.h>

namespace fglens {

// S[b, m] = sigmoid(bias + sum_h (zc_h + av[b,h] + at[m,h]) / (1 + ea[b,h] + eb[m,h]))
// where av = ea * z_v and at = eb * z_t are precomputed per side. All inputs
// are float32 CPU tensors; runs over rows in parallel.
at::Tensor attentionPairScores(const at::Tensor& ea, const at::Tensor& av, const at::Tensor& eb,
                               const at::Tensor& at, const at::Tensor& zc, float bias);

// S[n, c] = sigmoid(<a_n, b_vocab[n, c]>) without materialising the gathered
// [N, C, D] text tensor: float32 CPU, rows of a and b already normalised.
at::Tensor indexedCosineScores(const at::Tensor& a, const at::Tensor& b, const at::Tensor& vocab);

} // namespace fglens

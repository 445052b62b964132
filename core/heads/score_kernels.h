#pragma once
// Inference loops for the heads' hot paths, used when autograd is off and the
// inputs are float32 CPU tensors; the heads fall back to tensor operations
// otherwise. Each runs over rows in parallel.
#include <ATen/core/Tensor.h>

namespace fglens {

// S[b, m] = sigmoid(bias + sum_h (zc_h + av[b,h] + at[m,h]) / (1 + ea[b,h] + eb[m,h]))
// where av = ea * z_v and at = eb * z_t are precomputed per side.
at::Tensor attentionPairScores(const at::Tensor& ea, const at::Tensor& av, const at::Tensor& eb,
                               const at::Tensor& at, const at::Tensor& zc, float bias);

// The same sum for S[n, c] = S(a_n, b_vocab[n, c]): only the pairs a
// vocabulary names, without gathering [N, C, H] text terms.
at::Tensor attentionIndexedScores(const at::Tensor& ea, const at::Tensor& av, const at::Tensor& eb,
                                  const at::Tensor& at, const at::Tensor& zc, float bias, const at::Tensor& vocab);

// S[n, c] = sigmoid(<a_n, b_vocab[n, c]>) without materialising the gathered
// [N, C, D] text tensor; rows of a and b already normalised.
at::Tensor indexedCosineScores(const at::Tensor& a, const at::Tensor& b, const at::Tensor& vocab);

// out = x / max(||x||_2, 1e-12) per row, as F::normalize(x, dim=-1), in one
// pass over memory (each row is read twice while it is in L1); x contiguous
// [N, D], out the same shape. inv, when given ([N]), receives the scale used,
// negated where the norm was clamped (the backward pass is then a plain scaling).
void normalizeRows(const at::Tensor& x, at::Tensor& out, at::Tensor* inv);
at::Tensor normalizedRows(const at::Tensor& x);

// x = tanh(x) for a contiguous float32 CPU tensor: glibc's AVX-512 tanhf
// (libmvec) where the processor has AVX-512, LibTorch's tanh_ otherwise.
void tanhInPlace(at::Tensor& x);

} // namespace fglens

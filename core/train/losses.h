#pragma once
// Sum-reduced hinge triplet losses of FG-CLIP (src/loss.py, max_violation off):
// every negative counts.
#include <ATen/core/Tensor.h>

namespace fglens {

class SimilarityHeadImpl;

// COCO warm-up: S [B, B] with matching pairs on the diagonal.
// sum_{i != j} [m + S_ij - S_ii]+ + [m + S_ij - S_jj]+
at::Tensor cocoTripletLoss(const at::Tensor& scores, double margin);

// The warm-up loss the trainer optimises, cocoTripletLoss(head.scoreMatrix(v, t)),
// computed by the fused kernel (train/coco_loss_kernel.h) for projection heads
// on float32 CPU features.
at::Tensor warmupLoss(SimilarityHeadImpl& head, const at::Tensor& v, const at::Tensor& t, double margin);

// FG-OVD fine-tune: S [B, C] with the positive in column 0.
// sum_i sum_{j >= 1} [m + S_ij - S_i0]+
at::Tensor fgovdTripletLoss(const at::Tensor& scores, double margin);

} // namespace fglens

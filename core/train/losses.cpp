#include "train/losses.h"

#include "heads/projection_head.h"
#include "train/coco_loss_kernel.h"

#include <torch/torch.h>

namespace fglens {

at::Tensor cocoTripletLoss(const at::Tensor& s, double margin)
{
    auto diag = s.diagonal().unsqueeze(1);                   // S_ii as a column
    auto offDiag = 1 - torch::eye(s.size(0), s.options());
    auto costCaption = torch::clamp_min(margin + s - diag, 0) * offDiag;
    auto costImage = torch::clamp_min(margin + s - diag.t(), 0) * offDiag;
    return costCaption.sum() + costImage.sum();
}

at::Tensor warmupLoss(SimilarityHeadImpl& head, const at::Tensor& v, const at::Tensor& t, double margin)
{
    auto* proj = dynamic_cast<ProjectionHeadImpl*>(&head);
    if (proj && v.device().is_cpu() && v.scalar_type() == at::kFloat && t.scalar_type() == at::kFloat &&
        v.size(0) == t.size(0))
        return cosineCocoTripletLoss(proj->projectVisual(v), proj->projectText(t), margin);
    return cocoTripletLoss(head.scoreMatrix(v, t), margin);
}

at::Tensor fgovdTripletLoss(const at::Tensor& s, double margin)
{
    auto positive = s.narrow(1, 0, 1);
    auto negatives = s.narrow(1, 1, s.size(1) - 1);
    return torch::clamp_min(margin + negatives - positive, 0).sum();
}

} // namespace fglens

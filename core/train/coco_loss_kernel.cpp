#include "train/coco_loss_kernel.h"

#include "common/error.h"
#include "heads/score_kernels.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

namespace fglens {
namespace {

// dy (in place) becomes g * d normalize(x) / dx . dy, with y = normalize(x).
void normalizeBackward(const at::Tensor& y, const at::Tensor& inv, at::Tensor& dy, double g)
{
    const int64_t rows = y.size(0), d = y.size(1);
    const float* yp = y.data_ptr<float>();
    const float* iv = inv.data_ptr<float>();
    float* gp = dy.data_ptr<float>();
    at::parallel_for(0, rows, 16, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            float* r = gp + i * d;
            const float* yr = yp + i * d;
            const bool clamped = iv[i] < 0;
            const float s = static_cast<float>(g * std::abs(iv[i]));
            double dot = 0;
            if (!clamped)
                for (int64_t k = 0; k < d; ++k)
                    dot += double(yr[k]) * r[k];
            const float fd = static_cast<float>(dot);
            for (int64_t k = 0; k < d; ++k)
                r[k] = (r[k] - yr[k] * fd) * s;
        }
    });
}

// p: the sigmoid of the cosine matrix [n, n]. grad: dLoss/ds.
// Loss = sum_{i != j} [m + P_ij - P_ii]+ + [m + P_ij - P_jj]+; a hinge at
// exactly zero passes its gradient, as clamp_min's backward does; NaN
// features give a NaN loss, as the operators do.
double hingeForward(const float* p, float* grad, int64_t n, float m)
{
    std::vector<double> rowLoss(static_cast<size_t>(n));
    std::vector<int64_t> rowCount(static_cast<size_t>(n)), colCount(static_cast<size_t>(n));
    at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const float* pr = p + i * n;
            float* gr = grad + i * n;
            const float pii = pr[i];
            double loss = 0;
            int64_t count = 0;
            for (int64_t j = 0; j < n; ++j) {
                if (j == i)
                    continue;
                const float x = pr[j];
                const float caption = m + x - pii, image = m + x - p[j * n + j];
                const int c1 = caption >= 0, c2 = image >= 0;
                // clamp_min keeps NaN, so a diverged model's loss is NaN here too.
                loss += (c1 || std::isnan(caption) ? caption : 0.0f) + (c2 || std::isnan(image) ? image : 0.0f);
                count += c1;
                gr[j] = static_cast<float>(c1 + c2) * x * (1.0f - x);
            }
            rowLoss[size_t(i)] = loss;
            rowCount[size_t(i)] = count;
        }
    });
    at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
        for (int64_t j = begin; j < end; ++j) {
            const float pjj = p[j * n + j];
            int64_t count = 0;
            for (int64_t i = 0; i < n; ++i)
                count += i != j && m + p[i * n + j] - pjj >= 0;
            colCount[size_t(j)] = count;
        }
    });
    double total = 0;
    for (int64_t i = 0; i < n; ++i) {
        const float pii = p[i * n + i];
        grad[i * n + i] = -static_cast<float>(rowCount[size_t(i)] + colCount[size_t(i)]) * pii * (1.0f - pii);
        total += rowLoss[size_t(i)];
    }
    return total;
}

class CosineCocoLoss : public torch::autograd::Function<CosineCocoLoss> {
public:
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& a, const at::Tensor& b,
                              double margin)
    {
        auto x = a.contiguous(), y = b.contiguous();
        auto an = torch::empty_like(x), bn = torch::empty_like(y);
        auto ainv = torch::empty({x.size(0)}, x.options()), binv = torch::empty({y.size(0)}, y.options());
        normalizeRows(x, an, &ainv);
        normalizeRows(y, bn, &binv);
        auto p = torch::mm(an, bn.t()).sigmoid_();
        auto grad = torch::empty_like(p);
        const double loss = hingeForward(p.data_ptr<float>(), grad.data_ptr<float>(), p.size(0),
                                         static_cast<float>(margin));
        ctx->save_for_backward({an, bn, ainv, binv, grad});
        return torch::scalar_tensor(loss, x.options());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list out)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &an = saved[0], &bn = saved[1], &ainv = saved[2], &binv = saved[3], &grad = saved[4];
        const double g = out[0].item<double>();
        auto da = torch::mm(grad, bn), db = torch::mm(grad.t(), an);
        normalizeBackward(an, ainv, da, g);
        normalizeBackward(bn, binv, db, g);
        return {da, db, at::Tensor()};
    }
};

} // namespace

at::Tensor cosineCocoTripletLoss(const at::Tensor& a, const at::Tensor& b, double margin)
{
    if (a.dim() != 2 || b.dim() != 2 || a.size(0) != b.size(0) || a.size(1) != b.size(1) || !a.device().is_cpu() ||
        !b.device().is_cpu() || a.scalar_type() != at::kFloat || b.scalar_type() != at::kFloat)
        throw Error("coco loss", "the fused loss takes float32 CPU features [B, D] of equal shape");
    return CosineCocoLoss::apply(a, b, margin);
}

} // namespace fglens

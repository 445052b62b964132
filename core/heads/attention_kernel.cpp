#include "heads/attention_kernel.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>

namespace fglens {

namespace {

// Eight independent partial sums let the compiler vectorise the head loop
// without reassociating a single floating-point reduction.
__attribute__((target_clones("avx2", "default")))
void scoreRow(const float* ea, const float* av, const float* eb, const float* at, const float* zc,
              int64_t heads, int64_t m, float bias, float* out)
{
    for (int64_t j = 0; j < m; ++j) {
        const float* ebj = eb + j * heads;
        const float* atj = at + j * heads;
        float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        int64_t h = 0;
        for (; h + 8 <= heads; h += 8)
            for (int k = 0; k < 8; ++k)
                acc[k] += (zc[h + k] + av[h + k] + atj[h + k]) / (1.0f + ea[h + k] + ebj[h + k]);
        float s = bias;
        for (int k = 0; k < 8; ++k)
            s += acc[k];
        for (; h < heads; ++h)
            s += (zc[h] + av[h] + atj[h]) / (1.0f + ea[h] + ebj[h]);
        out[j] = 1.0f / (1.0f + std::exp(-s));
    }
}

} // namespace

at::Tensor attentionPairScores(const at::Tensor& eaIn, const at::Tensor& avIn, const at::Tensor& ebIn,
                               const at::Tensor& atIn, const at::Tensor& zcIn, float bias)
{
    auto ea = eaIn.contiguous(), av = avIn.contiguous(), eb = ebIn.contiguous(), at = atIn.contiguous();
    auto zc = zcIn.contiguous();
    const int64_t b = ea.size(0), m = eb.size(0), heads = ea.size(1);
    auto out = torch::empty({b, m}, ea.options());
    const float *pea = ea.data_ptr<float>(), *pav = av.data_ptr<float>();
    const float *peb = eb.data_ptr<float>(), *pat = at.data_ptr<float>(), *pzc = zc.data_ptr<float>();
    float* po = out.data_ptr<float>();
    at::parallel_for(0, b, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            scoreRow(pea + i * heads, pav + i * heads, peb, pat, pzc, heads, m, bias, po + i * m);
    });
    return out;
}

} // namespace fglens

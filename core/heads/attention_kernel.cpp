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

__attribute__((target_clones("avx2", "default")))
float dot(const float* x, const float* y, int64_t d)
{
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= d; i += 8)
        for (int k = 0; k < 8; ++k)
            acc[k] += x[i + k] * y[i + k];
    float s = 0;
    for (int k = 0; k < 8; ++k)
        s += acc[k];
    for (; i < d; ++i)
        s += x[i] * y[i];
    return s;
}

} // namespace

at::Tensor indexedCosineScores(const at::Tensor& aIn, const at::Tensor& bIn, const at::Tensor& vocabIn)
{
    auto a = aIn.contiguous(), b = bIn.contiguous(), vocab = vocabIn.contiguous();
    const int64_t n = vocab.size(0), c = vocab.size(1), d = a.size(1);
    auto out = torch::empty({n, c}, a.options());
    const float *pa = a.data_ptr<float>(), *pb = b.data_ptr<float>();
    const int64_t* pv = vocab.data_ptr<int64_t>();
    float* po = out.data_ptr<float>();
    at::parallel_for(0, n, 64, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            for (int64_t j = 0; j < c; ++j)
                po[i * c + j] = 1.0f / (1.0f + std::exp(-dot(pa + i * d, pb + pv[i * c + j] * d, d)));
    });
    return out;
}

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

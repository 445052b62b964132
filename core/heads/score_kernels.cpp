#include "heads/score_kernels.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>

#if defined(FGLENS_HAVE_LIBMVEC)
#include <immintrin.h>
// glibc's vector tanhf for AVX-512 (libmvec, x86-64 vector ABI): 5.5x
// LibTorch's Sleef AVX2 tanh here at the same 6e-8 largest error.
extern "C" __m512 _ZGVeN16v_tanhf(__m512);
#endif

namespace fglens {

namespace {

constexpr double kNormEps = 1e-12;   // F.normalize's default

// One pair's attention score: sixteen independent partial sums vectorise the
// head loop on AVX-512 and AVX2 alike.
__attribute__((target_clones("avx512f", "avx2", "default")))
float pairScore(const float* ea, const float* av, const float* eb, const float* at, const float* zc,
                int64_t heads, float bias)
{
    float acc[16] = {};
    int64_t h = 0;
    for (; h + 16 <= heads; h += 16)
        for (int k = 0; k < 16; ++k)
            acc[k] += (zc[h + k] + av[h + k] + at[h + k]) / (1.0f + ea[h + k] + eb[h + k]);
    float s = bias;
    for (int k = 0; k < 16; ++k)
        s += acc[k];
    for (; h < heads; ++h)
        s += (zc[h] + av[h] + at[h]) / (1.0f + ea[h] + eb[h]);
    return 1.0f / (1.0f + std::exp(-s));
}

__attribute__((target_clones("avx512f", "avx2", "default")))
float dot(const float* x, const float* y, int64_t d)
{
    float acc[16] = {};
    int64_t i = 0;
    for (; i + 16 <= d; i += 16)
        for (int k = 0; k < 16; ++k)
            acc[k] += x[i + k] * y[i + k];
    float s = 0;
    for (int k = 0; k < 16; ++k)
        s += acc[k];
    for (; i < d; ++i)
        s += x[i] * y[i];
    return s;
}

// The norm is summed in double (as before) but over sixteen independent
// lanes: one serial chain of double adds made normalisation latency-bound.
__attribute__((target_clones("avx512f", "avx2", "default")))
double sumOfSquares(const float* x, int64_t d)
{
    double acc[16] = {};
    int64_t i = 0;
    for (; i + 16 <= d; i += 16)
        for (int k = 0; k < 16; ++k)
            acc[k] += double(x[i + k]) * x[i + k];
    double s = 0;
    for (int k = 0; k < 16; ++k)
        s += acc[k];
    for (; i < d; ++i)
        s += double(x[i]) * x[i];
    return s;
}

__attribute__((target_clones("avx512f", "avx2", "default")))
void scaled(const float* x, float s, float* out, int64_t d)
{
    for (int64_t i = 0; i < d; ++i)
        out[i] = x[i] * s;
}

struct AttentionTerms {
    at::Tensor ea, av, eb, at, zc;
    const float *pea, *pav, *peb, *pat, *pzc;
    int64_t heads;

    AttentionTerms(const at::Tensor& a, const at::Tensor& b, const at::Tensor& c, const at::Tensor& d,
                   const at::Tensor& z)
        : ea(a.contiguous()), av(b.contiguous()), eb(c.contiguous()), at(d.contiguous()), zc(z.contiguous()),
          pea(ea.data_ptr<float>()), pav(av.data_ptr<float>()), peb(eb.data_ptr<float>()),
          pat(at.data_ptr<float>()), pzc(zc.data_ptr<float>()), heads(ea.size(1))
    {
    }
    float score(int64_t i, int64_t j, float bias) const
    {
        return pairScore(pea + i * heads, pav + i * heads, peb + j * heads, pat + j * heads, pzc, heads, bias);
    }
};

#if defined(FGLENS_HAVE_LIBMVEC)
__attribute__((target("avx512f")))
void tanhAvx512(float* p, int64_t n)
{
    int64_t i = 0;
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(p + i, _ZGVeN16v_tanhf(_mm512_loadu_ps(p + i)));
    for (; i < n; ++i)
        p[i] = std::tanh(p[i]);
}
#endif

} // namespace

at::Tensor attentionPairScores(const at::Tensor& ea, const at::Tensor& av, const at::Tensor& eb,
                               const at::Tensor& at, const at::Tensor& zc, float bias)
{
    const AttentionTerms t(ea, av, eb, at, zc);
    const int64_t b = ea.size(0), m = eb.size(0);
    auto out = torch::empty({b, m}, ea.options());
    float* po = out.data_ptr<float>();
    at::parallel_for(0, b, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            for (int64_t j = 0; j < m; ++j)
                po[i * m + j] = t.score(i, j, bias);
    });
    return out;
}

at::Tensor attentionIndexedScores(const at::Tensor& ea, const at::Tensor& av, const at::Tensor& eb,
                                  const at::Tensor& at, const at::Tensor& zc, float bias, const at::Tensor& vocabIn)
{
    const AttentionTerms t(ea, av, eb, at, zc);
    const auto vocab = vocabIn.contiguous();
    const int64_t n = vocab.size(0), c = vocab.size(1);
    auto out = torch::empty({n, c}, ea.options());
    const int64_t* pv = vocab.data_ptr<int64_t>();
    float* po = out.data_ptr<float>();
    at::parallel_for(0, n, 64, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            for (int64_t j = 0; j < c; ++j)
                po[i * c + j] = t.score(i, pv[i * c + j], bias);
    });
    return out;
}

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

void normalizeRows(const at::Tensor& x, at::Tensor& out, at::Tensor* inv)
{
    const int64_t rows = x.size(0), d = x.size(1);
    const float* src = x.data_ptr<float>();
    float* dst = out.data_ptr<float>();
    float* iv = inv ? inv->data_ptr<float>() : nullptr;
    at::parallel_for(0, rows, 16, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const double n = std::sqrt(sumOfSquares(src + i * d, d));
            const float s = static_cast<float>(1.0 / std::max(n, kNormEps));
            if (iv)
                iv[i] = n < kNormEps ? -s : s;
            scaled(src + i * d, s, dst + i * d, d);
        }
    });
}

at::Tensor normalizedRows(const at::Tensor& xIn)
{
    const auto x = xIn.contiguous();
    auto out = torch::empty_like(x);
    normalizeRows(x, out, nullptr);
    return out;
}

void tanhInPlace(at::Tensor& x)
{
#if defined(FGLENS_HAVE_LIBMVEC)
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (avx512 && x.device().is_cpu() && x.scalar_type() == at::kFloat && x.is_contiguous()) {
        float* p = x.data_ptr<float>();
        at::parallel_for(0, x.numel(), 1 << 16, [&](int64_t begin, int64_t end) { tanhAvx512(p + begin, end - begin); });
        return;
    }
#endif
    x.tanh_();
}

} // namespace fglens

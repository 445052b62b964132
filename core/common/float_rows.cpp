#include "common/float_rows.h"

#include "common/error.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace fglens {
namespace {

using RowWidener = void (*)(const uint16_t*, float*, int64_t);

void widenScalar(const uint16_t* src, float* dst, int64_t d)
{
    for (int64_t k = 0; k < d; ++k)
        dst[k] = static_cast<float>(c10::Half(src[k], c10::Half::from_bits()));
}

#if defined(__x86_64__)
__attribute__((target("avx,f16c")))
void widenF16c(const uint16_t* src, float* dst, int64_t d)
{
    int64_t k = 0;
    for (; k + 8 <= d; k += 8)
        _mm256_storeu_ps(dst + k, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k))));
    widenScalar(src + k, dst + k, d - k);
}
#endif

RowWidener pickWidener()
{
#if defined(__x86_64__)
    if (__builtin_cpu_supports("f16c"))
        return widenF16c;
#endif
    return widenScalar;
}

} // namespace

at::Tensor floatRows(const at::Tensor& x, const at::Tensor& rowsIn)
{
    if (x.scalar_type() != at::kHalf || x.dim() != 2 || !x.device().is_cpu())
        return x.index_select(0, rowsIn).to(at::kFloat);
    static const RowWidener widen = pickWidener();
    const auto src = x.contiguous();
    const auto rows = rowsIn.to(at::kLong).contiguous();
    const int64_t n = rows.numel(), d = src.size(1), limit = src.size(0);
    const int64_t* pr = rows.data_ptr<int64_t>();
    if (n > 0) {
        const auto [lo, hi] = std::minmax_element(pr, pr + n);
        if (*lo < 0 || *hi >= limit)
            fail("feature rows", "row index " + std::to_string(*lo < 0 ? *lo : *hi) + " is out of range for " +
                                     std::to_string(limit) + " rows");
    }
    auto out = torch::empty({n, d}, src.options().dtype(at::kFloat));
    const auto* ps = reinterpret_cast<const uint16_t*>(src.data_ptr<at::Half>());
    float* po = out.data_ptr<float>();
    at::parallel_for(0, n, 64, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            widen(ps + pr[i] * d, po + i * d, d);
    });
    return out;
}

} // namespace fglens

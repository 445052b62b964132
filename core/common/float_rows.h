#pragma once
// Feature caches hold float16; the heads compute in float32.
#include <ATen/core/Tensor.h>

namespace fglens {

// x.index_select(0, rows).to(float32) in one pass: float16 rows are widened
// straight into the result (F16C where the processor has it) instead of being
// copied once as float16 and converted in a second pass by LibTorch's scalar
// loop. Exact: every float16 value is a float32 value. x is a CPU [N, D]
// tensor, rows integer indices into N; throws on one out of range. Other types
// and devices go through index_select and to().
at::Tensor floatRows(const at::Tensor& x, const at::Tensor& rows);

} // namespace fglens

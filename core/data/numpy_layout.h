#pragma once
// Layout helpers for the NumPy arrays the unpickler rebuilds (torch_pickle.cpp).
#include <cstdint>
#include <string>
#include <vector>

namespace fglens {

// Fortran-ordered element bytes brought to C order.
std::string numpyFortranToC(const std::string& f, const std::vector<int64_t>& shape, int itemSize);
// A shape as Python prints it: "(3,)", "(2, 4)".
std::string numpyShapeText(const std::vector<int64_t>& shape);

} // namespace fglens

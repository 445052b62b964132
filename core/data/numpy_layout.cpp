#include "data/numpy_layout.h"

#include <cstring>

namespace fglens {

std::string numpyFortranToC(const std::string& f, const std::vector<int64_t>& shape, int itemSize)
{
    std::string c(f.size(), '\0');
    const size_t nd = shape.size();
    std::vector<int64_t> idx(nd, 0);
    const size_t n = f.size() / static_cast<size_t>(itemSize);
    for (size_t k = 0; k < n; ++k) {
        // idx is the multi-index of C-order element k; find its F-order offset.
        size_t off = 0, stride = 1;
        for (size_t d = 0; d < nd; ++d) {
            off += static_cast<size_t>(idx[d]) * stride;
            stride *= static_cast<size_t>(shape[d]);
        }
        std::memcpy(&c[k * itemSize], &f[off * itemSize], static_cast<size_t>(itemSize));
        for (size_t d = nd; d-- > 0;) {
            if (++idx[d] < shape[d])
                break;
            idx[d] = 0;
        }
    }
    return c;
}

std::string numpyShapeText(const std::vector<int64_t>& s)
{
    std::string out = "(";
    for (size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + (s.size() == 1 ? ",)" : ")");
}

} // namespace fglens

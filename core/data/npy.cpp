#include "data/npy.h"

#include "common/error.h"

#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <regex>

namespace fglens {

namespace {

size_t dtypeSize(const std::string& d, const std::string& source)
{
    if (d.size() < 3)
        fail(source, "unsupported dtype '" + d + "'");
    if (d[0] == '>')
        fail(source, "big-endian arrays are not supported (dtype '" + d + "')");
    return static_cast<size_t>(std::stoul(d.substr(2)));
}

c10::ScalarType scalarTypeFor(const std::string& d, const std::string& source)
{
    const std::string kind = d.substr(1);
    if (kind == "f4") return torch::kFloat32;
    if (kind == "f2") return torch::kFloat16;
    if (kind == "f8") return torch::kFloat64;
    if (kind == "i8") return torch::kInt64;
    if (kind == "i4") return torch::kInt32;
    if (kind == "i2") return torch::kInt16;
    if (kind == "i1") return torch::kInt8;
    if (kind == "u1") return torch::kUInt8;
    if (kind == "b1") return torch::kBool;
    fail(source, "unsupported dtype '" + d + "'");
}

std::string descrFor(c10::ScalarType t)
{
    switch (t) {
    case torch::kFloat32: return "<f4";
    case torch::kFloat16: return "<f2";
    case torch::kFloat64: return "<f8";
    case torch::kInt64: return "<i8";
    case torch::kInt32: return "<i4";
    case torch::kInt16: return "<i2";
    case torch::kInt8: return "|i1";
    case torch::kUInt8: return "|u1";
    case torch::kBool: return "|b1";
    default: fail("", std::string("cannot write tensors of type ") + c10::toString(t) + " as .npy");
    }
}

} // namespace

int64_t NpyArray::elementCount() const
{
    int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

size_t NpyArray::itemSize() const
{
    return dtypeSize(dtype, "");
}

NpyArray readNpy(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open file");
    char magic[8];
    if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
        fail(path, "not a .npy file (bad magic)");
    const int major = static_cast<unsigned char>(magic[6]);
    uint32_t headerLen = 0;
    if (major == 1) {
        unsigned char b[2];
        if (!in.read(reinterpret_cast<char*>(b), 2))
            fail(path, "truncated .npy header");
        headerLen = b[0] | (b[1] << 8);
    } else if (major == 2 || major == 3) {
        unsigned char b[4];
        if (!in.read(reinterpret_cast<char*>(b), 4))
            fail(path, "truncated .npy header");
        headerLen = b[0] | (b[1] << 8) | (b[2] << 16) | (uint32_t(b[3]) << 24);
    } else {
        fail(path, "unsupported .npy version " + std::to_string(major));
    }
    std::string header(headerLen, '\0');
    if (!in.read(header.data(), headerLen))
        fail(path, "truncated .npy header");

    static const std::regex descrRe(R"('descr'\s*:\s*'([^']+)')");
    static const std::regex fortranRe(R"('fortran_order'\s*:\s*(True|False))");
    static const std::regex shapeRe(R"('shape'\s*:\s*\(([^)]*)\))");
    std::smatch m;
    NpyArray a;
    if (!std::regex_search(header, m, descrRe))
        fail(path, "header has no 'descr'");
    a.dtype = m[1];
    if (a.dtype == "<f4" || a.dtype == "<f2" || a.dtype == "<f8" || a.dtype == "<i8" ||
        a.dtype == "<i4" || a.dtype == "<i2" || a.dtype == "|i1" || a.dtype == "|u1" ||
        a.dtype == "|b1") {
        // supported
    } else {
        scalarTypeFor(a.dtype, path); // throws with a clear message
    }
    if (!std::regex_search(header, m, fortranRe))
        fail(path, "header has no 'fortran_order'");
    if (m[1] == "True")
        fail(path, "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
    if (!std::regex_search(header, m, shapeRe))
        fail(path, "header has no 'shape'");
    const std::string dims = m[1];
    static const std::regex intRe(R"(\d+)");
    for (auto it = std::sregex_iterator(dims.begin(), dims.end(), intRe); it != std::sregex_iterator(); ++it)
        a.shape.push_back(std::stoll(it->str()));

    const size_t bytes = static_cast<size_t>(a.elementCount()) * a.itemSize();
    a.data.resize(bytes);
    if (bytes && !in.read(a.data.data(), static_cast<std::streamsize>(bytes)))
        fail(path, "truncated data: expected " + std::to_string(bytes) + " bytes for shape " +
                       shapeString(std::vector<long>(a.shape.begin(), a.shape.end())));
    return a;
}

void writeNpy(const std::string& path, const NpyArray& a)
{
    std::string header = "{'descr': '" + a.dtype + "', 'fortran_order': False, 'shape': (";
    for (size_t i = 0; i < a.shape.size(); ++i)
        header += (i ? ", " : "") + std::to_string(a.shape[i]);
    if (a.shape.size() == 1)
        header += ",";
    header += "), }";
    // Pad so that data starts on a 64-byte boundary, newline-terminated.
    const size_t preamble = 10;
    size_t total = preamble + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';

    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            fail(path, "cannot write file");
        out.write("\x93NUMPY\x01\x00", 8);
        const uint16_t len = static_cast<uint16_t>(header.size());
        const char lenBytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
        out.write(lenBytes, 2);
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        out.write(a.data.data(), static_cast<std::streamsize>(a.data.size()));
        if (!out)
            fail(path, "write failed (disk full?)");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        fail(path, "cannot replace file");
}

at::Tensor npyToTensor(const NpyArray& a, const std::string& source)
{
    const auto type = scalarTypeFor(a.dtype, source);
    auto t = torch::empty(a.shape, torch::TensorOptions().dtype(type));
    if (!a.data.empty())
        std::memcpy(t.data_ptr(), a.data.data(), a.data.size());
    return t;
}

NpyArray tensorToNpy(const at::Tensor& tensor)
{
    auto t = tensor.detach().to(torch::kCPU).contiguous();
    NpyArray a;
    a.dtype = descrFor(t.scalar_type());
    a.shape.assign(t.sizes().begin(), t.sizes().end());
    a.data.resize(static_cast<size_t>(t.numel()) * t.element_size());
    if (!a.data.empty())
        std::memcpy(a.data.data(), t.data_ptr(), a.data.size());
    return a;
}

at::Tensor loadNpyTensor(const std::string& path)
{
    return npyToTensor(readNpy(path), path);
}

void saveNpyTensor(const std::string& path, const at::Tensor& tensor)
{
    writeNpy(path, tensorToNpy(tensor));
}

} // namespace fglens

#include "data/npy.h"

#include "common/atomic_file.h"
#include "common/error.h"

#include <torch/torch.h>

#include <cstring>
#include <fstream>

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

namespace {

// numpy's own reader refuses headers over 10,000 bytes by default; 64 KiB
// leaves room and bounds the work a hostile header can ask for.
constexpr uint32_t kMaxHeaderBytes = 64 * 1024;

void skipSpace(const std::string& h, size_t& i)
{
    while (i < h.size() && (h[i] == ' ' || h[i] == '\t' || h[i] == '\n' || h[i] == '\r'))
        ++i;
}

// Position just after "'key':" (and spaces), or npos.
size_t valueOf(const std::string& h, const char* key)
{
    const std::string k = std::string("'") + key + "'";
    size_t i = h.find(k);
    if (i == std::string::npos)
        return i;
    i += k.size();
    skipSpace(h, i);
    if (i >= h.size() || h[i] != ':')
        return std::string::npos;
    ++i;
    skipSpace(h, i);
    return i;
}

uint64_t fileSizeOf(std::ifstream& in)
{
    const auto here = in.tellg();
    in.seekg(0, std::ios::end);
    const auto size = static_cast<uint64_t>(in.tellg());
    in.seekg(here);
    return size;
}

} // namespace

NpyArray readNpy(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open file");
    const uint64_t fileSize = fileSizeOf(in);
    char magic[8];
    if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
        fail(path, "not a .npy file (bad magic)");
    const int major = static_cast<unsigned char>(magic[6]);
    uint32_t headerLen = 0;
    uint64_t preamble = 0;
    if (major == 1) {
        unsigned char b[2];
        if (!in.read(reinterpret_cast<char*>(b), 2))
            fail(path, "truncated .npy header");
        headerLen = b[0] | (b[1] << 8);
        preamble = 10;
    } else if (major == 2 || major == 3) {
        unsigned char b[4];
        if (!in.read(reinterpret_cast<char*>(b), 4))
            fail(path, "truncated .npy header");
        headerLen = b[0] | (b[1] << 8) | (b[2] << 16) | (uint32_t(b[3]) << 24);
        preamble = 12;
    } else {
        fail(path, "unsupported .npy version " + std::to_string(major));
    }
    if (headerLen > kMaxHeaderBytes)
        fail(path, "the .npy header claims " + std::to_string(headerLen) + " bytes (at most " +
                       std::to_string(kMaxHeaderBytes) + " accepted)");
    if (preamble + headerLen > fileSize)
        fail(path, "truncated .npy header");
    std::string header(headerLen, '\0');
    if (!in.read(header.data(), headerLen))
        fail(path, "truncated .npy header");

    NpyArray a;
    size_t i = valueOf(header, "descr");
    if (i == std::string::npos || i >= header.size() || header[i] != '\'')
        fail(path, "header has no 'descr'");
    const size_t close = header.find('\'', i + 1);
    if (close == std::string::npos || close == i + 1 || close - i > 16)
        fail(path, "header has a malformed 'descr'");
    a.dtype = header.substr(i + 1, close - i - 1);
    if (a.dtype == "<f4" || a.dtype == "<f2" || a.dtype == "<f8" || a.dtype == "<i8" ||
        a.dtype == "<i4" || a.dtype == "<i2" || a.dtype == "|i1" || a.dtype == "|u1" ||
        a.dtype == "|b1") {
        // supported
    } else {
        if (a.dtype[0] == '>')
            fail(path, "big-endian arrays are not supported (dtype '" + a.dtype + "')");
        fail(path, "unsupported dtype '" + a.dtype + "'");
    }
    i = valueOf(header, "fortran_order");
    if (i == std::string::npos)
        fail(path, "header has no 'fortran_order'");
    if (header.compare(i, 4, "True") == 0)
        fail(path, "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
    if (header.compare(i, 5, "False") != 0)
        fail(path, "header has a malformed 'fortran_order'");
    i = valueOf(header, "shape");
    if (i == std::string::npos || i >= header.size() || header[i] != '(')
        fail(path, "header has no 'shape'");
    // "(d0, d1, ...)" with non-negative integers, an optional trailing comma.
    ++i;
    uint64_t elements = 1;
    bool overflow = false;
    while (true) {
        skipSpace(header, i);
        if (i < header.size() && header[i] == ')')
            break;
        if (i >= header.size() || header[i] < '0' || header[i] > '9')
            fail(path, "header has a malformed 'shape' (non-negative integers expected)");
        uint64_t d = 0;
        while (i < header.size() && header[i] >= '0' && header[i] <= '9') {
            d = d * 10 + static_cast<uint64_t>(header[i] - '0');
            if (d > (uint64_t(1) << 62))
                fail(path, "header declares a dimension too large for any file");
            ++i;
        }
        if (a.shape.size() >= 32)
            fail(path, "header declares more than 32 dimensions");
        a.shape.push_back(static_cast<int64_t>(d));
        if (d != 0 && elements > (uint64_t(1) << 62) / d)
            overflow = true;
        elements *= d;
        skipSpace(header, i);
        if (i < header.size() && header[i] == ',') {
            ++i;
            continue;
        }
        if (i < header.size() && header[i] == ')')
            break;
        fail(path, "header has a malformed 'shape'");
    }
    for (auto d : a.shape)
        if (d == 0)
            overflow = false;   // an empty array holds no data whatever the other dimensions
    const uint64_t available = fileSize - preamble - headerLen;
    const uint64_t item = dtypeSize(a.dtype, path);
    if (overflow || elements > available / item)
        fail(path, "truncated data or impossible shape: shape " +
                       shapeString(std::vector<long>(a.shape.begin(), a.shape.end())) + " of " + a.dtype +
                       " needs more than the " + std::to_string(available) + " bytes the file holds");
    const size_t bytes = static_cast<size_t>(elements * item);
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

    writeFileAtomic(path, [&](std::ostream& out) {
        out.write("\x93NUMPY\x01\x00", 8);
        const uint16_t len = static_cast<uint16_t>(header.size());
        const char lenBytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
        out.write(lenBytes, 2);
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        out.write(a.data.data(), static_cast<std::streamsize>(a.data.size()));
    });
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

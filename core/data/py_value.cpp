// The plain data the restricted unpickler (torch_pickle.cpp) builds: Python
// values and NumPy arrays, read back as numbers.
#include "data/torch_pickle.h"

#include "common/error.h"

#include <cstring>

namespace fglens {

double PyValue::number() const
{
    switch (type) {
    case Type::Int: return static_cast<double>(integer);
    case Type::Float: return real;
    case Type::Bool: return boolean ? 1.0 : 0.0;
    case Type::Array: return array && array->scalar ? array->at(0) : 0.0;
    default: return 0.0;
    }
}

const PyValue* PyValue::get(const std::string& key) const
{
    if (type != Type::Dict)
        return nullptr;
    for (const auto& [k, v] : entries)
        if (k->type == Type::Str && k->text == key)
            return v.get();
    return nullptr;
}

const char* PyValue::typeName() const
{
    switch (type) {
    case Type::None: return "None";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::Str: return "str";
    case Type::Bytes: return "bytes";
    case Type::List: return "list";
    case Type::Tuple: return "tuple";
    case Type::Dict: return "dict";
    case Type::Tensor: return "tensor";
    case Type::Global: return "global";
    case Type::Array: return array && array->scalar ? "numpy scalar" : "numpy array";
    case Type::Dtype: return "numpy dtype";
    }
    return "?";
}

int64_t NumpyArray::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;   // the loader checked that this product fits
    return n;
}

namespace {

float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);          // inf / NaN
    } else if (exp == 0) {
        if (mant == 0) {
            bits = sign;                                   // signed zero
        } else {                                           // subnormal: normalise
            int e = -1;
            do {
                ++e;
                mant <<= 1;
            } while (!(mant & 0x400));
            bits = sign | uint32_t(127 - 15 - e) << 23 | (mant & 0x3ff) << 13;
        }
    } else {
        bits = sign | (exp + 127 - 15) << 23 | mant << 13;
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

template <typename T>
T loadAs(const char* p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

} // namespace

double NumpyArray::at(size_t i) const
{
    const char* p = data.data() + i * static_cast<size_t>(itemSize);
    switch (kind) {
    case 'b': return *p ? 1.0 : 0.0;
    case 'f':
        if (itemSize == 2) return halfToFloat(loadAs<uint16_t>(p));
        if (itemSize == 4) return loadAs<float>(p);
        return loadAs<double>(p);
    case 'i':
        if (itemSize == 1) return loadAs<int8_t>(p);
        if (itemSize == 2) return loadAs<int16_t>(p);
        if (itemSize == 4) return loadAs<int32_t>(p);
        return static_cast<double>(loadAs<int64_t>(p));
    default:
        if (itemSize == 1) return loadAs<uint8_t>(p);
        if (itemSize == 2) return loadAs<uint16_t>(p);
        if (itemSize == 4) return loadAs<uint32_t>(p);
        return static_cast<double>(loadAs<uint64_t>(p));
    }
}

std::vector<double> NumpyArray::values() const
{
    std::vector<double> out(static_cast<size_t>(numel()));
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = at(i);
    return out;
}

std::string NumpyArray::dtypeName() const
{
    if (kind == 'b')
        return "bool";
    const std::string bits = std::to_string(itemSize * 8);
    return (kind == 'f' ? "float" : kind == 'i' ? "int" : "uint") + bits;
}

} // namespace fglens

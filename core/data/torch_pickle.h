#pragma once
// A restricted reader for files written by Python's torch.save (zip format):
// state dicts, FG-CLIP feature caches, checkpoints; and for plain pickles of
// NumPy data (FG-OVD detector predictions). It understands the pickle opcodes
// of protocols 2 to 5 and accepts only plain containers, numbers, strings,
// tensors and numeric NumPy arrays and scalars: any other global is refused,
// never imported or run. Storages saved from CUDA are remapped to the CPU.
//
// A hostile file cannot push it past fixed limits: every declared length is
// checked against the bytes that remain before anything is allocated, nesting
// is at most kMaxPickleDepth deep, a container cannot be changed once it sits
// inside another (so no reference cycles), and shared references cannot
// expand the data a reader walks to more than a bounded multiple of the file.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fglens {

struct PyValue;
using PyRef = std::shared_ptr<PyValue>;

constexpr int kMaxPickleDepth = 1000;

// A NumPy array or scalar rebuilt as plain data: bool and numeric dtypes only,
// stored little-endian in C order (big-endian or Fortran-ordered sources are
// converted while loading).
struct NumpyArray {
    char kind = 'f';               // 'b' bool, 'i' signed, 'u' unsigned, 'f' floating
    int itemSize = 0;              // bytes per element: 1, 2, 4 or 8
    std::vector<int64_t> shape;    // empty for a scalar
    std::string data;              // numel() * itemSize bytes
    bool scalar = false;           // numpy.float32(...) and friends, not an ndarray

    int64_t numel() const;
    double at(size_t i) const;     // element i widened to double
    std::vector<double> values() const;
    std::string dtypeName() const; // "float32", "int64", "bool", ...
};

struct PyValue {
    // Dtype: a numpy.dtype on its way into an Array (its descriptor in `array`).
    enum class Type { None, Bool, Int, Float, Str, Bytes, List, Tuple, Dict, Tensor, Global, Array, Dtype };

    Type type = Type::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;                            // Str, Bytes, Global ("module.name")
    std::vector<PyRef> items;                    // List, Tuple
    std::vector<std::pair<PyRef, PyRef>> entries; // Dict, in insertion order
    at::Tensor tensor;
    std::shared_ptr<NumpyArray> array;           // Array, Dtype

    // Bookkeeping of the unpickler's limits (see above).
    int depth = 0;
    bool sealed = false;                         // nested in a container: no longer changed
    uint64_t weight = 1;                         // bytes a full walk of this value visits, roughly

    bool isNumber() const
    {
        return type == Type::Int || type == Type::Float || type == Type::Bool ||
               (type == Type::Array && array && array->scalar);
    }
    double number() const;
    // Dict lookup by string key; nullptr when absent or not a dict.
    const PyValue* get(const std::string& key) const;
    const char* typeName() const;
};

// Reads a torch.save zip archive. Throws fglens::Error naming the file.
PyRef loadTorchPickle(const std::string& path);

// Reads a plain pickle file (pickle.dump), e.g. FG-OVD detector predictions.
// Persistent ids (tensor storages) are refused: such data belongs in a
// torch.save archive. Throws fglens::Error naming the file.
PyRef loadPickleFile(const std::string& path);

// Unpickles a bare pickle stream whose tensors come from `loadStorage(key,
// bytes)`; exposed for tests of the opcode handling.
using StorageLoader = std::function<std::string(const std::string& key)>;
PyRef unpickle(const std::string& source, const std::string& bytes, const StorageLoader& loadStorage);

} // namespace fglens

#pragma once
// A restricted reader for files written by Python's torch.save (zip format):
// state dicts, FG-CLIP feature caches, checkpoints. It understands the pickle
// opcodes that torch.save emits and accepts only plain containers, numbers,
// strings and tensors: any other global is refused, never imported or run.
// Storages saved from CUDA are remapped to the CPU.
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

struct PyValue {
    enum class Type { None, Bool, Int, Float, Str, Bytes, List, Tuple, Dict, Tensor, Global };

    Type type = Type::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;                            // Str, Bytes, Global ("module.name")
    std::vector<PyRef> items;                    // List, Tuple
    std::vector<std::pair<PyRef, PyRef>> entries; // Dict, in insertion order
    at::Tensor tensor;

    bool isNumber() const { return type == Type::Int || type == Type::Float || type == Type::Bool; }
    double number() const;
    // Dict lookup by string key; nullptr when absent or not a dict.
    const PyValue* get(const std::string& key) const;
    const char* typeName() const;
};

// Reads a torch.save zip archive. Throws fglens::Error naming the file.
PyRef loadTorchPickle(const std::string& path);

// Unpickles a bare pickle stream whose tensors come from `loadStorage(key,
// bytes)`; exposed for tests of the opcode handling.
using StorageLoader = std::function<std::string(const std::string& key)>;
PyRef unpickle(const std::string& source, const std::string& bytes, const StorageLoader& loadStorage);

} // namespace fglens

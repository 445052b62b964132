#pragma once
// NumPy .npy arrays (format 1.0-3.0), little-endian, C order.
#include <cstdint>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace fglens {

struct NpyArray {
    std::string dtype;            // numpy descr: "<f4", "<f2", "<f8", "<i8", "<i4", "|u1", "|b1"
    std::vector<int64_t> shape;
    std::vector<char> data;       // raw little-endian bytes, C order

    int64_t elementCount() const;
    size_t itemSize() const;
};

NpyArray readNpy(const std::string& path);
void writeNpy(const std::string& path, const NpyArray& array);

// Tensor bridges: the tensor is copied (from_blob never owns memory).
at::Tensor npyToTensor(const NpyArray& array, const std::string& source);
NpyArray tensorToNpy(const at::Tensor& tensor);
at::Tensor loadNpyTensor(const std::string& path);
void saveNpyTensor(const std::string& path, const at::Tensor& tensor);

} // namespace fglens

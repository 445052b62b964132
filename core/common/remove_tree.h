#pragma once
// Deleting a directory tree without std::filesystem::remove_all: in a build
// against PyTorch's pip LibTorch, that symbol bound to a copy exported by
// libtorch.so and crashed there (bench_encode on the GPU machine, 2026-11-26).
#include <string>

namespace fglens {

// Removes path and everything below it; symbolic links are removed, never
// followed. A missing path is success. Returns false if anything remained.
bool removeTree(const std::string& path);

} // namespace fglens

#pragma once
// safetensors files (https://github.com/huggingface/safetensors): an 8-byte
// little-endian header length, a JSON header naming each tensor's dtype, shape
// and byte range, then the raw data. FG-Lens keeps its feature caches in this
// format because Python reads it without executing code (unlike a pickle) and
// the data can be memory-mapped.
#include <ATen/core/Tensor.h>

#include <map>
#include <string>
#include <vector>

namespace fglens {

struct SafeTensors {
    std::map<std::string, at::Tensor> tensors;       // CPU, contiguous
    std::map<std::string, std::string> metadata;     // "__metadata__": strings only
};

// Reads the whole file. Throws fglens::Error naming the file on a truncated
// file, a malformed header or an unsupported dtype.
SafeTensors readSafeTensors(const std::string& path);
// Reads only the header's metadata (cheap: for identity checks).
std::map<std::string, std::string> readSafeTensorsMetadata(const std::string& path);
// Writes atomically (PATH.part, then rename): a crash never leaves a half file
// under the final name.
void writeSafeTensors(const std::string& path, const SafeTensors& st);

} // namespace fglens

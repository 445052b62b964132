#pragma once
// Named tensors in the order a module registers them, as torch state dicts.
#include <ATen/core/Tensor.h>

#include <string>
#include <utility>
#include <vector>

namespace fglens {

using StateDict = std::vector<std::pair<std::string, at::Tensor>>;

// Reads a state dict saved by Python (torch.save(model.state_dict())) or by
// saveStateDict. Also accepts a checkpoint dict holding it under "state_dict"
// or "model". Tensors end up on the CPU in their saved dtype.
StateDict loadStateDict(const std::string& path);

// Writes a zip archive that Python's torch.load reads back as a dict.
// Written to a temporary file first so a crash never leaves half a file.
void saveStateDict(const std::string& path, const StateDict& dict);

const at::Tensor* findTensor(const StateDict& dict, const std::string& name);

} // namespace fglens

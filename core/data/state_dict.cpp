#include "data/state_dict.h"

#include "common/error.h"
#include "data/torch_pickle.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <cstdio>
#include <fstream>

namespace fglens {

namespace {

StateDict fromDict(const std::string& path, const PyValue& dict)
{
    StateDict out;
    for (const auto& [k, v] : dict.entries) {
        if (k->type != PyValue::Type::Str)
            fail(path, "state dict has a non-string key");
        if (v->type != PyValue::Type::Tensor)
            fail(path, "state dict entry '" + k->text + "' is a " + v->typeName() + ", not a tensor");
        out.emplace_back(k->text, v->tensor.contiguous());
    }
    return out;
}

} // namespace

StateDict loadStateDict(const std::string& path)
{
    PyRef root = loadTorchPickle(path);
    if (root->type != PyValue::Type::Dict)
        fail(path, std::string("expected a state dict, found a ") + root->typeName());
    for (const char* key : {"state_dict", "model"})
        if (const PyValue* nested = root->get(key); nested && nested->type == PyValue::Type::Dict)
            return fromDict(path, *nested);
    return fromDict(path, *root);
}

void saveStateDict(const std::string& path, const StateDict& dict)
{
    c10::Dict<std::string, at::Tensor> d;
    for (const auto& [name, t] : dict)
        d.insert(name, t.detach().to(torch::kCPU).contiguous());
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(d));
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            fail(path, "cannot write file");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            fail(path, "write failed (disk full?)");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        fail(path, "cannot replace file");
}

const at::Tensor* findTensor(const StateDict& dict, const std::string& name)
{
    for (const auto& [n, t] : dict)
        if (n == name)
            return &t;
    return nullptr;
}

} // namespace fglens

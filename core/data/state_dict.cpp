#include "data/state_dict.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/torch_pickle.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cstdio>
#include <climits>
#include <cstdint>

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

// Emits the pickle Python's torch.save writes for a state dict: an
// OrderedDict of _rebuild_tensor_v2 records whose storages are the archive's
// data/<n> entries. Only opcodes of protocol 2.
class StateDictPickler {
public:
    std::string out;

    void global(const char* module, const char* name)
    {
        out += 'c';
        out += module;
        out += '\n';
        out += name;
        out += '\n';
    }
    void text(const std::string& s)
    {
        out += 'X';
        raw32(static_cast<uint32_t>(s.size()));
        out += s;
    }
    void integer(int64_t v)
    {
        if (v >= INT32_MIN && v <= INT32_MAX) {
            out += 'J';
            raw32(static_cast<uint32_t>(static_cast<int32_t>(v)));
        } else {
            out += '\x8a';
            out += '\x08';
            for (int i = 0; i < 8; ++i)
                out += static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
        }
    }
    void ints(c10::IntArrayRef values)
    {
        out += '(';
        for (int64_t v : values)
            integer(v);
        out += 't';
    }
    void emptyOrderedDict()
    {
        global("collections", "OrderedDict");
        out += ")R";
    }
    void tensor(const at::Tensor& t, const std::string& key, const char* storageType)
    {
        global("torch._utils", "_rebuild_tensor_v2");
        out += "((";
        text("storage");
        global("torch", storageType);
        text(key);
        text("cpu");
        integer(t.numel());
        out += "tQ";
        integer(0);
        ints(t.sizes());
        ints(t.strides());
        out += '\x89';
        emptyOrderedDict();
        out += "tR";
    }

private:
    void raw32(uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            out += static_cast<char>((v >> (8 * i)) & 0xff);
    }
};

const char* storageTypeName(c10::ScalarType t)
{
    switch (t) {
    case torch::kFloat32: return "FloatStorage";
    case torch::kFloat16: return "HalfStorage";
    case torch::kFloat64: return "DoubleStorage";
    case torch::kBFloat16: return "BFloat16Storage";
    case torch::kInt64: return "LongStorage";
    case torch::kInt32: return "IntStorage";
    case torch::kInt16: return "ShortStorage";
    case torch::kInt8: return "CharStorage";
    case torch::kUInt8: return "ByteStorage";
    case torch::kBool: return "BoolStorage";
    default: return nullptr;
    }
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
    StateDictPickler p;
    p.out = "\x80\x02";
    p.emptyOrderedDict();
    p.out += '(';
    std::vector<at::Tensor> storages;
    for (const auto& [name, t] : dict) {
        auto c = t.detach().to(torch::kCPU).contiguous();
        const char* type = storageTypeName(c.scalar_type());
        if (!type)
            fail(path, "cannot save tensor '" + name + "' of type " + c10::toString(c.scalar_type()));
        p.text(name);
        p.tensor(c, std::to_string(storages.size()), type);
        storages.push_back(c);
    }
    p.out += "u.";

    // The zip is built in memory (a state dict is small) and written in one
    // go: PyTorchStreamWriter writing to a file that fills up would throw again
    // from its destructor, which terminates the program.
    std::string zip;
    {
        caffe2::serialize::PyTorchStreamWriter writer([&zip](const void* data, size_t n) {
            zip.append(static_cast<const char*>(data), n);
            return n;
        });
        writer.writeRecord("data.pkl", p.out.data(), p.out.size());
        writer.writeRecord("byteorder", "little", 6);
        for (size_t i = 0; i < storages.size(); ++i)
            writer.writeRecord("data/" + std::to_string(i), storages[i].data_ptr(),
                               static_cast<size_t>(storages[i].numel()) * storages[i].element_size());
        writer.writeEndOfFile();
    }
    writeFileAtomic(path, zip);
}

const at::Tensor* findTensor(const StateDict& dict, const std::string& name)
{
    for (const auto& [n, t] : dict)
        if (n == name)
            return &t;
    return nullptr;
}

} // namespace fglens

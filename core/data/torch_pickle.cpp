#include "data/torch_pickle.h"

#include "common/error.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cstring>
#include <map>
#include <unordered_map>

namespace fglens {

double PyValue::number() const
{
    switch (type) {
    case Type::Int: return static_cast<double>(integer);
    case Type::Float: return real;
    case Type::Bool: return boolean ? 1.0 : 0.0;
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
    }
    return "?";
}

namespace {

PyRef make(PyValue::Type t)
{
    auto v = std::make_shared<PyValue>();
    v->type = t;
    return v;
}

// Storage classes torch.save pickles by name, and the element type each holds.
const std::map<std::string, c10::ScalarType>& storageTypes()
{
    static const std::map<std::string, c10::ScalarType> types = {
        {"torch.FloatStorage", torch::kFloat32},  {"torch.HalfStorage", torch::kFloat16},
        {"torch.DoubleStorage", torch::kFloat64}, {"torch.BFloat16Storage", torch::kBFloat16},
        {"torch.LongStorage", torch::kInt64},     {"torch.IntStorage", torch::kInt32},
        {"torch.ShortStorage", torch::kInt16},    {"torch.CharStorage", torch::kInt8},
        {"torch.ByteStorage", torch::kUInt8},     {"torch.BoolStorage", torch::kBool},
    };
    return types;
}

bool allowedGlobal(const std::string& name)
{
    static const char* const plain[] = {
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
    };
    for (const char* p : plain)
        if (name == p)
            return true;
    return storageTypes().count(name) > 0;
}

class Unpickler {
public:
    Unpickler(const std::string& source, const std::string& bytes, const StorageLoader& loader)
        : source_(source), data_(bytes), loader_(loader)
    {
    }

    PyRef run()
    {
        while (true) {
            const uint8_t op = u8();
            switch (op) {
            case 0x80: u8(); break;                   // PROTO
            case 0x95: skip(8); break;                // FRAME
            case '.': return finish();                // STOP
            case '(': marks_.push_back(stack_.size()); break;
            case '}': push(make(PyValue::Type::Dict)); break;
            case ']': push(make(PyValue::Type::List)); break;
            case ')': push(make(PyValue::Type::Tuple)); break;
            case 'N': push(make(PyValue::Type::None)); break;
            case 0x88: push(boolean(true)); break;
            case 0x89: push(boolean(false)); break;
            case 'J': push(integer(static_cast<int32_t>(le(4)))); break;
            case 'K': push(integer(u8())); break;
            case 'M': push(integer(static_cast<int64_t>(le(2)))); break;
            case 0x8a: push(integer(long1(u8()))); break;
            case 'G': push(real()); break;
            case 'X': push(str(PyValue::Type::Str, le(4))); break;
            case 0x8c: push(str(PyValue::Type::Str, u8())); break;
            case 0x8d: push(str(PyValue::Type::Str, le(8))); break;
            case 'C': push(str(PyValue::Type::Bytes, u8())); break;
            case 'B': push(str(PyValue::Type::Bytes, le(4))); break;
            case 0x8e: push(str(PyValue::Type::Bytes, le(8))); break;
            case 'q': memo_[u8()] = top(); break;
            case 'r': memo_[le(4)] = top(); break;
            case 0x94: memo_[memo_.size()] = top(); break;
            case 'h': push(memo(u8())); break;
            case 'j': push(memo(le(4))); break;
            case 't': push(tupleFrom(popMark())); break;
            case 0x85: push(tupleOf(1)); break;
            case 0x86: push(tupleOf(2)); break;
            case 0x87: push(tupleOf(3)); break;
            case 'a': { auto v = pop(); container(PyValue::Type::List)->items.push_back(v); break; }
            case 'e': { auto vs = popMark(); auto l = container(PyValue::Type::List);
                        l->items.insert(l->items.end(), vs.begin(), vs.end()); break; }
            case 's': { auto v = pop(); auto k = pop(); container(PyValue::Type::Dict)->entries.emplace_back(k, v); break; }
            case 'u': { auto vs = popMark(); auto d = container(PyValue::Type::Dict);
                        if (vs.size() % 2) bad("odd SETITEMS");
                        for (size_t i = 0; i < vs.size(); i += 2) d->entries.emplace_back(vs[i], vs[i + 1]);
                        break; }
            case 'c': { std::string mod = line(); std::string name = line(); push(global(mod + "." + name)); break; }
            case 0x93: { auto name = pop(); auto mod = pop(); push(global(mod->text + "." + name->text)); break; }
            case 'R': { auto args = pop(); auto fn = pop(); push(reduce(fn, args)); break; }
            case 'b': pop(); break; // BUILD: state of an OrderedDict (_metadata) or a Parameter; not needed
            case 'Q': { auto pid = pop(); push(persistent(pid)); break; }
            default: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "0x%02x", op);
                bad(std::string("unsupported pickle opcode ") + buf);
            }
            }
        }
    }

private:
    [[noreturn]] void bad(const std::string& what) const
    {
        fail(source_, what + " at byte " + std::to_string(pos_) + " of the pickle");
    }
    uint8_t u8()
    {
        if (pos_ >= data_.size())
            bad("pickle ends unexpectedly (truncated file?)");
        return static_cast<uint8_t>(data_[pos_++]);
    }
    void skip(size_t n)
    {
        if (pos_ + n > data_.size())
            bad("pickle ends unexpectedly (truncated file?)");
        pos_ += n;
    }
    uint64_t le(int n)
    {
        uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v |= uint64_t(u8()) << (8 * i);
        return v;
    }
    int64_t long1(int n)
    {
        if (n > 8)
            bad("integer too large");
        uint64_t v = le(n);
        if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1)
            v |= ~uint64_t(0) << (8 * n);
        return static_cast<int64_t>(v);
    }
    std::string line()
    {
        const size_t end = data_.find('\n', pos_);
        if (end == std::string::npos)
            bad("unterminated GLOBAL");
        std::string s = data_.substr(pos_, end - pos_);
        pos_ = end + 1;
        return s;
    }
    PyRef boolean(bool b) { auto v = make(PyValue::Type::Bool); v->boolean = b; return v; }
    PyRef integer(int64_t i) { auto v = make(PyValue::Type::Int); v->integer = i; return v; }
    PyRef real()
    {
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | u8(); // big-endian
        double d;
        std::memcpy(&d, &bits, 8);
        auto v = make(PyValue::Type::Float);
        v->real = d;
        return v;
    }
    PyRef str(PyValue::Type t, uint64_t n)
    {
        if (pos_ + n > data_.size())
            bad("pickle ends unexpectedly (truncated file?)");
        auto v = make(t);
        v->text = data_.substr(pos_, n);
        pos_ += n;
        return v;
    }
    PyRef global(const std::string& name)
    {
        if (!allowedGlobal(name))
            fail(source_, "refuses to load global '" + name +
                              "': only tensors and plain containers are accepted");
        auto v = make(PyValue::Type::Global);
        v->text = name;
        return v;
    }
    void push(PyRef v) { stack_.push_back(std::move(v)); }
    PyRef top()
    {
        if (stack_.empty())
            bad("stack underflow");
        return stack_.back();
    }
    PyRef pop()
    {
        if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
            bad("stack underflow");
        auto v = stack_.back();
        stack_.pop_back();
        return v;
    }
    std::vector<PyRef> popMark()
    {
        if (marks_.empty())
            bad("MARK expected");
        const size_t m = marks_.back();
        marks_.pop_back();
        std::vector<PyRef> out(stack_.begin() + static_cast<long>(m), stack_.end());
        stack_.resize(m);
        return out;
    }
    PyRef memo(uint64_t i)
    {
        auto it = memo_.find(i);
        if (it == memo_.end())
            bad("memo key " + std::to_string(i) + " missing");
        return it->second;
    }
    PyRef tupleFrom(std::vector<PyRef> items)
    {
        auto t = make(PyValue::Type::Tuple);
        t->items = std::move(items);
        return t;
    }
    PyRef tupleOf(int n)
    {
        std::vector<PyRef> items(n);
        for (int i = n - 1; i >= 0; --i)
            items[i] = pop();
        return tupleFrom(std::move(items));
    }
    PyRef container(PyValue::Type t)
    {
        auto c = top();
        if (c->type != t)
            bad(std::string("expected a ") + (t == PyValue::Type::List ? "list" : "dict") + ", found " + c->typeName());
        return c;
    }
    PyRef finish()
    {
        auto v = pop();
        return v;
    }

    PyRef reduce(const PyRef& fn, const PyRef& args)
    {
        if (fn->type != PyValue::Type::Global || args->type != PyValue::Type::Tuple)
            bad("REDUCE on a non-callable");
        const std::string& name = fn->text;
        if (name == "collections.OrderedDict") {
            auto d = make(PyValue::Type::Dict);
            if (!args->items.empty() && args->items[0]->type == PyValue::Type::List) {
                for (auto& pair : args->items[0]->items)
                    if (pair->items.size() == 2)
                        d->entries.emplace_back(pair->items[0], pair->items[1]);
            }
            return d;
        }
        if (name == "torch._utils._rebuild_tensor_v2")
            return rebuildTensor(args->items);
        if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
            if (args->items.empty() || args->items[0]->type != PyValue::Type::Tensor)
                bad("malformed parameter");
            return args->items[0];
        }
        bad("cannot call '" + name + "'");
    }

    std::vector<int64_t> ints(const PyRef& t)
    {
        if (t->type != PyValue::Type::Tuple && t->type != PyValue::Type::List)
            bad("expected a tuple of integers");
        std::vector<int64_t> out;
        for (auto& i : t->items) {
            if (i->type != PyValue::Type::Int)
                bad("expected an integer");
            out.push_back(i->integer);
        }
        return out;
    }

    PyRef rebuildTensor(const std::vector<PyRef>& a)
    {
        if (a.size() < 4 || a[0]->type != PyValue::Type::Tensor || a[1]->type != PyValue::Type::Int)
            bad("malformed tensor record");
        const auto sizes = ints(a[2]);
        const auto strides = ints(a[3]);
        if (sizes.size() != strides.size())
            bad("tensor sizes and strides differ in length");
        const at::Tensor& storage = a[0]->tensor;
        int64_t extent = a[1]->integer;
        for (size_t i = 0; i < sizes.size(); ++i)
            if (sizes[i] > 0)
                extent += (sizes[i] - 1) * strides[i];
        if (!sizes.empty() && extent >= storage.numel() && storage.numel() > 0)
            bad("tensor view exceeds its storage");
        auto v = make(PyValue::Type::Tensor);
        v->tensor = storage.as_strided(sizes, strides, a[1]->integer);
        return v;
    }

    PyRef persistent(const PyRef& pid)
    {
        if (pid->type != PyValue::Type::Tuple || pid->items.size() < 5 || pid->items[0]->text != "storage")
            bad("unknown persistent id");
        const auto& type = pid->items[1];
        const std::string key = pid->items[2]->text;
        if (type->type != PyValue::Type::Global || !storageTypes().count(type->text))
            bad("unknown storage type");
        auto cached = storages_.find(key);
        if (cached != storages_.end())
            return cached->second;
        const auto dtype = storageTypes().at(type->text);
        const int64_t numel = pid->items[4]->integer;
        const std::string bytes = loader_(key);
        const size_t need = static_cast<size_t>(numel) * c10::elementSize(dtype);
        if (bytes.size() < need)
            fail(source_, "storage data/" + key + " holds " + std::to_string(bytes.size()) +
                              " bytes, expected " + std::to_string(need) + " (truncated file?)");
        auto v = make(PyValue::Type::Tensor);
        v->tensor = torch::empty({numel}, torch::TensorOptions().dtype(dtype));
        if (need)
            std::memcpy(v->tensor.data_ptr(), bytes.data(), need);
        storages_[key] = v;
        return v;
    }

    const std::string& source_;
    const std::string& data_;
    const StorageLoader& loader_;
    size_t pos_ = 0;
    std::vector<PyRef> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, PyRef> memo_;
    std::unordered_map<std::string, PyRef> storages_;
};

} // namespace

PyRef unpickle(const std::string& source, const std::string& bytes, const StorageLoader& loadStorage)
{
    Unpickler u(source, bytes, loadStorage);
    return u.run();
}

PyRef loadTorchPickle(const std::string& path)
{
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    try {
        reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
    } catch (const std::exception& e) {
        std::string why = e.what();
        why = why.substr(0, why.find('\n'));
        if (FILE* f = std::fopen(path.c_str(), "rb")) {
            std::fclose(f);
            fail(path, "not a readable torch.save archive (truncated or legacy format): " + why);
        }
        fail(path, "cannot open file");
    }
    auto record = [&](const std::string& name) {
        try {
            auto [ptr, size] = reader->getRecord(name);
            return std::string(static_cast<const char*>(ptr.get()), size);
        } catch (const std::exception&) {
            fail(path, "archive has no record '" + name + "' (truncated or not a torch.save file)");
        }
    };
    if (reader->hasRecord("byteorder") && record("byteorder") != "little")
        fail(path, "big-endian archives are not supported");
    const std::string pickle = record("data.pkl");
    return unpickle(path, pickle, [&](const std::string& key) { return record("data/" + key); });
}

} // namespace fglens

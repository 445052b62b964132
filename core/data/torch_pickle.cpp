#include "data/torch_pickle.h"

#include "common/error.h"
#include "data/numpy_layout.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace fglens {

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

// NumPy 1.x names, and the numpy._core names NumPy 2 writes.
bool isNumpy(const std::string& name, const char* what)
{
    return name == std::string("numpy.core.") + what || name == std::string("numpy._core.") + what;
}

bool allowedGlobal(const std::string& name)
{
    static const char* const plain[] = {
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
        // NumPy data, rebuilt here as plain bytes (see reduce()).
        "numpy.ndarray", "numpy.dtype",
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
        "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
        "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
        // How protocol 2 spells bytes objects: _codecs.encode(text, 'latin1'), bytes().
        "_codecs.encode", "__builtin__.bytes", "builtins.bytes",
    };
    for (const char* p : plain)
        if (name == p)
            return true;
    return storageTypes().count(name) > 0;
}

class Unpickler {
public:
    Unpickler(const std::string& source, const std::string& bytes, const StorageLoader& loader)
        : source_(source), data_(bytes), loader_(loader),
          // Memo sharing may repeat data, but not without bound: a walk of the
          // result stays within a small multiple of the pickle itself.
          maxWeight_(16 * static_cast<uint64_t>(bytes.size()) + (uint64_t(1) << 20))
    {
    }

    PyRef run()
    {
        scanMemoUse();
        while (true) {
            const uint8_t op = u8();
            switch (op) {
            case 0x80: {                              // PROTO
                const int proto = u8();
                if (proto > 5)
                    bad("pickle protocol " + std::to_string(proto) + " is newer than 5");
                break;
            }
            case 0x95: {                              // FRAME: only a hint, but its length must be real
                if (le(8) > remaining())
                    bad("frame longer than the file (truncated file?)");
                break;
            }
            case '.': return finish();                // STOP
            case '(': marks_.push_back(stack_.size()); break;
            case '0': pop(); break;                   // POP
            case '1': popMark(); break;               // POP_MARK
            case '2': push(top()); break;             // DUP
            case '}': push(make(PyValue::Type::Dict)); break;
            case ']': push(make(PyValue::Type::List)); break;
            case ')': push(make(PyValue::Type::Tuple)); break;
            case 'N': push(none_); break;
            case 0x88: push(true_); break;
            case 0x89: push(false_); break;
            case 'J': push(integer(static_cast<int32_t>(le(4)))); break;
            case 'K': push(smallInt(u8())); break;
            case 'M': push(integer(static_cast<int64_t>(le(2)))); break;
            case 0x8a: push(integer(longN(u8()))); break;
            case 0x8b: push(integer(longN(le(4)))); break;
            case 'G': push(real()); break;
            case 'X': push(str(PyValue::Type::Str, le(4))); break;
            case 0x8c: push(str(PyValue::Type::Str, u8())); break;
            case 0x8d: push(str(PyValue::Type::Str, le(8))); break;
            case 'C': push(str(PyValue::Type::Bytes, u8())); break;
            case 'B': push(str(PyValue::Type::Bytes, le(4))); break;
            case 0x8e: push(str(PyValue::Type::Bytes, le(8))); break;
            case 0x96: push(str(PyValue::Type::Bytes, le(8))); break;   // BYTEARRAY8 (protocol 5, in-band)
            case 0x97: bad("out-of-band buffers (NEXT_BUFFER) are not supported");
            case 0x98: top(); break;                  // READONLY_BUFFER: no-op on plain bytes
            case 'q': put(u8()); break;
            case 'r': put(le(4)); break;
            case 0x94: put(memoCount_); break;
            case 'h': push(memo(u8())); break;
            case 'j': push(memo(le(4))); break;
            case 't': push(tupleFrom(popMark())); break;
            case 0x85: push(tupleOf(1)); break;
            case 0x86: push(tupleOf(2)); break;
            case 0x87: push(tupleOf(3)); break;
            case 'a': { auto v = pop(); auto l = container(PyValue::Type::List); adopt(*l, v); l->items.push_back(v); break; }
            case 'e': { auto vs = popMark(); auto l = container(PyValue::Type::List);
                        for (auto& v : vs) adopt(*l, v);
                        l->items.insert(l->items.end(), vs.begin(), vs.end()); break; }
            case 's': { auto v = pop(); auto k = pop(); auto d = container(PyValue::Type::Dict);
                        adopt(*d, k); adopt(*d, v); d->entries.emplace_back(k, v); break; }
            case 'u': { auto vs = popMark(); auto d = container(PyValue::Type::Dict);
                        if (vs.size() % 2) bad("odd SETITEMS");
                        for (size_t i = 0; i < vs.size(); i += 2) {
                            adopt(*d, vs[i]); adopt(*d, vs[i + 1]);
                            d->entries.emplace_back(vs[i], vs[i + 1]);
                        }
                        break; }
            case 'c': { std::string mod = line(); std::string name = line(); push(global(mod + "." + name)); break; }
            case 0x93: { auto name = pop(); auto mod = pop();
                         if (mod->type != PyValue::Type::Str || name->type != PyValue::Type::Str)
                             bad("STACK_GLOBAL needs two strings");
                         push(global(mod->text + "." + name->text)); break; }
            case 'R': { auto args = pop(); auto fn = pop(); push(reduce(fn, args)); break; }
            case 'b': { auto state = pop(); build(top(), state); break; }
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
    uint64_t remaining() const { return data_.size() - pos_; }

    // Python's pickler memoizes nearly every tuple and bytes object, and its
    // memo would keep every intermediate of every NumPy array alive to the
    // end (gigabytes for a detector file). A first pass over the opcodes
    // finds the memo keys that are ever read back; only those are kept.
    // Keys count the way the main pass counts them (see put()).
    void scanMemoUse()
    {
        size_t p = 0;
        uint64_t count = 0;
        auto avail = [&](uint64_t n) { return n <= data_.size() - p; };
        auto rd = [&](int n) {
            uint64_t v = 0;
            for (int i = 0; i < n; ++i)
                v |= uint64_t(static_cast<uint8_t>(data_[p + i])) << (8 * i);
            p += n;
            return v;
        };
        auto putKey = [&](uint64_t k) { if (k >= count) count = k + 1; };
        while (p < data_.size()) {
            const uint8_t op = static_cast<uint8_t>(data_[p++]);
            uint64_t n = 0;
            switch (op) {
            case 0x80: case 'K': case 0x8a: case 0x8c: case 'C': case 'q': case 'h': n = 1; break;
            case 'M': n = 2; break;
            case 'J': case 'X': case 'B': case 'r': case 'j': case 0x8b: n = 4; break;
            case 0x95: case 'G': case 0x8d: case 0x8e: case 0x96: n = 8; break;
            case 'c': {
                for (int lines = 0; lines < 2; ++lines) {
                    const size_t end = data_.find('\n', p);
                    if (end == std::string::npos)
                        return;
                    p = end + 1;
                }
                continue;
            }
            case '.': return;
            case '(': case '0': case '1': case '2': case '}': case ']': case ')': case 'N': case 0x88: case 0x89:
            case 't': case 0x85: case 0x86: case 0x87: case 'a': case 'e': case 's': case 'u': case 'R': case 'b':
            case 'Q': case 0x93: case 0x98: case 0x94:
                if (op == 0x94)
                    putKey(count);
                continue;
            default: return;   // the main pass reports it
            }
            if (!avail(n))
                return;
            const uint64_t arg = rd(static_cast<int>(n));
            switch (op) {
            case 0x8a: case 0x8b: case 0x8c: case 'C': case 'X': case 'B': case 0x8d: case 0x8e: case 0x96:
                if (!avail(arg))   // a length: skip the payload
                    return;
                p += arg;
                break;
            case 'q': case 'r': putKey(arg); break;
            case 'h': case 'j': wanted_.insert(arg); break;
            default: break;
            }
        }
        indexWanted();
    }
    // A bitmap for the common dense keys: put() runs for nearly every value.
    void indexWanted()
    {
        wantedBits_.clear();
        uint64_t top = 0;
        for (uint64_t k : wanted_)
            top = std::max(top, k + 1);
        if (top <= data_.size() + 1)   // legitimate keys never exceed the opcode count
            wantedBits_.assign(static_cast<size_t>(top), false);
        else
            return;
        for (uint64_t k : wanted_)
            wantedBits_[static_cast<size_t>(k)] = true;
        bitsOnly_ = true;
    }
    bool wanted(uint64_t key) const
    {
        if (bitsOnly_)
            return key < wantedBits_.size() && wantedBits_[static_cast<size_t>(key)];
        return wanted_.count(key) > 0;
    }
    void put(uint64_t key)
    {
        auto v = top();
        if (key >= memoCount_)
            memoCount_ = key + 1;
        if (wanted(key))
            memo_[key] = std::move(v);
    }
    // Immutable scalars are shared: a detector file holds millions of them.
    PyRef smallInt(uint8_t i)
    {
        auto& v = smallInts_[i];
        if (!v)
            v = integer(i);
        return v;
    }
    uint8_t u8()
    {
        if (pos_ >= data_.size())
            bad("pickle ends unexpectedly (truncated file?)");
        return static_cast<uint8_t>(data_[pos_++]);
    }
    uint64_t le(int n)
    {
        uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v |= uint64_t(u8()) << (8 * i);
        return v;
    }
    // LONG1 / LONG4: little-endian two's complement of n bytes.
    int64_t longN(uint64_t n)
    {
        if (n > 8)
            bad("integer too large");
        const int bytes = static_cast<int>(n);
        uint64_t v = le(bytes);
        if (bytes > 0 && bytes < 8 && (v >> (8 * bytes - 1)) & 1)
            v |= ~uint64_t(0) << (8 * bytes);
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
        // Compared with what remains, not pos_ + n, which a huge n would wrap.
        if (n > remaining())
            bad("string or bytes longer than the rest of the file (truncated file?)");
        auto v = make(t);
        v->text = data_.substr(pos_, n);
        v->weight = 1 + n;
        pos_ += n;
        return v;
    }
    PyRef global(const std::string& name)
    {
        if (!allowedGlobal(name))
            fail(source_, "refuses to load global '" + name +
                              "': only tensors, NumPy arrays and plain containers are accepted");
        auto v = make(PyValue::Type::Global);
        v->text = name;
        return v;
    }
    void push(PyRef v) { stack_.push_back(std::move(v)); }
    PyRef top()
    {
        if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
            bad("stack underflow");
        return stack_.back();
    }
    PyRef pop()
    {
        auto v = top();
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
    // Puts `child` inside `parent`, enforcing the limits: a value nested once
    // is sealed (a sealed container refuses new items), which with the
    // self-reference check rules out every cycle; depth and weight follow.
    void adopt(PyValue& parent, const PyRef& child)
    {
        if (child.get() == &parent)
            bad("a container that contains itself is not supported");
        if (parent.sealed)
            bad("a container changed after it was nested (recursive structure) is not supported");
        child->sealed = true;
        parent.depth = std::max(parent.depth, child->depth + 1);
        if (parent.depth > kMaxPickleDepth)
            bad("nesting deeper than " + std::to_string(kMaxPickleDepth) + " levels");
        parent.weight += child->weight;
        if (parent.weight > maxWeight_)
            bad("shared references expand the data far beyond the file's size");
    }
    PyRef tupleFrom(std::vector<PyRef> items)
    {
        auto t = make(PyValue::Type::Tuple);
        for (auto& i : items)
            adopt(*t, i);
        t->items = std::move(items);
        t->sealed = true;   // tuples never change
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
        const auto& a = args->items;
        if (name == "collections.OrderedDict") {
            auto d = make(PyValue::Type::Dict);
            if (!a.empty() && a[0]->type == PyValue::Type::List) {
                for (auto& pair : a[0]->items)
                    if (pair->type == PyValue::Type::Tuple && pair->items.size() == 2) {
                        adopt(*d, pair->items[0]);
                        adopt(*d, pair->items[1]);
                        d->entries.emplace_back(pair->items[0], pair->items[1]);
                    }
            }
            return d;
        }
        if (name == "torch._utils._rebuild_tensor_v2")
            return rebuildTensor(a);
        if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
            if (a.empty() || a[0]->type != PyValue::Type::Tensor)
                bad("malformed parameter");
            return a[0];
        }
        if (name == "_codecs.encode")
            return latin1Bytes(a);
        if (name == "__builtin__.bytes" || name == "builtins.bytes") {
            if (!a.empty())
                bad("bytes() with arguments is not supported");
            return make(PyValue::Type::Bytes);
        }
        if (name == "numpy.dtype")
            return dtype(a);
        if (isNumpy(name, "multiarray._reconstruct")) {
            // ndarray.__reduce__: an empty array of class numpy.ndarray whose
            // shape, dtype and data arrive with the following BUILD.
            if (a.size() != 3 || a[0]->type != PyValue::Type::Global || a[0]->text != "numpy.ndarray")
                bad("_reconstruct of anything but numpy.ndarray is not supported");
            auto v = make(PyValue::Type::Array);
            v->array = nullptr;   // filled by build()
            return v;
        }
        if (isNumpy(name, "multiarray.scalar")) {
            if (a.size() != 2 || a[0]->type != PyValue::Type::Dtype || a[1]->type != PyValue::Type::Bytes)
                bad("malformed numpy scalar");
            auto v = makeArray(*a[0], {}, false, a[1]->text);
            v->array->scalar = true;
            return v;
        }
        if (isNumpy(name, "numeric._frombuffer")) {
            // Protocol 5: (buffer, dtype, shape, order).
            if (a.size() != 4 || a[0]->type != PyValue::Type::Bytes || a[1]->type != PyValue::Type::Dtype ||
                a[3]->type != PyValue::Type::Str || (a[3]->text != "C" && a[3]->text != "F"))
                bad("malformed numpy _frombuffer");
            return makeArray(*a[1], ints(a[2]), a[3]->text == "F", a[0]->text);
        }
        bad("cannot call '" + name + "'");
    }

    // Protocol 2 writes bytes b as _codecs.encode(b.decode('latin1'), 'latin1'):
    // the text is UTF-8 in the pickle, each code point one byte.
    PyRef latin1Bytes(const std::vector<PyRef>& a)
    {
        if (a.size() != 2 || a[0]->type != PyValue::Type::Str || a[1]->type != PyValue::Type::Str ||
            (a[1]->text != "latin1" && a[1]->text != "latin-1"))
            bad("_codecs.encode is accepted only as protocol 2 writes bytes (latin1)");
        auto v = make(PyValue::Type::Bytes);
        const std::string& s = a[0]->text;
        v->text.reserve(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x80) {
                v->text.push_back(static_cast<char>(c));
            } else if ((c == 0xc2 || c == 0xc3) && i + 1 < s.size() &&
                       (static_cast<unsigned char>(s[i + 1]) & 0xc0) == 0x80) {
                v->text.push_back(static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3f)));
                ++i;
            } else {
                bad("latin1 text holds a character above U+00FF");
            }
        }
        v->weight = 1 + v->text.size();
        return v;
    }

    // numpy.dtype('f4', False, True): the byte order arrives with BUILD.
    PyRef dtype(const std::vector<PyRef>& a)
    {
        if (a.empty() || a[0]->type != PyValue::Type::Str)
            bad("malformed numpy dtype");
        std::string d = a[0]->text;
        char order = '=';
        if (!d.empty() && (d[0] == '<' || d[0] == '>' || d[0] == '|' || d[0] == '='))
            order = d[0], d = d.substr(1);
        NumpyArray desc;
        if (d == "?" || d == "b1") {
            desc.kind = 'b', desc.itemSize = 1;
        } else if (d.size() == 2 && (d[0] == 'f' || d[0] == 'i' || d[0] == 'u') &&
                   (d[1] == '1' || d[1] == '2' || d[1] == '4' || d[1] == '8') && !(d[0] == 'f' && d[1] == '1')) {
            desc.kind = d[0], desc.itemSize = d[1] - '0';
        } else {
            bad("numpy dtype '" + a[0]->text + "' is not supported: bool, integer and float dtypes only");
        }
        auto v = make(PyValue::Type::Dtype);
        v->array = std::make_shared<NumpyArray>(desc);
        v->text = std::string(1, order);
        return v;
    }

    void build(const PyRef& target, const PyRef& state)
    {
        if (target->type == PyValue::Type::Dtype) {
            // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
            if (state->type != PyValue::Type::Tuple || state->items.size() < 5 ||
                state->items[1]->type != PyValue::Type::Str || state->items[1]->text.size() != 1)
                bad("malformed numpy dtype state");
            for (size_t i = 2; i <= 4; ++i)
                if (state->items[i]->type != PyValue::Type::None)
                    bad("structured and sub-array numpy dtypes are not supported");
            if (target->sealed)
                bad("numpy dtype changed after use");
            target->text = state->items[1]->text;
            return;
        }
        if (target->type == PyValue::Type::Array) {
            if (target->array)
                bad("numpy array built twice");
            // Its weight must be final before anything holds it (see adopt()).
            if (target->sealed)
                bad("numpy array filled in after it was nested is not supported");
            // (version, shape, dtype, is_fortran, data), or without the version.
            if (state->type != PyValue::Type::Tuple || (state->items.size() != 5 && state->items.size() != 4))
                bad("malformed numpy array state");
            const size_t o = state->items.size() == 5 ? 1 : 0;
            const auto& shape = state->items[o];
            const auto& dt = state->items[o + 1];
            const auto& fortran = state->items[o + 2];
            const auto& raw = state->items[o + 3];
            if (dt->type != PyValue::Type::Dtype)
                bad("malformed numpy array state");
            if (raw->type != PyValue::Type::Bytes)
                bad("numpy array of objects (data given as a " + std::string(raw->typeName()) + ") is not supported");
            auto built = makeArray(*dt, ints(shape), fortran->type == PyValue::Type::Bool && fortran->boolean, raw->text);
            target->array = built->array;
            target->weight = built->weight;
            return;
        }
        // State of an OrderedDict (_metadata) or a Parameter: not needed.
    }

    // Checks the data against the declared shape before keeping it, and brings
    // it to little-endian C order.
    PyRef makeArray(const PyValue& dt, std::vector<int64_t> shape, bool fortran, const std::string& bytes)
    {
        const NumpyArray& desc = *dt.array;
        uint64_t numel = 1;
        for (int64_t d : shape) {
            if (d < 0)
                bad("numpy array with a negative dimension");
            if (d != 0 && numel > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(d))
                bad("numpy array shape overflows");
            numel *= static_cast<uint64_t>(d);
        }
        const uint64_t item = static_cast<uint64_t>(desc.itemSize);
        if (numel > bytes.size() / item || numel * item != bytes.size())
            bad("numpy " + desc.dtypeName() + " array of shape " + numpyShapeText(shape) + " needs " +
                (numel > std::numeric_limits<uint64_t>::max() / item ? std::string("more bytes than fit in 64 bits")
                                                                     : std::to_string(numel * item) + " bytes") +
                ", the pickle holds " + std::to_string(bytes.size()));
        auto v = make(PyValue::Type::Array);
        auto arr = std::make_shared<NumpyArray>(desc);
        arr->shape = std::move(shape);
        arr->data = bytes;
        const char order = dt.text.empty() ? '=' : dt.text[0];
        if (order == '>' && arr->itemSize > 1)
            for (size_t i = 0; i < arr->data.size(); i += static_cast<size_t>(arr->itemSize))
                std::reverse(arr->data.begin() + static_cast<long>(i),
                             arr->data.begin() + static_cast<long>(i) + arr->itemSize);
        if (fortran && arr->shape.size() > 1)
            arr->data = numpyFortranToC(arr->data, arr->shape, arr->itemSize);
        v->array = std::move(arr);
        v->weight = 1 + bytes.size();
        return v;
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
        const int64_t offset = a[1]->integer;
        if (offset < 0)
            bad("negative tensor storage offset");
        // The last element the view reaches must lie inside its storage; the
        // arithmetic is checked so that huge sizes cannot wrap around.
        bool empty = false;
        int64_t extent = offset;
        for (size_t i = 0; i < sizes.size(); ++i) {
            if (sizes[i] < 0 || strides[i] < 0)
                bad("negative tensor size or stride");
            if (sizes[i] == 0)
                empty = true;
            int64_t step = 0;
            if (sizes[i] > 0 && (__builtin_mul_overflow(sizes[i] - 1, strides[i], &step) ||
                                 __builtin_add_overflow(extent, step, &extent)))
                bad("tensor view exceeds its storage");
        }
        if (!empty && extent >= storage.numel())
            bad("tensor view exceeds its storage");
        auto v = make(PyValue::Type::Tensor);
        v->tensor = storage.as_strided(sizes, strides, offset);
        return v;
    }

    PyRef persistent(const PyRef& pid)
    {
        if (pid->type != PyValue::Type::Tuple || pid->items.size() < 5 || pid->items[0]->text != "storage" ||
            pid->items[2]->type != PyValue::Type::Str || pid->items[4]->type != PyValue::Type::Int)
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
        if (numel < 0)
            bad("negative storage size");
        const std::string bytes = loader_(key);
        // Compared by division so that a huge declared size cannot wrap.
        const uint64_t elem = c10::elementSize(dtype);
        if (static_cast<uint64_t>(numel) > bytes.size() / elem)
            fail(source_, "storage data/" + key + " holds " + std::to_string(bytes.size()) +
                              " bytes, fewer than the " + std::to_string(numel) + " elements declared (truncated file?)");
        const size_t need = static_cast<size_t>(numel) * elem;
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
    const uint64_t maxWeight_;
    size_t pos_ = 0;
    std::vector<PyRef> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, PyRef> memo_;      // only the keys in wanted_
    std::unordered_set<uint64_t> wanted_;           // memo keys some BINGET reads
    std::vector<bool> wantedBits_;
    bool bitsOnly_ = false;
    uint64_t memoCount_ = 0;
    PyRef none_ = make(PyValue::Type::None);
    PyRef true_ = boolean(true);
    PyRef false_ = boolean(false);
    std::vector<PyRef> smallInts_ = std::vector<PyRef>(256);
    std::unordered_map<std::string, PyRef> storages_;
};

} // namespace

PyRef unpickle(const std::string& source, const std::string& bytes, const StorageLoader& loadStorage)
{
    Unpickler u(source, bytes, loadStorage);
    return u.run();
}

} // namespace fglens

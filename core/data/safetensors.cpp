#include "data/safetensors.h"

#include "common/atomic_file.h"
#include "common/error.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace fglens {
namespace {

struct DtypeName {
    const char* name;
    at::ScalarType type;
};
constexpr DtypeName kDtypes[] = {
    {"F16", at::kHalf}, {"BF16", at::kBFloat16}, {"F32", at::kFloat}, {"F64", at::kDouble},
    {"I64", at::kLong}, {"I32", at::kInt},       {"I16", at::kShort}, {"I8", at::kChar},
    {"U8", at::kByte},  {"BOOL", at::kBool},
};

at::ScalarType dtypeFromName(const std::string& path, const std::string& tensor, const std::string& name)
{
    for (const auto& d : kDtypes)
        if (name == d.name)
            return d.type;
    fail(path, "tensor '" + tensor + "' has unsupported dtype '" + name + "'");
}

const char* dtypeToName(const std::string& path, const std::string& tensor, at::ScalarType t)
{
    for (const auto& d : kDtypes)
        if (t == d.type)
            return d.name;
    fail(path, "tensor '" + tensor + "' has a dtype safetensors cannot store");
}

constexpr int kMaxHeaderDepth = 16;

// Header JSON and the offset where the data starts.
std::pair<nlohmann::json, uint64_t> readHeader(std::ifstream& in, const std::string& path, uint64_t fileSize)
{
    unsigned char lenBytes[8];
    if (fileSize < 8 || !in.read(reinterpret_cast<char*>(lenBytes), 8))
        fail(path, "not a safetensors file (shorter than its 8-byte header length)");
    uint64_t len = 0;
    for (int i = 7; i >= 0; --i)
        len = (len << 8) | lenBytes[i];
    if (len > fileSize - 8 || len > (uint64_t(100) << 20))
        fail(path, "truncated or not a safetensors file (header length " + std::to_string(len) + " bytes)");
    std::string text(len, '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(len)))
        fail(path, "truncated safetensors header");
    try {
        // A safetensors header is two levels deep; refuse deep nesting before
        // it costs anything (recursive dumps of a deep value would overflow).
        const nlohmann::json::parser_callback_t depthLimit = [&path](int depth, nlohmann::json::parse_event_t,
                                                                     nlohmann::json&) {
            if (depth > kMaxHeaderDepth)
                fail(path, "malformed safetensors header: nested deeper than " + std::to_string(kMaxHeaderDepth) +
                               " levels");
            return true;
        };
        return {nlohmann::json::parse(text, depthLimit), 8 + len};
    } catch (const nlohmann::json::exception& e) {
        fail(path, std::string("malformed safetensors header: ") + e.what());
    }
}

std::map<std::string, std::string> metadataOf(const nlohmann::json& header, const std::string& path)
{
    std::map<std::string, std::string> m;
    auto it = header.find("__metadata__");
    if (it == header.end())
        return m;
    if (!it->is_object())
        fail(path, "__metadata__ is not an object");
    for (auto kv = it->begin(); kv != it->end(); ++kv) {
        if (!kv.value().is_string())
            fail(path, "__metadata__ value '" + kv.key() + "' is not a string");
        m[kv.key()] = kv.value().get<std::string>();
    }
    return m;
}

uint64_t sizeOfFile(std::ifstream& in)
{
    in.seekg(0, std::ios::end);
    const auto size = static_cast<uint64_t>(in.tellg());
    in.seekg(0);
    return size;
}

} // namespace

SafeTensors readSafeTensors(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open (missing or unreadable)");
    const uint64_t fileSize = sizeOfFile(in);
    auto [header, dataStart] = readHeader(in, path, fileSize);
    if (!header.is_object())
        fail(path, "safetensors header is not a JSON object");
    SafeTensors st;
    st.metadata = metadataOf(header, path);
    const uint64_t dataSize = fileSize - dataStart;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__")
            continue;
        const auto& e = it.value();
        const std::string& name = it.key();
        try {
            const auto type = dtypeFromName(path, name, e.at("dtype").get<std::string>());
            const auto shape = e.at("shape").get<std::vector<int64_t>>();
            const auto offsets = e.at("data_offsets").get<std::vector<uint64_t>>();
            if (offsets.size() != 2 || offsets[0] > offsets[1] || offsets[1] > dataSize)
                fail(path, "tensor '" + name + "' lies outside the file (truncated?)");
            // The declared shape must match the declared byte range (which
            // lies inside the file) before anything is allocated.
            if (shape.size() > 32)
                fail(path, "tensor '" + name + "' has more than 32 dimensions");
            const uint64_t itemSize = c10::elementSize(type);
            const uint64_t range = offsets[1] - offsets[0];
            uint64_t elements = 1;
            bool tooBig = false;
            for (int64_t d : shape) {
                if (d < 0)
                    fail(path, "tensor '" + name + "' has a negative dimension in shape " + shapeString(shape));
                if (d != 0 && elements > range / static_cast<uint64_t>(d))
                    tooBig = true;
                elements *= static_cast<uint64_t>(d);
            }
            if (std::find(shape.begin(), shape.end(), int64_t(0)) != shape.end()) {
                tooBig = false;   // an empty tensor, whatever its other dimensions
                elements = 0;
            }
            if (tooBig || elements * itemSize != range)
                fail(path, "tensor '" + name + "' has " + std::to_string(range) + " bytes for shape " +
                               shapeString(shape));
            const uint64_t bytes = range;
            auto t = torch::empty(shape, torch::TensorOptions().dtype(type));
            in.seekg(static_cast<std::streamoff>(dataStart + offsets[0]));
            if (bytes && !in.read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(bytes)))
                fail(path, "tensor '" + name + "' is truncated");
            st.tensors.emplace(name, std::move(t));
        } catch (const nlohmann::json::exception& ex) {
            fail(path, "tensor '" + name + "': malformed entry (" + ex.what() + ")");
        }
    }
    return st;
}

std::map<std::string, std::string> readSafeTensorsMetadata(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open (missing or unreadable)");
    const uint64_t fileSize = sizeOfFile(in);
    return metadataOf(readHeader(in, path, fileSize).first, path);
}

void writeSafeTensors(const std::string& path, const SafeTensors& st)
{
    nlohmann::json header = nlohmann::json::object();
    if (!st.metadata.empty())
        header["__metadata__"] = st.metadata;
    std::vector<at::Tensor> data;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : st.tensors) {
        auto t = tensor.to(torch::kCPU).contiguous();
        const uint64_t bytes = static_cast<uint64_t>(t.numel()) * t.element_size();
        header[name] = {{"dtype", dtypeToName(path, name, t.scalar_type())},
                        {"shape", t.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        data.push_back(std::move(t));
    }
    std::string text = header.dump();
    // The format asks for 8-byte alignment of the data section.
    text.append((8 - text.size() % 8) % 8, ' ');
    writeFileAtomic(path, [&](std::ostream& out) {
        unsigned char lenBytes[8];
        uint64_t len = text.size();
        for (int i = 0; i < 8; ++i)
            lenBytes[i] = static_cast<unsigned char>((len >> (8 * i)) & 0xff);
        out.write(reinterpret_cast<const char*>(lenBytes), 8);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        for (const auto& t : data)
            out.write(static_cast<const char*>(t.data_ptr()),
                      static_cast<std::streamsize>(static_cast<uint64_t>(t.numel()) * t.element_size()));
    });
}

} // namespace fglens

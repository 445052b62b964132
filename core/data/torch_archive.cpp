// The files the restricted unpickler reads: torch.save zip archives (the
// pickle plus one record per storage) and plain pickle files.
#include "data/torch_pickle.h"

#include "common/error.h"

#include <caffe2/serialize/inline_container.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace fglens {

PyRef loadPickleFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        fail(path, "cannot open file");
    const std::streamoff size = in.tellg();
    if (size < 0)
        fail(path, "cannot read file");
    std::string bytes(static_cast<size_t>(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size))
        fail(path, "cannot read file");
    if (bytes.empty())
        fail(path, "empty file, expected a pickle");
    if (static_cast<unsigned char>(bytes[0]) != 0x80)
        fail(path, "not a pickle of protocol 2 or later (no PROTO opcode at the start)");
    return unpickle(path, bytes, [&](const std::string& key) -> std::string {
        fail(path, "holds a tensor storage ('" + key + "'): plain pickles of NumPy data only");
    });
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

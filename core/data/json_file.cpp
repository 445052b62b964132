#include "data/json_file.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace fglens {

simdjson::padded_string readJsonFile(const std::string& path, const JobContext* ctx)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec))
        fail(path, "file not found");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open file");
    const auto size = static_cast<size_t>(fs::file_size(path, ec));
    simdjson::padded_string json(size);
    const size_t chunk = 16 << 20;
    for (size_t off = 0; off < size; off += chunk) {
        const size_t n = std::min(chunk, size - off);
        if (!in.read(json.data() + off, static_cast<std::streamsize>(n)))
            fail(path, "read error");
        if (ctx) {
            ctx->checkCancelled();
            ctx->report("read", static_cast<int64_t>(off + n), static_cast<int64_t>(size));
        }
    }
    return json;
}

simdjson::dom::object parseJsonObject(simdjson::dom::parser& parser, const simdjson::padded_string& json,
                                      const std::string& path)
{
    simdjson::dom::element doc;
    if (auto err = parser.parse(json).get(doc))
        fail(path, std::string("invalid JSON: ") + simdjson::error_message(err));
    simdjson::dom::object root;
    if (doc.get(root))
        fail(path, "top level must be a JSON object");
    return root;
}

nlohmann::json parseSmallJson(const std::string& text, const std::string& path, int maxDepth)
{
    const nlohmann::json::parser_callback_t depthLimit = [&](int depth, nlohmann::json::parse_event_t,
                                                             nlohmann::json&) {
        if (depth > maxDepth)
            fail(path, "invalid JSON: nested deeper than " + std::to_string(maxDepth) + " levels");
        return true;
    };
    try {
        return nlohmann::json::parse(text, depthLimit);
    } catch (const nlohmann::json::exception& e) {
        fail(path, std::string("invalid JSON: ") + e.what());
    }
}

} // namespace fglens

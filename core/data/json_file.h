#pragma once
// Reading large JSON files (FG-OVD training sets, Karpathy's COCO file: hundreds
// of MB) into simdjson's padded buffer in chunks, reporting progress.
#include "common/job.h"

#include <nlohmann/json_fwd.hpp>
#include <simdjson.h>

#include <string>

namespace fglens {

simdjson::padded_string readJsonFile(const std::string& path, const JobContext* ctx = nullptr);

// Parses `json` with `parser` (which owns the result) and returns the top-level
// object; throws naming `path` when the JSON is invalid or not an object.
simdjson::dom::object parseJsonObject(simdjson::dom::parser& parser, const simdjson::padded_string& json,
                                      const std::string& path);

// Limits on what a hostile JSON file can make a reader do: simdjson refuses
// documents nested deeper than its parser's max depth (1024, the default) with
// a clean error; nlohmann-parsed files (project.json, safetensors headers)
// refuse nesting deeper than kMaxJsonDepth.
constexpr int kMaxJsonDepth = 64;

// Parses `text` (a whole small JSON file: a manifest, a header) with nlohmann,
// refusing nesting deeper than maxDepth; throws fglens::Error naming `path`.
nlohmann::json parseSmallJson(const std::string& text, const std::string& path, int maxDepth = kMaxJsonDepth);

} // namespace fglens

#pragma once
// Reading large JSON files (FG-OVD training sets, Karpathy's COCO file: hundreds
// of MB) into simdjson's padded buffer in chunks, reporting progress.
#include "common/job.h"

#include <simdjson.h>

#include <string>

namespace fglens {

simdjson::padded_string readJsonFile(const std::string& path, const JobContext* ctx = nullptr);

// Parses `json` with `parser` (which owns the result) and returns the top-level
// object; throws naming `path` when the JSON is invalid or not an object.
simdjson::dom::object parseJsonObject(simdjson::dom::parser& parser, const simdjson::padded_string& json,
                                      const std::string& path);

} // namespace fglens

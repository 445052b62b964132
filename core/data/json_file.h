#pragma once
// Reading large JSON files (FG-OVD training sets, Karpathy's COCO file: hundreds
// of MB) into simdjson's padded buffer in chunks, reporting progress.
#include "common/job.h"

#include <simdjson.h>

#include <string>

namespace fglens {

simdjson::padded_string readJsonFile(const std::string& path, const JobContext* ctx = nullptr);

} // namespace fglens

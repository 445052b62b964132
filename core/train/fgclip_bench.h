#pragma once
// A project benchmark whose features are an FG-CLIP feature cache (the .pt
// that FG-CLIP's extraction script writes), so FG-CLIP users can open what
// they already have without re-encoding.
#include "data/project.h"
#include "train/experiment.h"

#include <nlohmann/json.hpp>

namespace fglens {

// When the entry's file is the cache itself, the cache's own benchmark is
// used (as `eval --fgclip-cache` does); otherwise the benchmark JSON is read
// and the cache's rows are matched to it by annotation and category id.
ProjectData::Bench loadFgclipBench(const ProjectEntry& e, nlohmann::json& identity, const JobContext* ctx);

} // namespace fglens

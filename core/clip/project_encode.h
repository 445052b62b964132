#pragma once
// Encoding what a project lacks: every benchmark, training/validation set and
// caption set without a feature cache, one after the other through the
// resumable cache jobs of encode_job.h. Each finished cache is written into
// project.json at once, so an interrupted run keeps what it finished and the
// next run resumes the cache it was in the middle of.
#include "clip/encode_job.h"
#include "data/project.h"

#include <functional>
#include <string>
#include <vector>

namespace fglens::clip {

struct ProjectEncodeStep {
    std::string key;                  // benchmark key or role (fgovd_train, coco_test, ...)
    std::string file;                 // the benchmark / caption file
    std::string out;                  // the cache it gets
    std::vector<std::string> splits;  // caption sets only
    bool captionSet = false;
};

// Entries without features, or whose features file does not exist yet.
std::vector<ProjectEncodeStep> pendingEncodes(const Project& project);

struct ProjectEncodeResult {
    std::vector<ProjectEncodeStep> done;
    std::vector<std::pair<std::string, EncodeSummary>> summaries;   // per step key
};

// Encodes the pending steps of the project at `manifest` with `model`
// (`modelPath` for the caches' identity). After each cache, the manifest is
// re-read, the entry gets its features and the manifest is saved; then
// `onCacheDone` runs (on this thread). The image root must exist.
ProjectEncodeResult encodeProject(const std::string& manifest, const ClipModel& model, const std::string& modelPath,
                                  const Tokenizer& tokenizer, const EncodeOptions& options, const JobContext* ctx,
                                  const std::function<void(const ProjectEncodeStep&)>& onCacheDone = {});

} // namespace fglens::clip

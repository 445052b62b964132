#pragma once
// COCO-style caption sets for the warm-up and for retrieval: Karpathy's
// dataset_coco.json (images[] with split, filepath, filename, sentences[].raw)
// or the official captions_*.json (images[] {id, file_name}, annotations[]
// {image_id, caption}). The format is detected from the content.
#include "common/job.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fglens {

struct CaptionSet {
    std::string path;
    std::vector<std::string> imageFiles;   // relative to the COCO root
    std::vector<int64_t> imageIds;
    std::vector<std::string> captions;
    std::vector<int64_t> captionImage;     // row in imageFiles of each caption

    int64_t imageCount() const { return static_cast<int64_t>(imageFiles.size()); }
    int64_t captionCount() const { return static_cast<int64_t>(captions.size()); }
};

// `splits`: for Karpathy files, the splits to keep (e.g. {"train", "restval"},
// {"test"}); empty keeps all. Ignored for official files (one split a file).
CaptionSet loadCaptionSet(const std::string& path, const std::vector<std::string>& splits = {},
                          const JobContext* ctx = nullptr);

} // namespace fglens

#pragma once
// FG-OVD benchmark files (LVIS-style JSON): images, objects with one positive
// caption and ordered hard negatives, and the shared caption list.
#include "common/job.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace fglens {

struct FgImage {
    int64_t id = 0;
    std::string fileName;   // relative to the COCO root, e.g. "val2017/000000056288.jpg"
    int width = 0;
    int height = 0;
};

struct FgCaption {
    int64_t id = 0;
    std::string text;
};

struct FgObject {
    int64_t id = 0;
    int64_t imageId = 0;
    std::array<double, 4> bbox{};      // COCO [x, y, w, h] in pixels
    int64_t positiveId = 0;
    std::vector<int64_t> negativeIds;  // in benchmark order
    // Resolved indices into FgBenchmark::images / captions.
    int32_t imageIndex = -1;
    int32_t positiveIndex = -1;
    std::vector<int32_t> negativeIndices;
};

class FgBenchmark {
public:
    std::string path;
    std::string name;   // file stem, e.g. "pattern"
    std::vector<FgImage> images;
    std::vector<FgObject> objects;
    std::vector<FgCaption> captions;

    // Parses and validates a benchmark file. Throws fglens::Error naming the
    // file, the entry and the field on malformed input.
    static FgBenchmark load(const std::string& path, const JobContext* ctx = nullptr);

    // Resolves ids to indices and checks every reference; called by load and
    // by other readers (FG-CLIP caches) after filling the vectors.
    void link();

    int32_t captionIndex(int64_t id) const;   // -1 when unknown
    int32_t imageIndex(int64_t id) const;
    // Objects counted by their number of negatives.
    std::map<int, int64_t> negativesHistogram() const;
    // Caption indices of the positive followed by the first n negatives
    // (all of them when n < 0).
    std::vector<int32_t> vocabulary(size_t object, int n = -1) const;

private:
    std::unordered_map<int64_t, int32_t> captionById_;
    std::unordered_map<int64_t, int32_t> imageById_;
};

// The benchmark name the paper uses for a file stem ("1_attributes" -> "hard"),
// and the number of negatives its protocol evaluates with (DESIGN.md §3).
std::string benchmarkKey(const std::string& stem);
int protocolNegatives(const std::string& key);
const std::vector<std::string>& benchmarkKeys();   // trivial .. transparency

} // namespace fglens

#pragma once
// Detector predictions in FG-OVD's format, as its inference scripts pickle
// them (one file per benchmark and number of negatives): a list of groups, one
// per distinct positive caption, each with the image it was run on, its
// vocabulary (positive first) and the boxes with their scores. The same
// structure is accepted as JSON, lists in place of NumPy arrays.
// Torch-free on purpose: the ranking that consumes it needs plain vectors.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace fglens {

struct DetectorGroup {
    std::string imageFile;                    // the benchmark's file_name, e.g. "val2017/000000056288.jpg"
    int64_t categoryId = 0;                   // the positive caption
    std::vector<int64_t> vocabulary;          // caption ids: positive, then negatives
    std::vector<std::array<float, 4>> boxes;  // x1, y1, x2, y2 in pixels
    std::vector<float> scores;                // one per box
    std::vector<int64_t> labels;              // vocabulary id per box (empty when the file has none)
    std::vector<float> totalScores;           // boxes.size() rows of vocabulary.size(), row-major

    const float* totalScoresOf(size_t box) const { return totalScores.data() + box * vocabulary.size(); }
};

struct DetectorPredictions {
    std::string path;
    std::vector<DetectorGroup> groups;
};

// Reads a pickle (recognised by its PROTO opcode) or a JSON file. Numbers are
// kept as float32, as FG-OVD's ranks.py turns them into torch.Tensor. Throws
// fglens::Error naming the file and the group (index and image) on a foreign
// pickle global, a missing field, lengths that disagree (scores or
// total_scores against boxes, a total_scores row against the vocabulary),
// a box that is not four numbers, or a NaN or infinite value.
DetectorPredictions loadDetectorPredictions(const std::string& path);

} // namespace fglens

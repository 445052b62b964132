#pragma once
// The demo encoder: a small, documented stand-in for CLIP, so the demo project
// can ship embeddings without CLIP's weights. It is NOT CLIP and its numbers
// are not CLIP numbers.
//
// Text: each word has a fixed 512-d unit vector drawn from a generator keyed
// by the word. A caption is the weighted sum of its words' vectors (category
// words heavy, attribute words light, other words almost nothing) plus a
// small caption-specific perturbation.
//
// Images: concept detectors look at pixel statistics (descriptor.h) and give
// soft scores over the categories and over each attribute's values. The
// embedding is the category scores times the category word vectors (the
// dominant part), a weak attribute part along the attribute words' vectors,
// the attribute scores again through a fixed random mixing matrix (present,
// linearly recoverable, but not aligned with the text), and a random
// projection of the raw statistics as nuisance. So cosine similarity sees the
// category and little else, while a learned linear map can find the
// attributes: the situation the paper reports for CLIP.
//
// The detectors are nearest-centroid classifiers fitted once, at
// construction, on renders made with a fixed seed; embedding an image uses its
// pixels only.
#include "demo/vocab.h"

#include <opencv2/core/mat.hpp>

#include <array>
#include <mutex>
#include <unordered_map>
#include <string>
#include <vector>

namespace fglens::demo {

constexpr int kEmbedDim = 512;

struct ConceptScores {
    std::vector<float> category;                        // over categoryWords()
    std::array<std::vector<float>, kAttrCount> attr;    // over attributeWords(a)
};

class DemoEncoder {
public:
    static const char* name() { return "fglens-demo-encoder-v1"; }

    // Fits the detectors (about a second; uses up to `threads` threads).
    explicit DemoEncoder(int threads = 2);

    std::vector<float> encodeText(const std::string& caption) const;
    // One object, cropped by its box (CV_8UC3 RGB).
    std::vector<float> encodeObject(const cv::Mat& cropRgb) const;
    // A whole scene with any number of objects (CV_8UC3 RGB).
    std::vector<float> encodeScene(const cv::Mat& rgb) const;

    ConceptScores detect(const cv::Mat& cropRgb) const;

private:
    struct Detector {
        std::vector<int> dims;                      // descriptor entries it looks at
        std::vector<float> weights;                 // [classes, dims]
        std::vector<float> bias;                    // [classes]
        std::vector<float> scores(const std::vector<float>& f) const;
    };

    void calibrate(int threads);
    ConceptScores detectDescriptor(const std::vector<float>& f) const;
    std::vector<float> embedDescriptor(const std::vector<float>& f) const;

    std::vector<float> featMean_, featStd_;
    std::array<Detector, 1 + kAttrCount> detectors_;   // category, then Attr order
    std::vector<std::vector<float>> categoryVectors_;
    std::array<std::vector<std::vector<float>>, kAttrCount> attrVectors_;
    std::vector<float> mixing_;     // [kEmbedDim, attribute scores]
    std::vector<float> nuisance_;   // [kEmbedDim, descriptor size]
    // Word vectors are drawn from a generator per word; caching them makes
    // encoding tens of thousands of captions cheap.
    const std::vector<float>& cachedWord(const std::string& w) const;
    mutable std::mutex wordMutex_;
    mutable std::unordered_map<std::string, std::vector<float>> words_;
};

// The fixed unit vector of a word (lower case), shared by text and images.
std::vector<float> wordVector(const std::string& word);

} // namespace fglens::demo

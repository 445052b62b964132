#pragma once
// Pixel statistics the demo encoder's concept detectors work from. Nothing
// here knows how an image was generated: the object is found as what differs
// from a background model fitted to the crop's left and right borders.
#include <opencv2/core/mat.hpp>

#include <vector>

namespace fglens::demo {

struct Segmentation {
    cv::Mat image;        // CV_32FC3, RGB in [0, 1]
    cv::Mat background;   // CV_32FC3, the model: per row, linear between the borders
    cv::Mat mask;         // CV_8U, 255 = object (holes filled)
};

Segmentation segment(const cv::Mat& rgb8);

// Bounding boxes of the separate objects in a segmentation, largest first;
// specks smaller than `minArea` pixels are ignored.
std::vector<cv::Rect> objectRegions(const Segmentation& s, int minArea);

// Fixed-length description of the object covered by `s.mask` inside `region`
// (the whole crop when empty): silhouette, colour, texture and how much of
// the background shows through.
std::vector<float> describe(const Segmentation& s, const cv::Rect& region = cv::Rect());

// Index ranges of the descriptor's parts, so detectors can look at the
// cues that matter to them.
struct DescriptorLayout {
    static constexpr int kShape = 0, kShapeEnd = 66;
    static constexpr int kColour = 66, kColourEnd = 75;
    static constexpr int kTexture = 75, kTextureEnd = 113;
    static constexpr int kSeeThrough = 113, kSeeThroughEnd = 119;
    static constexpr int kSize = 119;
};

} // namespace fglens::demo

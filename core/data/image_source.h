#pragma once
// COCO images on disk, resolved from a user-given root, decoded with OpenCV and
// cropped by the reference rule. Missing images are counted, never fatal for
// a whole benchmark.
#include <opencv2/core/mat.hpp>

#include <array>
#include <string>
#include <vector>

namespace fglens {

class FgBenchmark;

struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // half-open [x0, x1) x [y0, y1)
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

// COCO [x, y, w, h] -> [x, y, x+w, y+h] clamped to the image, floor of the
// top-left and ceil of the bottom-right (DESIGN.md §3).
PixelBox referenceCropBox(const std::array<double, 4>& cocoBox, int imageWidth, int imageHeight);
// The same for a box already in [x0, y0, x1, y1] (FG-CLIP caches store that).
PixelBox referenceCropBoxXyxy(const std::array<double, 4>& xyxy, int imageWidth, int imageHeight);

class ImageSource {
public:
    // Throws fglens::Error when the root is given but is not a directory.
    explicit ImageSource(std::string root);

    const std::string& root() const { return root_; }
    std::string resolve(const std::string& fileName) const;
    bool exists(const std::string& fileName) const;
    // 8-bit RGB. Throws fglens::Error naming the path when missing or undecodable.
    cv::Mat loadRgb(const std::string& fileName) const;
    cv::Mat loadCropRgb(const std::string& fileName, const std::array<double, 4>& cocoBox) const;

    struct Scan {
        size_t present = 0;
        size_t missing = 0;
        std::vector<std::string> firstMissing;   // up to 10 paths, for messages
    };
    Scan scan(const FgBenchmark& benchmark) const;

private:
    std::string root_;
};

// Decodes any image file to 8-bit RGB (throws fglens::Error on failure).
cv::Mat decodeRgb(const std::string& path);
cv::Mat cropRgb(const cv::Mat& rgb, const PixelBox& box);

} // namespace fglens

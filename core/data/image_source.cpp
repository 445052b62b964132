#include "data/image_source.h"

#include "common/error.h"
#include "data/fgovd.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace fglens {

namespace fs = std::filesystem;

PixelBox referenceCropBoxXyxy(const std::array<double, 4>& b, int w, int h)
{
    PixelBox p;
    p.x0 = static_cast<int>(std::floor(std::max(b[0], 0.0)));
    p.y0 = static_cast<int>(std::floor(std::max(b[1], 0.0)));
    p.x1 = static_cast<int>(std::ceil(std::min(b[2], static_cast<double>(w))));
    p.y1 = static_cast<int>(std::ceil(std::min(b[3], static_cast<double>(h))));
    p.x1 = std::max(p.x1, p.x0);
    p.y1 = std::max(p.y1, p.y0);
    return p;
}

PixelBox referenceCropBox(const std::array<double, 4>& b, int w, int h)
{
    return referenceCropBoxXyxy({b[0], b[1], b[0] + b[2], b[1] + b[3]}, w, h);
}

ImageSource::ImageSource(std::string root) : root_(std::move(root))
{
    std::error_code ec;
    if (!root_.empty() && !fs::is_directory(root_, ec))
        fail(root_, "image root does not exist or is not a directory");
}

std::string ImageSource::resolve(const std::string& fileName) const
{
    return root_.empty() ? fileName : (fs::path(root_) / fileName).string();
}

bool ImageSource::exists(const std::string& fileName) const
{
    std::error_code ec;
    return fs::is_regular_file(resolve(fileName), ec);
}

cv::Mat decodeRgb(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        fail(path, "image not found");
    cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty())
        fail(path, "cannot decode image");
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

cv::Mat cropRgb(const cv::Mat& rgb, const PixelBox& box)
{
    const cv::Rect r(box.x0, box.y0, box.width(), box.height());
    const cv::Rect clipped = r & cv::Rect(0, 0, rgb.cols, rgb.rows);
    if (clipped.width <= 0 || clipped.height <= 0)
        return cv::Mat();
    return rgb(clipped).clone();
}

cv::Mat ImageSource::loadRgb(const std::string& fileName) const
{
    return decodeRgb(resolve(fileName));
}

cv::Mat ImageSource::loadCropRgb(const std::string& fileName, const std::array<double, 4>& cocoBox) const
{
    cv::Mat rgb = loadRgb(fileName);
    cv::Mat crop = cropRgb(rgb, referenceCropBox(cocoBox, rgb.cols, rgb.rows));
    if (crop.empty())
        fail(resolve(fileName), "box lies outside the image");
    return crop;
}

ImageSource::Scan ImageSource::scan(const FgBenchmark& benchmark) const
{
    Scan s;
    for (const auto& im : benchmark.images) {
        if (exists(im.fileName)) {
            ++s.present;
        } else {
            ++s.missing;
            if (s.firstMissing.size() < 10)
                s.firstMissing.push_back(resolve(im.fileName));
        }
    }
    return s;
}

} // namespace fglens

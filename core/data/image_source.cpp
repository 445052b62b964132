#include "data/image_source.h"

#include "common/error.h"
#include "data/fgovd.h"
#include "data/image_limits.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fglens {

namespace fs = std::filesystem;

PixelBox referenceCropBoxXyxy(const std::array<double, 4>& b, int w, int h)
{
    // Every coordinate is clamped to [0, side] before its int cast, so a
    // hostile box (1e300, -inf, NaN) yields an empty box, never UB.
    auto clampTo = [](double v, int side) {
        const double s = static_cast<double>(std::max(side, 0));
        return std::isnan(v) ? 0.0 : std::min(std::max(v, 0.0), s);
    };
    PixelBox p;
    p.x0 = static_cast<int>(std::floor(clampTo(b[0], w)));
    p.y0 = static_cast<int>(std::floor(clampTo(b[1], h)));
    p.x1 = static_cast<int>(std::ceil(clampTo(b[2], w)));
    p.y1 = static_cast<int>(std::ceil(clampTo(b[3], h)));
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

namespace {

uint32_t be16(const unsigned char* p) { return (uint32_t(p[0]) << 8) | p[1]; }
uint32_t be32(const unsigned char* p) { return (be16(p) << 16) | be16(p + 2); }
uint32_t le16(const unsigned char* p) { return (uint32_t(p[1]) << 8) | p[0]; }
uint32_t le32(const unsigned char* p) { return (le16(p + 2) << 16) | le16(p); }

// JPEG: walk the marker segments to the first start-of-frame.
std::optional<std::pair<uint64_t, uint64_t>> jpegSize(std::ifstream& in)
{
    in.seekg(2);
    unsigned char m[9];
    for (int segments = 0; segments < 4096; ++segments) {
        if (!in.read(reinterpret_cast<char*>(m), 4) || m[0] != 0xFF)
            return std::nullopt;
        const unsigned marker = m[1];
        const uint32_t len = be16(m + 2);
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (!in.read(reinterpret_cast<char*>(m), 5))
                return std::nullopt;
            return std::make_pair(uint64_t(be16(m + 3)), uint64_t(be16(m + 1)));
        }
        if (len < 2)
            return std::nullopt;
        in.seekg(len - 2, std::ios::cur);
    }
    return std::nullopt;
}

} // namespace

std::optional<std::pair<uint64_t, uint64_t>> imageDimensions(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char h[32] = {};
    if (!in.read(reinterpret_cast<char*>(h), sizeof h) && in.gcount() < 26)
        return std::nullopt;
    if (std::memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0 && std::memcmp(h + 12, "IHDR", 4) == 0)
        return std::make_pair(uint64_t(be32(h + 16)), uint64_t(be32(h + 20)));
    if (h[0] == 0xFF && h[1] == 0xD8) {
        in.clear();
        return jpegSize(in);
    }
    if (h[0] == 'B' && h[1] == 'M') {
        const int32_t w = static_cast<int32_t>(le32(h + 18)), hh = static_cast<int32_t>(le32(h + 22));
        return std::make_pair(uint64_t(std::abs(int64_t(w))), uint64_t(std::abs(int64_t(hh))));
    }
    return std::nullopt;
}

cv::Mat decodeRgb(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        fail(path, "image not found");
    // Decompression bombs: a small file can declare billions of pixels. The
    // header's size is checked before OpenCV allocates anything (PNG, JPEG,
    // BMP); other formats rely on OpenCV's own limit, whose assertion is
    // caught below and turned into a message naming the file.
    if (const auto dims = imageDimensions(path)) {
        if (dims->first == 0 || dims->second == 0)
            fail(path, "cannot decode image (its header declares a 0-pixel side)");
        if (dims->first * dims->second > kMaxImagePixels)
            fail(path, "image declares " + std::to_string(dims->first) + "x" + std::to_string(dims->second) +
                           " pixels, more than the " + std::to_string(kMaxImagePixels) +
                           " accepted (a decompression bomb?)");
    }
    cv::Mat bgr;
    try {
        bgr = cv::imread(path, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        fail(path, "cannot decode image (OpenCV: " + std::string(e.err.empty() ? e.what() : e.err) + ")");
    }
    if (bgr.empty())
        fail(path, "cannot decode image");
    if (static_cast<uint64_t>(bgr.total()) > kMaxImagePixels)
        fail(path, "image has more than " + std::to_string(kMaxImagePixels) + " pixels");
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

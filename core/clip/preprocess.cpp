#include "clip/preprocess.h"

#include "common/error.h"
#include "data/image_source.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fglens::clip {

const char* const kPreprocessingId =
    "decode=opencv-rgb;crop=coco-floor-ceil;resize=pil-bicubic-short-side;center-crop=round-half-even;"
    "norm=clip-mean-std";

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;   // PIL's fixed point for 8-bit images

double bicubic(double x)
{
    constexpr double a = -0.5;
    x = std::fabs(x);
    if (x < 1.0)
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0)
        return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

// PIL's precompute_coeffs + normalize_coeffs_8bpc for one axis.
struct Coeffs {
    int ksize = 0;
    std::vector<int> first, count;   // per output index
    std::vector<int32_t> k;          // [out, ksize]
};

Coeffs coefficients(int inSize, int outSize)
{
    const double scale = static_cast<double>(inSize) / outSize;
    const double filterscale = std::max(scale, 1.0);
    const double support = 2.0 * filterscale;
    Coeffs c;
    c.ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
    c.first.resize(outSize);
    c.count.resize(outSize);
    c.k.assign(static_cast<size_t>(outSize) * c.ksize, 0);
    std::vector<double> w(c.ksize);
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        const double ss = 1.0 / filterscale;
        const int xmin = std::max(static_cast<int>(center - support + 0.5), 0);
        const int xmax = std::min(static_cast<int>(center + support + 0.5), inSize) - xmin;
        double ww = 0.0;
        for (int x = 0; x < xmax; ++x) {
            w[x] = bicubic((x + xmin - center + 0.5) * ss);
            ww += w[x];
        }
        for (int x = 0; x < xmax; ++x) {
            const double v = ww != 0.0 ? w[x] / ww : w[x];
            c.k[static_cast<size_t>(xx) * c.ksize + x] =
                static_cast<int32_t>(v < 0 ? -0.5 + v * (1 << kPrecisionBits) : 0.5 + v * (1 << kPrecisionBits));
        }
        c.first[xx] = xmin;
        c.count[xx] = xmax;
    }
    return c;
}

inline uint8_t clip8(int32_t v)
{
    if (v >= (1 << kPrecisionBits << 8))
        return 255;
    if (v <= 0)
        return 0;
    return static_cast<uint8_t>(v >> kPrecisionBits);
}

} // namespace

cv::Mat resizeBicubicPil(const cv::Mat& rgb, int outW, int outH, const cv::Rect& window)
{
    CV_Assert(rgb.type() == CV_8UC3 && outW > 0 && outH > 0);
    CV_Assert(window.x >= 0 && window.y >= 0 && window.x + window.width <= outW && window.y + window.height <= outH);
    const bool horizontal = outW != rgb.cols, vertical = outH != rgb.rows;
    const Coeffs chh = horizontal ? coefficients(rgb.cols, outW) : Coeffs{};
    const Coeffs cvv = vertical ? coefficients(rgb.rows, outH) : Coeffs{};
    const int y0 = window.y, y1 = window.y + window.height;

    // Source rows the vertical pass reads for the window's output rows.
    int rowFirst = y0, rowLast = y1;
    if (vertical) {
        rowFirst = cvv.first[y0];
        rowLast = rowFirst;
        for (int yy = y0; yy < y1; ++yy)
            rowLast = std::max(rowLast, cvv.first[yy] + cvv.count[yy]);
    }

    cv::Mat temp(rowLast - rowFirst, window.width, CV_8UC3);
    constexpr int32_t half = 1 << (kPrecisionBits - 1);
    for (int y = rowFirst; y < rowLast; ++y) {
        const uint8_t* src = rgb.ptr<uint8_t>(y);
        uint8_t* dst = temp.ptr<uint8_t>(y - rowFirst);
        if (!horizontal) {
            std::memcpy(dst, src + 3 * window.x, static_cast<size_t>(3 * window.width));
            continue;
        }
        for (int xx = window.x; xx < window.x + window.width; ++xx) {
            const int32_t* k = &chh.k[static_cast<size_t>(xx) * chh.ksize];
            const uint8_t* s = src + 3 * chh.first[xx];
            int32_t s0 = half, s1 = half, s2 = half;
            for (int x = 0; x < chh.count[xx]; ++x) {
                s0 += s[3 * x] * k[x];
                s1 += s[3 * x + 1] * k[x];
                s2 += s[3 * x + 2] * k[x];
            }
            uint8_t* d = dst + 3 * (xx - window.x);
            d[0] = clip8(s0);
            d[1] = clip8(s1);
            d[2] = clip8(s2);
        }
    }
    if (!vertical)
        return temp;

    cv::Mat out(window.height, window.width, CV_8UC3);
    const int n = 3 * window.width;
    std::vector<int32_t> acc(static_cast<size_t>(n));
    for (int yy = y0; yy < y1; ++yy) {
        const int32_t* k = &cvv.k[static_cast<size_t>(yy) * cvv.ksize];
        std::fill(acc.begin(), acc.end(), half);
        for (int y = 0; y < cvv.count[yy]; ++y) {
            const uint8_t* s = temp.ptr<uint8_t>(cvv.first[yy] + y - rowFirst);
            const int32_t w = k[y];
            for (int i = 0; i < n; ++i)
                acc[i] += s[i] * w;
        }
        uint8_t* d = out.ptr<uint8_t>(yy - y0);
        for (int i = 0; i < n; ++i)
            d[i] = clip8(acc[i]);
    }
    return out;
}

cv::Size shortSideSize(int w, int h, int size)
{
    if (w <= h)
        return {size, static_cast<int>(static_cast<double>(size) * h / w)};
    return {static_cast<int>(static_cast<double>(size) * w / h), size};
}

void preprocessInto(const cv::Mat& rgb, int resolution, float* out)
{
    if (rgb.empty() || rgb.cols <= 0 || rgb.rows <= 0)
        throw Error("preprocess", "empty image");
    const cv::Size sz = shortSideSize(rgb.cols, rgb.rows, resolution);
    // torchvision's center_crop: int(round((size - crop) / 2.0)), Python's
    // round-half-even.
    const int top = static_cast<int>(std::nearbyint((sz.height - resolution) / 2.0));
    const int left = static_cast<int>(std::nearbyint((sz.width - resolution) / 2.0));
    const cv::Mat px = resizeBicubicPil(rgb, sz.width, sz.height, cv::Rect(left, top, resolution, resolution));
    static const float mean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
    static const float stdev[3] = {0.26862954f, 0.26130258f, 0.27577711f};
    const size_t plane = static_cast<size_t>(resolution) * resolution;
    for (int y = 0; y < resolution; ++y) {
        const uint8_t* row = px.ptr<uint8_t>(y);
        for (int x = 0; x < resolution; ++x)
            for (int c = 0; c < 3; ++c)
                out[c * plane + static_cast<size_t>(y) * resolution + x] =
                    (static_cast<float>(row[3 * x + c]) / 255.0f - mean[c]) / stdev[c];
    }
}

at::Tensor preprocessImage(const cv::Mat& rgb, int resolution)
{
    auto t = torch::empty({3, resolution, resolution}, torch::kFloat32);
    preprocessInto(rgb, resolution, t.data_ptr<float>());
    return t;
}

std::vector<ImageItem> readImageItems(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        fail(path, "cannot open items file");
    const std::filesystem::path base = std::filesystem::path(path).parent_path();
    std::vector<ImageItem> items;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#')
            continue;
        line = line.substr(start, line.find_last_not_of(" \t") + 1 - start);
        ImageItem item;
        std::vector<size_t> starts, ends;   // field boundaries, so a path may hold spaces
        for (size_t i = 0; i < line.size();) {
            i = line.find_first_not_of(" \t", i);
            if (i == std::string::npos)
                break;
            const size_t e = std::min(line.find_first_of(" \t", i), line.size());
            starts.push_back(i);
            ends.push_back(e);
            i = e;
        }
        std::array<double, 4> box{};
        bool numeric = starts.size() >= 5;
        for (size_t i = 0; numeric && i < 4; ++i) {
            const size_t f = starts.size() - 4 + i;
            const std::string field = line.substr(starts[f], ends[f] - starts[f]);
            char* end = nullptr;
            box[i] = std::strtod(field.c_str(), &end);
            numeric = end && *end == '\0' && std::isfinite(box[i]);
        }
        if (numeric) {
            item.path = line.substr(0, ends[starts.size() - 5]);
            if (box[2] < 0 || box[3] < 0)
                fail(path, "line " + std::to_string(lineNo) + ": box width and height must not be negative");
            item.box = box;
        } else {
            item.path = line;
        }
        const std::filesystem::path p(item.path);
        if (p.is_relative())
            item.path = (base / p).string();
        items.push_back(std::move(item));
    }
    return items;
}

void preprocessItemInto(const ImageItem& item, int resolution, float* out)
{
    cv::Mat rgb = decodeRgb(item.path);
    if (item.box) {
        rgb = cropRgb(rgb, referenceCropBox(*item.box, rgb.cols, rgb.rows));
        if (rgb.empty())
            fail(item.path, "box lies outside the image or is empty");
    }
    preprocessInto(rgb, resolution, out);
}

at::Tensor preprocessItem(const ImageItem& item, int resolution)
{
    auto t = torch::empty({3, resolution, resolution}, torch::kFloat32);
    preprocessItemInto(item, resolution, t.data_ptr<float>());
    return t;
}

} // namespace fglens::clip

#include "demo/descriptor.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace fglens::demo {

namespace {

using V3 = cv::Vec3f;

float luma(const V3& c)
{
    return 0.299f * c[0] + 0.587f * c[1] + 0.114f * c[2];
}

cv::Mat erodeDisc(const cv::Mat& mask, int size)
{
    cv::Mat out;
    cv::erode(mask, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(size, size)), cv::Point(-1, -1), 1,
              cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

// The mask eroded as far as it can be while keeping enough pixels to measure.
cv::Mat interiorOf(const cv::Mat& mask, int size)
{
    cv::Mat in = erodeDisc(mask, size);
    return cv::countNonZero(in) >= 24 ? in : mask;
}

std::array<float, 3> lab(const V3& rgb)
{
    cv::Mat px(1, 1, CV_32FC3, cv::Scalar(std::clamp(rgb[0], 0.0f, 1.0f), std::clamp(rgb[1], 0.0f, 1.0f),
                                         std::clamp(rgb[2], 0.0f, 1.0f)));
    cv::cvtColor(px, px, cv::COLOR_RGB2Lab);
    const V3 v = px.at<V3>(0, 0);
    return {v[0] / 100.0f, v[1] / 100.0f, v[2] / 100.0f};
}

float safeLog(double x)
{
    return static_cast<float>(std::log(std::max(x, 1e-6)));
}

void shapePart(const cv::Mat& mask, std::vector<float>& f)
{
    const cv::Rect box = cv::boundingRect(mask);
    if (box.area() == 0) {
        f.insert(f.end(), 66, 0.0f);
        return;
    }
    cv::Mat grid;
    cv::resize(mask(box), grid, cv::Size(8, 8), 0, 0, cv::INTER_AREA);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            f.push_back(grid.at<uchar>(y, x) / 255.0f);
    f.push_back(safeLog(static_cast<double>(box.height) / box.width));
    f.push_back(static_cast<float>(cv::countNonZero(mask(box))) / static_cast<float>(box.area()));
}

void colourPart(const cv::Mat& img, const cv::Mat& bg, const cv::Mat& in, float slope, std::vector<float>& f)
{
    std::vector<std::pair<float, V3>> px;
    V3 sum(0, 0, 0), bgSum(0, 0, 0);
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x)
            if (in.at<uchar>(y, x)) {
                const V3 c = img.at<V3>(y, x);
                px.emplace_back(luma(c), c);
                sum += c;
                bgSum += bg.at<V3>(y, x);
            }
    const float n = static_cast<float>(std::max<size_t>(px.size(), 1));
    const V3 mean = sum / n, bgMean = bgSum / n;
    std::sort(px.begin(), px.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    V3 mid(0, 0, 0);
    const size_t lo = px.size() / 4, hi = std::max(lo + 1, px.size() * 3 / 4);
    for (size_t i = lo; i < hi && i < px.size(); ++i)
        mid += px[i].second;
    mid /= static_cast<float>(std::max<size_t>(hi - lo, 1));
    // Undo alpha blending with the estimated see-through fraction.
    const float t = std::clamp(slope, 0.0f, 0.8f);
    const V3 unmixed = (mean - bgMean * t) / (1.0f - t);
    for (const V3& c : {mean, mid, unmixed})
        for (float v : lab(c))
            f.push_back(v);
}

float autocorrelation(const cv::Mat& z, const cv::Mat& m, int dx, int dy)
{
    double num = 0, den = 0;
    for (int y = 0; y + dy < z.rows; ++y)
        for (int x = 0; x + dx < z.cols; ++x)
            if (m.at<uchar>(y, x) && m.at<uchar>(y + dy, x + dx)) {
                const double a = z.at<float>(y, x), b = z.at<float>(y + dy, x + dx);
                num += a * b;
                den += 0.5 * (a * a + b * b);
            }
    return den > 1e-9 ? static_cast<float>(num / den) : 0.0f;
}

// Fine texture with the pattern taken out: a median filter keeps the edges of
// stripes and checks but removes grain, weave and speckle, so the residual
// is mostly the material.
void finePart(const cv::Mat& y, const cv::Mat& deep, double meanY, std::vector<float>& f)
{
    cv::Mat med;
    cv::medianBlur(y, med, 5);
    const cv::Mat res = y - med;
    double sum = 0, sq = 0, q4 = 0;
    int n = 0;
    for (int r = 0; r < y.rows; ++r)
        for (int c = 0; c < y.cols; ++c)
            if (deep.at<uchar>(r, c)) {
                const double v = res.at<float>(r, c);
                sum += std::abs(v);
                sq += v * v;
                q4 += v * v * v * v;
                ++n;
            }
    const double k = 1.0 / std::max(n, 1), var = sq * k;
    f.push_back(static_cast<float>(sum * k / (meanY + 0.05) * 10));
    f.push_back(static_cast<float>(std::sqrt(var) * 10));
    f.push_back(static_cast<float>(std::clamp(var > 1e-9 ? q4 * k / (var * var) - 3.0 : 0.0, -5.0, 20.0)));
    for (int d : {1, 2, 3}) {
        f.push_back(autocorrelation(res, deep, d, 0));
        f.push_back(autocorrelation(res, deep, 0, d));
    }
}

void texturePart(const cv::Mat& img, const cv::Mat& in, std::vector<float>& f)
{
    cv::Mat y(img.size(), CV_32F), sat(img.size(), CV_32F);
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.cols; ++c) {
            const V3 p = img.at<V3>(r, c);
            y.at<float>(r, c) = luma(p);
            sat.at<float>(r, c) = std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
        }
    const cv::Mat deep = interiorOf(in, 5);
    cv::Mat g1, g2, g5, gx, gy;
    cv::GaussianBlur(y, g1, cv::Size(), 0.8);
    cv::GaussianBlur(y, g2, cv::Size(), 2.0);
    cv::GaussianBlur(y, g5, cv::Size(), 5.0);
    cv::Sobel(y, gx, CV_32F, 1, 0);
    cv::Sobel(y, gy, CV_32F, 0, 1);
    const cv::Scalar meanY = cv::mean(y, in);
    cv::Scalar m, sd;
    cv::meanStdDev(y, m, sd, in);
    const double med = meanY[0];
    double e1 = 0, e2 = 0, e3 = 0, ex = 0, ey = 0, ed1 = 0, ed2 = 0, spec = 0, bright = 0, dark = 0, m3 = 0, m4 = 0;
    int n = 0;
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.cols; ++c) {
            if (!deep.at<uchar>(r, c))
                continue;
            ++n;
            const double v = y.at<float>(r, c), a = gx.at<float>(r, c), b = gy.at<float>(r, c);
            e1 += std::abs(v - g1.at<float>(r, c));
            e2 += std::abs(g1.at<float>(r, c) - g2.at<float>(r, c));
            e3 += std::abs(g2.at<float>(r, c) - g5.at<float>(r, c));
            ex += a * a;
            ey += b * b;
            ed1 += (a + b) * (a + b);
            ed2 += (a - b) * (a - b);
            spec += (v > 0.92 && sat.at<float>(r, c) < 0.15) ? 1 : 0;
            bright += v > med + 0.25 ? 1 : 0;
            dark += v < med - 0.25 ? 1 : 0;
            const double z = (v - m[0]) / std::max(sd[0], 1e-3);
            m3 += z * z * z;
            m4 += z * z * z * z;
        }
    const double k = 1.0 / std::max(n, 1);
    f.push_back(static_cast<float>(sd[0]));
    f.push_back(static_cast<float>(e1 * k * 10));
    f.push_back(static_cast<float>(e2 * k * 10));
    f.push_back(static_cast<float>(e3 * k * 10));
    f.push_back(safeLog((ex + 1e-3) / (ey + 1e-3)));
    f.push_back(safeLog((ed1 + 1e-3) / (ed2 + 1e-3)));
    f.push_back(safeLog((ex + ey) * k + 1e-4));
    f.push_back(static_cast<float>(spec * k));
    f.push_back(static_cast<float>(bright * k));
    f.push_back(static_cast<float>(dark * k));
    // Spread of the column and row means: metal's vertical specular band
    // shows in the column profile, horizontal stripes in the row profile.
    cv::Mat yIn;
    y.copyTo(yIn, deep);
    cv::Mat colSum, rowSum, colCnt, rowCnt, deepF;
    deep.convertTo(deepF, CV_32F, 1.0 / 255.0);
    cv::reduce(yIn, colSum, 0, cv::REDUCE_SUM);
    cv::reduce(deepF, colCnt, 0, cv::REDUCE_SUM);
    cv::reduce(yIn, rowSum, 1, cv::REDUCE_SUM);
    cv::reduce(deepF, rowCnt, 1, cv::REDUCE_SUM);
    auto profileSpread = [](const cv::Mat& s, const cv::Mat& cnt) {
        std::vector<double> vals;
        for (int i = 0; i < static_cast<int>(s.total()); ++i)
            if (cnt.at<float>(i) >= 3)
                vals.push_back(s.at<float>(i) / cnt.at<float>(i));
        if (vals.size() < 2)
            return 0.0f;
        double mu = 0, var = 0;
        for (double v : vals)
            mu += v;
        mu /= static_cast<double>(vals.size());
        for (double v : vals)
            var += (v - mu) * (v - mu);
        return static_cast<float>(std::sqrt(var / static_cast<double>(vals.size())));
    };
    f.push_back(profileSpread(colSum, colCnt));
    f.push_back(profileSpread(rowSum, rowCnt));
    cv::Mat hp;
    cv::GaussianBlur(y, hp, cv::Size(), 3.0);
    hp = y - hp;
    for (int d : {2, 3, 4, 6, 9, 12}) {
        f.push_back(autocorrelation(hp, deep, d, 0));
        f.push_back(autocorrelation(hp, deep, 0, d));
    }
    cv::Scalar sm, ss;
    cv::meanStdDev(sat, sm, ss, in);
    f.push_back(static_cast<float>(sm[0]));
    f.push_back(static_cast<float>(ss[0]));
    f.push_back(static_cast<float>(std::clamp(m3 * k, -5.0, 5.0)));
    f.push_back(static_cast<float>(std::clamp(m4 * k - 3.0, -5.0, 10.0)));
    f.push_back(static_cast<float>(meanY[0]));
    finePart(y, deep, meanY[0], f);
}

// Returns the regression slope of pixels on the background model, the part
// of the background that shows through.
float seeThroughPart(const cv::Mat& img, const cv::Mat& bg, const cv::Mat& mask, const cv::Mat& in,
                     std::vector<float>& f)
{
    double si = 0, sb = 0, sbb = 0, sib = 0, sii = 0, diff = 0, close = 0;
    int n = 0;
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x) {
            if (!in.at<uchar>(y, x))
                continue;
            const V3 p = img.at<V3>(y, x), b = bg.at<V3>(y, x);
            double d = 0;
            for (int c = 0; c < 3; ++c) {
                si += p[c];
                sb += b[c];
                sbb += b[c] * b[c];
                sib += p[c] * b[c];
                sii += p[c] * p[c];
                d = std::max(d, static_cast<double>(std::abs(p[c] - b[c])));
            }
            diff += d;
            close += d < 0.04 ? 1 : 0;
            ++n;
        }
    const double cnt = 3.0 * std::max(n, 1);
    const double vb = sbb / cnt - (sb / cnt) * (sb / cnt), vi = sii / cnt - (si / cnt) * (si / cnt);
    const double cov = sib / cnt - (si / cnt) * (sb / cnt);
    const float slope = static_cast<float>(cov / (vb + 2e-4));
    f.push_back(std::clamp(slope, -1.0f, 1.5f));
    f.push_back(static_cast<float>(cov / std::sqrt((vb + 1e-6) * (vi + 1e-6))));
    f.push_back(safeLog(vb) / 10.0f);
    const double inner = diff / std::max(n, 1);
    f.push_back(static_cast<float>(inner));
    f.push_back(static_cast<float>(close / std::max(n, 1)));
    // Outline contrast relative to the interior: glass shows its rim only.
    const cv::Mat rim = mask & ~erodeDisc(mask, 5);
    double rimDiff = 0;
    int rn = 0;
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x)
            if (rim.at<uchar>(y, x)) {
                const V3 d = img.at<V3>(y, x) - bg.at<V3>(y, x);
                rimDiff += std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])});
                ++rn;
            }
    f.push_back(safeLog((rimDiff / std::max(rn, 1) + 0.02) / (inner + 0.02)));
    return slope;
}

} // namespace

Segmentation segment(const cv::Mat& rgb8)
{
    Segmentation s;
    rgb8.convertTo(s.image, CV_32FC3, 1.0 / 255.0);
    const int w = s.image.cols, h = s.image.rows;
    s.background.create(h, w, CV_32FC3);
    for (int y = 0; y < h; ++y) {
        const V3 left = (s.image.at<V3>(y, 0) + s.image.at<V3>(y, std::min(1, w - 1))) * 0.5f;
        const V3 right = (s.image.at<V3>(y, w - 1) + s.image.at<V3>(y, std::max(w - 2, 0))) * 0.5f;
        for (int x = 0; x < w; ++x) {
            const float t = w > 1 ? static_cast<float>(x) / static_cast<float>(w - 1) : 0.0f;
            s.background.at<V3>(y, x) = left * (1.0f - t) + right * t;
        }
    }
    s.mask = cv::Mat::zeros(h, w, CV_8U);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const V3 d = s.image.at<V3>(y, x) - s.background.at<V3>(y, x);
            if (std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])}) > 0.05f)
                s.mask.at<uchar>(y, x) = 255;
        }
    cv::morphologyEx(s.mask, s.mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
    // Fill holes: whatever the border cannot reach through the background.
    cv::Mat outside(h + 2, w + 2, CV_8U, cv::Scalar(0));
    s.mask.copyTo(outside(cv::Rect(1, 1, w, h)));
    cv::floodFill(outside, cv::Point(0, 0), cv::Scalar(128));
    s.mask = outside(cv::Rect(1, 1, w, h)) != 128;
    return s;
}

std::vector<cv::Rect> objectRegions(const Segmentation& s, int minArea)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(s.mask, labels, stats, centroids, 8, CV_32S);
    std::vector<std::pair<int, cv::Rect>> found;
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area >= minArea)
            found.emplace_back(area, cv::Rect(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                                              stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)));
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<cv::Rect> out;
    for (const auto& f : found)
        out.push_back(f.second);
    return out;
}

std::vector<float> describe(const Segmentation& s, const cv::Rect& region)
{
    const cv::Rect r = region.area() > 0 ? (region & cv::Rect(0, 0, s.image.cols, s.image.rows))
                                         : cv::Rect(0, 0, s.image.cols, s.image.rows);
    const cv::Mat img = s.image(r), bg = s.background(r);
    cv::Mat mask = s.mask(r).clone();
    if (cv::countNonZero(mask) < 24)   // nothing found: assume a centred object
        cv::ellipse(mask, cv::Point(r.width / 2, r.height / 2), cv::Size(r.width / 3 + 1, r.height / 3 + 1), 0, 0,
                    360, cv::Scalar(255), cv::FILLED);
    const cv::Mat in = interiorOf(mask, 5);
    std::vector<float> f;
    f.reserve(DescriptorLayout::kSize);
    shapePart(mask, f);
    std::vector<float> seeThrough;
    const float slope = seeThroughPart(img, bg, mask, in, seeThrough);
    colourPart(img, bg, in, slope, f);
    texturePart(img, in, f);
    f.insert(f.end(), seeThrough.begin(), seeThrough.end());
    return f;
}

} // namespace fglens::demo

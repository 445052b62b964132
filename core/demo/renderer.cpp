#include "demo/renderer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace fglens::demo {

namespace {

using V3 = cv::Vec3f;

V3 hsvColour(double h, double s, double v)
{
    // h in [0, 1); a plain HSV to RGB so the result does not depend on OpenCV's hue scale.
    const double k = h * 6.0;
    const int i = static_cast<int>(k) % 6;
    const double f = k - std::floor(k);
    const double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
    const double rgb[6][3] = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
    return V3(static_cast<float>(rgb[i][0]), static_cast<float>(rgb[i][1]), static_cast<float>(rgb[i][2]));
}

} // namespace

cv::Mat backgroundImage(int w, int h, Rng& r)
{
    // A wall and a table top; wallpaper bands and gradients vary along y only,
    // and the light falls off linearly along x.
    const V3 wall = hsvColour(r.uniform(), r.uniform(0.0, 0.45), r.uniform(0.45, 0.95));
    const V3 stripe = hsvColour(r.uniform(), r.uniform(0.0, 0.5), r.uniform(0.3, 0.95));
    const V3 table = hsvColour(r.uniform(), r.uniform(0.05, 0.5), r.uniform(0.25, 0.85));
    const double split = r.uniform(0.62, 0.86) * h;
    const bool bands = r.chance(0.6);
    const double period = r.uniform(8, 26), contrast = r.uniform(0.08, 0.3);
    const double gWall = r.uniform(-0.25, 0.25), gTable = r.uniform(-0.25, 0.25), gx = r.uniform(-0.2, 0.2);
    std::vector<V3> rows(static_cast<size_t>(h));
    for (int y = 0; y < h; ++y) {
        const double v = static_cast<double>(y) / h;
        V3 c;
        if (y < split) {
            c = wall * static_cast<float>(1.0 + gWall * (v - 0.5));
            if (bands && std::fmod(y, period) < period * 0.5)
                c = c * static_cast<float>(1.0 - contrast) + stripe * static_cast<float>(contrast);
        } else {
            c = table * static_cast<float>(1.0 + gTable * (v - 0.5));
        }
        rows[static_cast<size_t>(y)] = c;
    }
    cv::Mat bg(h, w, CV_32FC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const float light = static_cast<float>(1.0 + gx * (static_cast<double>(x) / (w - 1) - 0.5));
            V3 c = rows[static_cast<size_t>(y)] * light;
            for (int k = 0; k < 3; ++k)
                c[k] = std::clamp(c[k], 0.0f, 1.0f);
            bg.at<V3>(y, x) = c;
        }
    return bg;
}

Scene renderScene(const std::vector<ObjectSpec>& specs, uint64_t seed, int width, int height)
{
    Rng r(seed);
    cv::Mat canvas = backgroundImage(width, height, r);
    Scene scene;
    const int n = std::max<int>(1, static_cast<int>(specs.size()));
    const double slot = static_cast<double>(width) / n;
    const int margin = 8, pad = 3;
    for (int i = 0; i < static_cast<int>(specs.size()); ++i) {
        const ObjectSpec& spec = specs[static_cast<size_t>(i)];
        Rng local(spec.seed);
        double oh = r.uniform(0.4, 0.78) * height;
        double ow = oh * categoryAspect(spec.category) * local.uniform(0.85, 1.15);
        const double maxW = slot - 2 * margin;
        if (ow > maxW) {
            oh *= maxW / ow;
            ow = maxW;
        }
        const int w = std::max(8, static_cast<int>(ow)), h = std::max(8, static_cast<int>(oh));
        const int x0 = static_cast<int>(i * slot) + margin +
                       static_cast<int>(r.uniform(0, std::max(0.0, slot - 2 * margin - w)));
        const int y0 = margin + static_cast<int>(r.uniform(0, std::max(0, height - 2 * margin - h)));

        cv::Mat coverage = shapeCoverage(spec.category, w, h, local);
        cv::Mat surface = objectSurface(spec, coverage, local);
        const float opacity = levelOpacity(spec.at(Attr::Transparency));
        cv::Mat rim;
        if (opacity < 1.0f) {
            // See-through objects still show their outline.
            cv::Mat eroded;
            cv::erode(coverage, eroded, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)), cv::Point(-1, -1), 1,
                      cv::BORDER_CONSTANT, cv::Scalar(0));
            rim = coverage - eroded;
        }
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                float a = coverage.at<float>(y, x) * opacity;
                V3 c = surface.at<V3>(y, x);
                if (!rim.empty()) {
                    const float e = rim.at<float>(y, x);
                    a = std::max(a, 0.85f * e);
                    c = c * (1.0f - 0.4f * e);
                }
                V3& dst = canvas.at<V3>(y0 + y, x0 + x);
                dst = dst * (1.0f - a) + c * a;
            }
        PlacedObject placed;
        placed.spec = spec;
        const double bx = std::max(0, x0 - pad), by = std::max(0, y0 - pad);
        placed.bbox = {bx, by, std::min<double>(width, x0 + w + pad) - bx, std::min<double>(height, y0 + h + pad) - by};
        scene.objects.push_back(placed);
    }
    canvas.convertTo(scene.rgb, CV_8UC3, 255.0);
    return scene;
}

} // namespace fglens::demo

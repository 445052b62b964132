// Object surfaces: a base colour, a surface pattern in a darker or lighter
// shade of it, then the material as a procedural texture and its highlights.
// The material is applied last because real materials modulate whatever is
// printed on them (a striped wooden box still shows its grain).
#include "demo/renderer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace fglens::demo {

namespace {

using V3 = cv::Vec3f;

float luminance(const V3& c)
{
    return 0.299f * c[0] + 0.587f * c[1] + 0.114f * c[2];
}

V3 mix(const V3& a, const V3& b, float t)
{
    return a * (1.0f - t) + b * t;
}

float smoothEdge(float distance, float radius)
{
    return std::clamp(radius - distance + 0.5f, 0.0f, 1.0f);   // one-pixel anti-aliased disc edge
}

cv::Mat noiseField(int w, int h, double sigma, cv::RNG& cvr)
{
    cv::Mat n(h, w, CV_32F);
    cvr.fill(n, cv::RNG::NORMAL, 0.0, 1.0);
    if (sigma > 0) {
        cv::GaussianBlur(n, n, cv::Size(), sigma);
        cv::Scalar mean, sd;
        cv::meanStdDev(n, mean, sd);
        n = (n - mean[0]) / std::max(sd[0], 1e-6);
    }
    return n;
}

// Distance from (x, y) to the nearest node of a square lattice with period p,
// every other row shifted by half a period when `staggered`.
float latticeDistance(float x, float y, float p, bool staggered)
{
    const float row = std::floor(y / p);
    const float shift = (staggered && static_cast<int>(row) % 2) ? p * 0.5f : 0.0f;
    const float dx = std::fmod(x + shift, p) - p * 0.5f;
    const float dy = std::fmod(y, p) - p * 0.5f;
    return std::sqrt(dx * dx + dy * dy);
}

void applyPattern(cv::Mat& s, cv::Mat& coverage, int pattern, const V3& base, const V3& shade, Rng& r)
{
    const std::string& name = attributeWords(Attr::Pattern)[static_cast<size_t>(pattern)];
    if (name == "plain")
        return;
    const float ox = static_cast<float>(r.uniform(0, 20)), oy = static_cast<float>(r.uniform(0, 20));
    const int orientation = r.below(3);
    const float period = static_cast<float>(r.uniform(8, 13));
    const V3 petal = luminance(base) > 0.5f ? V3(0.85f, 0.15f, 0.3f) : V3(1.0f, 0.92f, 0.6f);
    for (int y = 0; y < s.rows; ++y) {
        for (int x = 0; x < s.cols; ++x) {
            const float fx = static_cast<float>(x) + ox, fy = static_cast<float>(y) + oy;
            V3& px = s.at<V3>(y, x);
            if (name == "striped") {
                const float u = orientation == 0 ? fy : (orientation == 1 ? fx : (fx + fy) * 0.7071f);
                const float ph = std::fmod(u, period) / period;
                px = mix(px, shade, std::clamp((0.45f - ph) * period + 0.5f, 0.0f, 1.0f));
            } else if (name == "dotted") {
                px = mix(px, shade, smoothEdge(latticeDistance(fx, fy, period, true), period * 0.27f));
            } else if (name == "checkered") {
                const int cx = static_cast<int>(fx / (period * 0.8f)), cy = static_cast<int>(fy / (period * 0.8f));
                if ((cx + cy) % 2)
                    px = shade;
            } else if (name == "woven") {
                // Basket weave: alternating cells of horizontal and vertical strands.
                const float c = 6.0f;
                const int cx = static_cast<int>(fx / c), cy = static_cast<int>(fy / c);
                const float along = ((cx + cy) % 2) ? std::fmod(fx, c) : std::fmod(fy, c);
                const float ridge = std::sin(static_cast<float>(M_PI) * along / c);
                px = mix(shade, px, 0.35f + 0.65f * ridge);
            } else if (name == "studded") {
                const float p = period + 3.0f;
                const float d = latticeDistance(fx, fy, p, false);
                const float dy = std::fmod(fy, p) - p * 0.5f;
                const float stud = smoothEdge(d, 2.6f);
                const V3 tone = dy < 0 ? V3(1, 1, 1) : shade;   // lit top, shaded bottom
                px = mix(px, mix(tone, px, 0.3f), stud);
            } else if (name == "perforated") {
                const float d = latticeDistance(fx, fy, period - 1.0f, true);
                coverage.at<float>(y, x) *= 1.0f - smoothEdge(d, 2.0f);
                px = mix(px, shade, smoothEdge(d, 3.2f) * 0.7f);
            } else if (name == "floral") {
                const float p = period + 7.0f;
                const float d = latticeDistance(fx, fy, p, true);
                const float ang = std::atan2(std::fmod(fy, p) - p * 0.5f, std::fmod(fx, p) - p * 0.5f);
                const float petalRadius = 3.2f + 2.0f * std::cos(5.0f * ang);   // five-petal rose curve
                px = mix(px, petal, smoothEdge(d, std::max(petalRadius, 0.0f)) * 0.85f);
                px = mix(px, shade, smoothEdge(d, 1.3f));
            }
        }
    }
}

// Adds a soft highlight spot (cx, cy in unit coordinates, radius in pixels).
void highlight(cv::Mat& s, double cx, double cy, double radius, float strength)
{
    const float x0 = static_cast<float>(cx * s.cols), y0 = static_cast<float>(cy * s.rows);
    const float r2 = static_cast<float>(radius * radius);
    for (int y = 0; y < s.rows; ++y)
        for (int x = 0; x < s.cols; ++x) {
            const float d2 = (x - x0) * (x - x0) + (y - y0) * (y - y0);
            const float t = strength * std::exp(-d2 / r2);
            V3& px = s.at<V3>(y, x);
            px = mix(px, V3(1, 1, 1), std::min(t, 1.0f));
        }
}

void desaturate(cv::Mat& s, float amount)
{
    s.forEach<V3>([amount](V3& px, const int*) { px = mix(px, V3::all(luminance(px)), amount); });
}

void applyMaterial(cv::Mat& s, int material, Rng& r, cv::RNG& cvr)
{
    const std::string& name = attributeWords(Attr::Material)[static_cast<size_t>(material)];
    const int w = s.cols, h = s.rows;
    auto modulate = [&s](const cv::Mat& field, float base, float amp) {
        for (int y = 0; y < s.rows; ++y)
            for (int x = 0; x < s.cols; ++x)
                s.at<V3>(y, x) *= base + amp * field.at<float>(y, x);
    };
    if (name == "wood") {
        // Grain lines along the object's height, warped by low-frequency noise.
        const cv::Mat warp = noiseField(w, h, 6.0, cvr);
        const float pw = static_cast<float>(r.uniform(4.5, 7.0));
        cv::Mat grain(h, w, CV_32F);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                grain.at<float>(y, x) = std::sin(2.0f * static_cast<float>(M_PI) *
                                                 (static_cast<float>(x) + 4.0f * warp.at<float>(y, x)) / pw);
        modulate(grain, 0.84f, 0.16f);
        modulate(noiseField(w, h, 0.6, cvr), 1.0f, 0.04f);
    } else if (name == "metal") {
        desaturate(s, 0.35f);
        const double band = r.uniform(0.2, 0.4);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const double u = static_cast<double>(x) / std::max(w - 1, 1);
                const double spec = std::exp(-std::pow((u - band) / 0.07, 2));
                V3& px = s.at<V3>(y, x);
                px = mix(px * static_cast<float>(0.55 + 0.5 * std::sin(M_PI * u)), V3(1, 1, 1),
                         static_cast<float>(0.85 * spec));
            }
        cv::Mat brushed = noiseField(1, h, 0, cvr);   // streaks that vary only along y
        cv::resize(brushed, brushed, cv::Size(w, h), 0, 0, cv::INTER_NEAREST);
        modulate(brushed, 1.0f, 0.05f);
    } else if (name == "plastic") {
        s.forEach<V3>([](V3& px, const int*) { px = mix(V3::all(luminance(px)), px, 1.2f); });
        highlight(s, r.uniform(0.25, 0.4), r.uniform(0.15, 0.3), 0.07 * std::min(w, h) + 1.5, 0.9f);
    } else if (name == "glass") {
        s *= 1.05;
        for (int k = 0; k < 2; ++k) {   // two thin diagonal reflections
            const double x0 = r.uniform(0.15, 0.7) * w;
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const double d = std::abs(x - x0 - 0.4 * y);
                    if (d < 1.5 + k)
                        s.at<V3>(y, x) = mix(s.at<V3>(y, x), V3(1, 1, 1), 0.75f);
                }
        }
    } else if (name == "fabric") {
        cv::Mat weave(h, w, CV_32F);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                weave.at<float>(y, x) = ((x % 3 == 0) != (y % 3 == 0)) ? 1.0f : -1.0f;
        modulate(weave, 0.92f, 0.08f);
        modulate(noiseField(w, h, 0.0, cvr), 1.0f, 0.03f);
    } else if (name == "leather") {
        s *= 0.9;
        modulate(noiseField(w, h, 1.0, cvr), 1.0f, 0.08f);
        highlight(s, 0.35, 0.3, 0.3 * std::min(w, h), 0.18f);
    } else if (name == "stone") {
        desaturate(s, 0.25f);
        modulate(noiseField(w, h, 3.0, cvr), 1.0f, 0.12f);
        cv::Mat speck = noiseField(w, h, 0.0, cvr);
        speck.forEach<float>([](float& v, const int*) { v = std::abs(v) > 1.7f ? (v > 0 ? 1.0f : -1.0f) : 0.0f; });
        modulate(speck, 1.0f, 0.3f);
    } else if (name == "paper") {
        s.forEach<V3>([](V3& px, const int*) { px = mix(px, V3(1, 1, 1), 0.15f); });
        cv::Mat fibres = noiseField(w, h, 0.0, cvr);
        cv::blur(fibres, fibres, cv::Size(9, 1));
        modulate(fibres, 1.0f, 0.05f);
    } else if (name == "ceramic") {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const double u = 2.0 * x / std::max(w - 1, 1) - 1.0, v = 2.0 * y / std::max(h - 1, 1) - 1.0;
                s.at<V3>(y, x) *= static_cast<float>(0.8 + 0.25 * std::max(0.0, 1.0 - 0.7 * (u * u + v * v)));
            }
        highlight(s, r.uniform(0.25, 0.4), r.uniform(0.2, 0.35), 0.035 * std::min(w, h) + 1.0, 1.0f);
    } else if (name == "rubber") {
        desaturate(s, 0.2f);
        s *= 0.72;
        modulate(noiseField(w, h, 0.0, cvr), 1.0f, 0.02f);
    } else {   // wool
        desaturate(s, 0.1f);
        s.forEach<V3>([](V3& px, const int*) { px = mix(px, V3(1, 1, 1), 0.08f); });
        modulate(noiseField(w, h, 1.6, cvr), 1.0f, 0.18f);
    }
}

} // namespace

cv::Mat objectSurface(const ObjectSpec& spec, cv::Mat& coverage, Rng& rng)
{
    const auto& def = colours()[static_cast<size_t>(spec.at(Attr::Colour))];
    const float gain = static_cast<float>(rng.uniform(0.92, 1.06));
    V3 base;
    for (int c = 0; c < 3; ++c)
        base[c] = std::clamp(def.rgb[static_cast<size_t>(c)] * gain + static_cast<float>(rng.uniform(-0.03, 0.03)),
                             0.0f, 1.0f);
    const V3 shade = luminance(base) > 0.45f ? base * 0.45f : base * 0.45f + V3::all(0.5f);
    cv::Mat s(coverage.size(), CV_32FC3, cv::Scalar(base[0], base[1], base[2]));
    cv::RNG cvr(spec.seed | 1);
    applyPattern(s, coverage, spec.at(Attr::Pattern), base, shade, rng);
    applyMaterial(s, spec.at(Attr::Material), rng, cvr);
    // Light from the upper left.
    for (int y = 0; y < s.rows; ++y)
        for (int x = 0; x < s.cols; ++x)
            s.at<V3>(y, x) *= 1.08f - 0.18f * static_cast<float>(x) / static_cast<float>(s.cols) -
                              0.08f * static_cast<float>(y) / static_cast<float>(s.rows);
    cv::min(cv::max(s, 0.0), 1.0, s);
    return s;
}

} // namespace fglens::demo

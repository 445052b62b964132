// Category silhouettes. Each shape is laid out in unit coordinates and drawn
// anti-aliased, with per-instance jitter of its proportions so that no two
// mugs are identical but a mug never looks like a bottle.
#include "demo/renderer.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace fglens::demo {

namespace {

constexpr int kShift = 4;   // sub-pixel precision for the anti-aliased drawing
constexpr double kScale = 1 << kShift;

class Canvas {
public:
    Canvas(int w, int h) : w_(w), h_(h), mask_(cv::Mat::zeros(h, w, CV_8U)) {}

    cv::Point at(double x, double y) const
    {
        return {static_cast<int>(std::lround(x * (w_ - 1) * kScale)),
                static_cast<int>(std::lround(y * (h_ - 1) * kScale))};
    }
    void polygon(const std::vector<std::array<double, 2>>& pts)
    {
        std::vector<cv::Point> p;
        for (const auto& q : pts)
            p.push_back(at(q[0], q[1]));
        cv::fillPoly(mask_, std::vector<std::vector<cv::Point>>{p}, cv::Scalar(255), cv::LINE_AA, kShift);
    }
    void rect(double x0, double y0, double x1, double y1) { polygon({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}); }
    // Filled (thickness < 0) or outlined ellipse arc, angles in degrees.
    void ellipse(double cx, double cy, double rx, double ry, double from = 0, double to = 360,
                 double thickness = -1)
    {
        const cv::Size axes(static_cast<int>(std::lround(rx * (w_ - 1) * kScale)),
                            static_cast<int>(std::lround(ry * (h_ - 1) * kScale)));
        const int t = thickness < 0 ? cv::FILLED
                                    : std::max(1, static_cast<int>(std::lround(thickness * w_)));
        cv::ellipse(mask_, at(cx, cy), axes, 0, from, to, cv::Scalar(255), t, cv::LINE_AA, kShift);
    }
    cv::Mat coverage() const
    {
        cv::Mat f;
        mask_.convertTo(f, CV_32F, 1.0 / 255.0);
        return f;
    }

private:
    int w_, h_;
    cv::Mat mask_;
};

void drawMug(Canvas& c, Rng& r)
{
    const double body = r.uniform(0.68, 0.78);
    c.rect(0.0, r.uniform(0.0, 0.06), body, 1.0);
    c.ellipse(body, 0.5, 1.0 - body, r.uniform(0.2, 0.28), 0, 360, r.uniform(0.06, 0.09));
}

void drawChair(Canvas& c, Rng& r)
{
    const double seat = r.uniform(0.48, 0.58);
    const double post = r.uniform(0.12, 0.18);
    c.rect(0.02, 0.0, 0.02 + post, seat + 0.08);                 // back post
    c.rect(0.02, r.uniform(0.0, 0.05), r.uniform(0.45, 0.6), 0.1); // top rail
    c.rect(0.02, seat, 0.98, seat + r.uniform(0.08, 0.12));      // seat
    c.rect(0.02, seat, 0.02 + post * 0.8, 1.0);                  // back leg
    c.rect(0.98 - post * 0.8, seat, 0.98, 1.0);                  // front leg
}

void drawBox(Canvas& c, Rng& r)
{
    const double d = r.uniform(0.16, 0.28);   // depth of the visible top and side
    c.polygon({{0, d}, {d, 0}, {1, 0}, {1, 1 - d}, {1 - d, 1}, {0, 1}});
}

void drawBottle(Canvas& c, Rng& r)
{
    const double shoulder = r.uniform(0.36, 0.48);
    const double neck = r.uniform(0.14, 0.2);
    const double n0 = 0.5 - neck, n1 = 0.5 + neck;
    c.polygon({{0.04, 1}, {0.96, 1}, {0.98, shoulder}, {n1, shoulder - 0.16}, {n1, 0.1}, {n1 + 0.04, 0.1},
               {n1 + 0.04, 0}, {n0 - 0.04, 0}, {n0 - 0.04, 0.1}, {n0, 0.1}, {n0, shoulder - 0.16},
               {0.02, shoulder}});
}

void drawLamp(Canvas& c, Rng& r)
{
    const double shadeBottom = r.uniform(0.32, 0.42);
    const double top = r.uniform(0.2, 0.3);
    c.polygon({{top, 0}, {1 - top, 0}, {1, shadeBottom}, {0, shadeBottom}});
    c.rect(0.45, shadeBottom, 0.55, 0.95);
    c.rect(r.uniform(0.12, 0.22), 0.9, r.uniform(0.78, 0.88), 1.0);
}

void drawVase(Canvas& c, Rng& r)
{
    // Radius profile from the lip (y = 0) to the foot (y = 1).
    const double lip = r.uniform(0.26, 0.34), neck = r.uniform(0.14, 0.2), belly = r.uniform(0.42, 0.5);
    const double ys[] = {0.0, 0.06, 0.2, 0.4, 0.62, 0.85, 1.0};
    const double rs[] = {lip, neck + 0.02, neck, (neck + belly) / 2, belly, belly * 0.75, 0.28};
    std::vector<std::array<double, 2>> pts;
    for (int i = 0; i < 7; ++i)
        pts.push_back({0.5 + rs[i], ys[i]});
    for (int i = 6; i >= 0; --i)
        pts.push_back({0.5 - rs[i], ys[i]});
    c.polygon(pts);
}

void drawUmbrella(Canvas& c, Rng& r)
{
    const double rim = r.uniform(0.38, 0.46);
    std::vector<std::array<double, 2>> canopy;
    for (int i = 0; i <= 24; ++i) {
        const double a = M_PI * i / 24.0;
        canopy.push_back({0.5 - 0.5 * std::cos(a), rim - rim * std::sin(a)});
    }
    for (int k = 6; k >= 0; --k)   // scalloped rim between the ribs
        canopy.push_back({k / 6.0, rim + ((k % 2) ? 0.05 : 0.0)});
    c.polygon(canopy);
    c.rect(0.48, rim, 0.52, 0.9);
    c.ellipse(0.44, 0.9, 0.06, 0.08, 0, 180, 0.035);
}

} // namespace

double categoryAspect(int category)
{
    static const double aspect[] = {1.05, 0.75, 1.0, 1.15, 0.4, 0.6, 0.55, 1.1};
    return aspect[category];
}

cv::Mat shapeCoverage(int category, int w, int h, Rng& rng)
{
    Canvas c(w, h);
    switch (category) {
    case 0: drawMug(c, rng); break;
    case 1: drawChair(c, rng); break;
    case 2: c.ellipse(0.5, 0.5, 0.5, 0.5); break;
    case 3: drawBox(c, rng); break;
    case 4: drawBottle(c, rng); break;
    case 5: drawLamp(c, rng); break;
    case 6: drawVase(c, rng); break;
    default: drawUmbrella(c, rng); break;
    }
    return c.coverage();
}

} // namespace fglens::demo

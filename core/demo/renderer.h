#pragma once
// Procedural scenes for the demo project: objects of a few categories, drawn as
// distinct silhouettes with a colour, a material (procedural texture), a
// surface pattern and a transparency level, standing in front of a varied
// background. Everything is a pure function of the seeds it is given.
#include "demo/vocab.h"

#include <opencv2/core/mat.hpp>

#include <array>
#include <vector>

namespace fglens::demo {

struct PlacedObject {
    ObjectSpec spec;
    std::array<double, 4> bbox{};   // COCO [x, y, w, h]
};

struct Scene {
    cv::Mat rgb;                       // CV_8UC3, RGB order
    std::vector<PlacedObject> objects; // in the order of the specs
};

constexpr int kSceneWidth = 320;
constexpr int kSceneHeight = 240;

// One object per slot, left to right; 1-3 specs fit a 320x240 scene.
Scene renderScene(const std::vector<ObjectSpec>& specs, uint64_t seed,
                  int width = kSceneWidth, int height = kSceneHeight);

// Pieces, exposed for tests and for the encoder's calibration renders.
// Coverage of a category's silhouette in a w x h box, CV_32F in [0, 1].
cv::Mat shapeCoverage(int category, int w, int h, Rng& rng);
// Surface colour of an object (CV_32FC3, RGB in [0, 1]); patterns that cut
// holes (perforated) clear them from `coverage`.
cv::Mat objectSurface(const ObjectSpec& spec, cv::Mat& coverage, Rng& rng);
// A background that varies freely along y and only linearly along x.
cv::Mat backgroundImage(int w, int h, Rng& rng);
// Typical width/height ratio of a category's silhouette.
double categoryAspect(int category);

} // namespace fglens::demo

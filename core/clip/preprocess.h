#pragma once
// CLIP's image preprocessing as the reference runs it (torchvision Resize with
// PIL bicubic, CenterCrop, ToTensor, Normalize), on images decoded by OpenCV.
// The resize reproduces PIL's ImagingResample for 8-bit images: separable,
// kernel support widened by the downscale factor, weights normalised and then
// quantised to 22-bit fixed point, horizontal pass before vertical, rounding
// and clipping to uint8 after each pass.
#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace fglens::clip {

// Recorded in cache identities: a change here must change this string.
extern const char* const kPreprocessingId;

// PIL Image.resize((outWidth, outHeight), BICUBIC) of an 8-bit RGB image,
// returning only the pixels inside `window` (in output coordinates). Pixels
// outside it are never computed; those inside are bit-identical to PIL's.
cv::Mat resizeBicubicPil(const cv::Mat& rgb, int outWidth, int outHeight, const cv::Rect& window);

// torchvision Resize(size) of the short side: the long side becomes
// int(size * long / short).
cv::Size shortSideSize(int width, int height, int size);

// Resize the short side, centre crop (torchvision's round-half-even offset),
// scale to [0, 1] and normalise with CLIP's mean and std into `out`, float
// [3, resolution, resolution]. Throws fglens::Error for an empty image.
void preprocessInto(const cv::Mat& rgb, int resolution, float* out);
at::Tensor preprocessImage(const cv::Mat& rgb, int resolution = 224);

// One image to encode: a file and an optional COCO box [x, y, w, h].
struct ImageItem {
    std::string path;
    std::optional<std::array<double, 4>> box;
};

// ITEMS file: one item a line, "PATH" or "PATH x y w h"; blank lines and lines
// starting with '#' are skipped. A relative PATH resolves against the ITEMS
// file's directory. Paths may contain spaces when a box follows (the last four
// fields are the box when all four are numbers).
std::vector<ImageItem> readImageItems(const std::string& path);

// Decode, crop by the reference rule (image_source.h) and preprocess.
// Throws fglens::Error naming the file when it is missing or undecodable, or
// when the box lies outside the image.
at::Tensor preprocessItem(const ImageItem& item, int resolution = 224);
void preprocessItemInto(const ImageItem& item, int resolution, float* out);

} // namespace fglens::clip

#pragma once
// Limits on decoded images (decompression bombs), checked from the file's
// header before OpenCV allocates anything.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace fglens {

// The most pixels an image may have: PIL's decompression-bomb error threshold
// (2 x Image.MAX_IMAGE_PIXELS), so FG-Lens refuses what the reference refuses.
// decodeRgb (image_source.h) throws fglens::Error naming the file past it.
constexpr uint64_t kMaxImagePixels = 178956970;

// Width and height from a PNG, JPEG or BMP header without decoding; nullopt
// for other formats or an unreadable header.
std::optional<std::pair<uint64_t, uint64_t>> imageDimensions(const std::string& path);

} // namespace fglens

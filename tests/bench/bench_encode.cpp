// Throughput of the whole image-encoding pipeline (decode JPEG, crop the box,
// PIL-exact resize, centre crop, normalise, ViT) with a randomly initialised
// ViT-B/16-shaped CLIP: same shapes and FLOPs as OpenAI's ViT-B-16.pt.
// Usage: bench_encode [--images N] [--runs N] [--batch N] [--workers N]
// Prints "encode-vitb16 seconds=<s per image> images_per_s=<x>", as comments
// the model alone and the preprocessing alone, then
// "encode-text-vitb16 seconds=<s per caption>" for 256 captions of 10-25 tokens.
#include "bench_common.h"

#include "clip/clip_model.h"
#include "clip/encode_job.h"
#include "clip/preprocess.h"
#include "clip/tokenizer.h"
#include "common/cpu_allocator.h"
#include "common/runtime.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <cstring>
#include <filesystem>

#include <unistd.h>

using namespace fglens;

namespace {

// Synthetic COCO-like photos (640x480 JPEG, smooth noise) with four boxes
// each, of the sizes FG-OVD objects have.
std::vector<clip::ImageItem> makeItems(const std::filesystem::path& dir, int count)
{
    std::filesystem::create_directories(dir);
    cv::RNG rng(1);
    std::vector<clip::ImageItem> items;
    const std::array<double, 4> boxes[4] = {
        {12.3, 40.7, 300.2, 220.9}, {350.5, 100.1, 120.4, 330.6}, {200.8, 300.2, 90.3, 60.7}, {5.5, 5.5, 600.1, 450.2}};
    for (int i = 0; i < (count + 3) / 4; ++i) {
        cv::Mat img(480, 640, CV_8UC3);
        rng.fill(img, cv::RNG::UNIFORM, 0, 255);
        cv::GaussianBlur(img, img, cv::Size(15, 15), 5);
        const std::string path = (dir / ("img" + std::to_string(i) + ".jpg")).string();
        cv::imwrite(path, img, {cv::IMWRITE_JPEG_QUALITY, 90});
        for (int b = 0; b < 4 && static_cast<int>(items.size()) < count; ++b)
            items.push_back({path, boxes[b]});
    }
    return items;
}

} // namespace

int main(int argc, char** argv)
{
    preferPassiveOpenMpWait(argv);   // as fglens-cli and fglens do
    int images = 32, runs = 5, workers = 0;
    int64_t batch = 32;
    c10::Device device = clip::defaultDevice();   // --device cpu|cuda
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--images"))
            images = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--batch"))
            batch = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--workers"))
            workers = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--device"))
            device = c10::Device(argv[i + 1]);
    }
    configureTorchThreads();
    installCachingCpuAllocator();
    const auto dir = std::filesystem::temp_directory_path() / ("fglens-bench-encode-" + std::to_string(::getpid()));
    const auto items = makeItems(dir, images);
    const auto model = clip::randomClip(clip::ClipConfig::vitB16(), 0, device);

    // Warm-up on one full batch: first-touch allocations are not the steady state.
    const size_t warm = std::min(items.size(), static_cast<size_t>(batch));
    clip::encodeImageItems(model, std::vector<clip::ImageItem>(items.begin(), items.begin() + warm), batch, nullptr,
                           workers);
    const double total = bench::medianOf(runs, [&] { clip::encodeImageItems(model, items, batch, nullptr, workers); });
    char extra[128];
    std::snprintf(extra, sizeof extra, "images_per_s=%.3f images=%d batch=%lld threads=%d device=%s", images / total,
                  images, static_cast<long long>(batch), torchThreads(), device.str().c_str());
    bench::report("encode-vitb16", total / images, extra);

    // On the model's device, so the model-only time holds no host-to-device copy.
    const auto pixels = torch::randn({batch, 3, 224, 224}).to(device);
    const double modelOnly = bench::medianOf(std::max(1, runs / 2), [&] { model.encodeImage(pixels); });
    std::printf("# model-only seconds=%.6f per image (batch %lld)\n", modelOnly / batch, static_cast<long long>(batch));
    std::fflush(stdout);   // a later crash must not take the figures with it
    const double prep = bench::medianOf(runs, [&] {
        for (const auto& it : items)
            clip::preprocessItem(it);
    });
    std::printf("# preprocess-only seconds=%.6f per image (one thread)\n", prep / images);
    std::fflush(stdout);
    // Only the files makeItems wrote, with POSIX calls: in a build against
    // PyTorch's wheel, std::filesystem::remove_all binds into libtorch.so and
    // crashed there (tests/bench/gpu).
    for (const auto& it : items)
        ::unlink(it.path.c_str());
    ::rmdir(dir.c_str());

    // Captions: FG-OVD captions are ~10-25 tokens; the reference runs all 77 positions.
    const int64_t captions = 256;
    torch::manual_seed(0);
    auto tokens = torch::randint(1, 49405, {captions, 77}, torch::kInt64);
    for (int64_t i = 0; i < captions; ++i) {
        const int64_t len = 10 + i % 16;
        tokens[i][0] = clip::kStartOfText;
        tokens[i][len - 1] = clip::kEndOfText;
        tokens[i].narrow(0, len, 77 - len).zero_();
    }
    clip::encodeTokenRows(model, tokens.narrow(0, 0, 64), 256, nullptr);
    const double text = bench::medianOf(runs, [&] { clip::encodeTokenRows(model, tokens, 256, nullptr); });
    std::snprintf(extra, sizeof extra, "captions_per_s=%.3f captions=%lld", captions / text,
                  static_cast<long long>(captions));
    bench::report("encode-text-vitb16", text / captions, extra);
    return 0;
}

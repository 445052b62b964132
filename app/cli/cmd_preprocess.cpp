#include "command.h"

#include "clip/preprocess.h"
#include "data/npy.h"

#include <torch/torch.h>

namespace fglens::cli {
namespace {

int runPreprocess(Args& args)
{
    const std::string input = args.required("input");
    const std::string out = args.required("out");
    const long resolution = args.integer("resolution", 224);
    args.finish();
    if (resolution < 1)
        throw UsageError{"--resolution must be positive"};
    const auto items = clip::readImageItems(input);
    auto pixels = torch::empty({static_cast<int64_t>(items.size()), 3, resolution, resolution}, torch::kFloat32);
    const int64_t stride = 3 * resolution * resolution;
    at::parallel_for(0, static_cast<int64_t>(items.size()), 1, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i)
            clip::preprocessItemInto(items[i], static_cast<int>(resolution), pixels.data_ptr<float>() + i * stride);
    });
    saveNpyTensor(out, pixels);
    return 0;
}

const Registrar reg{Command{
    "preprocess", "CLIP's image preprocessing of files or object boxes (.txt in, .npy out)",
    "Usage: fglens-cli preprocess --input ITEMS.txt --out PIXELS.npy [--resolution N]\n\n"
    "  --input FILE      one item a line: \"PATH\" or \"PATH x y w h\" (a COCO box in pixels); a relative\n"
    "                    PATH is taken from the ITEMS file's folder; '#' lines and blank lines are skipped\n"
    "  --out FILE        float32 [N, 3, N, N]: decoded as RGB, cropped (floor of the top-left, ceil of the\n"
    "                    bottom-right, clamped), short side resized with PIL's antialiased bicubic,\n"
    "                    centre-cropped, normalised with CLIP's mean and std\n"
    "  --resolution N    output size (default 224, CLIP ViT-B/16's)\n",
    runPreprocess}};

} // namespace
} // namespace fglens::cli

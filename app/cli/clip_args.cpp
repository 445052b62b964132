#include "clip_args.h"

#include <torch/cuda.h>

namespace fglens::cli {

const char* const kClipOptionsHelp =
    "  --clip FILE        an OpenAI CLIP ViT checkpoint (e.g. ViT-B-16.pt, TorchScript or state dict)\n"
    "  --device D         auto (CUDA when this LibTorch has it, default), cpu or cuda\n";

clip::ClipModel clipFromArgs(Args& args)
{
    const std::string path = args.required("clip");
    const std::string device = args.value("device", "auto");
    c10::Device d = clip::defaultDevice();
    if (device == "cpu")
        d = c10::Device(c10::kCPU);
    else if (device == "cuda") {
        if (!torch::cuda::is_available())
            throw UsageError{"--device cuda: this LibTorch has no CUDA device"};
        d = c10::Device(c10::kCUDA, 0);
    } else if (device != "auto")
        throw UsageError{"--device must be auto, cpu or cuda"};
    return clip::loadClip(path, d);
}

int64_t batchFromArgs(Args& args, int64_t fallback)
{
    const long b = args.integer("batch", static_cast<long>(fallback));
    if (b < 1)
        throw UsageError{"--batch must be at least 1"};
    return b;
}

} // namespace fglens::cli

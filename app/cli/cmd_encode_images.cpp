#include "clip_args.h"

#include "clip/encode_job.h"
#include "clip/preprocess.h"
#include "common/error.h"
#include "data/npy.h"


namespace fglens::cli {
namespace {

int runEncodeImages(Args& args)
{
    const std::string input = args.required("input");
    const std::string out = args.required("out");
    const int64_t batch = batchFromArgs(args, 32);
    auto model = clipFromArgs(args);
    args.finish();
    const auto items = clip::readImageItems(input);
    const auto result = clip::encodeImageItems(model, items, batch, nullptr);
    saveNpyTensor(out, result.features);
    if (!result.failures.empty())
        fail(input, std::to_string(result.failures.size()) + " of " + std::to_string(items.size()) +
                        " items could not be encoded and are zero rows in " + out + " (first, row " +
                        std::to_string(result.failedRows.front()) + ": " + result.failures.front() + ")");
    return 0;
}

const Registrar reg{Command{
    "encode-images", "CLIP image embeddings of files or object boxes (.txt in, .npy out)",
    std::string("Usage: fglens-cli encode-images --clip MODEL.pt --input ITEMS.txt --out EMB.npy [--batch N]\n\n"
                "  --input FILE       items as for 'preprocess': \"PATH\" or \"PATH x y w h\"\n"
                "  --out FILE         float32 [N, D]: encode_image, not normalised\n"
                "  --batch N          images per forward pass (default 32)\n") +
        kClipOptionsHelp +
        "  Unreadable images or empty boxes leave zero rows; the file is still written, and the command\n"
        "  then fails with one line naming how many and the first.\n",
    runEncodeImages}};

} // namespace
} // namespace fglens::cli

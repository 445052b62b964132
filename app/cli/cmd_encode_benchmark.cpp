#include "clip_args.h"
#include "progress.h"

#include "clip/encode_job.h"
#include "clip/tokenizer.h"

#include <iostream>

namespace fglens::cli {
namespace {

int runEncodeBenchmark(Args& args)
{
    const std::string modelPath = args.required("clip");
    const std::string vocab = args.required("vocab");
    const auto benchmark = args.optional("benchmark");
    const auto captions = args.optional("captions");
    const std::string splits = args.value("splits", "");
    const std::vector<std::string> splitNames = args.list("splits");
    const std::string root = args.value("image-root", "");
    const std::string out = args.required("out");
    clip::EncodeOptions opt;
    opt.imageBatch = batchFromArgs(args, 32);
    opt.textBatch = args.integer("text-batch", 256);
    opt.workers = static_cast<int>(args.integer("workers", 0));
    opt.restart = args.flag("restart");
    if (const auto every = args.optional("checkpoint-seconds")) {
        try {
            opt.checkpointSeconds = std::stod(*every);
        } catch (const std::exception&) {
            throw UsageError{"--checkpoint-seconds must be a number"};
        }
        if (!(opt.checkpointSeconds >= 0))
            throw UsageError{"--checkpoint-seconds must not be negative"};
    }
    const bool quiet = args.flag("quiet");
    if (benchmark.has_value() == captions.has_value())
        throw UsageError{"give exactly one of --benchmark and --captions"};
    if (benchmark && !splits.empty())
        throw UsageError{"--splits applies to --captions only"};
    if (opt.textBatch < 1 || opt.workers < 0)
        throw UsageError{"--text-batch must be positive and --workers not negative"};
    auto model = clipFromArgs(args);
    args.finish();

    const clip::Tokenizer tokenizer(vocab);
    JobContext ctx = consoleJob(quiet);
    const auto sum = benchmark ? clip::encodeBenchmark(model, modelPath, tokenizer, *benchmark, root, out, opt, &ctx)
                               : clip::encodeCaptionSet(model, modelPath, tokenizer, *captions, splitNames, root,
                                                        out, opt, &ctx);
    if (sum.upToDate) {
        std::cerr << out << ": already up to date (same model, preprocessing and dataset)\n";
        return 0;
    }
    for (size_t i = 0; i < sum.failures.size() && i < 10; ++i)
        std::cerr << "skipped: " << sum.failures[i] << "\n";
    if (sum.failures.size() > 10)
        std::cerr << "skipped: ... and " << sum.failures.size() - 10 << " more\n";
    std::cout << "{\"images\": " << sum.images << ", \"images_encoded\": " << sum.imagesEncoded
              << ", \"images_resumed\": " << sum.imagesResumed << ", \"images_failed\": " << sum.imagesFailed
              << ", \"captions\": " << sum.captions << ", \"captions_encoded\": " << sum.captionsEncoded
              << ", \"captions_resumed\": " << sum.captionsResumed << "}\n";
    return 0;
}

const Registrar reg{Command{
    "encode-benchmark", "encode an FG-OVD benchmark or a COCO caption file into a feature cache (.safetensors)",
    std::string(
        "Usage: fglens-cli encode-benchmark --clip MODEL.pt --vocab BPE.txt.gz --benchmark B.json --image-root DIR\n"
        "                                   --out CACHE.safetensors [--batch N] [--restart]\n"
        "       fglens-cli encode-benchmark --clip MODEL.pt --vocab BPE.txt.gz --captions COCO.json [--splits train,restval]\n"
        "                                   --image-root DIR --out CACHE.safetensors [--batch N] [--restart]\n\n"
        "  --benchmark FILE   FG-OVD benchmark: every object crop and every distinct caption, once\n"
        "  --captions FILE    Karpathy dataset_coco.json or an official captions_*.json: every image and caption\n"
        "  --splits LIST      Karpathy splits to keep (comma-separated; default all)\n"
        "  --image-root DIR   the COCO root the file names are relative to\n"
        "  --out FILE         the cache (safetensors, fp16 features; identity in its metadata)\n"
        "  --batch N          images per forward pass (default 32); --text-batch N captions (default 256)\n"
        "  --workers N        decoding threads (default: half the cores, at least 2)\n"
        "  --restart          discard a partial or cache made from other inputs instead of refusing\n"
        "  --checkpoint-seconds S  save progress to OUT.partial at most every S seconds (default 10; 0: every batch)\n"
        "  --quiet            no progress line\n") +
        kClipOptionsHelp +
        "  Progress is saved to OUT.partial; run the same command again to resume after an interruption.\n"
        "  Missing or unreadable images are reported, left as zero rows and listed in the cache metadata.\n"
        "  Prints a JSON summary on stdout.\n",
    runEncodeBenchmark}};

} // namespace
} // namespace fglens::cli

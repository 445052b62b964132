#include "clip_args.h"
#include "encode_slurm.h"
#include "progress.h"

#include "clip/encode_job.h"
#include "clip/tokenizer.h"
#include "data/cache_shards.h"

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
    if (const auto shard = args.optional("shard")) {
        if (!parseShardSpec(*shard, opt.shardIndex, opt.shardCount))
            throw UsageError{"--shard must be K/N with 0 <= K < N (got '" + *shard + "')"};
    }
    const SlurmArgs slurm = slurmFromArgs(args);
    const long shards = args.integer("shards", 0);
    if (benchmark.has_value() == captions.has_value())
        throw UsageError{"give exactly one of --benchmark and --captions"};
    if (benchmark && !splits.empty())
        throw UsageError{"--splits applies to --captions only"};
    if (opt.textBatch < 1 || opt.workers < 0)
        throw UsageError{"--text-batch must be positive and --workers not negative"};
    if (slurm.slurm) {
        if (shards < 1)
            throw UsageError{"--slurm needs --shards N (N >= 1 array tasks)"};
        if (opt.shardCount > 1)
            throw UsageError{"--shard is for one task; with --slurm give --shards N"};
        EncodeSlurmPlan plan;
        plan.out = out;
        plan.shards = static_cast<int>(shards);
        plan.encodeArgs = {"--clip", modelPath, "--vocab", vocab};
        if (benchmark)
            plan.encodeArgs.insert(plan.encodeArgs.end(), {"--benchmark", *benchmark});
        else
            plan.encodeArgs.insert(plan.encodeArgs.end(), {"--captions", *captions});
        if (!splits.empty())
            plan.encodeArgs.insert(plan.encodeArgs.end(), {"--splits", splits});
        if (!root.empty())
            plan.encodeArgs.insert(plan.encodeArgs.end(), {"--image-root", root});
        plan.encodeArgs.insert(plan.encodeArgs.end(),
                               {"--batch", std::to_string(opt.imageBatch), "--text-batch", std::to_string(opt.textBatch),
                                "--device", args.value("device", "auto"), "--quiet"});
        if (opt.workers > 0)
            plan.encodeArgs.insert(plan.encodeArgs.end(), {"--workers", std::to_string(opt.workers)});
        if (opt.restart)
            plan.encodeArgs.push_back("--restart");
        if (const auto every = args.optional("checkpoint-seconds"))
            plan.encodeArgs.insert(plan.encodeArgs.end(), {"--checkpoint-seconds", *every});
        args.finish();
        return runEncodeOnSlurm(plan, slurm);
    }
    if (shards != 0 || slurm.wait || slurm.dryRun)
        throw UsageError{"--shards, --wait and --dry-run need --slurm"};
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
    if (opt.shardCount > 1)
        std::cout << "{\"shard\": \"" << shardSpec(opt.shardIndex, opt.shardCount) << "\", ";
    else
        std::cout << "{";
    std::cout << "\"images\": " << sum.images << ", \"images_encoded\": " << sum.imagesEncoded
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
        "                                   --image-root DIR --out CACHE.safetensors [--batch N] [--restart]\n"
        "       ... [--shard K/N]   |   ... --slurm --shards N [--sbatch-arg=ARG]... [--wait] [--dry-run]\n\n"
        "  --benchmark FILE   FG-OVD benchmark: every object crop and every distinct caption, once\n"
        "  --captions FILE    Karpathy dataset_coco.json or an official captions_*.json: every image and caption\n"
        "  --splits LIST      Karpathy splits to keep (comma-separated; default all)\n"
        "  --image-root DIR   the COCO root the file names are relative to\n"
        "  --out FILE         the cache (safetensors, fp16 features; identity in its metadata)\n"
        "  --batch N          images per forward pass (default 32); --text-batch N captions (default 256)\n"
        "  --workers N        decoding threads (default: half the cores, at least 2)\n"
        "  --restart          discard a partial or cache made from other inputs instead of refusing\n"
        "  --checkpoint-seconds S  save progress to OUT.partial at most every S seconds (default 10; 0: every batch)\n"
        "  --quiet            no progress line\n"
        "  --shard K/N        encode only part K of N (K from 0: every N-th batch of images and of\n"
        "                     captions) into a shard cache at OUT; merge the N shards with merge-caches\n"
        "  --shards N         with --slurm: one array task per shard, then a merge job into OUT\n"
        "                     (scripts, shards and logs under OUT.slurm/)\n") +
        kClipOptionsHelp + kSlurmOptionsHelp +
        "  Progress is saved to OUT.partial; run the same command again to resume after an interruption.\n"
        "  Missing or unreadable images are reported, left as zero rows and listed in the cache metadata.\n"
        "  Prints a JSON summary on stdout.\n",
    runEncodeBenchmark}};

} // namespace
} // namespace fglens::cli

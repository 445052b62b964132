#include "command.h"
#include "progress.h"

#include "demo/demo_project.h"

#include <chrono>
#include <cstdio>

namespace fglens::cli {
namespace {

int runDemo(Args& args)
{
    const std::string out = args.required("out");
    demo::DemoOptions o;
    o.seed = static_cast<uint64_t>(args.integer("seed", static_cast<long>(o.seed)));
    const std::string scale = args.value("scale", "default");
    o.threads = static_cast<int>(args.integer("threads", o.threads));
    const bool quiet = args.flag("quiet");
    args.finish();
    if (scale == "small") {
        // For tests and quick looks: a few seconds on two cores.
        o.benchmarkObjects = 60;
        o.trainObjects = 300;
        o.valObjects = 80;
        o.cocoTrainImages = 200;
        o.cocoValImages = 60;
        o.cocoTestImages = 60;
    } else if (scale != "default") {
        throw UsageError{"--scale must be 'default' or 'small'"};
    }
    if (o.threads < 1)
        throw UsageError{"--threads must be positive"};
    const auto start = std::chrono::steady_clock::now();
    const JobContext ctx = consoleJob(quiet);
    const std::string manifest = demo::buildDemoProject(out, o, &ctx);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!quiet)
        std::fprintf(stderr, "demo project built in %.1f s\n", s);
    std::printf("%s\n", manifest.c_str());
    return 0;
}

const Registrar reg{Command{
    "demo", "build the self-contained demo project (synthetic scenes, eight benchmarks, caches)",
    "Usage: fglens-cli demo --out DIR [--seed N] [--scale default|small] [--threads N] [--quiet]\n\n"
    "  Renders synthetic scenes with OpenCV, writes FG-OVD files for the eight benchmarks, training\n"
    "  and validation sets, COCO-style caption sets, and the built-in demo encoder's embeddings as\n"
    "  safetensors caches, under DIR with a project.json. Prints the manifest's path.\n"
    "  The demo encoder is a stand-in for CLIP: demo numbers are not CLIP numbers.\n",
    runDemo}};

} // namespace
} // namespace fglens::cli

// `project encode`: in its own file because it needs the CLIP code, which a
// development build may leave out (cmd_encode_* are skipped with it).
#include "clip_args.h"
#include "progress.h"
#include "project_subcommands.h"

#include "clip/project_encode.h"
#include "clip/tokenizer.h"
#include "common/error.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fglens::cli {
namespace {

int runProjectEncode(Args& args)
{
    if (args.positional().size() != 2)
        throw UsageError{"give the project: fglens-cli project encode DIR"};
    const Project project = Project::load(args.positional()[1]);
    const std::string modelPath = args.value("clip", project.clipModel);
    const std::string vocab = args.value("vocab", project.clipVocab);
    clip::EncodeOptions opt;
    opt.imageBatch = batchFromArgs(args, 32);
    opt.textBatch = args.integer("text-batch", 256);
    opt.workers = static_cast<int>(args.integer("workers", 0));
    opt.restart = args.flag("restart");
    const bool quiet = args.flag("quiet");
    if (opt.textBatch < 1 || opt.workers < 0)
        throw UsageError{"--text-batch must be positive and --workers not negative"};
    const auto pending = clip::pendingEncodes(project);
    nlohmann::ordered_json out;
    out["encoded"] = nlohmann::ordered_json::array();
    if (pending.empty()) {
        args.finish();
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (modelPath.empty() || vocab.empty())
        fail(project.manifestPath, "no CLIP checkpoint and vocabulary in the project: give --clip and --vocab");
    // clipFromArgs reads --clip itself; the project's checkpoint stands in for it.
    Args modelArgs("project", {"--clip", modelPath, "--device", args.value("device", "auto")});
    auto model = clipFromArgs(modelArgs);
    args.finish();
    const clip::Tokenizer tokenizer(vocab);
    JobContext ctx = consoleJob(quiet);
    const auto result = clip::encodeProject(project.manifestPath, model, modelPath, tokenizer, opt, &ctx);
    for (size_t i = 0; i < result.done.size(); ++i) {
        const auto& s = result.done[i];
        const auto& sum = result.summaries[i].second;
        for (size_t f = 0; f < sum.failures.size() && f < 10; ++f)
            std::cerr << s.key << ": skipped: " << sum.failures[f] << "\n";
        out["encoded"].push_back({{"key", s.key},
                                  {"file", s.file},
                                  {"features", s.out},
                                  {"images", sum.images},
                                  {"images_failed", sum.imagesFailed},
                                  {"captions", sum.captions}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
}

const ProjectSubRegistrar encodeReg{"encode", runProjectEncode};

} // namespace
} // namespace fglens::cli

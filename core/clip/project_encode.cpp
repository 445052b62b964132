#include "clip/project_encode.h"

#include "common/error.h"
#include "data/project_init.h"

#include <filesystem>

namespace fglens::clip {
namespace {

namespace fs = std::filesystem;

bool needsEncoding(const ProjectEntry& e)
{
    std::error_code ec;
    return e.features.empty() || !fs::exists(e.features, ec);
}

ProjectEncodeStep stepFor(const Project& p, const ProjectEntry& e, bool captionSet)
{
    return {e.key, e.file, e.features.empty() ? defaultFeaturesPath(p, e) : e.features, e.splits, captionSet};
}

ProjectEntry* entryFor(Project& p, const std::string& key)
{
    for (auto& b : p.benchmarks)
        if (b.key == key)
            return &b;
    for (auto* slot : {&p.fgovdTrain, &p.fgovdVal, &p.cocoTrain, &p.cocoVal, &p.cocoTest})
        if (*slot && (*slot)->key == key)
            return &**slot;
    return nullptr;
}

// Progress of one step told as part of the whole: "encode 2/5 pattern: ...".
JobContext stepContext(const JobContext* ctx, size_t index, size_t count, const std::string& key)
{
    JobContext c;
    if (!ctx)
        return c;
    c.cancel = ctx->cancel;
    const std::string prefix = std::to_string(index + 1) + "/" + std::to_string(count) + " " + key + ": ";
    const ProgressFn outer = ctx->progress;
    if (outer)
        c.progress = [outer, prefix](const ProgressEvent& e) {
            ProgressEvent p = e;
            p.stage = prefix + e.stage;
            outer(p);
        };
    return c;
}

} // namespace

std::vector<ProjectEncodeStep> pendingEncodes(const Project& p)
{
    std::vector<ProjectEncodeStep> steps;
    for (const auto& b : p.benchmarks)
        if (needsEncoding(b))
            steps.push_back(stepFor(p, b, false));
    for (const auto* slot : {&p.fgovdTrain, &p.fgovdVal})
        if (*slot && needsEncoding(**slot))
            steps.push_back(stepFor(p, **slot, false));
    for (const auto* slot : {&p.cocoTrain, &p.cocoVal, &p.cocoTest})
        if (*slot && needsEncoding(**slot))
            steps.push_back(stepFor(p, **slot, true));
    return steps;
}

ProjectEncodeResult encodeProject(const std::string& manifest, const ClipModel& model, const std::string& modelPath,
                                  const Tokenizer& tokenizer, const EncodeOptions& options, const JobContext* ctx,
                                  const std::function<void(const ProjectEncodeStep&)>& onCacheDone)
{
    const Project project = Project::load(manifest);
    const auto steps = pendingEncodes(project);
    ProjectEncodeResult result;
    if (steps.empty())
        return result;
    std::error_code ec;
    if (project.imageRoot.empty() || !fs::is_directory(project.imageRoot, ec))
        fail(project.manifestPath, project.imageRoot.empty()
                                       ? std::string("the project has no image root: encoding needs the images")
                                       : "image root " + project.imageRoot + " is not a folder");
    for (size_t i = 0; i < steps.size(); ++i) {
        const ProjectEncodeStep& s = steps[i];
        if (ctx)
            ctx->checkCancelled();
        fs::create_directories(fs::path(s.out).parent_path(), ec);
        const JobContext sub = stepContext(ctx, i, steps.size(), s.key);
        const EncodeSummary sum =
            s.captionSet ? encodeCaptionSet(model, modelPath, tokenizer, s.file, s.splits, project.imageRoot, s.out,
                                            options, &sub)
                         : encodeBenchmark(model, modelPath, tokenizer, s.file, project.imageRoot, s.out, options, &sub);
        // Re-read: the manifest may have been edited (or other caches added) meanwhile.
        Project current = Project::load(project.manifestPath);
        if (ProjectEntry* e = entryFor(current, s.key)) {
            e->features = s.out;
            current.save(current.manifestPath);
        }
        result.done.push_back(s);
        result.summaries.emplace_back(s.key, sum);
        if (onCacheDone)
            onCacheDone(s);
    }
    return result;
}

} // namespace fglens::clip

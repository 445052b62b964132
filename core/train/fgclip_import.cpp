#include "train/fgclip_import.h"

#include "common/error.h"
#include "data/feature_cache.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace fglens {

FgclipCheckpointInfo describeFgclipCheckpoint(const std::string& path)
{
    const std::string stem = std::filesystem::path(path).stem().string();
    FgclipCheckpointInfo info;
    if (stem.rfind("triplet", 0) == 0)
        info.stage = "warmup";
    else if (stem.rfind("fg-ovd", 0) == 0 || stem.rfind("fgovd", 0) == 0)
        info.stage = "finetune";
    else
        info.stage = "eval";
    info.name = "FG-CLIP " + stem;
    return info;
}

ImportedRun importFgclipCheckpoint(const ProjectData& data, ExperimentLog& log, const std::string& pathIn,
                                   const JobContext* ctx)
{
    std::error_code ec;
    const std::string path = std::filesystem::absolute(pathIn, ec).lexically_normal().string();
    if (data.benchmarks.empty())
        fail(data.project.manifestPath, "no benchmark of the project has features to evaluate the head on");
    SimilarityHead head = loadHead(path);
    const FgclipCheckpointInfo info = describeFgclipCheckpoint(path);
    ImportedRun out;
    out.headKind = headKindName(head->kind());
    out.stage = info.stage;
    out.sha256 = sha256File(path);
    RunRecord run;
    run.name = info.name;
    run.headKind = out.headKind;
    run.stage = info.stage;
    run.configJson = nlohmann::json{{"source", "fgclip-checkpoint"},
                                    {"imported_from", path},
                                    {"weights_sha256", out.sha256},
                                    {"head", out.headKind}}
                         .dump();
    run.weightsPath = path;
    run.tags = "fgclip,imported";
    auto [id, summary] = evaluateLogged(*head, data, log, run, ctx);
    out.runId = id;
    out.summary = summary;
    return out;
}

} // namespace fglens

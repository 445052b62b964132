// `runs import-fgclip`: FG-CLIP's released heads evaluated into the log.
#include "runs_import.h"

#include "progress.h"
#include "project_args.h"

#include "train/fgclip_import.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fglens::cli {

int runImportFgclip(Args& args)
{
    const auto pa = projectFromArgs(args);
    const bool quiet = args.flag("quiet");
    std::vector<std::string> files(args.positional().begin() + 1, args.positional().end());
    args.finish();
    if (files.empty())
        throw UsageError{"give the FG-CLIP checkpoint files to import"};
    const ProjectData data = loadProjectData(pa.project);
    ExperimentLog log(pa.logPath);
    JobContext ctx = consoleJob(quiet);
    nlohmann::ordered_json out;
    out["runs"] = nlohmann::ordered_json::array();
    for (const std::string& f : files) {
        const ImportedRun r = importFgclipCheckpoint(data, log, f, &ctx);
        nlohmann::ordered_json j;
        j["run"] = r.runId;
        j["file"] = f;
        j["sha256"] = r.sha256;
        j["head"] = r.headKind;
        j["stage"] = r.stage;
        j["result"] = nlohmann::ordered_json::parse(evalSummaryJson(r.summary));
        out["runs"].push_back(std::move(j));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
}

} // namespace fglens::cli

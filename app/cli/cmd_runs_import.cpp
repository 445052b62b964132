// `runs import-fgclip`: FG-CLIP's released heads evaluated into the log;
// `runs import`: runs copied from another log.
#include "runs_import.h"

#include "log_args.h"
#include "progress.h"
#include "project_args.h"

#include "store/log_copy.h"
#include "store/log_location.h"

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

int runImportLog(Args& args)
{
    const std::string from = args.required("from");
    const std::string into = args.required("into");
    std::vector<int64_t> ids;
    for (const auto& item : args.list("runs"))
        ids.push_back(parseRunId(item, "--runs"));
    args.finish();
    if (args.positional().size() > 1)
        throw UsageError{"runs import takes no file arguments (--from LOG --into LOG)"};
    if (redactedLocation(from) == redactedLocation(into))
        throw UsageError{"--from and --into name the same log"};
    const ExperimentLog source(existingLog(from));
    ExperimentLog target(into);
    const auto copied = copyRuns(source, target, ids);
    nlohmann::ordered_json out;
    out["from"] = source.path();   // redacted: never a password
    out["into"] = target.path();
    out["runs"] = nlohmann::ordered_json::array();
    for (const auto& c : copied)
        out["runs"].push_back({{"from", c.from}, {"to", c.to}});
    std::cout << out.dump(2) << "\n";
    return 0;
}

} // namespace fglens::cli

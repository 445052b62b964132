#include "command.h"
#include "log_args.h"

#include "analysis/run_confusions.h"
#include "data/project.h"
#include "store/experiment_log.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

namespace fglens::cli {
namespace {

int runConfusions(Args& args)
{
    const std::string logPath = args.required("log");
    const auto runText = args.required("run");
    const std::string benchmark = args.value("benchmark", "");
    const auto projectPath = args.optional("project");
    args.finish();
    const int64_t run = parseRunId(runText, "--run");
    std::optional<Project> project;
    if (projectPath)
        project = Project::load(*projectPath);
    const ExperimentLog log(existingLog(logPath));
    const auto table = analysis::runConfusions(log, run, benchmark, project ? &*project : nullptr);
    nlohmann::ordered_json types = nlohmann::ordered_json::object();
    for (analysis::AttributeKind k : analysis::attributeKinds()) {
        nlohmann::ordered_json cells = nlohmann::ordered_json::array();
        for (const auto& c : table.cells[static_cast<size_t>(k)]) {
            nlohmann::ordered_json j;
            j["from"] = c.from;
            j["to"] = c.to;
            j["objects"] = c.objects;
            j["fooled"] = c.fooled;
            cells.push_back(j);
        }
        types[analysis::attributeKindName(k)] = cells;
    }
    nlohmann::ordered_json out;
    out["attribute_types"] = types;
    std::cout << out.dump(2) << "\n";
    return 0;
}

const Registrar reg{Command{
    "confusions", "which attribute substitutions (red -> orange, ...) fool a run, per attribute type",
    "Usage: fglens-cli confusions --log LOG --run RUN [--benchmark B] [--project DIR]\n\n"
    "  {\"attribute_types\": {\"colour\": [{\"from\": a, \"to\": b, \"objects\": n, \"fooled\": k}, ...],\n"
    "   \"material\": [...], \"pattern\": [...], \"transparency\": [...]}}\n"
    "  A negative's substitutions are the attribute values the word diff against the positive\n"
    "  swaps (FG-OVD's and the demo's vocabularies); one that changes several attributes counts\n"
    "  for each. objects: objects with a negative offering the swap; fooled: those where such a\n"
    "  negative scored >= the positive. Entries by objects, descending.\n"
    "  --benchmark B  only benchmark B (default: every benchmark of the run, added up)\n"
    "  --project DIR  read the captions from this project's benchmark files instead of the files\n"
    "                 the run's data identity names (their sha256 must still match the run's)\n",
    runConfusions}};

} // namespace
} // namespace fglens::cli

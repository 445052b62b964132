#include "analysis/run_confusions.h"

#include "common/error.h"
#include "common/sha256.h"
#include "data/fgovd.h"
#include "data/project.h"
#include "store/experiment_log.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace fglens::analysis {

namespace {

std::string fileSha256(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot read");
    Sha256 h;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        h.update(buf.data(), static_cast<size_t>(in.gcount()));
    }
    return h.hexDigest();
}

struct Recorded {
    std::string file, sha256;
};

std::map<std::string, Recorded> recordedFiles(const RunRecord& run)
{
    std::map<std::string, Recorded> out;
    const auto j = nlohmann::json::parse(run.dataIdentity, nullptr, false);
    if (!j.is_object())
        return out;
    for (const auto& [key, v] : j.items()) {
        if (!v.is_object())
            continue;
        Recorded r;
        if (v.contains("file") && v["file"].is_string())
            r.file = v["file"].get<std::string>();
        if (v.contains("dataset_sha256") && v["dataset_sha256"].is_string())
            r.sha256 = v["dataset_sha256"].get<std::string>();
        out[key] = r;
    }
    return out;
}

} // namespace

ConfusionTable runConfusions(const ExperimentLog& log, int64_t runId, const std::string& benchmark,
                             const Project* project)
{
    const auto run = log.run(runId);
    const std::string runName = "run " + std::to_string(runId);
    if (!run)
        fail(log.path(), "no " + runName);
    std::map<std::string, std::vector<ObjectResult>> byKey;
    for (ObjectResult& r : log.objectResults(runId, benchmark))
        byKey[r.benchmark].push_back(std::move(r));
    if (byKey.empty())
        fail(log.path(), runName + " has no per-object results" +
                             (benchmark.empty() ? std::string() : " for '" + benchmark + "'"));
    const auto recorded = recordedFiles(*run);
    ConfusionCounter counter;
    for (const auto& [key, results] : byKey) {
        const auto rec = recorded.find(key);
        std::string file;
        if (project) {
            const ProjectEntry* e = project->benchmark(key);
            if (!e)
                fail(project->manifestPath, "has no '" + key + "' benchmark, which " + runName + " was evaluated on");
            file = e->file;
        } else if (rec != recorded.end() && !rec->second.file.empty()) {
            file = rec->second.file;
        } else {
            fail(log.path(), runName + " does not record its '" + key + "' benchmark file: pass --project DIR");
        }
        if (!std::filesystem::is_regular_file(file))
            fail(file, "no such benchmark file" +
                           std::string(project ? "" : " (named by " + runName + "'s data identity; pass --project DIR if it moved)"));
        if (rec != recorded.end() && !rec->second.sha256.empty() && fileSha256(file) != rec->second.sha256)
            fail(file, "is not the '" + key + "' file " + runName + " was evaluated on (its sha256 differs)");
        counter.add(FgBenchmark::load(file), results);
    }
    return counter.table();
}

} // namespace fglens::analysis

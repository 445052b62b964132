#include "data/project.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/fgovd.h"
#include "data/json_file.h"
#include "store/log_location.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fglens {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string resolve(const fs::path& dir, const std::string& p)
{
    if (p.empty())
        return {};
    fs::path path(p);
    return (path.is_absolute() ? path : dir / path).lexically_normal().string();
}

std::string relativeTo(const fs::path& dir, const std::string& p)
{
    if (p.empty())
        return {};
    const auto rel = fs::path(p).lexically_relative(dir);
    if (!rel.empty() && rel.native().rfind("..", 0) != 0)
        return rel.generic_string();
    return p;
}

ProjectEntry readEntry(const json& j, const fs::path& dir, const std::string& key, const std::string& where,
                       const std::string& path)
{
    if (!j.is_object())
        fail(path, where + " must be an object");
    ProjectEntry e;
    e.key = key;
    if (!j.contains("file") || !j["file"].is_string())
        fail(path, where + ": missing string field 'file'");
    e.file = resolve(dir, j["file"].get<std::string>());
    if (j.contains("features")) {
        if (!j["features"].is_string())
            fail(path, where + ": field 'features' must be a string");
        e.features = resolve(dir, j["features"].get<std::string>());
    }
    if (j.contains("splits"))
        e.splits = j["splits"].get<std::vector<std::string>>();
    return e;
}

json writeEntry(const ProjectEntry& e, const fs::path& dir)
{
    json j = {{"file", relativeTo(dir, e.file)}};
    if (!e.features.empty())
        j["features"] = relativeTo(dir, e.features);
    if (!e.splits.empty())
        j["splits"] = e.splits;
    return j;
}

std::vector<ProjectDetector> readDetectors(const json& list, const fs::path& dir, const std::vector<ProjectEntry>& benchmarks,
                                           const std::string& path)
{
    if (!list.is_array())
        fail(path, "field 'detectors' must be an array of {\"name\": ..., \"predictions\": {KEY: FILE, ...}}");
    std::vector<ProjectDetector> out;
    size_t i = 0;
    for (const json& d : list) {
        std::string where = "detectors[" + std::to_string(i++) + "]";
        if (!d.is_object())
            fail(path, where + " must be an object");
        const auto name = d.find("name");
        if (name == d.end() || !name->is_string() || name->get<std::string>().empty())
            fail(path, where + ": missing non-empty string field 'name' (the run's name, e.g. \"OWL B/16\")");
        ProjectDetector det;
        det.name = name->get<std::string>();
        where += " (" + det.name + ")";
        for (const auto& other : out)
            if (other.name == det.name)
                fail(path, where + ": a second detector with this name");
        const auto preds = d.find("predictions");
        if (preds == d.end() || !preds->is_object() || preds->empty())
            fail(path, where + ": 'predictions' must be a non-empty object {BENCHMARK_KEY: FILE, ...}");
        for (const auto& [key, file] : preds->items()) {
            bool known = false;
            std::string keys;
            for (const auto& b : benchmarks) {
                known = known || b.key == key;
                keys += (keys.empty() ? "" : ", ") + b.key;
            }
            if (!known)
                fail(path, where + ": predictions for '" + key + "', which is not a benchmark of this project (" +
                               keys + ")");
            if (!file.is_string() || file.get<std::string>().empty())
                fail(path, where + ": predictions for '" + key + "' must be a file name");
            det.predictions.emplace_back(key, resolve(dir, file.get<std::string>()));
        }
        // FG-OVD's scripts call it n_neg; both spellings are read.
        for (const char* field : {"negatives", "n_neg"})
            if (const auto n = d.find(field); n != d.end()) {
                if (!n->is_number_integer() || n->get<int64_t>() < 1 || n->get<int64_t>() > 1000)
                    fail(path, where + ": '" + field + "' must be an integer from 1 to 1000");
                det.negatives = n->get<int>();
            }
        out.push_back(std::move(det));
    }
    return out;
}

const char* const kOptionalRoles[] = {"fgovd_train", "fgovd_val", "coco_train", "coco_val", "coco_test"};

} // namespace

Project Project::load(const std::string& pathIn)
{
    std::error_code ec;
    fs::path path = fs::absolute(pathIn, ec);
    if (fs::is_directory(path, ec))
        path /= "project.json";
    const std::string p = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(p, fs::exists(path, ec) ? "cannot read the project manifest" : "no project manifest here");
    // A manifest is a few KB; refuse anything absurd before reading it.
    const auto size = fs::file_size(path, ec);
    if (!ec && size > (uint64_t(64) << 20))
        fail(p, "not an FG-Lens project manifest (" + std::to_string(size) + " bytes)");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const json j = parseSmallJson(text, p);
    const auto format = j.is_object() ? j.find("format") : j.end();
    if (!j.is_object() || format == j.end() || !format->is_string() || *format != "fglens-project")
        fail(p, "not an FG-Lens project manifest (\"format\": \"fglens-project\" missing)");
    const auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer() || *version != 1)
        fail(p, "unsupported project version " + (version == j.end() ? std::string("(none)") : version->dump()) +
                    " (this FG-Lens reads 1)");
    Project pr;
    pr.manifestPath = p;
    const fs::path dir = path.parent_path();
    pr.dir = dir.string();
    try {
        pr.name = j.value("name", dir.filename().string());
        pr.encoder = j.value("encoder", "");
        pr.imageRoot = resolve(dir, j.value("image_root", ""));
        const std::string log = j.value("log", "experiments.sqlite");
        pr.logPath = isPostgresUri(log) ? log : resolve(dir, log);
        if (j.contains("clip")) {
            const json& c = j["clip"];
            if (!c.is_object())
                fail(p, "field 'clip' must be an object {\"model\": ..., \"vocab\": ...}");
            pr.clipModel = resolve(dir, c.value("model", ""));
            pr.clipVocab = resolve(dir, c.value("vocab", ""));
        }
        if (!j.contains("benchmarks") || !j["benchmarks"].is_array())
            fail(p, "missing array 'benchmarks'");
        size_t i = 0;
        for (const auto& b : j["benchmarks"]) {
            const std::string where = "benchmarks[" + std::to_string(i++) + "]";
            std::string key = b.is_object() ? b.value("key", "") : "";
            auto e = readEntry(b, dir, key, where, p);
            if (e.key.empty())
                e.key = benchmarkKey(fs::path(e.file).stem().string());
            pr.benchmarks.push_back(std::move(e));
        }
        std::optional<ProjectEntry>* slots[] = {&pr.fgovdTrain, &pr.fgovdVal, &pr.cocoTrain, &pr.cocoVal,
                                                &pr.cocoTest};
        for (size_t r = 0; r < 5; ++r)
            if (j.contains(kOptionalRoles[r]))
                *slots[r] = readEntry(j[kOptionalRoles[r]], dir, kOptionalRoles[r], kOptionalRoles[r], p);
        if (j.contains("detectors"))
            pr.detectors = readDetectors(j["detectors"], dir, pr.benchmarks, p);
    } catch (const json::exception& e) {
        fail(p, std::string("malformed manifest: ") + e.what());
    }
    return pr;
}

void Project::save(const std::string& manifest) const
{
    const fs::path dirPath = fs::path(manifest).parent_path();
    json j = {{"format", "fglens-project"},
              {"version", 1},
              {"name", name},
              {"encoder", encoder},
              {"image_root", relativeTo(dirPath, imageRoot)},
              // A server log's password stays in ~/.pgpass, never in the manifest.
              {"log", isPostgresUri(logPath) ? redactedLocation(logPath) : relativeTo(dirPath, logPath)}};
    if (!clipModel.empty() || !clipVocab.empty())
        j["clip"] = {{"model", relativeTo(dirPath, clipModel)}, {"vocab", relativeTo(dirPath, clipVocab)}};
    json list = json::array();
    for (const auto& b : benchmarks) {
        json e = writeEntry(b, dirPath);
        e["key"] = b.key;
        list.push_back(std::move(e));
    }
    j["benchmarks"] = std::move(list);
    const std::optional<ProjectEntry>* slots[] = {&fgovdTrain, &fgovdVal, &cocoTrain, &cocoVal, &cocoTest};
    for (size_t r = 0; r < 5; ++r)
        if (*slots[r])
            j[kOptionalRoles[r]] = writeEntry(**slots[r], dirPath);
    if (!detectors.empty()) {
        json list = json::array();
        for (const auto& d : detectors) {
            json preds = json::object();
            for (const auto& [key, file] : d.predictions)
                preds[key] = relativeTo(dirPath, file);
            json e = {{"name", d.name}, {"predictions", preds}};
            if (d.negatives)
                e["negatives"] = *d.negatives;
            list.push_back(std::move(e));
        }
        j["detectors"] = std::move(list);
    }
    writeFileAtomic(manifest, j.dump(2) + "\n", false);
}

const ProjectEntry* Project::benchmark(const std::string& key) const
{
    for (const auto& b : benchmarks)
        if (b.key == key)
            return &b;
    return nullptr;
}

} // namespace fglens

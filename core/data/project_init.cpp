#include "data/project_init.h"

#include "common/error.h"
#include "data/fgclip_cache.h"
#include "data/fgovd.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fglens {
namespace {

namespace fs = std::filesystem;

std::string absoluteExisting(const std::string& p, const char* what, bool directory = false)
{
    std::error_code ec;
    const fs::path a = fs::absolute(p, ec).lexically_normal();
    if (!fs::exists(a, ec))
        fail(p, std::string("no such ") + what);
    if (directory != fs::is_directory(a, ec))
        fail(p, directory ? std::string("not a folder (") + what + " expected)"
                          : std::string("is a folder, not a ") + what);
    return a.string();
}

std::vector<fs::path> jsonFiles(const fs::path& dir)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file(ec) && e.path().extension() == ".json")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

bool isBenchmarkKey(const std::string& key)
{
    const auto& keys = benchmarkKeys();
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The Hard set when there, else the only set: the paper fine-tunes on Hard.
std::optional<fs::path> pickTrainingSet(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return std::nullopt;
    const auto files = jsonFiles(dir);
    for (const auto& f : files)
        if (f.stem() == "1_attributes")
            return f;
    if (files.size() == 1)
        return files.front();
    return std::nullopt;
}

size_t keyOrder(const std::string& key)
{
    const auto& keys = benchmarkKeys();
    return static_cast<size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
}

} // namespace

std::vector<FgovdFolderFile> scanFgovdFolder(const std::string& dirIn)
{
    const fs::path dir = absoluteExisting(dirIn, "FG-OVD folder", true);
    std::error_code ec;
    // The benchmarks/ folder itself (or any folder of benchmark files) works too.
    const fs::path benchDir = fs::is_directory(dir / "benchmarks", ec) ? dir / "benchmarks" : dir;
    std::vector<FgovdFolderFile> out;
    for (const auto& f : jsonFiles(benchDir)) {
        const std::string key = benchmarkKey(f.stem().string());
        if (isBenchmarkKey(key))
            out.push_back({"benchmark", key, f.string()});
    }
    std::sort(out.begin(), out.end(),
              [](const FgovdFolderFile& a, const FgovdFolderFile& b) { return keyOrder(a.key) < keyOrder(b.key); });
    if (auto t = pickTrainingSet(dir / "training_sets"))
        out.push_back({"fgovd_train", "fgovd_train", t->string()});
    if (auto v = pickTrainingSet(dir / "validation_sets"))
        out.push_back({"fgovd_val", "fgovd_val", v->string()});
    if (out.empty())
        fail(dir.string(), "no FG-OVD files here (expected benchmarks/ with 1_attributes.json, color.json, ...)");
    return out;
}

Project buildProject(const ProjectInitOptions& o)
{
    if (o.outDir.empty())
        fail("project", "no output folder given");
    std::error_code ec;
    const fs::path out = fs::absolute(o.outDir, ec).lexically_normal();
    if (fs::exists(out, ec) && !fs::is_directory(out, ec))
        fail(out.string(), "exists and is not a folder");
    Project p;
    p.dir = out.string();
    p.manifestPath = (out / "project.json").string();
    p.name = o.name.empty() ? out.filename().string() : o.name;
    p.logPath = (out / "experiments.sqlite").string();
    if (!o.imageRoot.empty())
        p.imageRoot = absoluteExisting(o.imageRoot, "image root folder", true);

    auto addBenchmark = [&p](const std::string& key, const std::string& file) {
        if (const ProjectEntry* e = p.benchmark(key))
            fail(file, "is benchmark '" + key + "', which " + e->file + " already is");
        p.benchmarks.push_back({key, file, {}, {}});
    };
    if (!o.fgovdDir.empty()) {
        for (const auto& f : scanFgovdFolder(o.fgovdDir)) {
            if (f.role == "benchmark")
                addBenchmark(f.key, f.path);
            else
                (f.role == "fgovd_train" ? p.fgovdTrain : p.fgovdVal) = ProjectEntry{f.role, f.path, {}, {}};
        }
    }
    for (const auto& b : o.benchmarkFiles) {
        const std::string file = absoluteExisting(b, "benchmark file");
        const std::string key = benchmarkKey(fs::path(file).stem().string());
        if (!isBenchmarkKey(key))
            fail(file, "not named like an FG-OVD benchmark (1_attributes.json, color.json, pattern.json, ...)");
        addBenchmark(key, file);
    }
    for (const auto& [keyIn, cacheIn] : o.fgclipCaches) {
        const std::string cache = absoluteExisting(cacheIn, "FG-CLIP feature cache");
        const std::string key = benchmarkKey(keyIn.empty() ? fs::path(cache).stem().string() : keyIn);
        if (!isBenchmarkKey(key))
            fail(cache, "'" + key + "' is not a benchmark (trivial, easy, medium, hard, color, material, pattern, "
                        "transparency, or a file name such as 1_attributes)");
        if (!isFgclipCache(cache))
            fail(cache, "not an FG-CLIP feature cache (a torch.save pickle)");
        auto it = std::find_if(p.benchmarks.begin(), p.benchmarks.end(),
                               [&](const ProjectEntry& e) { return e.key == key; });
        if (it == p.benchmarks.end())
            p.benchmarks.push_back({key, cache, cache, {}});   // the cache holds the benchmark too
        else if (!it->features.empty())
            fail(cache, "benchmark '" + key + "' already has a feature cache");
        else
            it->features = cache;
    }
    std::stable_sort(p.benchmarks.begin(), p.benchmarks.end(),
                     [](const ProjectEntry& a, const ProjectEntry& b) { return keyOrder(a.key) < keyOrder(b.key); });
    if (!o.captions.empty()) {
        const std::string c = absoluteExisting(o.captions, "caption file");
        if (isKarpathyCaptions(c)) {
            p.cocoTrain = ProjectEntry{"coco_train", c, {}, {"train", "restval"}};
            p.cocoVal = ProjectEntry{"coco_val", c, {}, {"val"}};
            p.cocoTest = ProjectEntry{"coco_test", c, {}, {"test"}};
        } else {
            p.cocoTrain = ProjectEntry{"coco_train", c, {}, {}};
        }
    }
    if (o.clipModel.empty() != o.clipVocab.empty())
        fail(o.clipModel.empty() ? o.clipVocab : o.clipModel,
             "a CLIP checkpoint needs its BPE vocabulary and the other way round");
    if (!o.clipModel.empty()) {
        p.clipModel = absoluteExisting(o.clipModel, "CLIP checkpoint");
        p.clipVocab = absoluteExisting(o.clipVocab, "BPE vocabulary");
        p.encoder = "clip:" + fs::path(p.clipModel).stem().string();
    } else if (!o.fgclipCaches.empty()) {
        p.encoder = "fgclip-cache";
    }
    if (p.benchmarks.empty() && !p.fgovdTrain && !p.cocoTrain)
        fail(out.string(), "nothing to put in the project: give an FG-OVD folder, benchmark files or FG-CLIP caches");
    return p;
}

std::string initProject(const ProjectInitOptions& o)
{
    Project p = buildProject(o);
    std::error_code ec;
    if (fs::exists(p.manifestPath, ec) && !o.overwrite)
        fail(p.manifestPath, "a project is already here (overwrite it explicitly)");
    fs::create_directories(p.dir, ec);
    if (ec)
        fail(p.dir, "cannot create the folder: " + ec.message());
    p.save(p.manifestPath);
    return p.manifestPath;
}

bool isKarpathyCaptions(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(1 << 16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    return head.find("\"sentences\"") != std::string::npos;
}

std::string defaultFeaturesPath(const Project& project, const ProjectEntry& entry)
{
    // Keys, not file stems: benchmarks/ and training_sets/ share names.
    return (fs::path(project.dir) / "features" / (entry.key + ".safetensors")).string();
}

bool isFgclipCache(const std::string& path)
{
    // torch.save writes a zip archive (PK..) or, with the legacy format, a
    // pickle starting with the PROTO opcode 0x80.
    std::ifstream in(path, std::ios::binary);
    char magic[2] = {0, 0};
    in.read(magic, 2);
    return (magic[0] == 'P' && magic[1] == 'K') || static_cast<unsigned char>(magic[0]) == 0x80;
}

int64_t countBenchmarkObjects(const std::string& path, const JobContext* ctx)
{
    if (isFgclipCache(path))
        return static_cast<int64_t>(loadFgclipCache(path, ctx).benchmark.objects.size());
    return static_cast<int64_t>(FgBenchmark::load(path, ctx).objects.size());
}

std::vector<std::pair<std::string, std::string>> fgclipCachesBeside(const std::vector<std::string>& benchmarkFiles)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::error_code ec;
    for (const auto& f : benchmarkFiles) {
        const fs::path p(f);
        const std::string stem = p.stem().string();
        for (const fs::path& c : {p.parent_path() / (stem + ".pt"), p.parent_path() / "features" / (stem + ".pt"),
                                  p.parent_path().parent_path() / "features" / (stem + ".pt")})
            if (fs::is_regular_file(c, ec) && isFgclipCache(c.string())) {
                out.emplace_back(benchmarkKey(stem), c.lexically_normal().string());
                break;
            }
    }
    return out;
}

} // namespace fglens

#pragma once
// Making a project from the files a researcher already has: FG-OVD's folder
// (benchmarks/, training_sets/, validation_sets/) or single benchmark files,
// the COCO image root, a caption file, FG-CLIP feature caches and a CLIP
// checkpoint. `fglens-cli project init` and the GUI's New Project dialog both
// go through here, so they write the same project.json.
#include "common/job.h"
#include "data/project.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fglens {

// A file of FG-OVD's folder layout and the project slot it fills.
struct FgovdFolderFile {
    std::string role;   // "benchmark", "fgovd_train" or "fgovd_val"
    std::string key;    // benchmarks: trivial .. transparency; else the role
    std::string path;   // absolute
};

// The files of an FG-OVD folder that FG-Lens recognises by FG-OVD's names.
// The training and validation slots take the Hard set (1_attributes.json), as
// the paper's fine-tune does. Throws when the folder holds none of them.
std::vector<FgovdFolderFile> scanFgovdFolder(const std::string& dir);

struct ProjectInitOptions {
    std::string outDir;                        // where project.json goes (created)
    std::string name;                          // default: the folder's name
    std::string fgovdDir;                      // optional
    std::vector<std::string> benchmarkFiles;   // single FG-OVD files, keys from their names
    std::string imageRoot;                     // optional
    std::string captions;                      // Karpathy dataset_coco.json or captions_*.json (optional)
    std::string clipModel, clipVocab;          // both or neither
    // FG-CLIP feature caches: benchmark key (or file stem) -> .pt. A key no
    // benchmark file has makes the cache itself the benchmark.
    std::vector<std::pair<std::string, std::string>> fgclipCaches;
    bool overwrite = false;                    // replace an existing project.json
};

// Checks every path and assembles the project (paths absolute); the manifest
// path is outDir/project.json. Throws fglens::Error naming the bad file.
Project buildProject(const ProjectInitOptions& options);
// buildProject, then writes project.json; returns its path.
std::string initProject(const ProjectInitOptions& options);

// Karpathy's file (images[].sentences) rather than an official captions_*.json,
// judged from the file's first bytes so a 150 MB file is not parsed for it.
bool isKarpathyCaptions(const std::string& path);

// Where `project encode` puts the cache of an entry without features.
std::string defaultFeaturesPath(const Project& project, const ProjectEntry& entry);

// An FG-CLIP feature cache (a pickle) rather than an FG-Lens safetensors cache.
bool isFgclipCache(const std::string& path);

// Objects of a benchmark file or FG-CLIP cache (parses it: call off the GUI thread).
int64_t countBenchmarkObjects(const std::string& path, const JobContext* ctx = nullptr);

// FG-CLIP caches lying beside benchmark files (X.pt next to X.json, or in a
// features/ folder beside it), offered as their features: key -> cache.
std::vector<std::pair<std::string, std::string>> fgclipCachesBeside(const std::vector<std::string>& benchmarkFiles);

} // namespace fglens

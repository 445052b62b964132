#pragma once
// An FG-Lens project: a directory (or any place) with a project.json manifest
// naming the FG-OVD benchmark files, the COCO image root, the caption sets,
// the feature caches and the experiment log. Paths in the manifest are
// relative to the manifest's directory unless absolute.
//
// project.json:
// {
//   "format": "fglens-project", "version": 1, "name": "...",
//   "encoder": "fglens-demo-encoder-v1",
//   "image_root": "images",
//   "log": "experiments.sqlite",
//   "benchmarks": [ {"key": "hard", "file": "benchmarks/1_attributes.json",
//                    "features": "features/1_attributes.safetensors"}, ... ],
//   "fgovd_train": {"file": ..., "features": ...},      // optional
//   "fgovd_val":   {"file": ..., "features": ...},      // optional
//   "coco_train":  {"file": ..., "features": ..., "splits": ["train"]},  // optional
//   "coco_val":    {...}, "coco_test": {...},            // optional
//   "clip": {"model": "ViT-B-16.pt", "vocab": "bpe_simple_vocab_16e6.txt.gz"},  // optional
//   "detectors": [ {"name": "OWL B/16",                  // optional; docs/DETECTORS.md
//                   "predictions": {"hard": "owl/1_attributes/10.pkl", "pattern": "owl/pattern/7.pkl"},
//                   "negatives": 10}, ... ]              // optional: N for all; default each benchmark's protocol N
// }
// A benchmark's "features" may also be an FG-CLIP feature cache (.pt), and its
// "file" that same cache when no benchmark JSON is at hand.
#include <optional>
#include <string>
#include <vector>

namespace fglens {

struct ProjectEntry {
    std::string key;        // benchmarks: trivial .. transparency; else the role
    std::string file;       // absolute
    std::string features;   // absolute; empty when not encoded yet
    std::vector<std::string> splits;   // caption sets (Karpathy) only
};

// A detector's results named by the project: FG-OVD prediction files per
// benchmark key, imported by the workbench as one run of stage "detector".
struct ProjectDetector {
    std::string name;                                               // "OWL B/16": the run's name
    std::vector<std::pair<std::string, std::string>> predictions;   // benchmark key -> absolute file, by key
    std::optional<int> negatives;                                   // N for every benchmark when given
};

struct Project {
    std::string manifestPath;   // absolute
    std::string dir;            // absolute, the manifest's directory
    std::string name;
    std::string encoder;
    std::string imageRoot;      // absolute; may not exist (then images are "missing")
    std::string logPath;        // absolute
    std::string clipModel;      // absolute; the checkpoint `project encode` uses (optional)
    std::string clipVocab;      // absolute; its BPE vocabulary (optional)
    std::vector<ProjectEntry> benchmarks;
    std::optional<ProjectEntry> fgovdTrain, fgovdVal, cocoTrain, cocoVal, cocoTest;
    std::vector<ProjectDetector> detectors;

    // Accepts the manifest file or the directory holding project.json.
    static Project load(const std::string& path);
    void save(const std::string& manifestPath) const;   // paths written relative when inside dir
    const ProjectEntry* benchmark(const std::string& key) const;
};

} // namespace fglens

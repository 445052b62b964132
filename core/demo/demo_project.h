#pragma once
// The built-in demo project: synthetic scenes rendered with OpenCV, FG-OVD
// files for the eight benchmarks plus training and validation sets, COCO-style
// caption sets for the warm-up and retrieval, and the demo encoder's
// embeddings as feature caches, all under one directory with a project.json.
// Everything is a pure function of the seed; nothing is downloaded.
#include "common/job.h"

#include <cstdint>
#include <string>

namespace fglens::demo {

struct DemoOptions {
    uint64_t seed = 2024;
    int benchmarkObjects = 240;   // objects per benchmark
    int trainObjects = 2400;      // FG-OVD training set (Hard-style vocabularies)
    int valObjects = 400;
    int cocoTrainImages = 1600;   // 5 captions each
    int cocoValImages = 200;
    int cocoTestImages = 300;
    int threads = 2;
};

// Builds (or rebuilds) the project in `dir`; returns the manifest path.
// Writes every file atomically; a cancelled build leaves no project.json.
std::string buildDemoProject(const std::string& dir, const DemoOptions& options = {},
                             const JobContext* ctx = nullptr);

// True when `dir` holds a complete demo project of this program version.
bool demoProjectReady(const std::string& dir);

} // namespace fglens::demo

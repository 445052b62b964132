#pragma once
// Detector predictions into the experiment log as a run of stage "detector":
// what `fglens-cli detector-import` does and what the workbench does for a
// project's detector entries, in one place so both log the same thing.
#include <cstdint>
#include <optional>
#include <string>

namespace fglens {

class ExperimentLog;

struct DetectorImportRequest {
    std::string benchmark;     // the FG-OVD benchmark JSON
    std::string predictions;   // FG-OVD's pickle or the same structure as JSON
    std::string key;           // benchmark key ("hard", ...)
    int negatives = 0;         // N
    std::string name;          // a new run's name ("OWL B/16"); ignored with addTo
    std::optional<int64_t> addTo;   // an existing detector run gains (or replaces) this benchmark
};

struct DetectorImportResult {
    int64_t run = 0;
    std::string key;
    int64_t objects = 0;
    int64_t unmatched = 0;
    std::optional<double> meanRank;
};

// Reads and ranks everything before the log at `logPath` is opened, then
// writes the run (or the benchmark's results of `addTo`) in one transaction:
// bad input leaves the log as it was (and creates none). Throws fglens::Error
// naming the file and the problem (a bad predictions file; `addTo` missing
// or not a detector run).
DetectorImportResult importDetector(const std::string& logPath, const DetectorImportRequest& request);

std::string fileSha256(const std::string& path);

// The newest finished detector run with this name, if any.
std::optional<int64_t> findDetectorRun(const ExperimentLog& log, const std::string& name);
// True when `run` already holds `key` imported from a file with the same
// content as `predictions` at the same N (so opening a project again imports
// nothing).
bool detectorImportCurrent(const ExperimentLog& log, int64_t run, const std::string& key,
                           const std::string& predictions, int negatives);

} // namespace fglens

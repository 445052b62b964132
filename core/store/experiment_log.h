#pragma once
// The experiment log: one SQLite file (WAL, versioned schema with step-by-step
// migrations) or a PostgreSQL database with the same schema, holding every run with its config and status, its metrics, and
// per-object results so any run's errors can be shown without recomputing.
// Several processes may use one log at once (GUI and CLI): writes are short
// transactions and a busy timeout waits for the other writer.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fglens {

enum class RunStatus { Running, Finished, Failed, Cancelled };
std::string runStatusName(RunStatus s);            // "running", ...
RunStatus parseRunStatus(const std::string& s);

struct RunRecord {
    int64_t id = 0;
    std::string name;
    std::string headKind;         // "cosine", "linear", ...
    std::string stage;            // "warmup", "finetune", "eval"
    std::optional<int64_t> parentId;
    std::string configJson = "{}";
    int64_t seed = 0;
    std::string dataIdentity;     // JSON: benchmark / cache hashes
    std::string programVersion, gitCommit;
    RunStatus status = RunStatus::Running;
    std::string startedAt, endedAt;   // ISO 8601 UTC; endedAt empty while running
    std::string notes, tags;          // tags: comma-separated
    std::string weightsPath;          // best weights, when the run trained a head
    std::string error;                // why it failed
    int64_t pid = 0;                  // process that runs it (stale-run recovery)
    std::string host;
};

struct MetricRecord {
    int64_t runId = 0;
    std::string name;             // "train_loss", "val_loss", "mean_rank/hard", "median_rank/hard",
                                  // "mean_rank_sum", "i2t_r1", ...
    int64_t step = 0;             // epoch (1-based) or step; 0 for final results
    double value = 0;
};

struct ObjectResult {
    std::string benchmark;        // key, e.g. "hard"
    int64_t objectId = 0;
    int rank = 0;
    std::vector<float> scores;    // positive first, then the N negatives
    // Detector runs: the matched prediction's x1, y1, x2, y2 in pixels; none
    // for heads and for objects no prediction matched (scores all zero).
    std::optional<std::array<float, 4>> box = std::nullopt;   // the initializer keeps {a, b, c, d} initialisation warning-free
};

class ExperimentLog final {
public:
    static constexpr int kSchemaVersion = 3;

    // `path` is a SQLite file or a PostgreSQL URI (postgresql://user@host:port/dbname,
    // password from ~/.pgpass, PGPASSWORD or a service file; see log_location.h).
    // Opens or creates; migrates older schemas in one transaction; marks runs
    // left "running" by a process that no longer exists as failed ("process
    // ended without finishing"). Throws fglens::Error naming the file.
    explicit ExperimentLog(const std::string& path);
    ~ExperimentLog();
    ExperimentLog(const ExperimentLog&) = delete;
    ExperimentLog& operator=(const ExperimentLog&) = delete;

    // The location as given, less any password: safe to print and to record.
    const std::string& path() const;
    bool isServer() const;   // PostgreSQL
    int schemaVersion() const;

    int64_t beginRun(RunRecord run);                          // status running, pid = this process
    void finishRun(int64_t id, RunStatus status, const std::string& error = {});
    // A cancelled or failed run taken up again by this process.
    void resumeRun(int64_t id);
    void setWeightsPath(int64_t id, const std::string& path);
    void setNotes(int64_t id, const std::string& notes, const std::string& tags);
    void deleteRun(int64_t id);

    void addMetric(int64_t runId, const std::string& name, int64_t step, double value);
    void addMetrics(int64_t runId, const std::vector<MetricRecord>& metrics);   // one transaction
    void addObjectResults(int64_t runId, const std::vector<ObjectResult>& results);
    // A run imported whole (a detector's results): the run, finished, with its
    // metrics and per-object results in one transaction, so that a failure
    // leaves nothing behind. Returns the new run's id.
    int64_t importRun(RunRecord run, const std::vector<MetricRecord>& metrics,
                      const std::vector<ObjectResult>& results);
    // Adds one benchmark's results to an imported run in one transaction,
    // replacing the run's earlier results for that benchmark and its data identity.
    void replaceBenchmarkResults(int64_t runId, const std::string& benchmark, const std::vector<MetricRecord>& metrics,
                                 const std::vector<ObjectResult>& results, const std::string& dataIdentity);

    std::vector<RunRecord> runs() const;                      // newest first
    std::optional<RunRecord> run(int64_t id) const;
    std::vector<MetricRecord> metrics(int64_t runId) const;
    // Final value (largest step) of each metric of a run.
    std::map<std::string, double> finalMetrics(int64_t runId) const;
    std::vector<ObjectResult> objectResults(int64_t runId, const std::string& benchmark = {}) const;

    // Runs marked failed at open because their process had gone.
    int recoveredRuns() const;

    // Changes whenever a run is added, deleted, finishes or fails (by any
    // process): cheap enough to poll every few seconds.
    std::string changeMarker() const;
    // A run from another log copied whole: its status, times, provenance and
    // weights path as they are (the caller maps parentId to this log's ids),
    // with its metrics and per-object results, in one transaction. Returns the new id.
    int64_t copyRun(const RunRecord& run, const std::vector<MetricRecord>& metrics,
                    const std::vector<ObjectResult>& results);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Receives one-line warnings about a log being opened (a SQLite file on a
// network file system), each once per process. Nothing is printed without one:
// the CLI sends them to stderr, the GUI to its status bar.
void setExperimentLogWarningHandler(std::function<void(const std::string&)> handler);

// Creates a log with schema version 1 holding one finished run with one
// metric, as FG-Lens 0.1 wrote it (for migration tests).
void createSchemaV1ForTests(const std::string& path);
// Creates a log with schema version 2 holding one finished run with one
// metric and one object result, as FG-Lens wrote it before detector boxes.
void createSchemaV2ForTests(const std::string& path);

} // namespace fglens

#pragma once
// The ranks and scores of one head (a logged run, or a head evaluated live)
// over the project's benchmarks: what the browser sorts by, what the
// inspector shows, what the charts plot. Qt-free apart from its labels.
#include <QString>

#include <array>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fglens {
class ExperimentLog;
struct RunRecord;
}

namespace fglens::ui {

struct ResultSet {
    struct Bench {
        int negatives = 0;                 // N; each row holds N+1 scores, positive first
        std::vector<int64_t> objectIds;
        std::vector<int> ranks;
        std::vector<float> scores;         // row-major [rows, N+1]
        // Detector runs only (empty otherwise): per row the matched box
        // x1, y1, x2, y2 in pixels, and whether a box matched at all.
        std::vector<std::array<float, 4>> boxes;
        std::vector<uint8_t> matched;
        // Filled against a loaded benchmark: object index -> row, -1 when the
        // object was not evaluated (fewer than N negatives).
        std::vector<int32_t> rowOfObject;
        // Mean rank with the vocabulary cut to n = 1..N, when the producer
        // knew it over the protocol's objects (live evaluation does).
        std::map<int, double> meanRankAtN;

        int width() const { return negatives + 1; }
        size_t rows() const { return ranks.size(); }
        const float* row(size_t r) const { return scores.data() + r * static_cast<size_t>(width()); }
        double meanRank() const;
        // Mean rank with the vocabulary cut to the first n negatives, from the
        // stored scores (same objects as at N).
        double meanRankAt(int n) const;
    };

    QString key;                           // "live:cosine", "run:12"
    QString label;                         // what legends and combo boxes show
    int64_t runId = 0;                     // 0 for live evaluations
    QString headKind, stage;
    std::map<std::string, double> metrics; // final metrics of the run
    std::map<std::string, Bench> benches;  // by benchmark key

    // Imported detector predictions (stage "detector"), not a head.
    bool isDetector() const { return stage == QLatin1String("detector"); }

    // Logged metric when present, else computed from the per-object ranks;
    // NaN when the benchmark is absent.
    double meanRank(const std::string& benchKey) const;
    double meanRankSum() const;             // NaN unless every benchmark is present
    std::optional<double> metric(const std::string& name) const;
};

using ResultSetPtr = std::shared_ptr<const ResultSet>;

// Positive minus the best negative: > 0 when the positive ranks first.
double scoreMargin(const float* scores, int width);

QString runLabel(const RunRecord& run);
// A run's final metrics and per-object results as read from the log.
std::shared_ptr<ResultSet> resultSetFromLog(const ExperimentLog& log, const RunRecord& run);

} // namespace fglens::ui

#pragma once
// The open project as the GUI sees it: benchmarks, images, the experiment
// log's path, and the result sets (heads and runs) currently compared. Lives
// on the GUI thread; everything it holds is immutable once published, so
// worker threads may read the shared pieces.
#include "model/loaded_project.h"
#include "model/result_set.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace fglens::ui {

class ProjectSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectSession)

public:
    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    bool isLoaded() const { return loaded_.data != nullptr; }
    void setProject(LoadedProject project);
    void close();

    const std::vector<BenchView>& benchmarks() const { return loaded_.benchmarks; }
    int benchmarkIndex(const std::string& key) const;
    std::shared_ptr<const ProjectData> data() const { return loaded_.data; }
    std::shared_ptr<const ImageSource> images() const { return loaded_.images; }
    const ProjectSummary& summary() const { return loaded_.summary; }
    QString logPath() const { return loaded_.summary.logPath; }
    // Another experiment log for this session (File → Open Experiment Log…):
    // a SQLite file or a postgresql:// URI; project.json is left as it is.
    void setLogPath(const QString& location) { loaded_.summary.logPath = location; }
    qint64 objectCount() const { return loaded_.summary.objects; }

    // Result sets, in the order they were added (the live baseline first).
    int resultSetCount() const { return static_cast<int>(sets_.size()); }
    ResultSetPtr resultSet(int index) const;
    int indexOfResultSet(const QString& key) const;
    // Replaces a set with the same key; indexes it against the benchmarks.
    void addResultSet(std::shared_ptr<ResultSet> set);
    void removeResultSet(const QString& key);

    struct Score {
        int rank = 0;                 // 0: not evaluated under this set
        const float* scores = nullptr;
        int width = 0;                // N + 1
        double margin = 0;
        // Detector runs: the matched box (x1, y1, x2, y2), null when no box matched.
        const std::array<float, 4>* box = nullptr;
        bool detector = false;
        explicit operator bool() const { return rank > 0; }
    };
    Score score(int set, int bench, int object) const;

Q_SIGNALS:
    void projectChanged();
    void resultSetsChanged();

private:
    struct Indexed {
        std::shared_ptr<ResultSet> set;
        std::vector<const ResultSet::Bench*> byBench;   // per benchmark index, may be null
    };
    Indexed index(std::shared_ptr<ResultSet> set) const;

    LoadedProject loaded_;
    std::vector<Indexed> sets_;
};

} // namespace fglens::ui

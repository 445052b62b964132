#pragma once
// Training runs queued and executed one after another on a worker thread,
// each as a logged run of the experiment log, with live step and epoch
// reports marshalled back to the GUI thread.
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace fglens {
struct ProjectData;
}

namespace fglens::ui {

class JobRunner;

struct TrainRequest {
    QString name;
    QString head = QStringLiteral("linear");
    QString stage = QStringLiteral("warmup");     // "warmup" | "finetune"
    QString preset = QStringLiteral("released");
    int epochs = 10;
    qint64 batch = 256;
    double lr = 5e-5;
    double margin = 0.2;
    quint64 seed = 123;
    int negatives = 10;
    bool referenceTextNorm = false;               // quirk 1
    QString initWeights;                          // fine-tune from this state dict
    std::optional<qint64> parentRunId;
    std::optional<qint64> resumeRunId;            // continue a cancelled run (its config wins)
    bool evaluateBaseline = false;                // a logged evaluation of the cosine head, nothing trained
    // Requests queued together name each other: a fine-tune with parentKey
    // starts from the best weights of the finished request with that key.
    QString key;
    QString parentKey;
};

// The preset's values for a head and stage, from core's presetConfig.
TrainRequest presetRequest(const QString& preset, const QString& head, const QString& stage);
// The paper's whole protocol (core's reproducePlan) as queue requests, the
// runs named as `fglens-cli reproduce` names them.
std::vector<TrainRequest> reproduceRequests(const QString& preset, int epochsOverride = 0);

class TrainingQueue final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingQueue)

public:
    explicit TrainingQueue(QObject* parent = nullptr);
    ~TrainingQueue() override;

    void setProject(std::shared_ptr<const ProjectData> data, const QString& logPath);
    void enqueue(const TrainRequest& request);
    bool isRunning() const;
    int pendingCount() const { return static_cast<int>(queue_.size()); }
    QStringList pendingNames() const;
    const std::deque<TrainRequest>& pending() const { return queue_; }
    std::optional<qint64> lastCancelledRun() const { return lastCancelled_; }
    JobRunner* runner() const { return runner_; }
    // Tests only: called on the worker thread after every training step of
    // the runs started from now on (before the step is reported), so a test
    // can hold a run at a known point, e.g. to cancel it deterministically.
    void setStepHookForTests(std::function<void(int epoch, qint64 step)> hook) { stepHook_ = std::move(hook); }

public Q_SLOTS:
    void cancelCurrent();
    void clearPending();

Q_SIGNALS:
    void queueChanged();
    void runStarted(const QString& name, int epochs);
    void stepReported(int epoch, qint64 step, qint64 steps, double loss);
    void epochReported(int epoch, double trainLoss, double valLoss, const QVariantMap& metrics, bool best);
    // status: "finished", "cancelled" or "failed"; runId 0 when unknown.
    void runEnded(qint64 runId, const QString& status, const QString& error);

private:
    void startNext();

    JobRunner* runner_;
    std::shared_ptr<const ProjectData> data_;
    QString logPath_;
    std::deque<TrainRequest> queue_;
    std::optional<qint64> lastCancelled_;
    std::function<void(int, qint64)> stepHook_;
    std::map<QString, qint64> finishedKeys_;   // request key -> its finished run
};

} // namespace fglens::ui

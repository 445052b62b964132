#pragma once
// Launch, queue, watch, cancel and resume training runs: head, stage, the
// reference presets and every hyper-parameter, with live loss curves.
#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QSettings;
class QPushButton;
class QSpinBox;

class QChart;
class QLineSeries;
class QLogValueAxis;
class QSplitter;
class QValueAxis;

namespace fglens::ui {

class MissingNotice;
class RunsModel;
class TrainingQueue;
struct TrainRequest;

class TrainingPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingPanel)

public:
    TrainingPanel(TrainingQueue* queue, RunsModel* runs, QWidget* parent = nullptr);
    ~TrainingPanel() override;

    // Which stages the project has data for; for one that has none, why, and
    // whether Encode with CLIP… would provide it (else a new project must).
    struct Availability {
        bool warmup = true, finetune = true;
        QString warmupWhy, finetuneWhy;
        bool warmupEncodable = false, finetuneEncodable = false;
    };
    void setAvailability(const Availability& a);
    MissingNotice* notice() const { return notice_; }
    TrainRequest request() const;
    QPushButton* launchButton() const { return launch_; }
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* resumeButton() const { return resume_; }
    void setEpochs(int epochs);
    // "released", "paper" or "demo"; also fills the hyper-parameters.
    void setPreset(const QString& preset);
    // The cancelled run Resume continues (the runs table's selection wins).
    void setResumeCandidate(std::optional<qint64> runId);
    // The loss chart's pieces, for tests.
    QLogValueAxis* lossAxis() const { return axisY_; }
    QLineSeries* batchLossSeries() const { return stepLoss_; }
    QSplitter* splitter() const { return split_; }
    void saveLayout(QSettings& settings) const;
    void restoreLayout(const QSettings& settings);

public Q_SLOTS:
    void launch();
    void resume();
    void applyPreset();

Q_SIGNALS:
    void statusMessage(const QString& message);
    void encodeRequested();
    void newProjectRequested();

private:
    void rebuildParents();
    void updateButtons();
    void onRunStarted(const QString& name, int epochs);
    void includeLoss(double loss);
    void onStep(int epoch, qint64 step, qint64 steps, double loss);
    void onEpoch(int epoch, double trainLoss, double valLoss, const QVariantMap& metrics, bool best);
    void onRunEnded(qint64 runId, const QString& status, const QString& error);

    TrainingQueue* queue_;
    RunsModel* runs_;
    QComboBox* head_;
    QComboBox* stage_;
    QComboBox* parent_;
    QComboBox* preset_;
    QSpinBox* epochs_;
    QSpinBox* batch_;
    QDoubleSpinBox* lr_;
    QDoubleSpinBox* margin_;
    QSpinBox* seed_;
    QSpinBox* negatives_;
    QCheckBox* refNorm_;
    QLineEdit* name_;
    QPushButton* launch_;
    QPushButton* cancel_;
    QPushButton* resume_;
    QListWidget* pending_;
    QLabel* pendingLabel_;
    QProgressBar* progress_;
    QLabel* eta_;
    QChart* chart_;
    QLineSeries* stepLoss_;
    QLineSeries* trainLoss_;
    QLineSeries* valLoss_;
    QValueAxis* axisX_;
    QLogValueAxis* axisY_;
    QSplitter* split_;
    QElapsedTimer clock_;
    int runEpochs_ = 0;
    double yMin_ = 0, yMax_ = 0;
    MissingNotice* notice_;
    Availability available_;
    std::optional<qint64> resumeCandidate_;
};

} // namespace fglens::ui

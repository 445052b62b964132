#pragma once
// The workbench window: the object browser in the middle, the inspector,
// runs, training and charts as docks around it; project loading and
// evaluations run on worker threads with their progress in the status bar.
#include <QMainWindow>
#include <QStringList>

#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;

namespace fglens::demo {
struct DemoOptions;
}

namespace fglens::ui {

class ChartsPanel;
class JobRunner;
class ObjectBrowser;
class ObjectInspector;
class ProjectSession;
class RunsModel;
class RunsPanel;
class TrainingPanel;
class TrainingQueue;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectSession* session() const { return session_; }
    ObjectBrowser* browser() const { return browser_; }
    ObjectInspector* inspector() const { return inspector_; }
    RunsModel* runsModel() const { return runsModel_; }
    RunsPanel* runsPanel() const { return runsPanel_; }
    TrainingPanel* trainingPanel() const { return training_; }
    TrainingQueue* trainingQueue() const { return queue_; }
    ChartsPanel* chartsPanel() const { return charts_; }
    JobRunner* jobs() const { return jobs_; }
    // The demo's default location (under the user's data directory).
    static QString defaultDemoDir();

public Q_SLOTS:
    void openProject(const QString& path);
    void openDemo(const QString& dir, const fglens::demo::DemoOptions& options);
    void openDefaultDemo();
    void compareRuns(const QList<qint64>& runIds);
    void evaluateRun(qint64 runId);
    void evaluateBaselineIntoLog();
    // Your own data (ui/project/project_actions.cpp): File → New Project…,
    // Experiments → Encode with CLIP… and Import FG-CLIP Heads….
    void newProjectDialog();
    // Encodes what the open project lacks; empty paths: the project's
    // checkpoint, else asked for. Each cache joins the project as it completes.
    void encodeWithClip(const QString& model = QString(), const QString& vocab = QString());
    void importFgclipHeads(const QStringList& files);

Q_SIGNALS:
    // The project is shown (or failed to load: ok false, with the reason).
    void projectLoaded(bool ok, const QString& error);
    void comparisonLoaded();
    // Emitted by the unattended screenshot mode when everything it waits for is shown.
    void screenshotReady(bool ok, const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void evaluateIntoLogJob(const QString& title, const QString& head, const QString& weights,
                            std::optional<int64_t> parentRunId);
    void createDocks();
    void createMenus();
    void createProjectActions(QMenu* file, QMenu* experiments);
    void createStatusBar();
    void restoreSettings();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void updateSummary();
    void showError(const QString& title, const QString& message);
    void onProjectReady();
    void onJobFinished(bool ok, bool cancelled, const QString& error);
    void openProjectDialog();
    void exportFiguresDialog();
    void setLanguage(const QString& code);

    ProjectSession* session_;
    JobRunner* jobs_;
    JobRunner* compare_;
    RunsModel* runsModel_;
    TrainingQueue* queue_;
    ObjectBrowser* browser_;
    ObjectInspector* inspector_;
    RunsPanel* runsPanel_;
    TrainingPanel* training_;
    ChartsPanel* charts_;
    QDockWidget* inspectorDock_;
    QDockWidget* runsDock_;
    QDockWidget* trainingDock_;
    QDockWidget* chartsDock_;
    QMenu* recentMenu_;
    QMenu* viewMenu_;
    QAction* closeAction_;
    QAction* baselineAction_;
    QLabel* summary_;
    QLabel* jobLabel_;
    QProgressBar* jobProgress_;
    QToolButton* stopButton_;
    QString pendingPath_;
    bool firstStart_ = false;
};

} // namespace fglens::ui

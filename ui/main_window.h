#pragma once
// The workbench window: the object browser and the charts as tabs of the
// central area, the inspector, runs and training as docks around them;
// project loading and evaluations run on worker threads with their progress
// in the status bar. Layout and compared runs persist across restarts.
#include <QMainWindow>
#include <QStringList>

#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace fglens::demo {
struct DemoOptions;
}

namespace fglens::ui {

class ChartsPanel;
class JobRunner;
struct LoadedProject;
class MissingNotice;
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
    // persistLayout false: start from the default layout and save nothing
    // (unattended screenshots must not depend on the user's last session).
    explicit MainWindow(QWidget* parent = nullptr, bool persistLayout = true);
    ~MainWindow() override;

    ProjectSession* session() const { return session_; }
    ObjectBrowser* browser() const { return browser_; }
    ObjectInspector* inspector() const { return inspector_; }
    RunsModel* runsModel() const { return runsModel_; }
    RunsPanel* runsPanel() const { return runsPanel_; }
    TrainingPanel* trainingPanel() const { return training_; }
    TrainingQueue* trainingQueue() const { return queue_; }
    ChartsPanel* chartsPanel() const { return charts_; }
    MissingNotice* chartsNotice() const { return chartsNotice_; }
    JobRunner* jobs() const { return jobs_; }
    QTabWidget* centralTabs() const { return tabs_; }
    QAction* reproduceAction() const { return reproduceAction_; }
    // The training preset that fits the open project ("demo" for the demo).
    QString projectPreset() const;
    // Writes geometry, dock state, the current tab and column widths.
    void saveLayout() const;
    // A panel as a dock that View → Docks lists and Reset Layout puts back:
    // in `area`, tabbed behind `tabWith` when given. `name` must be stable
    // (saveState() keys docks by it). Call before the window is first shown.
    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const QString& name, Qt::DockWidgetArea area,
                              QDockWidget* tabWith = nullptr);
    QDockWidget* runsDock() const { return runsDock_; }
    // The demo's default location (under the user's data directory).
    static QString defaultDemoDir();

public Q_SLOTS:
    void openProject(const QString& path);
    void openDemo(const QString& dir, const fglens::demo::DemoOptions& options);
    void openDefaultDemo();
    void compareRuns(const QList<qint64>& runIds);
    void evaluateRun(qint64 runId);
    void evaluateBaselineIntoLog();
    // Queues the paper's whole protocol, as `fglens-cli reproduce` runs it.
    void reproducePaper();
    // "objects" or "charts" (central tabs), "inspector", "runs" or
    // "training" (docks): brings it to the front.
    void showView(const QString& name);
    // Every dock back where a first start puts it, sized for the window.
    void resetLayout();
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
    void createFileMenu();
    void createViewMenu();
    void createExperimentsMenu();
    void createSettingsMenu();
    void createHelpMenu();
    void createProjectActions(QMenu* file, QMenu* experiments);
    // What the open project lacks, said in the charts and training views.
    void updateMissingNotices();
    void reloadKeepingSelection(LoadedProject loaded);
    void createStatusBar();
    void restoreSettings();
    void applyDefaultDockSizes();
    void startCompare(const QList<qint64>& runIds);
    void saveComparedRuns();
    void restoreComparedRuns();
    void updateRunsHint();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void updateSummary();
    void showError(const QString& title, const QString& message);
    void onProjectReady();
    void onJobFinished(bool ok, bool cancelled, const QString& error);
    void openProjectDialog();
    void openLogDialog();
    void warnAboutLogLocation(const QString& location);
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
    MissingNotice* chartsNotice_;
    QTabWidget* tabs_;
    QDockWidget* inspectorDock_;
    QDockWidget* runsDock_;
    QDockWidget* trainingDock_;
    struct DockPlace {
        QDockWidget* dock;
        Qt::DockWidgetArea area;
        QDockWidget* tabWith;
    };
    std::vector<DockPlace> dockPlaces_;   // in creation order: Reset Layout replays it
    QMenu* docksMenu_ = nullptr;
    QMenu* recentMenu_;
    QMenu* viewMenu_;
    QAction* closeAction_;
    QAction* baselineAction_;
    QAction* reproduceAction_;
    QLabel* summary_;
    QLabel* jobLabel_;
    QProgressBar* jobProgress_;
    QToolButton* stopButton_;
    QString pendingPath_;
    bool firstStart_ = false;
    const bool persistLayout_;
    // Compared runs are saved only once the project's own list has been read.
    bool projectReady_ = false;
    QList<qint64> pendingCompare_;   // asked for while a comparison was loading
};

} // namespace fglens::ui

#include "main_window.h"

#include "demo/demo_encoder.h"

#include "browser/object_browser.h"
#include "charts/charts_panel.h"
#include "common/job_runner.h"
#include "common/qt_text.h"
#include "detectors/detector_actions.h"
#include "export/figure_export.h"
#include "inspector/object_inspector.h"
#include "model/project_loader.h"
#include "model/project_session.h"
#include "project/missing_notice.h"
#include "runs/runs_model.h"
#include "runs/runs_panel.h"
#include "training/training_panel.h"
#include "training/training_queue.h"

#include "common/runtime.h"
#include "demo/demo_project.h"
#include "store/experiment_log.h"
#include "store/log_location.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <iterator>
#include <utility>

namespace fglens::ui {

namespace {
constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("recentProjects");
// Bumped when the docks change, so an older saved layout is not half-applied.
constexpr int kLayoutVersion = 2;
const QString kComparedKey = QStringLiteral("comparedRuns");   // log path -> run ids

// A settings key for a log: a file's absolute path, a server URI without its password.
QString logKey(const QString& location)
{
    const std::string l = ss(location);
    return isPostgresUri(l) ? qs(redactedLocation(l)) : QFileInfo(location).absoluteFilePath();
}
}

MainWindow::MainWindow(QWidget* parent, bool persistLayout)
    : QMainWindow(parent)
    , session_(new ProjectSession(this))
    , jobs_(new JobRunner(this))
    , compare_(new JobRunner(this))
    , runsModel_(new RunsModel(this))
    , queue_(new TrainingQueue(this))
    , persistLayout_(persistLayout)
{
    setWindowTitle(tr("FG-Lens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/fglens.svg")));
    setDockNestingEnabled(true);

    browser_ = new ObjectBrowser(session_, this);
    charts_ = new ChartsPanel(session_, this);
    chartsNotice_ = new MissingNotice(this);
    charts_->setBanner(chartsNotice_);
    // The charts share the central area with the browser: either can have
    // the whole window when the docks are closed or in full screen.
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("centralTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(browser_, tr("&Objects"));
    tabs_->addTab(charts_, tr("C&harts"));
    tabs_->setTabToolTip(0, tr("Browse and filter the benchmarks' objects (Ctrl+1)"));
    tabs_->setTabToolTip(1, tr("Mean Rank per benchmark, Rank vs negatives and the trade-off (Ctrl+2)"));
    setCentralWidget(tabs_);
    createDocks();
    createMenus();
    createStatusBar();

    connect(browser_, &ObjectBrowser::currentObjectChanged, inspector_, &ObjectInspector::showObject);
    connect(browser_->proxy(), &QAbstractItemModel::modelReset, this,
            [this] { charts_->setFilterDescription(browser_->filterDescription()); });
    connect(charts_, &ChartsPanel::barClicked, this, [this](const QString& setKey, const QString& bench) {
        // A bar is one head on one benchmark: show exactly those objects,
        // failures first, so the bar's height can be explained.
        browser_->setPrimarySet(setKey);
        browser_->setBenchmarkFilter(bench);
        browser_->tableView()->sortByColumn(5, Qt::DescendingOrder);
        tabs_->setCurrentWidget(browser_);
        statusBar()->showMessage(tr("Browser filtered to %1 under %2").arg(bench, setKey), 5000);
    });
    connect(charts_, &ChartsPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(runsPanel_, &RunsPanel::compareRequested, this, &MainWindow::compareRuns);
    connect(runsPanel_, &RunsPanel::evaluateRequested, this, &MainWindow::evaluateRun);
    connect(runsPanel_->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const auto ids = runsPanel_->selectedRunIds();
        std::optional<qint64> candidate;
        if (ids.size() == 1) {
            const int row = runsModel_->rowOfRun(ids.front());
            if (row >= 0 && runsModel_->run(row).status == RunStatus::Cancelled)
                candidate = ids.front();
        }
        training_->setResumeCandidate(candidate);
    });
    connect(runsModel_, &RunsModel::errorOccurred, this,
            [this](const QString& m) { statusBar()->showMessage(tr("Experiment log: %1").arg(m), 10000); });
    connect(training_, &TrainingPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(queue_, &TrainingQueue::runStarted, this, [this] {
        // The run row exists as soon as training starts: show it at once.
        runsPanel_->setLiveRefresh(true);
    });
    connect(queue_, &TrainingQueue::stepReported, this, [this](int, qint64 step) {
        if (step == 1)
            runsModel_->reload();
    });
    connect(queue_, &TrainingQueue::runEnded, this, [this](qint64 runId, const QString& status, const QString& error) {
        runsPanel_->setLiveRefresh(queue_->isRunning());
        runsModel_->reload();
        if (status == QLatin1String("failed"))
            showError(tr("Training failed"), error);
        else if (status == QLatin1String("finished") && runId > 0)
            compareRuns({runId});
    });
    connect(jobs_, &JobRunner::finished, this, &MainWindow::onJobFinished);
    connect(session_, &ProjectSession::projectChanged, this, &MainWindow::updateSummary);
    connect(session_, &ProjectSession::resultSetsChanged, this, &MainWindow::updateSummary);
    connect(runsModel_, &QAbstractItemModel::modelReset, this, &MainWindow::updateSummary);
    connect(runsModel_, &QAbstractItemModel::modelReset, this, &MainWindow::updateRunsHint);
    connect(browser_, &ObjectBrowser::primarySetChanged, inspector_, &ObjectInspector::setHighlightedSet);
    // After the browser has rebuilt its boxes (it connected first).
    connect(session_, &ProjectSession::resultSetsChanged, this, [this] {
        inspector_->setHighlightedSet(browser_->primarySetKey());
        saveComparedRuns();
    });

    // Detectors beside CLIP: import, the Q1 dock (before restoreSettings, which places docks).
    new DetectorActions(this);
    restoreSettings();
    updateSummary();
    updateRunsHint();
}

MainWindow::~MainWindow()
{
    // Stop workers before the models they report to go away.
    queue_->clearPending();
    queue_->cancelCurrent();
    jobs_->cancel();
    compare_->cancel();
}

QString MainWindow::defaultDemoDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/demo");
}

void MainWindow::createDocks()
{
    inspector_ = new ObjectInspector(session_, this);
    runsPanel_ = new RunsPanel(runsModel_, this);
    training_ = new TrainingPanel(queue_, runsModel_, this);

    inspectorDock_ = addPanelDock(inspector_, tr("Inspector"), QStringLiteral("inspectorDock"),
                                  Qt::RightDockWidgetArea);
    runsDock_ = addPanelDock(runsPanel_, tr("Runs"), QStringLiteral("runsDock"), Qt::BottomDockWidgetArea);
    trainingDock_ = addPanelDock(training_, tr("Training"), QStringLiteral("trainingDock"),
                                 Qt::BottomDockWidgetArea, runsDock_);
    runsDock_->raise();
    // Runs and training span the full width (the runs table has many
    // columns, the training form two); the inspector takes the top right.
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
}

QDockWidget* MainWindow::addPanelDock(QWidget* panel, const QString& title, const QString& name,
                                      Qt::DockWidgetArea area, QDockWidget* tabWith)
{
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(panel);
    addDockWidget(area, d);
    if (tabWith)
        tabifyDockWidget(tabWith, d);
    dockPlaces_.push_back({d, area, tabWith});
    if (docksMenu_)   // docks made after the menus (feature modules) join the list before Reset Layout
        docksMenu_->insertAction(docksMenu_->actions().value(docksMenu_->actions().size() - 1), d->toggleViewAction());
    return d;
}

void MainWindow::createMenus()
{
    createFileMenu();
    createViewMenu();
    createExperimentsMenu();
    createSettingsMenu();
    createHelpMenu();
}

void MainWindow::createFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Project…"), this, &MainWindow::openProjectDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &Demo Project"), this, &MainWindow::openDefaultDemo);
    file->addAction(tr("Open Experiment &Log…"), this, &MainWindow::openLogDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(tr("&Export Figures…"), this, &MainWindow::exportFiguresDialog);
    file->addSeparator();
    closeAction_ = file->addAction(tr("&Close Project"), this, [this] {
        queue_->clearPending();
        queue_->cancelCurrent();
        projectReady_ = false;
        pendingCompare_.clear();
        session_->close();
        runsModel_->setLogPath(QString());
        queue_->setProject(nullptr, QString());
        updateRunsHint();
    });
    closeAction_->setShortcut(QKeySequence::Close);
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::createViewMenu()
{
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    const std::pair<QString, QKeySequence> places[] = {
        {QStringLiteral("objects"), QKeySequence(Qt::CTRL | Qt::Key_1)},
        {QStringLiteral("charts"), QKeySequence(Qt::CTRL | Qt::Key_2)},
        {QStringLiteral("inspector"), QKeySequence(Qt::CTRL | Qt::Key_3)},
        {QStringLiteral("runs"), QKeySequence(Qt::CTRL | Qt::Key_4)},
        {QStringLiteral("training"), QKeySequence(Qt::CTRL | Qt::Key_5)},
    };
    const QString titles[] = {tr("&Objects"), tr("C&harts"), tr("&Inspector"), tr("R&uns"), tr("&Training")};
    for (size_t i = 0; i < std::size(places); ++i) {
        QAction* a = viewMenu_->addAction(titles[i], this, [this, name = places[i].first] { showView(name); });
        a->setShortcut(places[i].second);
        a->setObjectName(QStringLiteral("show-") + places[i].first);
    }
    viewMenu_->addSeparator();
    QMenu* docks = viewMenu_->addMenu(tr("&Docks"));
    for (const DockPlace& p : dockPlaces_)
        docks->addAction(p.dock->toggleViewAction());
    docksMenu_ = docks;
    QAction* restore = docks->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    restore->setToolTip(tr("Put every dock back where a first start has it"));
    viewMenu_->addSeparator();
    // j/k as in mail readers and image viewers, wherever the focus is
    // (line edits keep their letters: they override shortcuts for text).
    QAction* next = viewMenu_->addAction(tr("&Next Object"), browser_, &ObjectBrowser::selectNext);
    next->setShortcut(QKeySequence(Qt::Key_J));
    QAction* prev = viewMenu_->addAction(tr("&Previous Object"), browser_, &ObjectBrowser::selectPrevious);
    prev->setShortcut(QKeySequence(Qt::Key_K));
    QAction* reset = viewMenu_->addAction(tr("&Reset Filters"), browser_, &ObjectBrowser::resetFilters);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction* full = viewMenu_->addAction(tr("&Full Screen"), this, [this](bool on) {
        on ? showFullScreen() : showNormal();
    });
    full->setCheckable(true);
    full->setShortcut(QKeySequence::FullScreen);
}

void MainWindow::createExperimentsMenu()
{
    QMenu* experiments = menuBar()->addMenu(tr("E&xperiments"));
    reproduceAction_ = experiments->addAction(tr("&Reproduce the Paper"), this, &MainWindow::reproducePaper);
    reproduceAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    reproduceAction_->setToolTip(tr("Queue the CLIP baseline, then warm-up and fine-tune of every head, as "
                                    "fglens-cli reproduce runs them"));
    reproduceAction_->setStatusTip(reproduceAction_->toolTip());
    experiments->addSeparator();
    baselineAction_ = experiments->addAction(tr("Evaluate CLIP &Baseline into Log"), this,
                                             &MainWindow::evaluateBaselineIntoLog);
    QAction* train = experiments->addAction(tr("&Train a Head…"), this, [this] { showView(QStringLiteral("training")); });
    train->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* compare = experiments->addAction(tr("&Compare Selected Runs"), this,
                                              [this] { compareRuns(runsPanel_->selectedRunIds()); });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    // File's first menu entry: New Project…; Experiments: Encode and Import.
    createProjectActions(menuBar()->actions().value(0)->menu(), experiments);
}

void MainWindow::createSettingsMenu()
{
    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    QMenu* language = settings->addMenu(tr("&Language"));
    auto* group = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("language")).toString();
    const std::pair<QString, QString> languages[] = {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
        {QStringLiteral("it_IT"), QStringLiteral("Italiano")},
    };
    for (const auto& [code, name] : languages) {
        QAction* a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        a->setData(code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
    }
}

void MainWindow::createHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About FG-Lens"), this, [this] {
        QMessageBox::about(this, tr("About FG-Lens"),
                           tr("<h3>FG-Lens %1</h3><p>A workbench for fine-grained vision-language research: "
                              "inspect FG-OVD errors, train similarity heads on frozen CLIP embeddings, and "
                              "export charts and tables for papers.</p><p>Commit %2.</p>")
                               .arg(qs(programVersion()), qs(gitCommit())));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::resetLayout()
{
    for (const DockPlace& p : dockPlaces_) {
        p.dock->setFloating(false);
        p.dock->show();
        addDockWidget(p.area, p.dock);
        if (p.tabWith)
            tabifyDockWidget(p.tabWith, p.dock);
    }
    runsDock_->raise();
    applyDefaultDockSizes();
}

void MainWindow::showView(const QString& name)
{
    if (name == QLatin1String("objects") || name == QLatin1String("browser")) {
        tabs_->setCurrentWidget(browser_);
        return;
    }
    if (name == QLatin1String("charts")) {
        tabs_->setCurrentWidget(charts_);
        return;
    }
    for (QDockWidget* d : {inspectorDock_, runsDock_, trainingDock_})
        if (d->objectName().startsWith(name)) {
            d->show();
            d->raise();
            if (d->widget())
                d->widget()->setFocus();
        }
}

void MainWindow::createStatusBar()
{
    summary_ = new QLabel(this);
    summary_->setTextFormat(Qt::RichText);
    jobLabel_ = new QLabel(this);
    jobProgress_ = new QProgressBar(this);
    jobProgress_->setMaximumWidth(220);
    jobProgress_->setTextVisible(true);
    stopButton_ = new QToolButton(this);
    stopButton_->setText(tr("Stop"));
    stopButton_->setToolTip(tr("Cancel the running job"));
    statusBar()->addWidget(summary_, 1);
    statusBar()->addPermanentWidget(jobLabel_);
    statusBar()->addPermanentWidget(jobProgress_);
    statusBar()->addPermanentWidget(stopButton_);
    jobLabel_->hide();
    jobProgress_->hide();
    stopButton_->hide();
    connect(stopButton_, &QToolButton::clicked, jobs_, &JobRunner::cancel);
    connect(jobs_, &JobRunner::started, this, [this](const QString& title) {
        jobLabel_->setText(title);
        jobProgress_->setRange(0, 0);
        jobLabel_->show();
        jobProgress_->show();
        stopButton_->show();
    });
    connect(jobs_, &JobRunner::progress, this,
            [this](const QString& stage, qint64 done, qint64 total, const QString& message) {
                jobLabel_->setText(message.isEmpty() ? stage : stage + QStringLiteral(": ") + message);
                if (total > 0) {
                    jobProgress_->setRange(0, 1000);
                    jobProgress_->setValue(static_cast<int>(1000 * done / total));
                } else {
                    jobProgress_->setRange(0, 0);
                }
            });
}

void MainWindow::restoreSettings()
{
    rebuildRecentMenu();
    firstStart_ = true;
    resize(1440, 900);
    if (!persistLayout_)
        return;
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    firstStart_ = !restoreState(s.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
    tabs_->setCurrentIndex(std::clamp(s.value(QStringLiteral("window/tab"), 0).toInt(), 0, tabs_->count() - 1));
    runsPanel_->restoreLayout(s);
    training_->restoreLayout(s);
    browser_->tableView()->horizontalHeader()->restoreState(s.value(QStringLiteral("objects/header")).toByteArray());
}

void MainWindow::saveLayout() const
{
    if (!persistLayout_)
        return;
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    s.setValue(QStringLiteral("window/tab"), tabs_->currentIndex());
    runsPanel_->saveLayout(s);
    training_->saveLayout(s);
    s.setValue(QStringLiteral("objects/header"), browser_->tableView()->horizontalHeader()->saveState());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!firstStart_)
        return;
    firstStart_ = false;
    // First start: dock sizes only mean something once the window has its size.
    QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);
}

void MainWindow::applyDefaultDockSizes()
{
    // The inspector's compact run columns need less than the browser; the
    // bottom docks get what the two-column training form needs.
    resizeDocks({inspectorDock_}, {std::clamp(width() * 2 / 5, 420, 680)}, Qt::Horizontal);
    resizeDocks({runsDock_}, {std::clamp(height() / 3, 250, 340)}, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (queue_->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Training in progress"),
            tr("A training run is in progress. Cancel it and quit? It can be resumed later from its checkpoint."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    saveLayout();
    queue_->clearPending();
    queue_->cancelCurrent();
    jobs_->cancel();
    event->accept();
}

void MainWindow::addRecent(const QString& path)
{
    QSettings s;
    QStringList recent = s.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    s.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(QDir::toNativeSeparators(path), this, [this, path] { openProject(path); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::openProjectDialog()
{
    const QString start = QSettings().value(QStringLiteral("lastProjectDir"), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open FG-Lens project"), start,
                                                      tr("FG-Lens project (project.json);;JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("lastProjectDir"), QFileInfo(path).absolutePath());
    openProject(path);
}

void MainWindow::openProject(const QString& path)
{
    if (jobs_->isRunning()) {
        statusBar()->showMessage(tr("Wait for “%1” to finish, or stop it.").arg(jobs_->title()), 5000);
        return;
    }
    auto loaded = std::make_shared<LoadedProject>();
    pendingPath_ = path;
    jobs_->start(
        tr("Opening %1").arg(QFileInfo(path).fileName()),
        [path, loaded](const JobContext& ctx) { *loaded = loadProject(path, ctx); },
        [this, loaded] {
            queue_->setProject(nullptr, QString());
            projectReady_ = false;
            pendingCompare_.clear();
            session_->setProject(std::move(*loaded));
            onProjectReady();
        });
}

void MainWindow::openDefaultDemo()
{
    openDemo(defaultDemoDir(), demo::DemoOptions{});
}

void MainWindow::openDemo(const QString& dir, const demo::DemoOptions& options)
{
    if (jobs_->isRunning()) {
        statusBar()->showMessage(tr("Wait for “%1” to finish, or stop it.").arg(jobs_->title()), 5000);
        return;
    }
    auto loaded = std::make_shared<LoadedProject>();
    pendingPath_ = dir;
    jobs_->start(
        tr("Opening the demo project"),
        [dir, options, loaded](const JobContext& ctx) {
            const QString manifest = ensureDemoProject(dir, options, ctx);
            *loaded = loadProject(manifest, ctx);
        },
        [this, loaded] {
            projectReady_ = false;
            pendingCompare_.clear();
            session_->setProject(std::move(*loaded));
            onProjectReady();
        });
}

void MainWindow::openLogDialog()
{
    if (!session_->isLoaded()) {
        showError(tr("Experiment log"), tr("Open a project first: its runs are trained and evaluated on its data."));
        return;
    }
    bool ok = false;
    // The current location is shown without its password: the user retypes none of it.
    const QString location =
        QInputDialog::getText(this, tr("Open Experiment Log"),
                              tr("A SQLite file, or a PostgreSQL URI such as postgresql://user@host:5432/fglens\n"
                                 "(the password comes from ~/.pgpass or PGPASSWORD):"),
                              QLineEdit::Normal, qs(redactedLocation(ss(session_->logPath()))), &ok)
            .trimmed();
    if (!ok || location.isEmpty())
        return;
    const QString resolved = isPostgresUri(ss(location)) ? location : QFileInfo(location).absoluteFilePath();
    const QString error = runsModel_->setLogPath(resolved);
    if (!error.isEmpty()) {
        showError(tr("Experiment log"), error);
        runsModel_->setLogPath(session_->logPath());   // back to the log that worked
        return;
    }
    session_->setLogPath(resolved);
    queue_->setProject(session_->data(), resolved);
    warnAboutLogLocation(resolved);
    updateSummary();
    updateRunsHint();
}

void MainWindow::warnAboutLogLocation(const QString& location)
{
    const auto fs = networkFilesystemOf(ss(location));
    if (fs)
        statusBar()->showMessage(tr("Warning: the experiment log is on a network file system (%1), where SQLite's "
                                    "locking cannot be trusted; share runs through a PostgreSQL log instead.")
                                     .arg(qs(*fs)),
                                 30000);
}

void MainWindow::onProjectReady()
{
    const ProjectSummary& s = session_->summary();
    const QString error = runsModel_->setLogPath(s.logPath);
    if (!error.isEmpty())
        showError(tr("Experiment log"), error);
    else
        warnAboutLogLocation(s.logPath);
    queue_->setProject(session_->data(), s.logPath);
    updateMissingNotices();
    training_->setPreset(projectPreset());
    addRecent(s.manifest);
    setWindowTitle(tr("%1 — FG-Lens").arg(s.name.isEmpty() ? QFileInfo(s.manifest).dir().dirName() : s.name));
    updateSummary();
    if (browser_->visibleCount() > 0 && browser_->currentObject().first < 0)
        browser_->selectNext();
    pendingPath_.clear();
    updateRunsHint();
    restoreComparedRuns();
    Q_EMIT projectLoaded(true, QString());
}

QString MainWindow::projectPreset() const
{
    // The demo's small sets need the demo preset's larger steps (README, presets).
    return session_->isLoaded() && session_->summary().encoder == QLatin1String(demo::DemoEncoder::name())
               ? QStringLiteral("demo")
               : QStringLiteral("released");
}

void MainWindow::reproducePaper()
{
    if (!session_->isLoaded()) {
        statusBar()->showMessage(tr("Open a project first: File → Open Project, or File → Open Demo Project."), 8000);
        return;
    }
    const QString preset = projectPreset();
    const auto requests = reproduceRequests(preset);
    for (const TrainRequest& r : requests)
        queue_->enqueue(r);
    showView(QStringLiteral("training"));
    statusBar()->showMessage(tr("Queued the paper's protocol: %n run(s) with the %1 preset. Each finished run "
                                "joins the comparison.",
                                nullptr, static_cast<int>(requests.size()))
                                 .arg(preset),
                             10000);
}

void MainWindow::updateRunsHint()
{
    if (!session_->isLoaded())
        runsPanel_->setEmptyHint(tr("<p><b>No project open.</b></p><p>File → Open Project (Ctrl+O), or File → Open "
                                    "Demo Project to try FG-Lens on a small built-in project.</p>"));
    else
        runsPanel_->setEmptyHint(tr("<p><b>No runs yet.</b></p><p>Experiments → Reproduce the Paper (Ctrl+Shift+P) "
                                    "queues the CLIP baseline and every head's warm-up and fine-tune; or pick a head "
                                    "under Training (Ctrl+5) and press Launch.</p>"));
}

void MainWindow::saveComparedRuns()
{
    if (!persistLayout_ || !projectReady_ || !session_->isLoaded())
        return;
    QVariantList ids;
    for (int i = 0; i < session_->resultSetCount(); ++i)
        if (const auto set = session_->resultSet(i); set->runId > 0)
            ids << QVariant::fromValue<qint64>(set->runId);
    QSettings s;
    QVariantMap all = s.value(kComparedKey).toMap();
    all.insert(logKey(session_->logPath()), ids);
    s.setValue(kComparedKey, all);
}

void MainWindow::restoreComparedRuns()
{
    projectReady_ = true;
    if (!persistLayout_)
        return;
    const QVariantList saved =
        QSettings().value(kComparedKey).toMap().value(logKey(session_->logPath())).toList();
    QList<qint64> ids;
    for (const QVariant& v : saved)
        if (runsModel_->rowOfRun(v.toLongLong()) >= 0)   // runs deleted since are dropped
            ids << v.toLongLong();
    if (!ids.isEmpty())
        compareRuns(ids);
}

void MainWindow::onJobFinished(bool ok, bool cancelled, const QString& error)
{
    jobLabel_->hide();
    jobProgress_->hide();
    stopButton_->hide();
    if (ok)
        return;
    const bool wasLoading = !pendingPath_.isEmpty();
    if (cancelled)
        statusBar()->showMessage(tr("Cancelled."), 5000);
    else
        showError(tr("FG-Lens"), error);
    if (wasLoading) {
        pendingPath_.clear();
        Q_EMIT projectLoaded(false, cancelled ? tr("cancelled") : error);
    }
}

void MainWindow::updateSummary()
{
    if (!session_->isLoaded()) {
        summary_->setText(tr("No project. Open one with File → Open Project, or File → Open Demo Project."));
        closeAction_->setEnabled(false);
        baselineAction_->setEnabled(false);
        return;
    }
    closeAction_->setEnabled(true);
    baselineAction_->setEnabled(true);
    const ProjectSummary& s = session_->summary();
    const QLocale loc;
    QStringList parts;
    parts << tr("<b>%1</b>: %n benchmark(s)", nullptr, static_cast<int>(session_->benchmarks().size()))
                 .arg(s.name.toHtmlEscaped());
    parts << tr("%1 objects").arg(loc.toString(s.objects));
    if (s.imagesMissing == 0)
        parts << tr("%1 images found").arg(loc.toString(s.imagesPresent));
    else if (s.imageRoot.isEmpty())
        parts << tr("<span style=\"color:#c62828\">no image root: %1 images not shown</span>").arg(loc.toString(s.images));
    else
        parts << tr("<span style=\"color:#c62828\">%1 of %2 images not found under %3</span>")
                     .arg(loc.toString(s.imagesMissing), loc.toString(s.images), s.imageRoot.toHtmlEscaped());
    if (s.captionsWithoutEmbedding > 0)
        parts << tr("<span style=\"color:#c62828\">%1 captions without embeddings</span>")
                     .arg(loc.toString(s.captionsWithoutEmbedding));
    else
        parts << tr("every caption embedded");
    parts << tr("%n run(s) in the log", nullptr, runsModel_->rowCount());
    if (!s.unavailable.isEmpty())
        parts << tr("missing: %1").arg(s.unavailable.join(QStringLiteral(", ")).toHtmlEscaped());
    if (s.captionsWithoutEmbedding > 0)
        parts << tr("scores need CLIP features: Experiments → Encode with CLIP…");
    summary_->setText(parts.join(QStringLiteral(" · ")));
    QString tip = tr("Manifest: %1\nImage root: %2\nLog: %3").arg(s.manifest, s.imageRoot, qs(redactedLocation(ss(s.logPath))));
    if (!s.firstMissingImages.isEmpty())
        tip += tr("\nFirst missing images:\n  %1").arg(s.firstMissingImages.join(QStringLiteral("\n  ")));
    summary_->setToolTip(tip);
}

void MainWindow::compareRuns(const QList<qint64>& runIds)
{
    if (!session_->isLoaded() || runIds.isEmpty())
        return;
    if (compare_->isRunning()) {
        // Loaded as soon as the current comparison is in (runs finishing
        // one after another in a queued protocol arrive this way).
        for (qint64 id : runIds)
            if (!pendingCompare_.contains(id))
                pendingCompare_ << id;
        return;
    }
    startCompare(runIds);
}

void MainWindow::startCompare(const QList<qint64>& runIds)
{
    const QString logPath = session_->logPath();
    auto sets = std::make_shared<std::vector<std::shared_ptr<ResultSet>>>();
    compare_->start(
        tr("Loading runs"),
        [logPath, runIds, sets](const JobContext& ctx) {
            const ExperimentLog log(ss(logPath));   // this thread's own connection
            for (qint64 id : runIds) {
                ctx.checkCancelled();
                const auto run = log.run(id);
                if (run)
                    sets->push_back(resultSetFromLog(log, *run));
            }
        },
        [this, sets] {
            QStringList empty;
            for (auto& s : *sets) {
                if (s->benches.empty() && s->metrics.empty())
                    empty << s->label;
                session_->addResultSet(s);
            }
            if (!empty.isEmpty())
                statusBar()->showMessage(
                    tr("No results logged yet for %1: evaluate them into the log.").arg(empty.join(QStringLiteral(", "))),
                    8000);
            if (!sets->empty())
                browser_->setPrimarySet(sets->back()->key);
            Q_EMIT comparisonLoaded();
        });
    connect(compare_, &JobRunner::finished, this, [this](bool ok, bool, const QString& error) {
        if (!ok && !error.isEmpty())
            showError(tr("Compare runs"), error);
        if (!pendingCompare_.isEmpty() && session_->isLoaded()) {
            const QList<qint64> next = std::exchange(pendingCompare_, {});
            // After the runner has fully finished this job.
            QTimer::singleShot(0, this, [this, next] { compareRuns(next); });
        }
    }, Qt::SingleShotConnection);
}

void MainWindow::evaluateRun(qint64 runId)
{
    const int row = runsModel_->rowOfRun(runId);
    if (row < 0 || !session_->isLoaded())
        return;
    const RunRecord run = runsModel_->run(row);
    evaluateIntoLogJob(tr("Evaluating run %1").arg(runId), qs(run.headKind), qs(run.weightsPath), runId);
}

void MainWindow::evaluateBaselineIntoLog()
{
    if (session_->isLoaded())
        evaluateIntoLogJob(tr("Evaluating the CLIP baseline"), QStringLiteral("cosine"), QString(), std::nullopt);
}

// One logged evaluation on the job runner; the new run is compared when it ends.
void MainWindow::evaluateIntoLogJob(const QString& title, const QString& head, const QString& weights,
                                    std::optional<int64_t> parentRunId)
{
    if (jobs_->isRunning()) {
        statusBar()->showMessage(tr("Wait for “%1” to finish, or stop it.").arg(jobs_->title()), 5000);
        return;
    }
    auto data = session_->data();
    const QString logPath = session_->logPath();
    auto newId = std::make_shared<int64_t>(0);
    pendingPath_.clear();
    jobs_->start(
        title,
        [data, logPath, head, weights, parentRunId, newId](const JobContext& ctx) {
            *newId = evaluateIntoLog(*data, logPath, head, weights, parentRunId, ctx);
        },
        [this, newId] {
            runsModel_->reload();
            compareRuns({*newId});
        });
}

void MainWindow::exportFiguresDialog()
{
    if (!session_->isLoaded())
        return;
    QSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export every chart to"),
                                                          settings.value(QStringLiteral("export/dir")).toString());
    if (dir.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/dir"), dir);
    QString error;
    const QStringList files =
        writeFigures(charts_->currentCharts(), dir, settings.value(QStringLiteral("export/dpi"), 300).toInt(), &error);
    if (!error.isEmpty())
        showError(tr("Export figures"), error);
    else
        statusBar()->showMessage(tr("Wrote %n file(s) to %1", nullptr, static_cast<int>(files.size()))
                                     .arg(QDir::toNativeSeparators(dir)),
                                 8000);
}

void MainWindow::setLanguage(const QString& code)
{
    QSettings().setValue(QStringLiteral("language"), code);
    QMessageBox::information(this, tr("Language"), tr("The language changes the next time FG-Lens starts."));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    // Tests and --screenshot run without a user to dismiss dialogs.
    if (qEnvironmentVariableIsSet("FGLENS_NO_DIALOGS"))
        return;
    QMessageBox::warning(this, title, message);
}

} // namespace fglens::ui

#include "detectors/detector_actions.h"

#include "charts/chart_data.h"
#include "common/job_runner.h"
#include "common/qt_text.h"
#include "detectors/q1_panel.h"
#include "main_window.h"
#include "model/project_session.h"
#include "runs/runs_model.h"

#include "common/error.h"
#include "data/fgovd.h"
#include "data/project.h"
#include "eval/detector_import.h"
#include "store/experiment_log.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>

#include <memory>

namespace fglens::ui {

DetectorActions::DetectorActions(MainWindow* window)
    : QObject(window)
    , window_(window)
{
    panel_ = new Q1Panel(window->session(), window);
    dock_ = window->addPanelDock(panel_, tr("Detectors vs CLIP (Q1)"), QStringLiteral("q1Dock"),
                                 Qt::BottomDockWidgetArea, window->runsDock());
    window->runsDock()->raise();

    // File is the first menu, View the second (MainWindow::createMenus).
    const auto menus = window->menuBar()->actions();
    if (QMenu* file = menus.value(0) ? menus.value(0)->menu() : nullptr) {
        auto* a = new QAction(tr("Import &Detector Predictions…"), this);
        a->setObjectName(QStringLiteral("importDetectorPredictions"));
        a->setToolTip(tr("Rank an FG-OVD detector's predictions (pickle or JSON) exactly as FG-OVD does and log "
                         "them as a run of stage “detector”"));
        a->setStatusTip(a->toolTip());
        connect(a, &QAction::triggered, this, &DetectorActions::importDialog);
        // Before "Export Figures…": with the other ways data comes in.
        QAction* before = nullptr;
        for (QAction* x : file->actions())
            if (x->text().contains(QLatin1String("Export")))
                before = x;
        file->insertAction(before, a);
    }

    connect(window, &MainWindow::projectLoaded, this, [this](bool ok) {
        // After the opening job has fully ended (its finished signal would
        // otherwise hide this job's progress).
        if (ok)
            QTimer::singleShot(0, this, &DetectorActions::importProjectDetectors);
    });
    connect(this, &DetectorActions::imported, window, [window](const QList<qint64>& ids) {
        window->runsModel()->reload();
        if (!ids.isEmpty())
            window->compareRuns(ids);
    });
}

void DetectorActions::importProjectDetectors()
{
    ProjectSession* session = window_->session();
    if (!session->isLoaded())
        return;
    const QString manifest = session->summary().manifest;
    // The manifest is read again (it is small): the loaded project keeps no
    // detector entries, and the check below needs the log, off this thread.
    auto pending = std::make_shared<QList<DetectorImportJob>>();
    auto existing = std::make_shared<QList<qint64>>();
    const QString logPath = session->logPath();
    window_->jobs()->start(
        tr("Checking detector predictions"),
        [manifest, logPath, pending, existing](const JobContext& ctx) {
            const Project p = Project::load(ss(manifest));
            if (p.detectors.empty())
                return;
            const ExperimentLog log(ss(logPath));
            for (const ProjectDetector& d : p.detectors) {
                const auto run = findDetectorRun(log, d.name);
                bool current = true;
                for (const auto& [key, file] : d.predictions) {
                    ctx.checkCancelled();
                    const ProjectEntry* b = p.benchmark(key);
                    if (!b)
                        continue;   // Project::load refuses such an entry
                    const int n = d.negatives.value_or(protocolNegatives(key));
                    if (run && detectorImportCurrent(log, *run, key, file, n))
                        continue;
                    current = false;
                    pending->append({qs(d.name), qs(key), qs(b->file), qs(file), n});
                }
                if (current && run)
                    existing->append(*run);
            }
        },
        [this, pending, existing] {
            if (!pending->isEmpty())
                runImports(tr("Importing detector predictions"), *pending, true);
            else if (!existing->isEmpty())
                Q_EMIT imported(*existing);   // compared, as a fresh import would be
        });
}

void DetectorActions::importFiles(const QList<DetectorImportJob>& jobs)
{
    runImports(tr("Importing detector predictions"), jobs, false);
}

void DetectorActions::runImports(const QString& title, const QList<DetectorImportJob>& jobs, bool fromProject)
{
    if (window_->jobs()->isRunning()) {
        window_->statusBar()->showMessage(
            tr("Wait for “%1” to finish, or stop it.").arg(window_->jobs()->title()), 5000);
        return;
    }
    const QString logPath = window_->session()->logPath();
    auto runs = std::make_shared<QList<qint64>>();
    auto summary = std::make_shared<QStringList>();
    window_->jobs()->start(
        title,
        [logPath, jobs, runs, summary](const JobContext& ctx) {
            int64_t done = 0;
            for (const DetectorImportJob& j : jobs) {
                ctx.checkCancelled();
                ctx.report("rank " + ss(j.name) + " on " + ss(j.benchmarkKey), done++, static_cast<int64_t>(jobs.size()));
                DetectorImportRequest q;
                q.benchmark = ss(j.benchmarkFile);
                q.predictions = ss(j.predictions);
                q.key = ss(j.benchmarkKey);
                q.negatives = j.negatives;
                q.name = ss(j.name);
                {
                    // Several benchmarks of one detector are one run.
                    const ExperimentLog log(ss(logPath));
                    q.addTo = findDetectorRun(log, q.name);
                }
                const DetectorImportResult r = importDetector(ss(logPath), q);
                if (!runs->contains(r.run))
                    runs->append(r.run);
                *summary << QStringLiteral("%1 on %2: %3 objects, %4 unmatched, Mean Rank %5")
                                .arg(j.name, j.benchmarkKey)
                                .arg(r.objects)
                                .arg(r.unmatched)
                                .arg(r.meanRank ? QString::number(*r.meanRank, 'f', 3) : QStringLiteral("—"));
            }
            ctx.report("done", done, static_cast<int64_t>(jobs.size()));
        },
        [this, runs, summary, fromProject] {
            window_->statusBar()->showMessage(
                (fromProject ? tr("Imported the project's detector predictions: %1") : tr("Imported %1"))
                    .arg(summary->join(QStringLiteral("; "))),
                15000);
            Q_EMIT imported(*runs);
        });
}

void DetectorActions::importDialog()
{
    ProjectSession* session = window_->session();
    if (!session->isLoaded()) {
        window_->statusBar()->showMessage(tr("Open a project first: the predictions are ranked on its benchmarks."), 8000);
        return;
    }
    QSettings settings;
    const QString file = QFileDialog::getOpenFileName(
        window_, tr("Import detector predictions"), settings.value(QStringLiteral("detectors/dir")).toString(),
        tr("FG-OVD detector predictions (*.pkl *.json);;All files (*)"));
    if (file.isEmpty())
        return;
    settings.setValue(QStringLiteral("detectors/dir"), QFileInfo(file).absolutePath());

    QDialog dialog(window_);
    dialog.setWindowTitle(tr("Import detector predictions"));
    auto* name = new QComboBox(&dialog);
    name->setEditable(true);
    for (int i = 0; i < session->resultSetCount(); ++i)
        if (session->resultSet(i)->isDetector() && name->findText(session->resultSet(i)->label) < 0)
            name->addItem(session->resultSet(i)->label);
    name->setCurrentText(name->count() > 0 ? name->itemText(0) : QStringLiteral("OWL B/16"));
    name->setToolTip(tr("The detector's name in every view and figure; an existing name adds this benchmark to "
                        "that detector's run"));
    auto* bench = new QComboBox(&dialog);
    const Project project = [&] {
        try {
            return Project::load(ss(session->summary().manifest));
        } catch (const std::exception&) {
            return Project{};
        }
    }();
    // FG-OVD lays its files out as <benchmark>/<N>.pkl: the folder names the benchmark.
    const QString guess = qs(benchmarkKey(ss(QFileInfo(file).dir().dirName())));
    for (const BenchView& b : session->benchmarks())
        if (project.benchmark(b.key))
            bench->addItem(benchmarkLabel(b.key), qs(b.key));
    if (const int i = bench->findData(guess); i >= 0)
        bench->setCurrentIndex(i);
    auto* negatives = new QSpinBox(&dialog);
    negatives->setRange(1, 1000);
    auto syncN = [bench, negatives, file] {
        bool ok = false;
        const int fromName = QFileInfo(file).completeBaseName().toInt(&ok);   // "<N>.pkl"
        negatives->setValue(ok && fromName > 0 ? fromName : protocolNegatives(ss(bench->currentData().toString())));
    };
    syncN();
    connect(bench, &QComboBox::currentIndexChanged, &dialog, syncN);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("File:"), new QLabel(QFileInfo(file).fileName(), &dialog));
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Benchmark:"), bench);
    form->addRow(tr("&Negatives (N):"), negatives);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (bench->count() == 0 || dialog.exec() != QDialog::Accepted || name->currentText().trimmed().isEmpty())
        return;
    const ProjectEntry* e = project.benchmark(ss(bench->currentData().toString()));
    if (!e)
        return;
    importFiles({DetectorImportJob{name->currentText().trimmed(), bench->currentData().toString(), qs(e->file), file,
                                   negatives->value()}});
}

} // namespace fglens::ui

// MainWindow's "your own data" actions, kept apart from the window's layout
// code: New Project…, Encode with CLIP… and Import FG-CLIP Heads…. The
// encoding and import run as JobRunner jobs (progress, Stop, errors in the
// status bar) and touch tensors only on the worker thread.
#include "main_window.h"

#include "browser/object_browser.h"
#include "common/job_runner.h"
#include "common/qt_text.h"
#include "model/project_loader.h"
#include "model/project_session.h"
#include "project/missing_notice.h"
#include "project/new_project_dialog.h"
#include "runs/runs_model.h"
#include "training/training_panel.h"

#include "clip/clip_model.h"
#include "clip/project_encode.h"
#include "clip/tokenizer.h"
#include "common/error.h"
#include "data/project.h"
#include "store/experiment_log.h"
#include "train/fgclip_import.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMetaObject>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>

namespace fglens::ui {

void MainWindow::createProjectActions(QMenu* file, QMenu* experiments)
{
    QAction* newProject = new QAction(tr("&New Project…"), this);
    newProject->setShortcut(QKeySequence::New);
    connect(newProject, &QAction::triggered, this, &MainWindow::newProjectDialog);
    file->insertAction(file->actions().value(0), newProject);

    experiments->addSeparator();
    QAction* encode = experiments->addAction(tr("&Encode with CLIP…"), this, [this] { encodeWithClip(); });
    encode->setToolTip(tr("Encode every benchmark and caption set of the project that has no features yet"));
    QAction* import = experiments->addAction(tr("&Import FG-CLIP Heads…"), this, [this] {
        const QString start = QSettings().value(QStringLiteral("fgclip/dir")).toString();
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("FG-CLIP head checkpoints"), start, tr("FG-CLIP checkpoints (*.pt *.pth);;All files (*)"));
        if (files.isEmpty())
            return;
        QSettings().setValue(QStringLiteral("fgclip/dir"), QFileInfo(files.front()).absolutePath());
        importFgclipHeads(files);
    });
    auto update = [this, encode, import] {
        encode->setEnabled(session_->isLoaded());
        import->setEnabled(session_->isLoaded());
    };
    connect(session_, &ProjectSession::projectChanged, this, update);
    update();

    // The notices' buttons: encode what the project lacks, or make a project
    // that names what it does not.
    auto fix = [this] {
        if (session_->isLoaded() && session_->summary().encodable)
            encodeWithClip();
        else
            newProjectDialog();
    };
    connect(chartsNotice_, &MissingNotice::actionRequested, this, fix);
    connect(training_, &TrainingPanel::encodeRequested, this, [this] { encodeWithClip(); });
    connect(training_, &TrainingPanel::newProjectRequested, this, &MainWindow::newProjectDialog);
}

void MainWindow::updateMissingNotices()
{
    const ProjectSummary& s = session_->summary();
    TrainingPanel::Availability a;
    a.warmup = s.hasCocoTrain;
    a.finetune = s.hasFgovdTrain;
    a.warmupWhy = s.warmupMissing;
    a.finetuneWhy = s.finetuneMissing;
    a.warmupEncodable = s.warmupEncodable;
    a.finetuneEncodable = s.finetuneEncodable;
    training_->setAvailability(a);
    const QString action = s.encodable ? tr("Encode with CLIP…") : tr("New Project…");
    if (!session_->isLoaded() || s.benchmarksUnencoded == 0)
        chartsNotice_->setMessage({});
    else if (s.benchmarksEncoded == 0)
        chartsNotice_->setMessage(
            tr("No benchmark of this project has CLIP features yet, so no head can be scored or charted."), action);
    else
        chartsNotice_->setMessage(
            tr("%n benchmark(s) have no CLIP features yet and are left out of the charts.", nullptr,
               static_cast<int>(s.benchmarksUnencoded)),
            action);
}

void MainWindow::reloadKeepingSelection(LoadedProject loaded)
{
    // The same project with one more cache: the user keeps the object they
    // were looking at (benchmark indexes may shift, keys do not).
    const auto [bench, object] = browser_->currentObject();
    const std::string key = bench >= 0 && bench < static_cast<int>(session_->benchmarks().size())
                                ? session_->benchmarks()[static_cast<size_t>(bench)].key
                                : std::string();
    session_->setProject(std::move(loaded));
    onProjectReady();
    const int again = key.empty() ? -1 : session_->benchmarkIndex(key);
    if (again >= 0 && object >= 0)
        browser_->selectObject(again, object);
}

void MainWindow::newProjectDialog()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    openProject(dialog.manifestPath());
}

void MainWindow::encodeWithClip(const QString& modelIn, const QString& vocabIn)
{
    if (!session_->isLoaded())
        return;
    if (jobs_->isRunning()) {
        statusBar()->showMessage(tr("Wait for “%1” to finish, or stop it.").arg(jobs_->title()), 5000);
        return;
    }
    const QString manifest = session_->summary().manifest;
    Project project;
    try {
        project = Project::load(ss(manifest));
    } catch (const std::exception& e) {
        showError(tr("Encode with CLIP"), qs(e.what()));
        return;
    }
    if (clip::pendingEncodes(project).empty()) {
        statusBar()->showMessage(tr("Every benchmark and caption set of the project has features."), 8000);
        return;
    }
    QString model = modelIn.isEmpty() ? qs(project.clipModel) : modelIn;
    QString vocab = vocabIn.isEmpty() ? qs(project.clipVocab) : vocabIn;
    if (model.isEmpty() || vocab.isEmpty()) {
        if (qEnvironmentVariableIsSet("FGLENS_NO_DIALOGS")) {
            showError(tr("Encode with CLIP"), tr("%1: the project names no CLIP checkpoint").arg(manifest));
            return;
        }
        model = QFileDialog::getOpenFileName(this, tr("CLIP checkpoint (e.g. ViT-B-16.pt)"), QString(),
                                             tr("CLIP checkpoints (*.pt);;All files (*)"));
        if (model.isEmpty())
            return;
        vocab = QFileDialog::getOpenFileName(this, tr("CLIP BPE vocabulary (bpe_simple_vocab_16e6.txt.gz)"),
                                             QFileInfo(model).absolutePath(),
                                             tr("BPE vocabulary (*.txt.gz);;All files (*)"));
        if (vocab.isEmpty())
            return;
    }
    if (ss(model) != project.clipModel || ss(vocab) != project.clipVocab) {
        // Remembered, so the next run (a resume after Stop) needs no questions.
        try {
            project.clipModel = ss(QFileInfo(model).absoluteFilePath());
            project.clipVocab = ss(QFileInfo(vocab).absoluteFilePath());
            project.save(project.manifestPath);
        } catch (const std::exception& e) {
            showError(tr("Encode with CLIP"), qs(e.what()));
            return;
        }
    }
    pendingPath_.clear();
    auto done = std::make_shared<int>(0);
    QPointer<MainWindow> self(this);
    const std::string modelPath = ss(model), vocabPath = ss(vocab);
    jobs_->start(
        tr("Encoding with CLIP"),
        [self, manifest, modelPath, vocabPath, done](const JobContext& ctx) {
            ctx.report("load CLIP", 0, 0, modelPath);
            const clip::ClipModel m = clip::loadClip(modelPath, clip::defaultDevice());
            const clip::Tokenizer tokenizer(vocabPath);
            clip::encodeProject(ss(manifest), m, modelPath, tokenizer, clip::EncodeOptions{}, &ctx,
                                [&](const clip::ProjectEncodeStep& step) {
                                    ++*done;
                                    // The finished cache joins the open project now,
                                    // not when the whole encoding ends.
                                    ctx.report("open " + step.key, 0, 0);
                                    auto loaded = std::make_shared<LoadedProject>(loadProject(manifest, ctx));
                                    QMetaObject::invokeMethod(
                                        self,
                                        [self, loaded] {
                                            if (!self)
                                                return;
                                            self->reloadKeepingSelection(std::move(*loaded));
                                        },
                                        Qt::QueuedConnection);
                                });
        },
        [this, done] {
            statusBar()->showMessage(tr("Encoded %n feature cache(s); the project is up to date.", nullptr, *done), 10000);
        });
}

void MainWindow::importFgclipHeads(const QStringList& files)
{
    if (!session_->isLoaded() || files.isEmpty())
        return;
    if (jobs_->isRunning()) {
        statusBar()->showMessage(tr("Wait for “%1” to finish, or stop it.").arg(jobs_->title()), 5000);
        return;
    }
    auto data = session_->data();
    const QString logPath = session_->logPath();
    auto ids = std::make_shared<QList<qint64>>();
    pendingPath_.clear();
    jobs_->start(
        tr("Importing FG-CLIP heads"),
        [data, logPath, files, ids](const JobContext& ctx) {
            ExperimentLog log(ss(logPath));   // this thread's own connection
            for (const QString& f : files) {
                ctx.checkCancelled();
                ids->push_back(importFgclipCheckpoint(*data, log, ss(f), &ctx).runId);
            }
        },
        [this, ids] {
            runsModel_->reload();
            compareRuns(*ids);
        });
}

} // namespace fglens::ui

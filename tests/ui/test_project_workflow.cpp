// A user's own data in the workbench: the three real FG-OVD benchmarks open
// without images or features (browsable, "not encoded", the status bar says
// what is missing); the New Project dialog driven as a user would; encoding
// from the GUI's job (with a Stop and a resume) gives encode-benchmark's
// caches; an FG-CLIP cache and a released head appear like any run.
#include "testsupport.h"

#include "browser/object_browser.h"
#include "browser/object_roles.h"
#include "browser/object_table_model.h"
#include "common/job_runner.h"
#include "inspector/object_inspector.h"
#include "main_window.h"
#include "model/project_session.h"
#include "project/missing_notice.h"
#include "project/new_project_dialog.h"
#include "runs/runs_model.h"
#include "training/training_panel.h"

#include "data/feature_cache.h"
#include "data/fgovd.h"
#include "data/project.h"
#include "data/project_init.h"
#include "demo/demo_project.h"
#include "store/experiment_log.h"
#include "train/experiment.h"

#include <ATen/ATen.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>

#include <algorithm>

using namespace fglens;
using namespace fglens::ui;
using fglens::test::fixture;

namespace {

const char* const kReal[] = {"3_attributes.json", "pattern.json", "transparency.json"};

QString statusText(MainWindow* w)
{
    QStringList texts;
    for (QLabel* l : w->statusBar()->findChildren<QLabel*>())
        texts << l->text() << l->toolTip();
    return texts.join(QStringLiteral("\n"));
}

bool encoded(const BenchView& b)
{
    return std::any_of(b.captionPresent.begin(), b.captionPresent.end(), [](bool x) { return x; });
}

bool openAndWait(MainWindow* w, const QString& path, QString* error)
{
    QSignalSpy loaded(w, &MainWindow::projectLoaded);
    w->openProject(path);
    if (!loaded.wait(600000))
        return false;
    *error = loaded.front().at(1).toString();
    return loaded.front().at(0).toBool();
}

bool waitForJob(MainWindow* w)
{
    QSignalSpy done(w->jobs(), &JobRunner::finished);
    if (!w->jobs()->isRunning())
        return true;
    return done.wait(600000);
}

} // namespace

class TestProjectWorkflow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    MainWindow* window_ = nullptr;

    QString path(const QString& rel) const { return dir_.filePath(rel); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("FGLENS_NO_DIALOGS", "1");
        QVERIFY(dir_.isValid());
        window_ = new MainWindow;
        window_->resize(1400, 900);
        window_->show();
    }

    void cleanupTestCase() { delete window_; }

    void realBenchmarksOpenWithoutFeatures()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        ProjectInitOptions o;
        o.outDir = path("real").toStdString();
        for (const char* f : kReal)
            o.benchmarkFiles.push_back(fixture(QStringLiteral("fgovd/benchmarks/") + f).toStdString());
        const QString manifest = QString::fromStdString(initProject(o));
        QString error;
        QVERIFY2(openAndWait(window_, manifest, &error), qPrintable(error));

        ProjectSession* s = window_->session();
        QCOMPARE(int(s->benchmarks().size()), 3);
        const int counts[] = {1299, 467, 409};
        for (int b = 0; b < 3; ++b) {
            QVERIFY(!encoded(s->benchmarks()[size_t(b)]));
            QCOMPARE(int(s->benchmarks()[size_t(b)].benchmark->objects.size()), counts[b]);
        }
        QCOMPARE(s->objectCount(), qint64(1299 + 467 + 409));

        // Every object is in the browser with its positive caption, and ranks say why they are empty.
        ObjectTableModel* m = window_->browser()->tableModel();
        QCOMPARE(m->rowCount(), 1299 + 467 + 409);
        QCOMPARE(window_->browser()->visibleCount(), 1299 + 467 + 409);
        int checked = 0;
        for (int row = 0; row < m->rowCount(); row += 97, ++checked) {
            const int bench = m->index(row, 0).data(BenchIndexRole).toInt();
            const int object = m->index(row, 0).data(ObjectIndexRole).toInt();
            const FgBenchmark& fb = *s->benchmarks()[size_t(bench)].benchmark;
            const FgObject& obj = fb.objects[size_t(object)];
            QCOMPARE(m->index(row, ObjectTableModel::ColPositive).data().toString(),
                     QString::fromStdString(fb.captions[size_t(obj.positiveIndex)].text));
            QCOMPARE(m->index(row, ObjectTableModel::ColRank).data().toString(), QStringLiteral("not encoded"));
        }
        QVERIFY(checked > 20);

        // The status bar names what is missing.
        const QString status = statusText(window_);
        for (const char* key : {"features of easy", "features of pattern", "features of transparency",
                                "no image root", "captions without embeddings", "Encode with CLIP"})
            QVERIFY2(status.contains(QLatin1String(key)), qPrintable(status));

        // The charts and the training form say it too, where the user looks, with the fix:
        // the benchmarks can be encoded; the training sets must first be named by a project.
        const MissingNotice* charts = window_->chartsNotice();
        QVERIFY(!charts->isHidden());
        QVERIFY2(charts->text().contains(QLatin1String("No benchmark of this project has CLIP features")),
                 qPrintable(charts->text()));
        QCOMPARE(charts->actionText(), QStringLiteral("Encode with CLIP…"));
        TrainingPanel* training = window_->trainingPanel();
        QVERIFY(!training->launchButton()->isEnabled());
        QVERIFY(!training->notice()->isHidden());
        QVERIFY2(training->notice()->text().contains(QLatin1String("COCO captions, and this project names none")),
                 qPrintable(training->notice()->text()));
        QCOMPARE(training->notice()->actionText(), QStringLiteral("New Project…"));

        // Inspecting an object without its image: a message, no crash.
        QVERIFY(window_->browser()->selectObject(1, 5));
        QCOMPARE(window_->inspector()->object(), std::make_pair(1, 5));
        QTest::qWait(50);

        // Encoding needs a checkpoint the project does not name: a clear error, nothing lost.
        window_->encodeWithClip();
        QVERIFY(!window_->jobs()->isRunning());
        QVERIFY(window_->session()->isLoaded());

        // The unattended screenshot of the same project.
        const QString gui = QFileInfo(QStringLiteral(FGLENS_CLI)).absolutePath() + QStringLiteral("/fglens");
        if (QFileInfo::exists(gui)) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), path("xdg"));
            p.setProcessEnvironment(env);
            const QString png = path("real.png");
            p.start(gui, {QStringLiteral("--project"), manifest, QStringLiteral("--screenshot"), png});
            QVERIFY(p.waitForFinished(300000));
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     qPrintable(QString::fromUtf8(p.readAllStandardError())));
            QVERIFY(QImage(png).width() >= 1280);
        }
    }

    void newProjectDialogWithFgclipCache()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        FGLENS_REQUIRE_FIXTURE("fgclip-checkpoints/fg-ovd_linear-mlp.pt");
        // FG-OVD's layout, with FG-CLIP's cache of Pattern beside its benchmark file.
        const QString fgovd = path("FG-OVD");
        QDir().mkpath(fgovd + "/benchmarks");
        QDir().mkpath(fgovd + "/training_sets");
        for (const char* f : kReal)
            QVERIFY(QFile::copy(fixture(QStringLiteral("fgovd/benchmarks/") + f), fgovd + "/benchmarks/" + f));
        QVERIFY(QFile::copy(fixture("fgovd/benchmarks/transparency.json"), fgovd + "/training_sets/1_attributes.json"));
        QVERIFY(QFile::copy(fixture("fgclip-cache/pattern.pt"), fgovd + "/benchmarks/pattern.pt"));

        NewProjectDialog d(window_);
        d.setOutputDir(path("from-dialog"));
        d.setFgovdDir(fgovd);
        QTRY_VERIFY_WITH_TIMEOUT(!d.countsPending(), 120000);
        // Each file with its object count; the cache offered as Pattern's features.
        QTableWidget* t = d.filesTable();
        QCOMPARE(t->rowCount(), 5);
        QCOMPARE(d.objectCount(fgovd + "/benchmarks/3_attributes.json"), qint64(1299));
        QCOMPARE(d.objectCount(fgovd + "/benchmarks/pattern.json"), qint64(467));
        QCOMPARE(d.objectCount(fgovd + "/benchmarks/transparency.json"), qint64(409));
        QCOMPARE(d.objectCount(fgovd + "/training_sets/1_attributes.json"), qint64(409));
        QCOMPARE(d.objectCount(fgovd + "/benchmarks/pattern.pt"), qint64(467));
        QCOMPARE(t->item(0, 1)->text(), QStringLiteral("easy"));
        QCOMPARE(t->item(0, 3)->text(), QLocale().toString(1299));
        QCOMPARE(t->item(4, 1)->text(), QStringLiteral("pattern"));
        QVERIFY(d.errorText().isEmpty());

        // A wrong image root is refused in the dialog, and corrected.
        d.setImageRoot(path("no-such-root"));
        QVERIFY(d.errorText().contains(path("no-such-root")));
        QVERIFY(!d.create());
        d.setImageRoot(QString());
        QVERIFY(d.errorText().isEmpty());
        QVERIFY2(d.create(), qPrintable(d.errorText()));

        const Project p = Project::load(d.manifestPath().toStdString());
        QCOMPARE(p.benchmarks.size(), size_t(3));
        QCOMPARE(QString::fromStdString(p.benchmark("pattern")->features), fgovd + "/benchmarks/pattern.pt");
        QVERIFY(p.fgovdTrain.has_value());

        QString error;
        QVERIFY2(openAndWait(window_, d.manifestPath(), &error), qPrintable(error));
        ProjectSession* s = window_->session();
        const int pattern = s->benchmarkIndex("pattern");
        QVERIFY(pattern >= 0);
        QVERIFY(encoded(s->benchmarks()[size_t(pattern)]));
        QVERIFY(!encoded(s->benchmarks()[size_t(s->benchmarkIndex("easy"))]));
        // The live cosine baseline ranks Pattern's objects; the others stay unranked.
        QVERIFY(s->score(0, pattern, 0).rank >= 1);
        QCOMPARE(s->score(0, s->benchmarkIndex("easy"), 0).rank, 0);

        // A released head imported from the GUI: a run of the log with eval's Mean Rank.
        const QString head = fixture("fgclip-checkpoints/fg-ovd_linear-mlp.pt");
        QSignalSpy compared(window_, &MainWindow::comparisonLoaded);
        window_->importFgclipHeads({head});
        QVERIFY(waitForJob(window_));
        QTRY_VERIFY_WITH_TIMEOUT(compared.count() >= 1, 120000);
        RunsModel* runs = window_->runsModel();
        runs->reload();
        QCOMPARE(runs->rowCount(), 1);
        const RunRecord run = runs->run(0);
        QCOMPARE(QString::fromStdString(run.name), QStringLiteral("FG-CLIP fg-ovd_linear-mlp"));
        QCOMPARE(QString::fromStdString(run.stage), QStringLiteral("finetune"));
        QCOMPARE(run.status, RunStatus::Finished);
        const auto cli = test::runCli({"eval", "--fgclip-cache", fixture("fgclip-cache/pattern.pt"), "--negatives",
                                       "7", "--head", "linear", "--weights", head});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        const double expected = QJsonDocument::fromJson(cli.out.toUtf8()).object()["mean_rank"].toDouble();
        const ExperimentLog log(s->logPath().toStdString());
        QCOMPARE(log.finalMetrics(run.id).at("mean_rank/pattern"), expected);
        const auto config = QJsonDocument::fromJson(QByteArray::fromStdString(run.configJson)).object();
        QCOMPARE(config["weights_sha256"].toString().toStdString(), sha256File(head.toStdString()));
        // Shown like any run: its result set is in the comparison, ranking Pattern's objects.
        const int set = s->indexOfResultSet(QStringLiteral("run:%1").arg(run.id));
        if (set >= 0)
            QVERIFY(s->score(set, pattern, 0).rank >= 1);
        QVERIFY(s->resultSetCount() >= 2);
    }

    void encodeFromTheGui()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        demo::DemoOptions dopt;
        dopt.benchmarkObjects = 40;
        dopt.trainObjects = 120;
        dopt.valObjects = 40;
        dopt.cocoTrainImages = 60;
        dopt.cocoValImages = 20;
        dopt.cocoTestImages = 20;
        const Project demo = Project::load(demo::buildDemoProject(path("demo").toStdString(), dopt));
        const QString model = fixture("clip-tiny/model.pt"), vocab = fixture("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        ProjectInitOptions o;
        o.outDir = path("encode").toStdString();
        o.benchmarkFiles = {demo.benchmark("pattern")->file, demo.benchmark("transparency")->file};
        o.imageRoot = demo.imageRoot;
        const QString manifest = QString::fromStdString(initProject(o));
        QString error;
        QVERIFY2(openAndWait(window_, manifest, &error), qPrintable(error));
        QCOMPARE(int(window_->session()->data()->unencoded.size()), 2);
        QVERIFY(!window_->chartsNotice()->isHidden());
        // The object the user looks at stays selected while caches join the project.
        QVERIFY(window_->browser()->selectObject(1, 7));

        // Stop as soon as images are being encoded, then run it again: it resumes.
        bool stopped = false;
        auto stopper = connect(window_->jobs(), &JobRunner::progress, window_,
                               [this, &stopped](const QString& stage, qint64 done) {
                                   if (!stopped && stage.contains(QLatin1String("image")) && done > 0) {
                                       stopped = true;
                                       window_->jobs()->cancel();
                                   }
                               });
        QSignalSpy finished(window_->jobs(), &JobRunner::finished);
        window_->encodeWithClip(model, vocab);
        QVERIFY(window_->jobs()->isRunning());
        QVERIFY(finished.wait(600000));
        disconnect(stopper);
        QVERIFY(stopped);
        // Cancelled (or, on a fast machine, done before the Stop arrived), never failed.
        const bool cancelled = finished.front().at(1).toBool();
        QVERIFY2(finished.front().at(0).toBool() || cancelled, qPrintable(finished.front().at(2).toString()));
        QVERIFY(window_->session()->isLoaded());

        QSignalSpy loaded(window_, &MainWindow::projectLoaded);
        if (cancelled) {
            window_->encodeWithClip();   // the checkpoint is the project's now
            QVERIFY(window_->jobs()->isRunning());
            QVERIFY(finished.wait(600000));
        }
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(2).toString()));
        // Each cache joined the open project as it completed.
        QTRY_VERIFY_WITH_TIMEOUT(window_->session()->data()->unencoded.empty(), 60000);
        QCOMPARE(window_->browser()->currentObject(), std::make_pair(1, 7));
        QVERIFY(window_->chartsNotice()->isHidden());
        QVERIFY(!cancelled || loaded.count() >= 1);
        ProjectSession* s = window_->session();
        QCOMPARE(int(s->data()->benchmarks.size()), 2);
        for (const auto& b : s->benchmarks())
            QVERIFY(encoded(b));
        QVERIFY(s->score(0, 0, 0).rank >= 1);

        const Project encoded = Project::load(manifest.toStdString());
        QCOMPARE(QString::fromStdString(encoded.clipModel), model);
        for (const char* key : {"pattern", "transparency"}) {
            const QString ours = QString::fromStdString(encoded.benchmark(key)->features);
            QCOMPARE(ours, path(QStringLiteral("encode/features/%1.safetensors").arg(key)));
            const QString ref = path(QStringLiteral("ref_%1.safetensors").arg(key));
            const auto r = test::runCli({"encode-benchmark", "--clip", model, "--vocab", vocab, "--benchmark",
                                         QString::fromStdString(encoded.benchmark(key)->file), "--image-root",
                                         QString::fromStdString(encoded.imageRoot), "--out", ref, "--quiet"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const BenchmarkCache x = loadBenchmarkCache(ours.toStdString());
            const BenchmarkCache y = loadBenchmarkCache(ref.toStdString());
            QVERIFY(x.objectIds.equal(y.objectIds));
            QVERIFY(x.captionIds.equal(y.captionIds));
            QVERIFY(x.objectFeatures.equal(y.objectFeatures));
            QVERIFY(x.captionFeatures.equal(y.captionFeatures));
        }
    }
};

QTEST_MAIN(TestProjectWorkflow)
#include "test_project_workflow.moc"

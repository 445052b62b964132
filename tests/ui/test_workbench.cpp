// The whole window on the demo project: open it, filter the browser, check
// the inspector shows exactly core's scores, train and cancel and resume a
// run and see it in the runs table, compare it, export its charts.
#include "testsupport.h"

#include "browser/object_browser.h"
#include "browser/object_filter_proxy.h"
#include "browser/object_roles.h"
#include "browser/object_table_model.h"
#include "charts/charts_panel.h"
#include "export/chart_export.h"
#include "export/figure_export.h"
#include "inspector/object_inspector.h"
#include "main_window.h"
#include "model/project_session.h"
#include "runs/runs_model.h"
#include "runs/runs_panel.h"
#include "training/training_panel.h"
#include "training/training_queue.h"

#include "data/fgovd.h"
#include "demo/demo_project.h"
#include "eval/fgovd_eval.h"
#include "heads/head.h"
#include "store/experiment_log.h"
#include "train/experiment.h"

#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTableWidget>

#include <torch/torch.h>

#include <atomic>
#include <cmath>
#include <memory>

using namespace fglens;
using namespace fglens::ui;

class TestWorkbench : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    MainWindow* window_ = nullptr;

    RunStatus statusOf(qint64 id)
    {
        window_->runsModel()->reload();
        const int row = window_->runsModel()->rowOfRun(id);
        return row < 0 ? RunStatus::Failed : window_->runsModel()->run(row).status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("FGLENS_NO_DIALOGS", "1");
        QVERIFY(dir_.isValid());
        window_ = new MainWindow;
        window_->resize(1400, 900);
        window_->show();
        demo::DemoOptions o;
        o.benchmarkObjects = 40;
        o.trainObjects = 240;
        o.valObjects = 60;
        o.cocoTrainImages = 200;
        o.cocoTestImages = 60;
        QSignalSpy loaded(window_, &MainWindow::projectLoaded);
        window_->openDemo(dir_.filePath(QStringLiteral("demo")), o);
        QVERIFY(loaded.wait(600000));
        QVERIFY2(loaded.front().at(0).toBool(), qPrintable(loaded.front().at(1).toString()));
        QVERIFY(window_->session()->isLoaded());
        QCOMPARE(int(window_->session()->benchmarks().size()), 8);
    }

    void filterThenInspect()
    {
        ObjectBrowser* b = window_->browser();
        b->setBenchmarkFilter(QStringLiteral("hard"));
        b->setCorrectnessFilter(ObjectFilterProxy::Correctness::Incorrect);
        const int hard = window_->session()->benchmarkIndex("hard");
        QVERIFY(hard >= 0);
        ObjectFilterProxy* proxy = b->proxy();
        if (proxy->rowCount() == 0) {   // CLIP may get every Hard object right on a tiny demo
            b->setCorrectnessFilter(ObjectFilterProxy::Correctness::Any);
        }
        QVERIFY(proxy->rowCount() > 0);
        for (int r = 0; r < proxy->rowCount(); ++r) {
            QCOMPARE(proxy->index(r, 0).data(BenchIndexRole).toInt(), hard);
            QVERIFY(proxy->index(r, 0).data(RankRole).toInt() >= 1);
        }

        const QModelIndex first = proxy->index(0, 0);
        const int object = first.data(ObjectIndexRole).toInt();
        QVERIFY(b->selectObject(hard, object));
        QCOMPARE(window_->inspector()->object(), std::make_pair(hard, object));

        // The inspector's numbers are core's evaluateFgovd for that object.
        const auto data = window_->session()->data();
        const ProjectData::Bench* pb = nullptr;
        for (const auto& x : data->benchmarks)
            if (x.key == "hard")
                pb = &x;
        QVERIFY(pb);
        auto head = makeHead(HeadKind::Cosine);
        FgEvalOptions opt;
        opt.negatives = protocolNegatives("hard");
        const FgEvalResult r = evaluateFgovd(*head, *pb->benchmark, pb->objects, pb->captions, opt);
        const auto it = std::find(r.objectIndices.begin(), r.objectIndices.end(), object);
        QVERIFY(it != r.objectIndices.end());
        const size_t row = static_cast<size_t>(it - r.objectIndices.begin());
        const std::vector<double> shown = window_->inspector()->shownScores(QStringLiteral("live:cosine"));
        QVERIFY(shown.size() >= size_t(r.negatives + 1));
        for (int j = 0; j <= r.negatives; ++j)
            QCOMPARE(shown[static_cast<size_t>(j)], double(r.scores[row * size_t(r.negatives + 1) + size_t(j)]));
        QCOMPARE(window_->inspector()->shownRank(QStringLiteral("live:cosine")), r.ranks[row]);
        // Captions: positive first, then the benchmark's negatives in order.
        const FgObject& o = pb->benchmark->objects[static_cast<size_t>(object)];
        QTableWidget* t = window_->inspector()->captionTable();
        QCOMPARE(t->rowCount(), int(o.negativeIndices.size()) + 1);
        QCOMPARE(t->item(1, 0)->data(RawValueRole).toString(),
                 QString::fromStdString(pb->benchmark->captions[size_t(o.negativeIndices[0])].text));

        // j moves to the next object of the filtered list.
        if (proxy->rowCount() > 1) {
            window_->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(window_));
            QTest::keyClick(window_->inspector()->captionTable(), Qt::Key_J);
            QCOMPARE(window_->inspector()->object().second, proxy->index(1, 0).data(ObjectIndexRole).toInt());
        }
        b->resetFilters();
        QCOMPARE(b->visibleCount(), int(window_->session()->objectCount()));
    }

    void trainCancelResume()
    {
        TrainingPanel* panel = window_->trainingPanel();
        TrainingQueue* queue = window_->trainingQueue();
        panel->setEpochs(3);
        // Deterministic: the worker holds after its first step until the
        // cancel click has landed, so the run cannot finish first (the
        // trainer checks the token before every later step).
        QSemaphore atFirstStep, mayContinue;
        auto held = std::make_shared<std::atomic<bool>>(false);
        queue->setStepHookForTests([&atFirstStep, &mayContinue, held](int, qint64) {
            if (!held->exchange(true)) {
                atFirstStep.release();
                mayContinue.acquire();
            }
        });
        QSignalSpy started(queue, &TrainingQueue::runStarted);
        QSignalSpy steps(queue, &TrainingQueue::stepReported);
        QSignalSpy ended(queue, &TrainingQueue::runEnded);
        QVERIFY(panel->launchButton()->isEnabled());
        QTest::mouseClick(panel->launchButton(), Qt::LeftButton);
        queue->setStepHookForTests({});   // later runs (the resume) are not held
        QVERIFY(started.count() == 1 || started.wait(60000));
        // The worker must never stay held, whatever fails below: the suite would hang.
        struct ReleaseOnExit {
            QSemaphore& s;
            bool done = false;
            ~ReleaseOnExit()
            {
                if (!done)
                    s.release();
            }
        } releaseOnExit{mayContinue};
        // QTRY_ evaluates its expression again after the loop: take the permit once.
        bool reached = false;
        QTRY_VERIFY_WITH_TIMEOUT(reached || (reached = atFirstStep.tryAcquire()), 120000);

        // While it runs the runs table shows it as running.
        window_->runsModel()->reload();
        QVERIFY(window_->runsModel()->hasRunning());
        QVERIFY(panel->cancelButton()->isEnabled());
        QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
        releaseOnExit.done = true;
        mayContinue.release();
        QVERIFY(ended.wait(120000));
        QVERIFY(steps.count() > 0);
        const qint64 id = ended.front().at(0).toLongLong();
        const QString status = ended.front().at(1).toString();
        QCOMPARE(status, QStringLiteral("cancelled"));
        QVERIFY(id > 0);
        QCOMPARE(statusOf(id), RunStatus::Cancelled);

        // Resume continues the same run to the end.
        QVERIFY(panel->resumeButton()->isEnabled());
        ended.clear();
        QTest::mouseClick(panel->resumeButton(), Qt::LeftButton);
        QVERIFY(ended.wait(600000));
        QCOMPARE(ended.front().at(1).toString(), QStringLiteral("finished"));
        QCOMPARE(ended.front().at(0).toLongLong(), id);
        QCOMPARE(statusOf(id), RunStatus::Finished);
    }

    void compareAndExport()
    {
        // Finished runs compare in the browser and the charts.
        window_->runsModel()->reload();
        QList<qint64> finished;
        for (int r = 0; r < window_->runsModel()->rowCount(); ++r)
            if (window_->runsModel()->run(r).status == RunStatus::Finished)
                finished << window_->runsModel()->run(r).id;
        QVERIFY2(!finished.isEmpty(), "trainCancelResume left no finished run");
        QSignalSpy compared(window_, &MainWindow::comparisonLoaded);
        window_->compareRuns(finished);
        QVERIFY(compared.wait(60000));
        QVERIFY(window_->session()->resultSetCount() > 1);

        const auto charts = window_->chartsPanel()->currentCharts();
        QCOMPARE(charts.size(), size_t(3));
        QTemporaryDir out;
        QString error;
        const QStringList files = writeFigures(charts, out.path(), 150, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(files.size(), 3 * 8);
        QSvgRenderer svg(out.filePath(QStringLiteral("mean_rank_per_benchmark_2col.svg")));
        QVERIFY(svg.isValid());

        // Headless export from the log alone sees the same finished runs.
        const auto sets = loadFinishedRuns(window_->session()->logPath());
        QCOMPARE(int(sets.size()), finished.size());
    }

    void notesAndTagsAreSaved()
    {
        RunsModel* m = window_->runsModel();
        QVERIFY2(m->rowCount() > 0, "no run in the log");
        QVERIFY(m->setData(m->index(0, RunsModel::ColTags), QStringLiteral(" paper, fig3 ,")));
        QVERIFY(m->setData(m->index(0, RunsModel::ColNotes), QStringLiteral("used for Fig. 3")));
        const qint64 id = m->run(0).id;
        ExperimentLog other(window_->session()->logPath().toStdString());
        const auto run = other.run(id);
        QVERIFY(run.has_value());
        QCOMPARE(QString::fromStdString(run->tags), QStringLiteral("paper,fig3"));
        QCOMPARE(QString::fromStdString(run->notes), QStringLiteral("used for Fig. 3"));
    }

    void cleanupTestCase()
    {
        delete window_;
    }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"

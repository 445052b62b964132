// The window's layout on a small demo project: charts as a central tab, the
// training form and its Launch button within 1600x1000 and 1280x800, a loss
// chart the first batches do not flatten, an inspector that fits five
// compared runs, "Reproduce the paper" queueing core's protocol, and layout
// and compared runs surviving a restart. Settings live in a temporary folder.
#include "testsupport.h"

#include "browser/object_browser.h"
#include "charts/charts_panel.h"
#include "inspector/object_inspector.h"
#include "inspector/score_delegates.h"
#include "main_window.h"
#include "model/project_session.h"
#include "runs/runs_model.h"
#include "runs/runs_panel.h"
#include "training/pair_loss_scale.h"
#include "training/training_panel.h"
#include "training/training_queue.h"

#include "demo/demo_project.h"
#include "train/protocol_plan.h"

#include <QAction>
#include <QChart>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

#include <cmath>

using namespace fglens;
using namespace fglens::ui;

class TestLayout : public QObject {
    Q_OBJECT

private:
    QTemporaryDir settingsDir_;
    QTemporaryDir dir_;
    MainWindow* window_ = nullptr;

    demo::DemoOptions smallDemo() const
    {
        demo::DemoOptions o;
        o.benchmarkObjects = 24;
        o.trainObjects = 96;
        o.valObjects = 32;
        o.cocoTrainImages = 48;
        o.cocoValImages = 24;
        o.cocoTestImages = 24;
        return o;
    }

    bool openDemo(MainWindow* w)
    {
        QSignalSpy loaded(w, &MainWindow::projectLoaded);
        w->openDemo(dir_.filePath(QStringLiteral("demo")), smallDemo());
        if (!loaded.wait(600000) || !loaded.front().at(0).toBool())
            return false;
        return w->session()->isLoaded();
    }

    void resizeAndSettle(int w, int h)
    {
        window_->resize(w, h);
        QTest::qWait(50);
        QCoreApplication::processEvents();
    }

    // Stops whatever the queue runs, and waits for it to end.
    void drainQueue()
    {
        TrainingQueue* q = window_->trainingQueue();
        q->clearPending();
        if (q->isRunning()) {
            QSignalSpy ended(q, &TrainingQueue::runEnded);
            q->cancelCurrent();
            QVERIFY(ended.wait(120000));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(settingsDir_.isValid());
        QVERIFY(dir_.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
        QCoreApplication::setOrganizationName(QStringLiteral("fglens-test"));
        QCoreApplication::setApplicationName(QStringLiteral("layout"));
        QStandardPaths::setTestModeEnabled(true);
        qputenv("FGLENS_NO_DIALOGS", "1");
        window_ = new MainWindow;
        window_->resize(1600, 1000);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_));
    }

    void firstStartSaysWhatToDo()
    {
        QLabel* hint = window_->runsPanel()->emptyHint();
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("Open Project")), qPrintable(hint->text()));

        QVERIFY(openDemo(window_));
        QCOMPARE(window_->runsModel()->rowCount(), 0);
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("Reproduce the Paper")), qPrintable(hint->text()));
        QVERIFY(hint->text().contains(QStringLiteral("Launch")));
    }

    void chartsAreACentralTab()
    {
        QTabWidget* tabs = window_->centralTabs();
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->widget(0), static_cast<QWidget*>(window_->browser()));
        QCOMPARE(tabs->widget(1), static_cast<QWidget*>(window_->chartsPanel()));
        resizeAndSettle(1600, 1000);

        window_->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window_));
        QTest::keyClick(window_, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window_->chartsPanel()));
        // The charts have most of the window, not a strip under the browser.
        const QSize charts = window_->chartsPanel()->size();
        QVERIFY2(charts.width() >= 800 && charts.height() >= 500,
                 qPrintable(QStringLiteral("%1x%2").arg(charts.width()).arg(charts.height())));

        // J and K still move through the objects, whatever tab is in front.
        QTest::keyClick(window_, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window_->browser()));
        const auto before = window_->browser()->currentObject();
        QTest::keyClick(window_->browser(), Qt::Key_J);
        QVERIFY(window_->browser()->currentObject() != before);
        QTest::keyClick(window_->browser(), Qt::Key_K);
        QCOMPARE(window_->browser()->currentObject(), before);

        window_->showView(QStringLiteral("charts"));
        QCOMPARE(tabs->currentIndex(), 1);
        window_->showView(QStringLiteral("objects"));
        QCOMPARE(tabs->currentIndex(), 0);
    }

    void trainingFormFits_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("1600x1000") << 1600 << 1000;
        QTest::newRow("1280x800") << 1280 << 800;
    }

    void trainingFormFits()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        resizeAndSettle(width, height);
        window_->resetLayout();   // the docks as a first start at this size has them
        QTest::qWait(50);
        window_->showView(QStringLiteral("training"));
        QTest::qWait(50);
        TrainingPanel* panel = window_->trainingPanel();
        QVERIFY(panel->isVisible());
        QPushButton* launch = panel->launchButton();
        QVERIFY(launch->isVisible());
        // Not clipped by the dock or anything above it.
        QCOMPARE(launch->visibleRegion().boundingRect().size(), launch->size());
        const QRect inWindow(launch->mapTo(window_, QPoint(0, 0)), launch->size());
        QVERIFY(window_->rect().contains(inWindow));
        // Every option is on screen without scrolling the form.
        auto* scroll = panel->findChild<QScrollArea*>();
        QVERIFY(scroll);
        QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
        QVERIFY2(panel->height() <= height / 2,
                 qPrintable(QStringLiteral("training dock %1 px high").arg(panel->height())));
    }

    void resetLayoutRestoresEveryDock()
    {
        // Every dock, including those feature modules add (the Q1 dock), is
        // listed under View → Docks and put back by Reset Layout.
        const auto docks = window_->findChildren<QDockWidget*>();
        QVERIFY(docks.size() >= 4);
        QMenu* docksMenu = nullptr;
        for (QMenu* m : window_->findChildren<QMenu*>())
            if (m->title() == QLatin1String("&Docks"))
                docksMenu = m;
        QVERIFY(docksMenu);
        for (QDockWidget* d : docks) {
            QVERIFY2(docksMenu->actions().contains(d->toggleViewAction()), qPrintable(d->objectName()));
            d->setFloating(true);
            d->hide();
        }
        QCOMPARE(docksMenu->actions().last()->text(), QStringLiteral("&Reset Layout"));
        window_->resetLayout();
        QTest::qWait(50);
        for (QDockWidget* d : docks) {
            QVERIFY2(!d->isFloating(), qPrintable(d->objectName()));
            QVERIFY2(d->toggleViewAction()->isChecked(), qPrintable(d->objectName()));
        }
        auto* q1 = window_->findChild<QDockWidget*>(QStringLiteral("q1Dock"));
        QVERIFY(q1);
        QVERIFY(window_->tabifiedDockWidgets(window_->runsDock()).contains(q1));
        QCOMPARE(window_->dockWidgetArea(q1), Qt::BottomDockWidgetArea);
    }

    void pairLossScale()
    {
        // Warm-up: 10 captions in batches of 4 -> 4, 4, 2 rows; 24, 24, 4 terms.
        const PairLossScale warm(true, 10, 6, 4, 0);
        QCOMPARE(warm.termsOfBatch(4), qint64(24));
        QCOMPARE(warm.stepLoss(1, 2.4), 0.1);
        QCOMPARE(warm.stepLoss(3, 0.4), 0.1);
        // A constant 0.1 per term: batch sums 2.4, 2.4, 0.4, their mean 5.2/3.
        QVERIFY(std::abs(warm.trainEpochLoss(5.2 / 3) - 0.1) < 1e-12);
        // Validation: 6 captions -> 4 + 2 rows, 24 + 4 terms.
        QVERIFY(std::abs(warm.valEpochLoss((2.4 + 0.4) / 2) - 0.1) < 1e-12);
        // Fine-tune: rows times negatives.
        const PairLossScale fine(false, 5, 5, 2, 10);
        QCOMPARE(fine.termsOfBatch(2), qint64(20));
        QCOMPARE(fine.stepLoss(3, 1.0), 0.1);
        QVERIFY(std::abs(fine.trainEpochLoss((2.0 + 2.0 + 1.0) / 3) - 0.1) < 1e-12);
    }

    void lossChartIsNotFlattenedBySpike()
    {
        TrainingPanel* panel = window_->trainingPanel();
        TrainingQueue* queue = window_->trainingQueue();
        QVERIFY(!queue->isRunning());
        QLogValueAxis* axis = panel->lossAxis();
        QVERIFY(axis);
        QVERIFY(panel->batchLossSeries()->attachedAxes().contains(axis));
        Q_EMIT queue->runStarted(QStringLiteral("spike"), 2);
        // A first batch ten times the rest, then a slow decline.
        Q_EMIT queue->stepReported(1, 1, 20, 1.0);
        for (int step = 2; step <= 20; ++step)
            Q_EMIT queue->stepReported(1, step, 20, 0.1 - 0.0025 * step);
        QCOMPARE(panel->batchLossSeries()->count(), 20);
        const double lo = axis->min(), hi = axis->max();
        QVERIFY(lo > 0 && lo <= 0.05 && hi >= 1.0);
        // The later batches span a fair part of the height (a linear axis
        // from 0 to the spike would give them under 6 %).
        const double span = std::log10(hi / lo);
        const double later = std::log10(0.095 / 0.05) / span;
        QVERIFY2(later > 0.15, qPrintable(QString::number(later)));
        Q_EMIT queue->epochReported(1, 0.08, 0.07, {}, true);
        QVERIFY(axis->min() <= 0.05 && axis->max() >= 1.0);
    }

    void inspectorFitsFiveRuns()
    {
        // The smaller screen, with the inspector at its default width.
        resizeAndSettle(1280, 800);
        window_->resetLayout();
        QTest::qWait(50);
        ProjectSession* session = window_->session();
        const auto live = session->resultSet(session->indexOfResultSet(QStringLiteral("live:cosine")));
        QVERIFY(live);
        const char* heads[] = {"linear", "linear-visual", "linear-text", "mlp", "attention"};
        QStringList keys;
        for (int i = 0; i < 5; ++i) {
            auto copy = std::make_shared<ResultSet>(*live);
            copy->key = QStringLiteral("test:%1").arg(i);
            copy->label = QStringLiteral("a long label for compared run number %1").arg(i);
            copy->headKind = QString::fromLatin1(heads[i]);
            copy->stage = QStringLiteral("finetune");
            session->addResultSet(copy);
            keys << copy->key;
        }
        ObjectBrowser* b = window_->browser();
        if (b->currentObject().first < 0)
            b->selectNext();
        QTest::qWait(50);
        ObjectInspector* inspector = window_->inspector();
        QTableWidget* t = inspector->captionTable();
        QCOMPARE(t->columnCount(), 1 + session->resultSetCount());
        QVERIFY(session->resultSetCount() >= 6);
        QVERIFY(t->isVisible());
        // Every run column and the captions within the view: no sideways scrolling.
        QCOMPARE(t->horizontalScrollBar()->maximum(), 0);
        int total = 0;
        for (int c = 0; c < t->columnCount(); ++c)
            total += t->columnWidth(c);
        QVERIFY2(total <= t->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(total).arg(t->viewport()->width())));
        QVERIFY(t->columnWidth(0) >= 150);
        for (int c = 1; c < t->columnCount(); ++c)
            QVERIFY(t->columnWidth(c) <= RankScoreDelegate::kMaxWidth);
        // The copies show the baseline's numbers under their own keys.
        const std::vector<double> copied = inspector->shownScores(keys[4]);
        const std::vector<double> original = inspector->shownScores(QStringLiteral("live:cosine"));
        QCOMPARE(copied.size(), original.size());
        QVERIFY(!copied.empty());
        for (size_t i = 0; i < copied.size(); ++i)   // NaN: a caption outside the vocabulary, in both
            QVERIFY(copied[i] == original[i] || (std::isnan(copied[i]) && std::isnan(original[i])));
        QCOMPARE(inspector->shownRank(keys[2]), inspector->shownRank(QStringLiteral("live:cosine")));

        // The run the browser scores by is the highlighted column.
        b->setPrimarySet(keys[2]);
        QCOMPARE(inspector->highlightedSet(), keys[2]);
        for (int c = 1; c < t->columnCount(); ++c) {
            const bool expected = c == 1 + session->indexOfResultSet(keys[2]);
            QCOMPARE(t->item(0, c)->data(RankScoreDelegate::HighlightRole).toBool(), expected);
            QCOMPARE(t->horizontalHeaderItem(c)->font().bold(), expected);
        }
        // A dozen runs fit at 1600x1000 (past that the view scrolls).
        resizeAndSettle(1600, 1000);
        window_->resetLayout();
        for (int i = 5; i < 12; ++i) {
            auto copy = std::make_shared<ResultSet>(*live);
            copy->key = QStringLiteral("test:%1").arg(i);
            session->addResultSet(copy);
            keys << copy->key;
        }
        QTest::qWait(50);
        QCOMPARE(t->columnCount(), 1 + session->resultSetCount());
        QCOMPARE(t->horizontalScrollBar()->maximum(), 0);
        for (const QString& k : keys)
            session->removeResultSet(k);
        b->setPrimarySet(QStringLiteral("live:cosine"));
    }

    void reproduceQueuesTheProtocol()
    {
        TrainingQueue* queue = window_->trainingQueue();
        QVERIFY(!queue->isRunning());
        QCOMPARE(window_->projectPreset(), QStringLiteral("demo"));
        QCOMPARE(window_->reproduceAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
        QSignalSpy started(queue, &TrainingQueue::runStarted);
        window_->reproduceAction()->trigger();
        // The first step starts at once, the rest wait in the queue.
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.front().at(0).toString(), QStringLiteral("cosine"));
        const auto plan = reproducePlan("demo");
        QCOMPARE(queue->pendingCount(), int(plan.size()) - 1);
        QCOMPARE(int(plan.size()), 11);   // the baseline, then 5 heads x 2 stages
        for (size_t i = 1; i < plan.size(); ++i) {
            const TrainRequest& r = queue->pending()[i - 1];
            const ProtocolStep& step = plan[i];
            QCOMPARE(r.name, QString::fromStdString(step.key));
            QCOMPARE(r.key, QString::fromStdString(step.key));
            QCOMPARE(r.parentKey, QString::fromStdString(step.parentKey));
            QVERIFY(step.train.has_value());
            QCOMPARE(r.preset, QStringLiteral("demo"));
            QCOMPARE(r.epochs, step.train->epochs);
            QCOMPARE(r.lr, step.train->lr);
            QCOMPARE(r.margin, step.train->margin);
            QCOMPARE(r.batch, qint64(step.train->batch));
            QCOMPARE(r.stage, QString::fromStdString(stageName(step.train->stage)));
            QVERIFY(!r.evaluateBaseline);
        }
        QCOMPARE(queue->pending()[1].parentKey, QStringLiteral("linear/warmup"));
        QCOMPARE(queue->pending()[0].parentKey, QString());
        QCOMPARE(window_->trainingPanel()->isVisible(), true);
        drainQueue();
    }

    void fineTuneWithoutItsWarmupFails()
    {
        TrainingQueue* queue = window_->trainingQueue();
        TrainRequest r = presetRequest(QStringLiteral("demo"), QStringLiteral("linear"), QStringLiteral("finetune"));
        r.name = QStringLiteral("orphan");
        r.parentKey = QStringLiteral("linear/warmup-that-never-ran");
        QSignalSpy ended(queue, &TrainingQueue::runEnded);
        queue->enqueue(r);
        QVERIFY(ended.count() == 1 || ended.wait(60000));
        QCOMPARE(ended.front().at(1).toString(), QStringLiteral("failed"));
        QVERIFY2(ended.front().at(2).toString().contains(QStringLiteral("did not finish")),
                 qPrintable(ended.front().at(2).toString()));
    }

    void layoutAndComparedRunsPersist()
    {
        // A logged run to compare: the baseline, evaluated into the log.
        QSignalSpy compared(window_, &MainWindow::comparisonLoaded);
        window_->evaluateBaselineIntoLog();
        QVERIFY(compared.wait(300000));
        qint64 runId = 0;
        for (int i = 0; i < window_->session()->resultSetCount(); ++i)
            runId = std::max<qint64>(runId, window_->session()->resultSet(i)->runId);
        QVERIFY(runId > 0);
        QVERIFY(!window_->runsPanel()->emptyHint()->isVisible());

        resizeAndSettle(1500, 940);
        window_->showView(QStringLiteral("charts"));
        QTableView* runs = window_->runsPanel()->view();
        runs->setColumnWidth(RunsModel::ColName, 233);
        window_->browser()->tableView()->setColumnWidth(1, 97);
        QSplitter* split = window_->trainingPanel()->splitter();
        split->setSizes({500, 150, 700});
        const QList<int> trainingSizes = split->sizes();
        QVERIFY(window_->close());
        delete window_;
        window_ = nullptr;

        window_ = new MainWindow;
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_));
        QCOMPARE(window_->size(), QSize(1500, 940));
        QCOMPARE(window_->centralTabs()->currentIndex(), 1);
        QCOMPARE(window_->runsPanel()->view()->columnWidth(RunsModel::ColName), 233);
        QCOMPARE(window_->browser()->tableView()->columnWidth(1), 97);
        QCOMPARE(window_->trainingPanel()->splitter()->sizes(), trainingSizes);

        QSignalSpy again(window_, &MainWindow::comparisonLoaded);
        QVERIFY(openDemo(window_));
        QVERIFY(again.count() > 0 || again.wait(60000));
        bool found = false;
        for (int i = 0; i < window_->session()->resultSetCount(); ++i)
            found = found || window_->session()->resultSet(i)->runId == runId;
        QVERIFY2(found, "the compared run is compared again after a restart");
    }

    void screenshotsStartFromTheDefaultLayout()
    {
        // A window that does not persist ignores the saved tab and sizes.
        MainWindow fresh(nullptr, false);
        QCOMPARE(fresh.centralTabs()->currentIndex(), 0);
        QCOMPARE(fresh.size(), QSize(1440, 900));
    }

    void cleanupTestCase()
    {
        if (window_)
            drainQueue();
        delete window_;
    }
};

QTEST_MAIN(TestLayout)
#include "test_layout.moc"

// The object model, its filter proxy and the views at scale: 100,000 objects
// built from the real Pattern benchmark (its objects repeated under new ids)
// with ranks and scores from core's evaluation.
#include "testsupport.h"
#include "ui_test_data.h"

#include "browser/object_browser.h"
#include "browser/object_filter_proxy.h"
#include "browser/object_roles.h"
#include "browser/object_table_model.h"
#include "model/caption_diff.h"
#include "model/project_session.h"

#include "data/fgovd.h"

#include <QElapsedTimer>
#include <QListView>
#include <QScrollBar>
#include <QTableView>

#include <cmath>

using namespace fglens;
using namespace fglens::ui;

class TestObjectBrowser : public QObject {
    Q_OBJECT

private:
    ProjectSession* session_ = nullptr;
    std::shared_ptr<FgBenchmark> bench_;
    std::shared_ptr<ResultSet> cosine_;
    size_t baseObjects_ = 0;

private Q_SLOTS:
    void captionDiff()
    {
        const auto d = diffCaption(QStringLiteral("a red wooden chair"), QStringLiteral("a blue wooden chair"));
        QCOMPARE(d.words.size(), 4);
        QCOMPARE(d.differs, (std::vector<bool>{false, true, false, false}));
        QCOMPARE(differingWords(QStringLiteral("A striped, metal cup."), QStringLiteral("a dotted metal cup")),
                 QStringList{QStringLiteral("dotted")});
        const QString html = highlightedCaption(QStringLiteral("a <b> cup"), QStringLiteral("a <i> cup"),
                                                QStringLiteral("red"));
        QVERIFY(html.contains(QStringLiteral("&lt;i&gt;")));   // escaped, never interpreted
    }

    void initTestCase()
    {
        // captionDiff needs no fixture: without one only the others skip.
        if (!test::haveFixture(QStringLiteral("fgclip-cache/pattern.pt")))
            return;
        auto f = test::loadPattern(test::fixtureStd(QStringLiteral("fgclip-cache/pattern.pt")));
        baseObjects_ = f.features.benchmark.objects.size();
        // Repeat the benchmark's objects (new ids, same images and captions)
        // up to 100,000 rows, and their evaluated ranks and scores with them.
        bench_ = std::make_shared<FgBenchmark>(f.features.benchmark);
        const size_t copies = (100000 + baseObjects_ - 1) / baseObjects_;
        auto set = test::resultSetOf(f.cosine, f.features.benchmark, QStringLiteral("live:cosine"),
                                     QStringLiteral("CLIP cosine"));
        auto& rb = set->benches["pattern"];
        const auto ids = rb.objectIds;
        const auto ranks = rb.ranks;
        const auto scores = rb.scores;
        int64_t maxId = 0;
        for (const FgObject& o : bench_->objects)
            maxId = std::max(maxId, o.id);
        for (size_t c = 1; c < copies; ++c) {
            for (size_t i = 0; i < baseObjects_ && bench_->objects.size() < 100000; ++i) {
                FgObject o = f.features.benchmark.objects[i];
                o.id += static_cast<int64_t>(c) * (maxId + 1);
                bench_->objects.push_back(o);
            }
            for (size_t r = 0; r < ids.size(); ++r) {
                const int64_t id = ids[r] + static_cast<int64_t>(c) * (maxId + 1);
                rb.objectIds.push_back(id);
                rb.ranks.push_back(ranks[r]);
                rb.scores.insert(rb.scores.end(), scores.begin() + static_cast<long>(r * rb.width()),
                                 scores.begin() + static_cast<long>((r + 1) * rb.width()));
            }
        }
        QCOMPARE(bench_->objects.size(), size_t(100000));
        cosine_ = set;

        LoadedProject p;
        BenchView v;
        v.key = "pattern";
        v.benchmark = bench_;
        v.negatives = protocolNegatives("pattern");
        v.attributes.assign(bench_->objects.size(), 4u);
        for (size_t i = 0; i < bench_->objects.size(); ++i)
            v.objectIndexById.emplace(bench_->objects[i].id, static_cast<int32_t>(i));
        p.benchmarks.push_back(std::move(v));
        p.summary.objects = 100000;
        p.baseline = set;
        session_ = new ProjectSession(this);
        session_->setProject(std::move(p));
    }

    void modelServesCoreValues()
    {
        FGLENS_REQUIRE_FIXTURE(QStringLiteral("fgclip-cache/pattern.pt"));
        ObjectTableModel model(session_);
        QCOMPARE(model.rowCount(), 100000);
        const auto f = test::loadPattern(test::fixtureStd(QStringLiteral("fgclip-cache/pattern.pt")));
        // Row of the first evaluated object: rank and margin are core's.
        const int obj = f.cosine.objectIndices[0];
        const QModelIndex rank = model.index(obj, ObjectTableModel::ColRank);
        QCOMPARE(rank.data(RawValueRole).toDouble(), double(f.cosine.ranks[0]));
        const float* s = f.cosine.scores.data();
        double best = -1e9;
        for (int j = 1; j <= f.cosine.negatives; ++j)
            best = std::max(best, double(s[j]));
        QVERIFY(std::abs(model.index(obj, ObjectTableModel::ColMargin).data(RawValueRole).toDouble() -
                         (double(s[0]) - best)) < 1e-7);
        // An object with fewer than N negatives has no rank.
        for (size_t i = 0; i < baseObjects_; ++i)
            if (bench_->objects[i].negativeIds.size() < 7) {
                QVERIFY(!model.index(int(i), ObjectTableModel::ColRank).data(RawValueRole).isValid());
                break;
            }
    }

    void filterAndSortAtScale()
    {
        FGLENS_REQUIRE_FIXTURE(QStringLiteral("fgclip-cache/pattern.pt"));
        ObjectTableModel model(session_);
        ObjectFilterProxy proxy;
        proxy.setSourceTable(&model);
        QElapsedTimer t;
        t.start();
        ObjectFilterProxy::Filter f;
        f.correctness = ObjectFilterProxy::Correctness::Incorrect;
        proxy.setFilter(f);
        const int incorrect = proxy.rowCount();   // the mapping is built here
        const qint64 filterMs = t.restart();
        QVERIFY(incorrect > 0);
        // Exactly the evaluated objects whose positive does not rank first.
        int wrong = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            wrong += model.rank(r) > 1;
        QCOMPARE(incorrect, wrong);
        QVERIFY(incorrect < model.rowCount());
        for (int r = 0; r < proxy.rowCount(); r += 97)
            QVERIFY(proxy.index(r, ObjectTableModel::ColRank).data(RawValueRole).toInt() > 1);
        proxy.sort(ObjectTableModel::ColMargin, Qt::AscendingOrder);
        const qint64 sortMs = t.restart();
        double prev = -1e9;
        for (int r = 0; r < proxy.rowCount(); r += 11) {
            const double m = proxy.index(r, ObjectTableModel::ColMargin).data(RawValueRole).toDouble();
            QVERIFY(m >= prev);
            QVERIFY(m <= 0);   // incorrect: the best negative scores at least as high
            prev = m;
        }
        qInfo("100k objects: filter %lld ms, sort by margin %lld ms", filterMs, sortMs);
        QVERIFY2(filterMs < 3000 && sortMs < 3000, "filtering and sorting 100,000 objects must stay interactive");

        f = {};
        f.rankMin = 3;
        f.marginMax = -0.001;
        f.word = QStringLiteral("striped");
        proxy.setFilter(f);
        // Rows remain, and they are exactly the matching ones.
        QVERIFY(proxy.rowCount() > 0);
        int matching = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            matching += model.rank(r) >= 3 && model.margin(r) <= -0.001 &&
                        model.positiveCaption(r).contains(QStringLiteral("striped"), Qt::CaseInsensitive);
        QCOMPARE(proxy.rowCount(), matching);
        for (int r = 0; r < proxy.rowCount(); ++r) {
            QVERIFY(proxy.index(r, ObjectTableModel::ColRank).data(RawValueRole).toInt() >= 3);
            QVERIFY(proxy.index(r, ObjectTableModel::ColPositive).data().toString().contains(
                QStringLiteral("striped"), Qt::CaseInsensitive));
        }
    }

    void viewsScrollAtScale()
    {
        FGLENS_REQUIRE_FIXTURE(QStringLiteral("fgclip-cache/pattern.pt"));
        ObjectBrowser browser(session_);
        browser.resize(1200, 800);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QCOMPARE(browser.visibleCount(), 100000);
        QListView* grid = browser.gridView();
        QElapsedTimer t;
        t.start();
        // Jump through the whole grid, repainting each time: uniform item
        // sizes keep every step independent of the row count.
        for (int i = 0; i <= 20; ++i) {
            grid->verticalScrollBar()->setValue(grid->verticalScrollBar()->maximum() * i / 20);
            grid->viewport()->repaint();
        }
        const qint64 gridMs = t.restart();
        for (int i = 0; i <= 20; ++i) {
            browser.tableView()->verticalScrollBar()->setValue(browser.tableView()->verticalScrollBar()->maximum() * i / 20);
            browser.tableView()->viewport()->repaint();
        }
        const qint64 tableMs = t.elapsed();
        qInfo("21 full repaints across 100k objects: grid %lld ms, table %lld ms", gridMs, tableMs);
        QVERIFY2(gridMs < 5000 && tableMs < 5000, "scrolling 100,000 objects must stay smooth");

        // j/k-style stepping and selection by object.
        QVERIFY(browser.selectObject(0, 5));
        QCOMPARE(browser.currentObject(), std::make_pair(0, 5));
        browser.selectNext();
        QCOMPARE(browser.currentObject(), std::make_pair(0, 6));
        browser.selectPrevious();
        QCOMPARE(browser.currentObject(), std::make_pair(0, 5));
    }
};

QTEST_MAIN(TestObjectBrowser)
#include "test_object_browser.moc"

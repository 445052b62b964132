// GUI behaviour no other suite covered (issue #16), on a small demo project
// built by fglens-cli (no fixture): the Rank vs N chart equals core's per-N
// evaluation, browser filters keep exactly the matching objects, thumbnails
// appear, a stale cache is refused at project open, the GUI and a CLI write
// one log at once, and `fglens --export-figures` / `--lang` read back from
// the PDF with pdftotext.
#include "testsupport.h"

#include "browser/object_browser.h"
#include "browser/object_filter_proxy.h"
#include "browser/object_roles.h"
#include "browser/object_table_model.h"
#include "browser/thumbnail_cache.h"
#include "charts/chart_data.h"
#include "model/project_loader.h"
#include "model/project_session.h"
#include "model/result_set.h"
#include "runs/runs_model.h"

#include "data/fgovd.h"
#include "eval/fgovd_eval.h"
#include "heads/head.h"
#include "store/experiment_log.h"
#include "train/experiment.h"

#include <QListView>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>

#include <torch/torch.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>

using namespace fglens;
using namespace fglens::ui;
using fglens::test::parseObject;
using fglens::test::runCli;

namespace {

QString gui()
{
    return QFileInfo(QString::fromUtf8(FGLENS_CLI)).dir().filePath(QStringLiteral("fglens"));
}

// Text of a PDF, whitespace collapsed (pdftotext breaks lines where the layout does).
QString pdfText(const QString& pdf, QString* why)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = QStringLiteral("pdftotext failed on %1 (poppler-utils is a test dependency): %2")
                   .arg(pdf, QString::fromUtf8(p.readAllStandardError()) + p.errorString());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

struct GuiRun {
    int exitCode = -1;
    QString out, err;
};

GuiRun runGui(const QStringList& args, const QString& configHome)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    p.setProcessEnvironment(env);
    p.start(gui(), args);
    GuiRun r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Core's evaluation of one benchmark of the project at its protocol N.
FgEvalResult coreEval(const ProjectData& data, const std::string& key)
{
    for (const auto& b : data.benchmarks)
        if (b.key == key) {
            auto head = makeHead(HeadKind::Cosine);
            FgEvalOptions opt;
            opt.negatives = protocolNegatives(key);
            return evaluateFgovd(*head, *b.benchmark, b.objects, b.captions, opt);
        }
    return {};
}

} // namespace

class TestGuiCoverage : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString demo_;
    ProjectSession* session_ = nullptr;

    void compareRankVsN(const std::vector<ResultSetPtr>& sets, const char* what)
    {
        const auto data = session_->data();
        for (const auto& b : data->benchmarks) {
            const FgEvalResult core = coreEval(*data, b.key);
            const ChartData c = rankVsNegativesChart(sets, b.key);
            QVERIFY2(c.series.size() == 1, qPrintable(QString("%1 %2").arg(what).arg(QString::fromStdString(b.key))));
            const ChartSeries& s = c.series[0];
            QCOMPARE(s.x.size(), int(core.perNegatives.size()));
            for (int i = 0; i < s.x.size(); ++i) {
                const int n = int(s.x[i]);
                QCOMPARE(n, i + 1);
                const double want = core.perNegatives.at(n).meanRank;
                QVERIFY2(std::abs(s.y[i] - want) < 1e-9,
                         qPrintable(QString("%1 %2 N=%3: chart %4, core %5").arg(what).arg(QString::fromStdString(b.key))
                                        .arg(n).arg(s.y[i], 0, 'g', 17).arg(want, 0, 'g', 17)));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("FGLENS_NO_DIALOGS", "1");
        torch::set_num_threads(1);
        QVERIFY(tmp_.isValid());
        demo_ = tmp_.filePath(QStringLiteral("demo"));
        const auto r = runCli({"demo", "--out", demo_, "--scale", "small", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        JobContext ctx;
        session_ = new ProjectSession(this);
        session_->setProject(loadProject(demo_, ctx));
        QVERIFY(session_->isLoaded());
        QCOMPARE(int(session_->benchmarks().size()), 8);
        QVERIFY2(session_->summary().unavailable.filter(QStringLiteral("stale")).isEmpty(),
                 qPrintable(session_->summary().unavailable.join('\n')));
    }

    // The Rank vs N chart at every N equals core's evaluation with the
    // vocabulary cut to N negatives: for the live baseline, for a run read
    // back from the log, and for a set that has only per-object scores.
    void rankVsNChartEqualsCorePerN()
    {
        compareRankVsN({session_->resultSet(0)}, "live");
        const QString log = tmp_.filePath(QStringLiteral("rankvsn.sqlite"));
        const auto r = runCli({"eval", "--project", demo_, "--head", "cosine", "--record", "--log", log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        ExperimentLog l(log.toStdString());
        QCOMPARE(l.runs().size(), size_t(1));
        const auto logged = resultSetFromLog(l, l.runs()[0]);
        compareRankVsN({logged}, "logged");
        // Only the per-object scores (an older log): every demo object has
        // at least N negatives, so the stored rows give the same figures.
        auto scoresOnly = std::make_shared<ResultSet>(*logged);
        for (auto& [key, bench] : scoresOnly->benches) {
            QVERIFY(!bench.meanRankAtN.empty());
            bench.meanRankAtN.clear();
        }
        compareRankVsN({scoresOnly}, "scores only");
    }

    // Each filter leaves rows, and exactly the objects that match it,
    // decided here from core's ranks and the benchmark's captions.
    void browserFiltersKeepExactlyTheMatches()
    {
        ObjectTableModel model(session_);
        ObjectFilterProxy proxy;
        proxy.setSourceTable(&model);
        const auto data = session_->data();
        struct Truth {
            int rank = 0;
            double margin = 0;
            QString positive;
        };
        std::map<std::pair<int, int>, Truth> truth;   // (bench, object) -> core's values
        for (const auto& b : data->benchmarks) {
            const int bench = session_->benchmarkIndex(b.key);
            const FgEvalResult core = coreEval(*data, b.key);
            for (size_t r = 0; r < core.ranks.size(); ++r) {
                const int object = core.objectIndices[r];
                const float* s = core.scores.data() + r * size_t(core.negatives + 1);
                double best = -1e9;
                for (int j = 1; j <= core.negatives; ++j)
                    best = std::max(best, double(s[j]));
                const FgObject& o = b.benchmark->objects[size_t(object)];
                truth[{bench, object}] = {core.ranks[r], double(s[0]) - best,
                                          QString::fromStdString(b.benchmark->captions[size_t(o.positiveIndex)].text)};
            }
        }
        QCOMPARE(model.rowCount(), int(session_->objectCount()));
        const int hard = session_->benchmarkIndex("hard");
        // A word that some but not all positives hold.
        const Truth& any = truth.begin()->second;
        const QString word = any.positive.split(' ', Qt::SkipEmptyParts).value(1).remove(QRegularExpression("[^A-Za-z]"));
        QVERIFY(!word.isEmpty());
        struct Case {
            const char* name;
            ObjectFilterProxy::Filter filter;
            std::function<bool(int bench, const Truth&)> match;
        };
        std::vector<Case> cases;
        {
            ObjectFilterProxy::Filter f;
            f.bench = hard;
            f.correctness = ObjectFilterProxy::Correctness::Incorrect;
            cases.push_back({"hard, incorrect", f, [hard](int b, const Truth& t) { return b == hard && t.rank > 1; }});
        }
        {
            ObjectFilterProxy::Filter f;
            f.correctness = ObjectFilterProxy::Correctness::Correct;
            cases.push_back({"correct", f, [](int, const Truth& t) { return t.rank == 1; }});
        }
        {
            ObjectFilterProxy::Filter f;
            f.word = word.toUpper();
            cases.push_back({"word", f, [word](int, const Truth& t) { return t.positive.contains(word, Qt::CaseInsensitive); }});
        }
        {
            ObjectFilterProxy::Filter f;
            f.rankMin = 2;
            f.rankMax = 3;
            f.marginMax = -0.001;
            cases.push_back({"rank 2..3, margin <= -0.001", f,
                             [](int, const Truth& t) { return t.rank >= 2 && t.rank <= 3 && t.margin <= -0.001; }});
        }
        for (const Case& c : cases) {
            proxy.setFilter(c.filter);
            std::set<std::pair<int, int>> shown, expected;
            for (int r = 0; r < proxy.rowCount(); ++r) {
                const auto ref = model.ref(proxy.mapToSource(proxy.index(r, 0)).row());
                shown.insert({ref.bench, ref.object});
            }
            for (const auto& [key, t] : truth)
                if (c.match(key.first, t))
                    expected.insert(key);
            QVERIFY2(!expected.empty(), c.name);   // the case must check something
            QVERIFY2(shown.size() > 0, c.name);
            QVERIFY2(shown == expected, qPrintable(QString("%1: %2 shown, %3 expected").arg(c.name).arg(shown.size()).arg(expected.size())));
            QVERIFY2(int(expected.size()) < model.rowCount(), c.name);   // and filter something out
        }
        proxy.setFilter({});
        QCOMPARE(proxy.rowCount(), model.rowCount());
    }

    // The grid decodes crops off the GUI thread and paints them in their cells.
    void thumbnailsAppearInTheGrid()
    {
        ObjectBrowser browser(session_);
        browser.resize(1000, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QListView* grid = browser.gridView();
        const QModelIndex first = browser.proxy()->index(0, 0);
        QVERIFY(first.isValid());
        grid->scrollTo(first);
        const int bench = first.data(BenchIndexRole).toInt(), object = first.data(ObjectIndexRole).toInt();
        const BenchView& view = session_->benchmarks()[size_t(bench)];
        const FgObject& o = view.benchmark->objects[size_t(object)];
        const std::string file = view.benchmark->images[size_t(o.imageIndex)].fileName;
        const quint64 key = first.data(ThumbnailKeyRole).toULongLong();
        QImage thumb;
        QTRY_VERIFY_WITH_TIMEOUT(
            (grid->viewport()->repaint(), browser.thumbnails()->lookup(key, file, o.bbox, &thumb) == ThumbnailCache::State::Ready),
            60000);
        QVERIFY(!thumb.isNull());
        QVERIFY(thumb.width() <= browser.thumbnails()->edge() && thumb.height() <= browser.thumbnails()->edge());
        // A crop of a rendered scene, not a blank tile.
        std::set<QRgb> colours;
        for (int y = 0; y < thumb.height(); y += 3)
            for (int x = 0; x < thumb.width(); x += 3)
                colours.insert(thumb.pixel(x, y));
        QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
        // The painted cell shows those pixels.
        grid->viewport()->repaint();
        const QImage shot = grid->viewport()->grab().toImage();
        const QRect cell = grid->visualRect(first);
        const QRect cellInner = cell.adjusted(2, 2, -2, -2);
        const int edge = browser.thumbnails()->edge();
        const QSize s = thumb.size().scaled(QSize(edge, edge), Qt::KeepAspectRatio);
        const QPoint centre(cellInner.left() + (cellInner.width() - edge) / 2 + (edge - s.width()) / 2 + s.width() / 2,
                            cellInner.top() + 4 + (edge - s.height()) / 2 + s.height() / 2);
        const QColor painted = QColor(shot.pixel(centre * shot.devicePixelRatio()));
        const QColor expected = QColor(thumb.scaled(s).pixel(s.width() / 2, s.height() / 2));
        QVERIFY2(std::abs(painted.red() - expected.red()) <= 24 && std::abs(painted.green() - expected.green()) <= 24 &&
                     std::abs(painted.blue() - expected.blue()) <= 24,
                 qPrintable(QString("painted %1, thumbnail %2").arg(painted.name(), expected.name())));
    }

    // A feature cache made from another version of its benchmark file is
    // refused at open with a line naming it; the benchmark is browsable but not scored.
    void staleCacheRefusedAtOpen()
    {
        const QString copy = tmp_.filePath(QStringLiteral("stale"));
        QCOMPARE(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), demo_, copy}), 0);
        QFile f(copy + QStringLiteral("/benchmarks/1_attributes.json"));
        QVERIFY(f.open(QIODevice::Append));
        f.write("\n");
        f.close();
        JobContext ctx;
        const LoadedProject p = loadProject(copy, ctx);
        const QStringList stale = p.summary.unavailable.filter(QStringLiteral("stale feature cache"));
        QVERIFY2(stale.size() == 1, qPrintable(p.summary.unavailable.join('\n')));
        QVERIFY2(stale[0].contains(QStringLiteral("1_attributes.safetensors")), qPrintable(stale[0]));
        QVERIFY(!stale[0].contains('\n'));
        for (const auto& b : p.data->benchmarks)
            QVERIFY2(b.key != "hard", "the stale benchmark was scored");
        QCOMPARE(p.benchmarks.size(), size_t(8));   // still browsable
        QVERIFY(p.baseline->benches.count("hard") == 0);
        QCOMPARE(p.baseline->benches.size(), size_t(7));
    }

    // The GUI's runs model reading and writing one log while a CLI trains
    // into it (WAL): no "database is locked" on either side.
    void guiAndCliWriteOneLog()
    {
        const QString log = tmp_.filePath(QStringLiteral("shared.sqlite"));
        QCOMPARE(runCli({"eval", "--project", demo_, "--head", "cosine", "--record", "--log", log}).exitCode, 0);
        RunsModel model;
        QSignalSpy errors(&model, &RunsModel::errorOccurred);
        QVERIFY2(model.setLogPath(log).isEmpty(), "the GUI could not open the log");
        QCOMPARE(model.rowCount(), 1);
        QProcess cli;
        cli.start(QString::fromUtf8(FGLENS_CLI),
                  {"train", "--project", demo_, "--log", log, "--head", "linear", "--stage", "warmup", "--preset", "demo",
                   "--epochs", "25", "--batch", "16", "--quiet"});
        QVERIFY(cli.waitForStarted());
        int writes = 0, reloads = 0;
        bool sawRunning = false;
        while (cli.state() != QProcess::NotRunning) {
            model.reload();
            ++reloads;
            sawRunning = sawRunning || model.hasRunning();
            const int row = model.rowOfRun(1);
            QVERIFY(row >= 0);
            QVERIFY2(model.setData(model.index(row, RunsModel::ColNotes), QStringLiteral("note %1").arg(writes)),
                     qPrintable(errors.isEmpty() ? QString() : errors.front().at(0).toString()));
            ++writes;
            QTest::qWait(10);
        }
        cli.waitForFinished();
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0, qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("locked")), qPrintable(err));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.front().at(0).toString()));
        QVERIFY2(sawRunning && writes > 20, qPrintable(QString("%1 writes, %2 reloads").arg(writes).arg(reloads)));
        model.reload();
        QCOMPARE(model.rowCount(), 2);
        ExperimentLog l(log.toStdString());
        QCOMPARE(l.run(1)->notes, QStringLiteral("note %1").arg(writes - 1).toStdString());
        QCOMPARE(l.runs().front().status, RunStatus::Finished);
        int epochs = 0;
        for (const auto& m : l.metrics(l.runs().front().id))
            epochs += m.name == "train_loss";
        QCOMPARE(epochs, 25);
    }

    // `fglens --export-figures` writes PDFs whose text is the chart's, and
    // `--lang it_IT` prints the Italian strings of translations/fglens_it_IT.ts.
    void exportFiguresAndLanguageReadBack()
    {
        QVERIFY2(QFileInfo::exists(gui()), qPrintable(gui() + " is not built (the ui suites depend on it)"));
        const QString log = tmp_.filePath(QStringLiteral("figures.sqlite"));
        QCOMPARE(runCli({"eval", "--project", demo_, "--head", "cosine", "--record", "--log", log}).exitCode, 0);
        const QString config = tmp_.filePath(QStringLiteral("config"));
        const QString en = tmp_.filePath(QStringLiteral("fig-en")), it = tmp_.filePath(QStringLiteral("fig-it"));
        auto r = runGui({"--export-figures", log, "--out", en, "--width", "ieee-2col", "--title", "--lang", "en"}, config);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString why;
        const QString bars = pdfText(en + QStringLiteral("/mean_rank_per_benchmark_2col.pdf"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY2(bars.contains(QStringLiteral("Mean Rank per benchmark")), qPrintable(bars));
        for (const char* label : {"Trivial", "Easy", "Medium", "Hard", "Color", "Material", "Pattern", "Transparency"})
            QVERIFY2(bars.contains(QLatin1String(label)), qPrintable(QString(label) + " missing from: " + bars));
        const QString lines = pdfText(en + QStringLiteral("/rank_vs_negatives_hard_2col.pdf"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY2(lines.contains(QStringLiteral("Mean Rank vs number of negatives")), qPrintable(lines));
        QVERIFY(!bars.contains(QStringLiteral("Rango medio")));

        r = runGui({"--export-figures", log, "--out", it, "--width", "ieee-2col", "--title", "--lang", "it_IT"}, config);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString barsIt = pdfText(it + QStringLiteral("/mean_rank_per_benchmark_2col.pdf"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY2(barsIt.contains(QStringLiteral("Rango medio per benchmark")), qPrintable(barsIt));
        QVERIFY2(!barsIt.contains(QStringLiteral("Mean Rank per benchmark")), qPrintable(barsIt));
        const QString linesIt = pdfText(it + QStringLiteral("/rank_vs_negatives_hard_2col.pdf"), &why);
        QVERIFY2(linesIt.contains(QStringLiteral("Rango medio e numero di negativi")), qPrintable(linesIt));
    }

    void cleanupTestCase()
    {
        delete session_;
        session_ = nullptr;
    }
};

QTEST_MAIN(TestGuiCoverage)
#include "test_gui_coverage.moc"

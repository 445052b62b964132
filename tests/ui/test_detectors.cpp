// Detectors beside CLIP in the workbench (issue 15): a project names FG-OVD
// detector predictions and opening it imports them as a run; Fig. 3 holds the
// detector's Mean Rank exactly as FG-OVD's ranks.py gives it and exports it by
// name; the browser's Q1 filters leave the objects core's Q1 definitions
// count; the inspector draws the matched box or says that none matched; the
// Q1 table's CSV is what `fglens-cli detector-q1` writes.
#include "testsupport.h"

#include "browser/object_browser.h"
#include "browser/object_table_model.h"
#include "charts/charts_panel.h"
#include "common/job_runner.h"
#include "detectors/detector_actions.h"
#include "detectors/q1_panel.h"
#include "export/figure_export.h"
#include "inspector/image_pane.h"
#include "inspector/object_inspector.h"
#include "main_window.h"
#include "model/project_session.h"
#include "runs/runs_model.h"

#include "common/error.h"
#include "data/project.h"
#include "eval/detector_q1.h"
#include "store/experiment_log.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>

#include <cmath>

using namespace fglens;
using namespace fglens::ui;
using fglens::test::fixture;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// A manifest with the shared Pattern benchmark (its FG-CLIP cache as CLIP
// features) and Easy (not encoded), naming the Pattern predictions.
QByteArray manifest(const QString& detectorsJson)
{
    QJsonObject pattern{{"key", "pattern"},
                        {"file", fixture("fgovd/benchmarks/pattern.json")},
                        {"features", fixture("fgclip-cache/pattern.pt")}};
    QJsonObject easy{{"key", "easy"}, {"file", fixture("fgovd/benchmarks/3_attributes.json")}};
    QJsonObject m{{"format", "fglens-project"}, {"version", 1}, {"name", "detectors"},
                  {"benchmarks", QJsonArray{easy, pattern}}};
    if (!detectorsJson.isEmpty())
        m["detectors"] = QJsonDocument::fromJson(detectorsJson.toUtf8()).array();
    return QJsonDocument(m).toJson();
}

bool pdfText(const QString& pdf, QString* text, QString* why)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *why = QStringLiteral("pdftotext (poppler-utils) failed on ") + pdf + QStringLiteral(": ") +
               QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    *text = QString::fromUtf8(p.readAllStandardOutput());
    return true;
}

} // namespace

class TestDetectors : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    MainWindow* window_ = nullptr;
    qint64 detectorRun_ = 0;
    qint64 clipRun_ = 0;
    bool haveFixtures_ = false;

    QString path(const QString& rel) const { return dir_.filePath(rel); }
    DetectorActions* actions() const { return window_->findChild<DetectorActions*>(); }
    QString logPath() const { return path("project/experiments.sqlite"); }

    bool openAndImport(QList<qint64>* imported)
    {
        QSignalSpy loaded(window_, &MainWindow::projectLoaded);
        QSignalSpy done(actions(), &DetectorActions::imported);
        QSignalSpy compared(window_, &MainWindow::comparisonLoaded);
        window_->openProject(path("project/project.json"));
        if (!loaded.wait(600000) || !loaded.front().at(0).toBool())
            return false;
        if (done.isEmpty() && !done.wait(600000))
            return false;
        *imported = done.front().at(0).value<QList<qint64>>();
        return compared.count() > 0 || compared.wait(120000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("FGLENS_NO_DIALOGS", "1");
        QVERIFY(dir_.isValid());
        haveFixtures_ = test::haveFixture("detector/pattern.pkl") && test::haveFixture("detector/3_attributes.pkl") &&
                        test::haveFixture("fgclip-cache/pattern.pt") &&
                        test::haveFixture("fgovd/benchmarks/3_attributes.json");
        window_ = new MainWindow(nullptr, false);
        window_->resize(1400, 900);
        window_->show();
    }

    void cleanupTestCase() { delete window_; }

    void manifestErrorsNameTheEntry()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        QDir().mkpath(path("bad"));
        const QString m = path("bad/project.json");
        const QList<QPair<QString, QString>> cases = {
            {R"([{"predictions": {"pattern": "p.pkl"}}])", "detectors[0]: missing non-empty string field 'name'"},
            {R"([{"name": "OWL", "predictions": {"hard": "p.pkl"}}])",
             "detectors[0] (OWL): predictions for 'hard', which is not a benchmark of this project (easy, pattern)"},
            {R"([{"name": "OWL", "predictions": {}}])", "detectors[0] (OWL): 'predictions' must be a non-empty object"},
            {R"([{"name": "OWL", "predictions": {"pattern": "p.pkl"}, "negatives": 0}])",
             "detectors[0] (OWL): 'negatives' must be an integer from 1 to 1000"},
            {R"([{"name": "OWL", "predictions": {"pattern": "a.pkl"}}, {"name": "OWL", "predictions": {"pattern": "b.pkl"}}])",
             "detectors[1] (OWL): a second detector with this name"},
        };
        for (const auto& [json, needle] : cases) {
            writeText(m, manifest(json));
            try {
                Project::load(m.toStdString());
                QFAIL(qPrintable("accepted: " + json));
            } catch (const Error& e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.startsWith(m + ":") && what.contains(needle) && !what.contains('\n'), qPrintable(what));
            }
        }
        // A good entry reads back, paths resolved against the manifest and written relative again.
        writeText(m, manifest(R"([{"name": "OWL B/16", "predictions": {"pattern": "owl/pattern/7.pkl"}, "n_neg": 7}])"));
        Project p = Project::load(m.toStdString());
        QCOMPARE(int(p.detectors.size()), 1);
        QCOMPARE(QString::fromStdString(p.detectors[0].name), QString("OWL B/16"));
        QCOMPARE(QString::fromStdString(p.detectors[0].predictions.at(0).second), path("bad/owl/pattern/7.pkl"));
        QCOMPARE(p.detectors[0].negatives.value_or(0), 7);
        p.save(m.toStdString());
        QVERIFY(readJson(m)["detectors"].toArray()[0].toObject()["predictions"].toObject()["pattern"].toString() ==
                QString("owl/pattern/7.pkl"));
    }

    void projectOpenImportsDetector()
    {
        if (!haveFixtures_)
            QSKIP(qPrintable("fixture missing under " + test::sharedDir() + " (detector/, fgclip-cache/pattern.pt)"));
        QDir().mkpath(path("project"));
        writeText(path("project/project.json"),
                  manifest(QString(R"([{"name": "OWL B/16", "predictions": {"pattern": "%1"}}])")
                               .arg(fixture("detector/pattern.pkl"))));
        QList<qint64> imported;
        QVERIFY(openAndImport(&imported));
        QCOMPARE(imported.size(), 1);
        detectorRun_ = imported.front();
        const auto want = readJson(fixture("detector/pattern.expected.json"));
        {
            ExperimentLog log(logPath().toStdString());
            const auto run = log.run(detectorRun_);
            QVERIFY(run);
            QCOMPARE(QString::fromStdString(run->name), QString("OWL B/16"));
            QCOMPARE(QString::fromStdString(run->stage), QString("detector"));
            QCOMPARE(int(log.objectResults(detectorRun_, "pattern").size()), want["objects"].toInt());
        }
        // The detector run is compared at once, named as its user named it.
        const int set = window_->session()->indexOfResultSet(QStringLiteral("run:%1").arg(detectorRun_));
        QVERIFY(set >= 0);
        QVERIFY(window_->session()->resultSet(set)->isDetector());
        QCOMPARE(window_->session()->resultSet(set)->label, QString("OWL B/16"));

        // Opened again: nothing new is imported (the same run is compared).
        QVERIFY(openAndImport(&imported));
        QCOMPARE(imported, QList<qint64>{detectorRun_});
        ExperimentLog log(logPath().toStdString());
        QCOMPARE(int(log.runs().size()), 1);
    }

    void menuImportJoinsTheRun()
    {
        if (!haveFixtures_ || detectorRun_ == 0)
            QSKIP("needs projectOpenImportsDetector's project (fixture missing)");
        QSignalSpy done(actions(), &DetectorActions::imported);
        QSignalSpy compared(window_, &MainWindow::comparisonLoaded);
        actions()->importFiles({DetectorImportJob{"OWL B/16", "easy", fixture("fgovd/benchmarks/3_attributes.json"),
                                                  fixture("detector/3_attributes.pkl"), 10}});
        QVERIFY(done.wait(600000));
        QCOMPARE(done.front().at(0).value<QList<qint64>>(), QList<qint64>{detectorRun_});
        QVERIFY(compared.count() > 0 || compared.wait(120000));
        ExperimentLog log(logPath().toStdString());
        const auto m = log.finalMetrics(detectorRun_);
        QVERIFY(std::abs(m.at("mean_rank/easy") - readJson(fixture("detector/3_attributes.expected.json"))["mean_rank"].toDouble()) < 1e-9);
        // A bad file is one line in the status bar and nothing logged.
        const QString bad = path("bad.json");
        writeText(bad, "[{\"image_filepath\": \"val2017/none.jpg\"}]");
        QSignalSpy finished(window_->jobs(), &JobRunner::finished);
        actions()->importFiles({DetectorImportJob{"broken", "pattern", fixture("fgovd/benchmarks/pattern.json"), bad, 7}});
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.front().at(0).toBool(), false);
        QVERIFY2(finished.front().at(2).toString().startsWith(bad + ":"), qPrintable(finished.front().at(2).toString()));
        QVERIFY(!findDetectorRunNamed("broken"));
    }

    void evaluateClipIntoLog()
    {
        if (!haveFixtures_ || detectorRun_ == 0)
            QSKIP("needs projectOpenImportsDetector's project (fixture missing)");
        QSignalSpy compared(window_, &MainWindow::comparisonLoaded);
        window_->evaluateBaselineIntoLog();
        QVERIFY(compared.wait(600000));
        ExperimentLog log(logPath().toStdString());
        for (const RunRecord& r : log.runs())
            if (r.headKind == "cosine" && r.status == RunStatus::Finished)
                clipRun_ = r.id;
        QVERIFY(clipRun_ > 0);
        QVERIFY(window_->session()->indexOfResultSet(QStringLiteral("run:%1").arg(clipRun_)) >= 0);
    }

    void fig3HoldsTheDetectorsMeanRank()
    {
        if (!haveFixtures_ || clipRun_ == 0)
            QSKIP("needs the imported detector and the CLIP run (fixture missing)");
        const ChartData& c = window_->chartsPanel()->detectorFigure();
        QCOMPARE(c.id, QString("fig3_detectors_vs_clip"));
        QCOMPARE(c.categories, (QStringList{"easy", "pattern"}));
        const ChartSeries* det = nullptr;
        for (const ChartSeries& s : c.series)
            if (s.name == QLatin1String("OWL B/16"))
                det = &s;
        QVERIFY(det);
        const double pattern = readJson(fixture("detector/pattern.expected.json"))["mean_rank"].toDouble();
        const double easy = readJson(fixture("detector/3_attributes.expected.json"))["mean_rank"].toDouble();
        QVERIFY(std::abs(det->y[1] - pattern) < 1e-9);
        QVERIFY(std::abs(det->y[0] - easy) < 1e-9);
        // CLIP first (the paper's order); on Pattern its Mean Rank is the logged cosine run's.
        QVERIFY(c.series.front().key.startsWith("live:cosine") || c.series.front().key.startsWith("run:"));
        const int clipSet = window_->session()->indexOfResultSet(QStringLiteral("run:%1").arg(clipRun_));
        bool clipShown = false;
        for (const ChartSeries& s : c.series)
            if (s.key == QStringLiteral("run:%1").arg(clipRun_)) {
                clipShown = true;
                QVERIFY(std::abs(s.y[1] - window_->session()->resultSet(clipSet)->meanRank("pattern")) < 1e-12);
            }
        QVERIFY(clipShown);
        // Exported with every chart.
        const auto charts = window_->chartsPanel()->currentCharts();
        QCOMPARE(charts.back().id, QString("fig3_detectors_vs_clip"));
    }

    void fig3ExportNamesTheDetector()
    {
        if (!haveFixtures_ || clipRun_ == 0)
            QSKIP("needs the imported detector and the CLIP run (fixture missing)");
        QString error;
        const QString out = path("figures");
        const QStringList files = writeFigures(window_->chartsPanel()->currentCharts(), out, 150, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString pdf = out + "/fig3_detectors_vs_clip_2col.pdf";
        QVERIFY(files.contains(pdf));
        QString text, why;
        QVERIFY2(pdfText(pdf, &text, &why), qPrintable(why));
        QVERIFY2(text.contains("OWL B/16"), qPrintable(text));
        QFile csv(out + "/fig3_detectors_vs_clip.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(csv.readAll()).contains("OWL B/16,pattern,"));
    }

    void exportFiguresCommandHasFig3()
    {
        if (!haveFixtures_ || clipRun_ == 0)
            QSKIP("needs the imported detector and the CLIP run (fixture missing)");
        const QString exe = QFileInfo(QString::fromUtf8(FGLENS_CLI)).dir().filePath(QStringLiteral("fglens"));
        QVERIFY2(QFileInfo::exists(exe), "build the fglens GUI binary (cmake --build build --target fglens)");
        const QString out = path("cli-figures");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path("config"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(exe, {QStringLiteral("--export-figures"), logPath(), QStringLiteral("--out"), out});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QString text, why;
        QVERIFY2(pdfText(out + "/fig3_detectors_vs_clip_1col.pdf", &text, &why), qPrintable(why));
        QVERIFY2(text.contains("OWL B/16"), qPrintable(text));
    }

    void q1FiltersMatchCore()
    {
        if (!haveFixtures_ || clipRun_ == 0)
            QSKIP("needs the imported detector and the CLIP run (fixture missing)");
        ExperimentLog log(logPath().toStdString());
        const auto det = log.objectResults(detectorRun_);
        const auto clip = log.objectResults(clipRun_);
        const auto rows = detectorQ1(det, clip);
        int64_t detWrongClipRight = 0, bothWrong = 0, unmatched = 0;
        for (const Q1Row& r : rows) {
            detWrongClipRight += r.detectorWrong - r.clipAlsoWrong;
            bothWrong += r.clipAlsoWrong;
            unmatched += r.unmatched;
        }
        // Detector right and CLIP wrong: by core's q1Case over the pairs.
        std::map<std::pair<std::string, int64_t>, int> clipRank;
        for (const auto& c : clip)
            clipRank[{c.benchmark, c.objectId}] = c.rank;
        int64_t detRightClipWrong = 0;
        for (const auto& d : det)
            if (const auto it = clipRank.find({d.benchmark, d.objectId}); it != clipRank.end())
                detRightClipWrong += q1Case(d.rank, it->second) == Q1Case::DetectorRightClipWrong ? 1 : 0;
        QVERIFY(detWrongClipRight > 0 && bothWrong > 0 && unmatched > 0 && detRightClipWrong > 0);

        ObjectBrowser* b = window_->browser();
        b->resetFilters();
        const QString detKey = QStringLiteral("run:%1").arg(detectorRun_), clipKey = QStringLiteral("run:%1").arg(clipRun_);
        // Either order of the two runs gives the same objects.
        for (const auto& [primary, compare] : {std::pair{detKey, clipKey}, std::pair{clipKey, detKey}}) {
            b->setPrimarySet(primary);
            b->setCompareSet(compare);
            QVERIFY(b->tableModel()->hasQ1Pair());
            b->setQ1Filter(ObjectFilterProxy::Q1::DetectorWrongClipRight);
            QCOMPARE(b->visibleCount(), int(detWrongClipRight));
            b->setQ1Filter(ObjectFilterProxy::Q1::BothWrong);
            QCOMPARE(b->visibleCount(), int(bothWrong));
            b->setQ1Filter(ObjectFilterProxy::Q1::DetectorRightClipWrong);
            QCOMPARE(b->visibleCount(), int(detRightClipWrong));
            b->setQ1Filter(ObjectFilterProxy::Q1::NoBoxMatched);
            QCOMPARE(b->visibleCount(), int(unmatched));
            QVERIFY(b->filterDescription().contains("q1=no box matched"));
        }
        // Two heads, no detector: the Q1 filter leaves nothing.
        b->setPrimarySet(clipKey);
        b->setCompareSet(QStringLiteral("live:cosine"));
        QVERIFY(!b->tableModel()->hasQ1Pair());
        QCOMPARE(b->visibleCount(), 0);
        b->resetFilters();
        QVERIFY(b->visibleCount() > 0);
    }

    void inspectorShowsBoxOrNoMatch()
    {
        if (!haveFixtures_ || clipRun_ == 0)
            QSKIP("needs the imported detector and the CLIP run (fixture missing)");
        ExperimentLog log(logPath().toStdString());
        std::optional<ObjectResult> matched, lost;
        for (const auto& o : log.objectResults(detectorRun_, "pattern")) {
            if (o.box && !matched)
                matched = o;
            if (!o.box && !lost)
                lost = o;
        }
        QVERIFY(matched && lost);
        ProjectSession* s = window_->session();
        const int bench = s->benchmarkIndex("pattern");
        const auto& ids = s->benchmarks()[size_t(bench)].objectIndexById;
        window_->browser()->setPrimarySet(QStringLiteral("run:%1").arg(detectorRun_));
        ObjectInspector* in = window_->inspector();

        in->showObject(bench, ids.at(lost->objectId));
        QVERIFY2(in->detectorNote().contains("OWL B/16: no box matched"), qPrintable(in->detectorNote()));
        QVERIFY(!in->shownDetectorBox());
        QCOMPARE(in->fullImage()->detectorName(), QString("OWL B/16"));

        in->showObject(bench, ids.at(matched->objectId));
        QVERIFY2(!in->detectorNote().contains("no box matched") && in->detectorNote().contains("matched box"),
                 qPrintable(in->detectorNote()));
        const auto box = in->shownDetectorBox();
        QVERIFY(box);
        const auto& want = *matched->box;
        QCOMPARE(box->left(), double(want[0]));
        QCOMPARE(box->top(), double(want[1]));
        QCOMPARE(box->right(), double(want[2]));
        QCOMPARE(box->bottom(), double(want[3]));
        // Its vocabulary scores are a column beside the heads'.
        const auto scores = in->shownScores(QStringLiteral("run:%1").arg(detectorRun_));
        QCOMPARE(int(scores.size()) >= int(matched->scores.size()), true);
        for (size_t j = 0; j < matched->scores.size(); ++j)
            QCOMPARE(scores[j], double(matched->scores[j]));
        QVERIFY(!in->shownScores(QStringLiteral("run:%1").arg(clipRun_)).empty());
    }

    void imagePaneDrawsBothBoxes()
    {
        // The shared benchmarks come without their COCO images: the drawing is
        // checked on a plain grey image of the same geometry.
        ImagePane pane;
        pane.resize(400, 300);
        QImage grey(400, 300, QImage::Format_RGB888);
        grey.fill(QColor(128, 128, 128));
        pane.setImage(grey, QRectF(40, 180, 60, 60));
        pane.setDetectorBox(QRectF(QPointF(220, 100), QPointF(360, 260)), QStringLiteral("OWL B/16"));
        const QImage shot = pane.grab().toImage();
        auto near = [](QColor a, QColor b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 60;
        };
        const QRectF d = pane.toWidget(QRectF(QPointF(220, 100), QPointF(360, 260)));
        const QRectF g = pane.toWidget(QRectF(40, 180, 60, 60));
        const qreal dpr = shot.devicePixelRatio();
        auto at = [&](QPointF p) { return shot.pixelColor(int(p.x() * dpr), int(p.y() * dpr)); };
        QVERIFY2(near(at(QPointF(d.left(), d.center().y())), ImagePane::detectorColor()),
                 qPrintable(at(QPointF(d.left(), d.center().y())).name()));
        QVERIFY(near(at(QPointF(g.left(), g.center().y())), ImagePane::groundTruthColor()));
        QVERIFY(near(at(d.center()), QColor(128, 128, 128)));
        // Unmatched: no second box, the legend says so.
        pane.setDetectorBox(std::nullopt, QStringLiteral("OWL B/16"));
        const QImage lost = pane.grab().toImage();
        const QColor edge = lost.pixelColor(int(d.left() * dpr), int(d.center().y() * dpr));
        QVERIFY(near(edge, QColor(128, 128, 128)));
    }

    void q1TableEqualsCli()
    {
        if (!haveFixtures_ || clipRun_ == 0)
            QSKIP("needs the imported detector and the CLIP run (fixture missing)");
        Q1Panel* panel = actions()->q1Panel();
        QVERIFY(panel->setRuns(QStringLiteral("run:%1").arg(detectorRun_), QStringLiteral("run:%1").arg(clipRun_)));
        const auto cli = test::runCli({"detector-q1", "--log", logPath(), "--detector", QString::number(detectorRun_),
                                       "--clip", QString::number(clipRun_), "--format", "csv"});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QCOMPARE(panel->csv(), cli.out);
        const auto json = test::runCli({"detector-q1", "--log", logPath(), "--detector", QString::number(detectorRun_),
                                        "--clip", QString::number(clipRun_)});
        const QJsonObject benches = test::parseObject(json.out)["benchmarks"].toObject();
        QCOMPARE(int(panel->rows().size()), int(benches.size()));
        QCOMPARE(panel->table()->rowCount(), int(benches.size()));
        for (const Q1Row& r : panel->rows()) {
            const QJsonObject b = benches[QString::fromStdString(r.benchmark)].toObject();
            QCOMPARE(qint64(r.objects), qint64(b["objects"].toInteger()));
            QCOMPARE(qint64(r.detectorWrong), qint64(b["detector_wrong"].toInteger()));
            QCOMPARE(qint64(r.clipAlsoWrong), qint64(b["clip_also_wrong"].toInteger()));
            QCOMPARE(qint64(r.unmatched), qint64(b["unmatched"].toInteger()));
            QCOMPARE(qint64(r.withoutClip), qint64(b["without_clip_result"].toInteger()));
        }
        // Pattern: every object ranked by both; Easy has no CLIP result (not encoded).
        QCOMPARE(benches["pattern"].toObject()["objects"].toInt(), 467);
        QCOMPARE(benches["pattern"].toObject()["unmatched"].toInt(), 80);
        QCOMPARE(panel->table()->item(1, 0)->text(), QString("Pattern"));
        // Exported files are those texts.
        QCOMPARE(panel->exportTo(path("q1.csv")), QString());
        QFile csv(path("q1.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()), cli.out);
        QCOMPARE(panel->exportTo(path("q1.tex")), QString());
        QFile tex(path("q1.tex"));
        QVERIFY(tex.open(QIODevice::ReadOnly));
        const QString latex = QString::fromUtf8(tex.readAll());
        QVERIFY(latex.contains("\\begin{tabular}") && latex.contains("OWL B/16"));
        QVERIFY(panel->exportTo(path("q1.txt")).contains("q1.txt"));
    }

private:
    bool findDetectorRunNamed(const std::string& name) const
    {
        ExperimentLog log(logPath().toStdString());
        for (const RunRecord& r : log.runs())
            if (r.name == name)
                return true;
        return false;
    }
};

QTEST_MAIN(TestDetectors)
#include "test_detectors.moc"

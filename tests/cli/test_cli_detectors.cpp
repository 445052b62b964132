// fglens-cli detector-ranks, detector-import and detector-q1 end to end: the
// shared fixtures ranked exactly as FG-OVD's ranks.py ranked them, one clear
// line and exit 1 on each kind of bad predictions file with nothing logged,
// and a detector run in the log that looks like any head's run.
#include "testsupport.h"

#include "store/experiment_log.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace fglens;
using test::runCli;

using fglens::test::parseObject;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Debian's python3 with python3-numpy writes the spoiled pickles; without it
// the test fails (these are real NumPy pickles, not hand-made bytes).
bool python(const QString& script, const QStringList& args, QString* err)
{
    QProcess py;
    py.start("/usr/bin/python3", QStringList{"-c", script} + args);
    py.waitForFinished(120000);
    *err = QString::fromUtf8(py.readAllStandardError());
    return py.exitStatus() == QProcess::NormalExit && py.exitCode() == 0;
}

void expectOneLine(const test::CliResult& r, int code, const QStringList& needles)
{
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.exitCode == code, qPrintable(QString::number(r.exitCode) + " " + r.err));
    const QStringList lines = r.err.trimmed().split('\n');
    QVERIFY2(lines.size() == 1, qPrintable(r.err));
    for (const auto& n : needles)
        QVERIFY2(lines[0].contains(n), qPrintable(lines[0] + "  lacks  " + n));
}

} // namespace

class TestCliDetectors : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private Q_SLOTS:
    void help()
    {
        for (const char* cmd : {"detector-ranks", "detector-import", "detector-q1"}) {
            const auto r = runCli({QString(cmd), "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.contains(QString("Usage: fglens-cli ") + cmd));
        }
        expectOneLine(runCli({"detector-ranks", "--benchmark", "b.json"}), 2, {"--predictions"});
        expectOneLine(runCli({"detector-ranks", "--benchmark", "b.json", "--predictions", "p.pkl", "--negatives", "0"}),
                      2, {"--negatives"});
    }

    void ranksMatchFgovd_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("negatives");
        QTest::newRow("3_attributes") << "3_attributes" << 10;
        QTest::newRow("pattern") << "pattern" << 7;
        QTest::newRow("transparency") << "transparency" << 2;
    }

    void ranksMatchFgovd()
    {
        QFETCH(QString, name);
        QFETCH(int, negatives);
        FGLENS_REQUIRE_FIXTURE("detector/" + name + ".pkl");
        const auto r = runCli({"detector-ranks", "--benchmark", test::fixture("fgovd/benchmarks/" + name + ".json"),
                               "--predictions", test::fixture("detector/" + name + ".pkl"), "--negatives",
                               QString::number(negatives)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto got = parseObject(r.out);
        const auto want = readJson(test::fixture("detector/" + name + ".expected.json"));
        QCOMPARE(got.keys(), (QStringList{"mean_rank", "median_rank", "median_rank_fgovd", "objects", "ranks", "unmatched"}));
        QCOMPARE(got["objects"].toInt(), want["objects"].toInt());
        QCOMPARE(got["unmatched"].toInt(), want["unmatched"].toInt());
        QVERIFY(std::abs(got["mean_rank"].toDouble() - want["mean_rank"].toDouble()) < 1e-9);
        QCOMPARE(got["median_rank"].toInt(), want["median_rank"].toInt());
        QCOMPARE(got["median_rank_fgovd"].toInt(), want["median_rank_fgovd"].toInt());
        QCOMPARE(got["ranks"].toObject(), want["ranks"].toObject());
        // The benchmark's protocol N is the default.
        const auto byDefault = runCli({"detector-ranks", "--benchmark", test::fixture("fgovd/benchmarks/" + name + ".json"),
                                       "--predictions", test::fixture("detector/" + name + ".pkl")});
        QCOMPARE(parseObject(byDefault.out)["ranks"].toObject(), want["ranks"].toObject());
    }

    void badPredictionsOneLineNothingLogged()
    {
        FGLENS_REQUIRE_FIXTURE("detector/pattern.pkl");
        const QString dir = tmp_.filePath("bad");
        QDir().mkpath(dir);
        QString err;
        const bool ok = python(
            "import sys, os, pickle, numpy as np\n"
            "src, out = sys.argv[1], sys.argv[2]\n"
            "def spoil(name, f):\n"
            "    groups = pickle.load(open(src, 'rb'))\n"
            "    f(groups[3])\n"
            "    pickle.dump(groups, open('%s/%s.pkl' % (out, name), 'wb'), protocol=4)\n"
            "spoil('no_total', lambda g: g.pop('total_scores'))\n"
            "spoil('short_vocab', lambda g: g.__setitem__('vocabulary', g['vocabulary'][:7]) or "
            "g.__setitem__('total_scores', [t[:7] for t in g['total_scores']]))\n"
            "spoil('length', lambda g: g['total_scores'].__setitem__(0, g['total_scores'][0][:5]))\n"
            "spoil('image', lambda g: g.__setitem__('image_filepath', 'val2017/not_there.jpg'))\n"
            "spoil('nan', lambda g: g['scores'].__setitem__(1, np.float32('nan')))\n"
            "class Evil:\n"
            "    def __reduce__(self): return (os.system, ('touch ' + out + '/ran',))\n"
            "spoil('foreign', lambda g: g.__setitem__('labels', Evil()))\n",
            {test::fixture("detector/pattern.pkl"), dir}, &err);
        QVERIFY2(ok, qPrintable("python3 with numpy is required: " + err));
        const QString log = tmp_.filePath("bad.sqlite");
        { ExperimentLog create(log.toStdString()); }
        const QString bench = test::fixture("fgovd/benchmarks/pattern.json");
        const QList<QPair<QString, QStringList>> cases = {
            {"no_total", {"group 3 (val2017/", "no 'total_scores'"}},
            {"short_vocab", {"group 3 (val2017/", "vocabulary has 7 captions"}},
            {"length", {"group 3 (val2017/", "total_scores"}},
            {"image", {"group 3 (val2017/not_there.jpg)", "not an image of"}},
            {"nan", {"group 3 (val2017/", "NaN"}},
            {"foreign", {"refuses to load global", "posix.system"}},
        };
        for (const auto& [name, needles] : cases) {
            const QString pkl = dir + "/" + name + ".pkl";
            expectOneLine(runCli({"detector-ranks", "--benchmark", bench, "--predictions", pkl}), 1,
                          QStringList{pkl + ":"} + needles);
            expectOneLine(runCli({"detector-import", "--log", log, "--benchmark", bench, "--predictions", pkl,
                                  "--name", "broken"}),
                          1, QStringList{pkl + ":"} + needles);
        }
        QVERIFY2(!QFileInfo::exists(dir + "/ran"), "a refused pickle ran code");
        ExperimentLog l(log.toStdString());
        QVERIFY(l.runs().empty());
    }

    void importAndQ1()
    {
        FGLENS_REQUIRE_FIXTURE("detector/pattern.pkl");
        const QString log = tmp_.filePath("det.sqlite");
        const auto want = readJson(test::fixture("detector/pattern.expected.json"));
        const auto imp = runCli({"detector-import", "--log", log, "--benchmark",
                                 test::fixture("fgovd/benchmarks/pattern.json"), "--predictions",
                                 test::fixture("detector/pattern.pkl"), "--name", "OWL B/16"});
        QVERIFY2(imp.exitCode == 0, qPrintable(imp.err));
        const int64_t run = parseObject(imp.out)["run"].toInt();
        QCOMPARE(parseObject(imp.out)["benchmark"].toString(), QString("pattern"));
        // A second benchmark joins the same run.
        const auto imp2 = runCli({"detector-import", "--log", log, "--run", QString::number(run), "--benchmark",
                                  test::fixture("fgovd/benchmarks/transparency.json"), "--predictions",
                                  test::fixture("detector/transparency.pkl")});
        QVERIFY2(imp2.exitCode == 0, qPrintable(imp2.err));
        QCOMPARE(parseObject(imp2.out)["run"].toInt(), int(run));

        int64_t clipRun = 0;
        {
            ExperimentLog l(log.toStdString());
            const auto r = l.run(run);
            QVERIFY(r);
            QCOMPARE(r->stage, std::string("detector"));
            QCOMPARE(r->headKind, std::string("detector"));
            QCOMPARE(r->name, std::string("OWL B/16"));
            QCOMPARE(r->status, RunStatus::Finished);
            const auto m = l.finalMetrics(run);
            QVERIFY(std::abs(m.at("mean_rank/pattern") - want["mean_rank"].toDouble()) < 1e-9);
            QCOMPARE(m.at("unmatched/pattern"), 80.0);
            QCOMPARE(m.at("median_rank_fgovd/pattern"), 3.0);
            const auto tw = readJson(test::fixture("detector/transparency.expected.json"));
            QVERIFY(std::abs(m.at("mean_rank_sum") - want["mean_rank"].toDouble() - tw["mean_rank"].toDouble()) < 1e-9);
            QVERIFY(QString::fromStdString(r->dataIdentity).contains("transparency"));
            const auto objects = l.objectResults(run, "pattern");
            QCOMPARE(int(objects.size()), want["objects"].toInt());
            int unmatched = 0;
            std::vector<ObjectResult> clip;
            for (const auto& o : objects) {
                QCOMPARE(o.rank, want["ranks"].toObject()[QString::number(o.objectId)].toInt());
                QCOMPARE(o.scores.size(), size_t(8));
                if (!o.box) {
                    ++unmatched;
                    QCOMPARE(o.scores, std::vector<float>(8, 0.0f));
                    QCOMPARE(o.rank, 8);
                }
                // A stand-in CLIP run: wrong exactly on objects with an odd id.
                clip.push_back({"pattern", o.objectId, o.objectId % 2 ? 2 : 1, {0.5f, 0.5f}});
            }
            QCOMPARE(unmatched, 80);
            RunRecord c;
            c.name = "cosine eval";
            c.headKind = "cosine";
            c.stage = "eval";
            clipRun = l.importRun(c, {}, clip);
        }
        // The same counts computed here from the logged ranks.
        int wrong = 0, both = 0, lost = 0;
        {
            ExperimentLog l(log.toStdString());
            for (const auto& o : l.objectResults(run, "pattern"))
                if (o.rank > 1) {
                    ++wrong;
                    both += o.objectId % 2 ? 1 : 0;
                    lost += o.box ? 0 : 1;
                }
        }
        const auto q1 = runCli({"detector-q1", "--log", log, "--detector", QString::number(run), "--clip",
                                QString::number(clipRun)});
        QVERIFY2(q1.exitCode == 0, qPrintable(q1.err));
        const auto p = parseObject(q1.out)["benchmarks"].toObject()["pattern"].toObject();
        QCOMPARE(p["objects"].toInt(), 467);
        QCOMPARE(p["detector_wrong"].toInt(), wrong);
        QCOMPARE(p["clip_also_wrong"].toInt(), both);
        QCOMPARE(p["unmatched"].toInt(), lost);
        QCOMPARE(p["unmatched"].toInt(), 80);
        const auto t = parseObject(q1.out)["benchmarks"].toObject()["transparency"].toObject();
        QCOMPARE(t["without_clip_result"].toInt(), 408);
        const auto csv = runCli({"detector-q1", "--log", log, "--detector", QString::number(run), "--clip",
                                 QString::number(clipRun), "--format", "csv"});
        QVERIFY(csv.out.contains(QString("pattern,467,%1,%2,%3,0").arg(wrong).arg(both).arg(lost)));
        const auto tex = runCli({"detector-q1", "--log", log, "--detector", QString::number(run), "--clip",
                                 QString::number(clipRun), "--format", "latex"});
        QVERIFY(tex.out.contains("\\begin{tabular}") && tex.out.contains("OWL B/16 wrong"));
        // The CLIP run is not a detector run.
        expectOneLine(runCli({"detector-q1", "--log", log, "--detector", QString::number(clipRun), "--clip",
                              QString::number(clipRun)}),
                      1, {log, "not a detector run"});
        expectOneLine(runCli({"detector-import", "--log", log, "--run", QString::number(clipRun), "--benchmark",
                              test::fixture("fgovd/benchmarks/pattern.json"), "--predictions",
                              test::fixture("detector/pattern.pkl")}),
                      1, {log, "not a detector run"});
    }
};

QTEST_APPLESS_MAIN(TestCliDetectors)
#include "test_cli_detectors.moc"

// fglens-cli compare and confusions end to end: a log written with
// ExperimentLog directly (two runs, known ranks and scores, a hand-made
// benchmark file), the contract's errors, and the demo project evaluated by
// two heads. The statistics themselves are checked against SciPy in
// core.statistics; here the JSON must carry exactly those values.
#include "testsupport.h"

#include "analysis/run_comparison.h"
#include "store/experiment_log.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace fglens;
using fglens::test::parseObject;
using fglens::test::runCli;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QString sha256(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

// A three-object FG-OVD file: captions 100..103 are cups that differ in colour and material.
const char* const kCups = R"({
  "images": [{"id": 1, "file_name": "val2017/x.jpg", "width": 10, "height": 10}],
  "annotations": [
    {"id": 10, "image_id": 1, "bbox": [0, 0, 5, 5], "category_id": 100, "neg_category_ids": [101, 102, 103]},
    {"id": 11, "image_id": 1, "bbox": [0, 0, 5, 5], "category_id": 101, "neg_category_ids": [100, 103, 102]},
    {"id": 12, "image_id": 1, "bbox": [0, 0, 5, 5], "category_id": 100, "neg_category_ids": [101, 102, 103]}],
  "categories": [{"id": 100, "name": "a red plastic cup"}, {"id": 101, "name": "a blue plastic cup"},
                 {"id": 102, "name": "a red metal cup"}, {"id": 103, "name": "a blue metal cup"}]
})";

// Sum over a confusion list of one field.
int total(const QJsonArray& cells, const char* field)
{
    int n = 0;
    for (const auto& c : cells)
        n += c.toObject()[QLatin1String(field)].toInt();
    return n;
}

} // namespace

class TestCliStatistics : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    std::vector<int> ranks(uint32_t seed, int n, int lean)
    {
        std::vector<int> r;
        uint32_t x = seed;
        for (int i = 0; i < n; ++i) {
            x = x * 1664525u + 1013904223u;
            r.push_back(std::clamp(1 + static_cast<int>((x >> 8) % 11) + lean, 1, 11));
        }
        return r;
    }

    static std::vector<ObjectResult> results(const std::string& key, const std::vector<int>& r, int64_t firstId)
    {
        std::vector<ObjectResult> out;
        for (size_t i = 0; i < r.size(); ++i)
            out.push_back({key, firstId + static_cast<int64_t>(i), r[i], std::vector<float>(11, 0.5f)});
        return out;
    }

private Q_SLOTS:
    void compareTwoRuns()
    {
        const QString log = tmp_.filePath("compare.sqlite");
        const auto hardA = ranks(1, 150, 0), hardB = ranks(2, 150, -3), colorA = ranks(3, 90, 0), colorB = ranks(3, 90, 0);
        {
            ExperimentLog l(log.toStdString());
            RunRecord r;
            r.name = "a";
            const int64_t a = l.beginRun(r);
            r.name = "b";
            const int64_t b = l.beginRun(r);
            QCOMPARE(a, int64_t(1));
            QCOMPARE(b, int64_t(2));
            // Stored in different orders: objects are matched by id.
            auto ra = results("hard", hardA, 1000), rb = results("hard", hardB, 1000);
            std::reverse(rb.begin(), rb.end());
            l.addObjectResults(a, ra);
            l.addObjectResults(b, rb);
            l.addObjectResults(a, results("color", colorA, 5000));
            l.addObjectResults(b, results("color", colorB, 5000));
            l.addObjectResults(a, results("pattern", colorA, 7000));   // only in A: not compared
            l.finishRun(a, RunStatus::Finished);
            l.finishRun(b, RunStatus::Finished);
        }
        const auto r = runCli({"compare", "--log", log, "--runs", "1,2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject benchmarks = parseObject(r.out)["benchmarks"].toObject();
        QCOMPARE(benchmarks.keys(), (QStringList{"color", "hard"}));
        const QJsonObject hard = benchmarks["hard"].toObject();
        QCOMPARE(hard.keys(), (QStringList{"diff", "diff_ci95", "mcnemar_p", "mean_rank_a", "mean_rank_b", "objects",
                                           "wilcoxon_p"}));
        QCOMPARE(hard["objects"].toInt(), 150);
        const auto want = analysis::comparePaired(hardA, hardB);
        double sumA = 0, sumB = 0;
        for (int i = 0; i < 150; ++i)
            sumA += hardA[size_t(i)], sumB += hardB[size_t(i)];
        QCOMPARE(hard["mean_rank_a"].toDouble(), sumA / 150);
        QCOMPARE(hard["mean_rank_b"].toDouble(), sumB / 150);
        QCOMPARE(hard["diff"].toDouble(), (sumB - sumA) / 150);
        QVERIFY(hard["diff"].toDouble() < 0);
        // Printed with round-trip precision: the same doubles as the library's.
        QCOMPARE(hard["diff_ci95"].toArray()[0].toDouble(), want.diffCi.lo);
        QCOMPARE(hard["diff_ci95"].toArray()[1].toDouble(), want.diffCi.hi);
        QVERIFY(want.diffCi.lo < want.diff && want.diff < want.diffCi.hi);
        QCOMPARE(hard["wilcoxon_p"].toDouble(), want.wilcoxon.p);
        QCOMPARE(hard["mcnemar_p"].toDouble(), want.mcnemarP);
        // Identical ranks: no difference at all.
        const QJsonObject color = benchmarks["color"].toObject();
        QCOMPARE(color["diff"].toDouble(), 0.0);
        QCOMPARE(color["wilcoxon_p"].toDouble(), 1.0);
        QCOMPARE(color["mcnemar_p"].toDouble(), 1.0);
        QCOMPARE(color["diff_ci95"].toArray()[0].toDouble(), 0.0);

        // Another seed and resample count are options; the default seed is fixed.
        const auto again = runCli({"compare", "--log", log, "--runs", "1,2"});
        QCOMPARE(again.out, r.out);
        const auto seeded = runCli({"compare", "--log", log, "--runs", "1,2", "--seed", "5", "--resamples", "300"});
        QCOMPARE(seeded.exitCode, 0);
        QVERIFY(seeded.out != r.out);
    }

    void compareRefusesBadInput()
    {
        const QString log = tmp_.filePath("refuse.sqlite");
        {
            ExperimentLog l(log.toStdString());
            RunRecord r;
            const int64_t a = l.beginRun(r), b = l.beginRun(r), c = l.beginRun(r);
            l.addObjectResults(a, results("hard", {1, 2, 3}, 1));
            l.addObjectResults(b, results("hard", {1, 2}, 1));   // one object fewer
            l.addObjectResults(c, results("color", {1, 2}, 1));
        }
        auto oneLine = [](const fglens::test::CliResult& r) { return r.err.trimmed().count('\n') == 0; };
        const auto unknown = runCli({"compare", "--log", log, "--runs", "1,9"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(oneLine(unknown));
        QVERIFY2(unknown.err.contains(log + ": no run 9"), qPrintable(unknown.err));
        const auto different = runCli({"compare", "--log", log, "--runs", "1,2"});
        QCOMPARE(different.exitCode, 1);
        QVERIFY(oneLine(different));
        QVERIFY2(different.err.contains("different objects of 'hard'"), qPrintable(different.err));
        const auto disjoint = runCli({"compare", "--log", log, "--runs", "1,3"});
        QCOMPARE(disjoint.exitCode, 1);
        QVERIFY2(disjoint.err.contains("no benchmark in common"), qPrintable(disjoint.err));
        const auto missingLog = runCli({"compare", "--log", tmp_.filePath("nope.sqlite"), "--runs", "1,2"});
        QCOMPARE(missingLog.exitCode, 1);
        QVERIFY(!QFileInfo::exists(tmp_.filePath("nope.sqlite")));   // not created by looking
        QCOMPARE(runCli({"compare", "--log", log, "--runs", "1"}).exitCode, 2);
        QCOMPARE(runCli({"compare", "--log", log, "--runs", "1,x"}).exitCode, 2);
        QCOMPARE(runCli({"compare", "--log", log}).exitCode, 2);
        const auto help = runCli({"compare", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("wilcoxon_p"));
        QCOMPARE(runCli({"confusions", "--help"}).exitCode, 0);
    }

    void confusionsOnAHandBuiltRun()
    {
        const QString dir = tmp_.filePath("cups");
        QDir().mkpath(dir + "/benchmarks");
        const QString file = dir + "/benchmarks/1_attributes.json";
        writeFile(file, kCups);
        const QString log = tmp_.filePath("cups.sqlite");
        {
            ExperimentLog l(log.toStdString());
            RunRecord r;
            r.dataIdentity = QStringLiteral(R"({"hard": {"file": "%1", "dataset_sha256": "%2"}})")
                                 .arg(file, sha256(file))
                                 .toStdString();
            const int64_t id = l.beginRun(r);
            // As in core.confusions: red>blue 2 objects / 1 fooled, blue>red 1/1, plastic>metal 3/2.
            l.addObjectResults(id, {{"hard", 10, 3, {0.5f, 0.6f, 0.4f, 0.5f}},
                                    {"hard", 11, 2, {0.9f, 0.1f, 0.2f, 0.95f}},
                                    {"hard", 12, 1, {0.7f, 0.1f, 0.2f}}});
        }
        const auto r = runCli({"confusions", "--log", log, "--run", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject types = parseObject(r.out)["attribute_types"].toObject();
        QCOMPARE(types.keys(), (QStringList{"colour", "material", "pattern", "transparency"}));
        const QJsonArray colour = types["colour"].toArray();
        QCOMPARE(colour.size(), 2);
        const QJsonObject first = colour[0].toObject();
        QCOMPARE(first["from"].toString(), QStringLiteral("red"));
        QCOMPARE(first["to"].toString(), QStringLiteral("blue"));
        QCOMPARE(first["objects"].toInt(), 2);
        QCOMPARE(first["fooled"].toInt(), 1);
        QCOMPARE(colour[1].toObject()["from"].toString(), QStringLiteral("blue"));
        QCOMPARE(colour[1].toObject()["fooled"].toInt(), 1);
        const QJsonObject material = types["material"].toArray()[0].toObject();
        QCOMPARE(material["from"].toString() + ">" + material["to"].toString(), QStringLiteral("plastic>metal"));
        QCOMPARE(material["objects"].toInt(), 3);
        QCOMPARE(material["fooled"].toInt(), 2);
        QVERIFY(types["pattern"].toArray().isEmpty());

        // Same counts with --benchmark and with the captions read through a project.
        const auto one = runCli({"confusions", "--log", log, "--run", "1", "--benchmark", "hard"});
        QCOMPARE(one.out, r.out);
        writeFile(dir + "/project.json",
                  R"({"format": "fglens-project", "version": 1, "name": "cups",
                      "benchmarks": [{"key": "hard", "file": "benchmarks/1_attributes.json"}]})");
        const auto viaProject = runCli({"confusions", "--log", log, "--run", "1", "--project", dir});
        QVERIFY2(viaProject.exitCode == 0, qPrintable(viaProject.err));
        QCOMPARE(viaProject.out, r.out);

        // Errors: no results for a benchmark, unknown run, a changed file.
        const auto none = runCli({"confusions", "--log", log, "--run", "1", "--benchmark", "color"});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("no per-object results for 'color'"), qPrintable(none.err));
        QCOMPARE(runCli({"confusions", "--log", log, "--run", "4"}).exitCode, 1);
        QCOMPARE(runCli({"confusions", "--log", log}).exitCode, 2);
        writeFile(file, QByteArray(kCups).replace("a red plastic cup", "a red paper cup"));
        const auto stale = runCli({"confusions", "--log", log, "--run", "1"});
        QCOMPARE(stale.exitCode, 1);
        QVERIFY2(stale.err.contains(file) && stale.err.contains("sha256"), qPrintable(stale.err));
        QCOMPARE(stale.err.trimmed().count('\n'), 0);
    }

    void demoProjectTwoHeads()
    {
        const QString dir = tmp_.filePath("demo"), log = tmp_.filePath("demo.sqlite");
        const auto demo = runCli({"demo", "--out", dir, "--scale", "small", "--quiet"});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        for (const char* head : {"cosine", "linear"}) {
            const auto e = runCli({"eval", "--project", dir, "--head", head, "--record", "--log", log});
            QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        }
        std::vector<ObjectResult> transparency, color;
        {
            ExperimentLog l(log.toStdString());
            QCOMPARE(l.runs().size(), size_t(2));
            transparency = l.objectResults(1, "transparency");
            color = l.objectResults(1, "color");
        }
        QVERIFY(!transparency.empty() && !color.empty());

        // Transparency: each object's two negatives swap its level for each of the other two.
        const auto t = runCli({"confusions", "--log", log, "--run", "1", "--benchmark", "transparency"});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        const QJsonObject tt = parseObject(t.out)["attribute_types"].toObject();
        QVERIFY(tt["colour"].toArray().isEmpty() && tt["material"].toArray().isEmpty());
        QCOMPARE(tt["transparency"].toArray().size(), 6);   // 3 levels x 2 others
        QCOMPARE(total(tt["transparency"].toArray(), "objects"), int(2 * transparency.size()));
        int outranked = 0;
        for (const auto& r : transparency)
            for (size_t j = 1; j < r.scores.size(); ++j)
                outranked += r.scores[j] >= r.scores[0];
        QCOMPARE(total(tt["transparency"].toArray(), "fooled"), outranked);

        // Colour: ten negatives, ten distinct colour swaps per object.
        const auto c = runCli({"confusions", "--log", log, "--run", "1", "--benchmark", "color"});
        const QJsonArray cc = parseObject(c.out)["attribute_types"].toObject()["colour"].toArray();
        QCOMPARE(total(cc, "objects"), int(10 * color.size()));

        // Every benchmark of the run at once, and the two heads compared on all eight.
        QCOMPARE(runCli({"confusions", "--log", log, "--run", "2"}).exitCode, 0);
        const auto cmp = runCli({"compare", "--log", log, "--runs", "1,2"});
        QVERIFY2(cmp.exitCode == 0, qPrintable(cmp.err));
        const QJsonObject b = parseObject(cmp.out)["benchmarks"].toObject();
        QCOMPARE(b.size(), 8);
        QCOMPARE(b["transparency"].toObject()["objects"].toInt(), int(transparency.size()));
        for (const auto& key : b.keys()) {
            const QJsonObject o = b[key].toObject();
            const double p = o["wilcoxon_p"].toDouble(-1), q = o["mcnemar_p"].toDouble(-1);
            QVERIFY(p >= 0 && p <= 1 && q >= 0 && q <= 1);
            QCOMPARE(o["diff"].toDouble(), o["mean_rank_b"].toDouble() - o["mean_rank_a"].toDouble());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliStatistics)
#include "test_cli_statistics.moc"

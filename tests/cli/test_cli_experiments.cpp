// The experiment workflow end to end through fglens-cli: the demo project,
// reproduce, runs and export; a training process killed with SIGKILL leaves a
// consistent log and a resumable run; the demo's target behaviour.
#include "testsupport.h"

#include "store/experiment_log.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>

using namespace fglens;
using fglens::test::parseObject;
using fglens::test::runCli;

namespace {

QString readAll(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

const QStringList kKeys = {"cosine",
                           "linear/warmup", "linear/finetune",
                           "linear-visual/warmup", "linear-visual/finetune",
                           "linear-text/warmup", "linear-text/finetune",
                           "mlp/warmup", "mlp/finetune",
                           "attention/warmup", "attention/finetune"};
const QStringList kBenchmarks = {"trivial", "easy", "medium", "hard", "color", "material", "pattern", "transparency"};

} // namespace

class TestCliExperiments : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString small_;   // a small demo project shared by the tests

    QString buildSmallDemo()
    {
        if (!small_.isEmpty())
            return small_;
        const QString dir = tmp_.filePath("small");
        const auto r = runCli({"demo", "--out", dir, "--scale", "small", "--quiet"});
        if (r.exitCode != 0)
            qWarning("demo failed: %s", qPrintable(r.err));
        small_ = dir;
        return dir;
    }

private Q_SLOTS:
    void demoReproduceRunsExport()
    {
        const QString dir = buildSmallDemo();
        QVERIFY(QFileInfo::exists(dir + "/project.json"));
        const auto info = runCli({"info", dir + "/benchmarks/1_attributes.json", "--image-root", dir + "/images"});
        QCOMPARE(info.exitCode, 0);
        const auto infoJson = parseObject(info.out);
        QCOMPARE(infoJson["missing_images"].toInt(-1), 0);
        QVERIFY(infoJson["annotations"].toInt() >= 60);
        QCOMPARE(infoJson["negatives_histogram"].toObject()["10"].toInt(), infoJson["annotations"].toInt());

        const QString log = tmp_.filePath("reproduce.sqlite"), out = tmp_.filePath("out.json");
        const auto r = runCli({"reproduce", "--project", dir, "--log", log, "--json", out, "--epochs", "2", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Table I"));
        const auto json = parseObject(readAll(out));
        QCOMPARE(json.keys().size(), kKeys.size());
        for (const auto& key : kKeys) {
            QVERIFY2(json.contains(key), qPrintable(key));
            const auto row = json[key].toObject();
            const auto mr = row["mean_rank"].toObject();
            double sum = 0;
            for (const auto& b : kBenchmarks) {
                QVERIFY2(mr.contains(b), qPrintable(key + " " + b));
                QVERIFY(mr[b].toDouble() >= 1.0);
                sum += mr[b].toDouble();
            }
            QVERIFY(qAbs(sum - row["mean_rank_sum"].toDouble()) < 1e-9);
            const auto recall = row["recall"].toObject();
            QCOMPARE(recall["i2t"].toArray().size(), 3);
            QCOMPARE(recall["t2i"].toArray().size(), 3);
            QVERIFY(recall["i2t"].toArray()[0].toDouble() <= recall["i2t"].toArray()[2].toDouble());
        }
        // Random guessing gives 38.5; even the small demo's cosine is well below.
        QVERIFY(json["cosine"].toObject()["mean_rank_sum"].toDouble() < 30);

        ExperimentLog l(log.toStdString());
        const auto runs = l.runs();
        QCOMPARE(runs.size(), size_t(11));
        for (const auto& run : runs) {
            QCOMPARE(run.status, RunStatus::Finished);
            if (run.stage == "finetune")
                QVERIFY(run.parentId.has_value());
            if (run.stage != "eval")
                QVERIFY(QFileInfo::exists(QString::fromStdString(run.weightsPath)));
        }
        QVERIFY(!l.objectResults(runs.front().id, "hard").empty());

        const auto list = runCli({"runs", "--log", log});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("attention/finetune"));
        const QString exportDir = tmp_.filePath("export");
        QCOMPARE(runCli({"export", "--log", log, "--out", exportDir}).exitCode, 0);
        for (const char* f : {"runs.csv", "metrics.csv", "table1.csv", "table1.tex", "benchmarks.csv", "benchmarks.tex"})
            QVERIFY2(QFileInfo(exportDir + "/" + f).size() > 0, f);
        QVERIFY(readAll(exportDir + "/table1.tex").contains("\\toprule"));
        QVERIFY(readAll(exportDir + "/benchmarks.csv").startsWith("run,Trivial,Trivial std"));
    }

    void sigkillLeavesConsistentLogAndResumes()
    {
        const QString dir = buildSmallDemo();
        const QString log = tmp_.filePath("killed.sqlite");
        QProcess p;
        p.start(QString::fromUtf8(FGLENS_CLI), {"train", "--project", dir, "--log", log, "--head", "mlp", "--stage",
                                                "warmup", "--preset", "demo", "--epochs", "60", "--batch", "16",
                                                "--quiet"});
        QVERIFY(p.waitForStarted());
        // Wait until a couple of epochs are logged, then kill without warning.
        int64_t runId = 0;
        for (int i = 0; i < 600 && p.state() == QProcess::Running; ++i) {
            QThread::msleep(100);
            try {
                ExperimentLog l(log.toStdString());
                const auto runs = l.runs();
                int epochs = 0;
                if (!runs.empty())
                    for (const auto& m : l.metrics(runs[0].id))
                        epochs += m.name == "train_loss";
                if (epochs >= 2) {
                    runId = runs[0].id;
                    break;
                }
            } catch (const std::exception&) {
                // The log may not exist yet.
            }
        }
        QVERIFY2(p.state() == QProcess::Running, "training ended before it could be killed");
        p.kill();   // SIGKILL
        p.waitForFinished();
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        ExperimentLog l(log.toStdString());
        QCOMPARE(l.recoveredRuns(), 1);
        const auto run = l.run(runId);
        QVERIFY(run);
        QCOMPARE(run->status, RunStatus::Failed);
        const auto metrics = l.metrics(runId);
        QVERIFY(!metrics.empty());
        for (const auto& m : metrics)
            QVERIFY(m.step >= 1 && m.step <= 60);

        const auto resumed = runCli({"train", "--project", dir, "--log", log, "--resume", QString::number(runId),
                                     "--quiet"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        ExperimentLog after(log.toStdString());
        QCOMPARE(after.run(runId)->status, RunStatus::Finished);
        int epochs = 0;
        for (const auto& m : after.metrics(runId))
            if (m.name == "train_loss")
                ++epochs;
        QCOMPARE(epochs, 60);
    }

    void badInputIsOneLine()
    {
        const auto missing = runCli({"reproduce", "--project", tmp_.filePath("nowhere"), "--json", tmp_.filePath("x.json")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("nowhere") && missing.err.trimmed().count('\n') == 0, qPrintable(missing.err));

        // A damaged feature cache is named in the error, and nothing is logged as finished.
        const QString dir = tmp_.filePath("damaged");
        QVERIFY(runCli({"demo", "--out", dir, "--scale", "small", "--quiet"}).exitCode == 0);
        const QString cache = dir + "/features/color.safetensors";
        QFile f(cache);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        const auto r = runCli({"eval", "--project", dir, "--head", "cosine"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("color.safetensors"), qPrintable(r.err));
    }

    void demoTargets()
    {
        // The demo's documented behaviour at its default size and seed: the
        // paper's Table I in miniature (issue 20; README, "The demo project").
        // Cosine Mean Rank on Hard between 3 and 5; a linear head after
        // warm-up and fine-tune at most 2; for every trainable head the
        // fine-tune cuts the Mean Rank Sum to at most 0.75 x the lower of its
        // warm-up's and cosine's while keeping at least 0.6 x the warm-up's
        // COCO R@1 both ways; the linear warm-up beats cosine on COCO R@1.
        // tests/demo/check_story.py checks the same on any seed's JSON.
        const QString dir = tmp_.filePath("default");
        QCOMPARE(runCli({"demo", "--out", dir, "--quiet"}).exitCode, 0);
        const QString log = tmp_.filePath("targets.sqlite"), out = tmp_.filePath("targets.json");
        const auto r = runCli({"reproduce", "--project", dir, "--log", log, "--json", out, "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto json = parseObject(readAll(out));
        auto row = [&json](const QString& key) { return json[key].toObject(); };
        auto hard = [](const QJsonObject& o) { return o["mean_rank"].toObject()["hard"].toDouble(); };
        auto mrs = [](const QJsonObject& o) { return o["mean_rank_sum"].toDouble(); };
        auto r1 = [](const QJsonObject& o, const char* way) {
            return o["recall"].toObject()[way].toArray()[0].toDouble();
        };

        const QJsonObject cosine = row("cosine");
        QVERIFY2(hard(cosine) >= 3.0 && hard(cosine) <= 5.0, qPrintable(QString::number(hard(cosine))));
        const double linearHard = hard(row("linear/finetune"));
        QVERIFY2(linearHard >= 1.0 && linearHard <= 2.0, qPrintable(QString::number(linearHard)));
        for (const char* way : {"i2t", "t2i"})
            QVERIFY2(r1(row("linear/warmup"), way) > r1(cosine, way),
                     qPrintable(QString("linear warm-up %1 R@1 %2 vs cosine %3")
                                    .arg(way).arg(r1(row("linear/warmup"), way)).arg(r1(cosine, way))));
        for (const char* head : {"linear", "linear-visual", "linear-text", "mlp", "attention"}) {
            const QJsonObject warm = row(QString(head) + "/warmup"), fine = row(QString(head) + "/finetune");
            const double limit = 0.75 * std::min(mrs(warm), mrs(cosine));
            QVERIFY2(mrs(fine) <= limit, qPrintable(QString("%1: fine-tune Mean Rank Sum %2 > %3")
                                                        .arg(head).arg(mrs(fine)).arg(limit)));
            for (const char* way : {"i2t", "t2i"})
                QVERIFY2(r1(fine, way) >= 0.6 * r1(warm, way),
                         qPrintable(QString("%1: fine-tune %2 R@1 %3 < 0.6 x warm-up's %4")
                                        .arg(head).arg(way).arg(r1(fine, way)).arg(r1(warm, way))));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliExperiments)
#include "test_cli_experiments.moc"

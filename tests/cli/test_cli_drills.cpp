// Fault drills through fglens-cli: kill -9 in the middle of long commands,
// a full disk (a file-size limit, as `ulimit -f` sets), a read-only log. Each
// must lose nothing that was finished, leave no half-written file under a
// final name, and end with one clear line.
#include "testsupport.h"

#include "data/safetensors.h"
#include "data/state_dict.h"
#include "store/experiment_log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <sqlite3.h>
#include <torch/torch.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

using namespace fglens;
using fglens::test::parseObject;
using fglens::test::runCli;

namespace {

QString integrityCheck(const QString& path)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("cannot open");
    }
    QString result;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            result += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return result;
}

// fglens-cli with a file-size limit of `bytes` (RLIMIT_FSIZE, i.e. ulimit -f).
test::CliResult runCliWithFileLimit(const QStringList& args, rlim_t bytes)
{
    QProcess p;
    p.setChildProcessModifier([bytes] {
        rlimit r{bytes, bytes};
        ::setrlimit(RLIMIT_FSIZE, &r);
    });
    p.start(QString::fromUtf8(FGLENS_CLI), args);
    test::CliResult r;
    if (!p.waitForFinished(600000)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

bool oneLine(const QString& err)
{
    return !err.trimmed().isEmpty() && !err.trimmed().contains('\n');
}

StateDict weightsOf(const QString& log, int64_t run)
{
    ExperimentLog l(log.toStdString());
    const auto r = l.run(run);
    return r ? loadStateDict(r->weightsPath) : StateDict{};
}

double maxDifference(const StateDict& a, const StateDict& b)
{
    if (a.size() != b.size() || a.empty())
        return 1e9;
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].first != b[i].first || !a[i].second.sizes().equals(b[i].second.sizes()))
            return 1e9;
        m = std::max(m, (a[i].second.to(torch::kFloat64) - b[i].second.to(torch::kFloat64)).abs().max().item<double>());
    }
    return m;
}

} // namespace

class TestCliDrills : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString demo_;

    QString demo()
    {
        if (demo_.isEmpty()) {
            demo_ = tmp_.filePath("demo");
            const auto r = runCli({"demo", "--out", demo_, "--scale", "small", "--quiet"});
            if (r.exitCode != 0)
                qWarning("demo failed: %s", qPrintable(r.err));
        }
        return demo_;
    }

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        QVERIFY(tmp_.isValid());
    }

    void killDuringTrainThenResumeGivesSameWeights()
    {
        const QString dir = demo();
        QVERIFY(QFileInfo::exists(dir + "/project.json"));
        const QStringList config = {"--project", dir, "--head", "linear", "--stage", "warmup", "--preset", "demo",
                                    "--epochs", "40", "--batch", "16", "--seed", "5", "--quiet"};
        // Uninterrupted reference.
        const QString refLog = tmp_.filePath("reference.sqlite");
        const auto ref = runCli(QStringList{"train", "--log", refLog} + config);
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err));
        const int64_t refRun = parseObject(ref.out)["run"].toInt();
        QVERIFY(refRun > 0);
        // Determinism across processes: a second process gives bit-identical weights.
        const QString twinLog = tmp_.filePath("twin.sqlite");
        const auto twin = runCli(QStringList{"train", "--log", twinLog} + config);
        QVERIFY2(twin.exitCode == 0, qPrintable(twin.err));
        QCOMPARE(maxDifference(weightsOf(twinLog, parseObject(twin.out)["run"].toInt()), weightsOf(refLog, refRun)), 0.0);

        // Killed without warning after a few epochs.
        const QString log = tmp_.filePath("killed.sqlite");
        QProcess p;
        p.start(QString::fromUtf8(FGLENS_CLI), QStringList{"train", "--log", log} + config);
        QVERIFY(p.waitForStarted());
        int64_t runId = 0;
        for (int i = 0; i < 1200 && p.state() == QProcess::Running; ++i) {
            QThread::msleep(50);
            try {
                ExperimentLog l(log.toStdString());
                const auto runs = l.runs();
                int epochs = 0;
                if (!runs.empty())
                    for (const auto& m : l.metrics(runs[0].id))
                        epochs += m.name == "train_loss";
                if (epochs >= 3) {
                    runId = runs[0].id;
                    break;
                }
            } catch (const std::exception&) {
            }
        }
        QVERIFY2(p.state() == QProcess::Running, "training ended before it could be killed");
        p.kill();
        p.waitForFinished();
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        QCOMPARE(integrityCheck(log), QStringLiteral("ok"));
        {
            ExperimentLog l(log.toStdString());   // the next open marks it failed
            QCOMPARE(l.run(runId)->status, RunStatus::Failed);
        }
        QCOMPARE(integrityCheck(log), QStringLiteral("ok"));
        const auto resumed = runCli({"train", "--project", dir, "--log", log, "--resume", QString::number(runId), "--quiet"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(ExperimentLog(log.toStdString()).run(runId)->status, RunStatus::Finished);
        const double diff = maxDifference(weightsOf(log, runId), weightsOf(refLog, refRun));
        QVERIFY2(diff <= 1e-6, qPrintable(QString("resumed weights differ by %1").arg(diff)));
    }

    void killDuringEncodeThenRerunGivesSameCache()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        const QString dir = demo();
        const QStringList common = {"encode-benchmark", "--clip", test::fixture("clip-tiny/model.pt"), "--vocab",
                                    test::fixture("clip-tiny/bpe_simple_vocab_16e6.txt.gz"), "--benchmark",
                                    dir + "/benchmarks/1_attributes.json", "--image-root", dir + "/images",
                                    "--batch", "2", "--workers", "1", "--checkpoint-seconds", "0", "--quiet"};
        const QString reference = tmp_.filePath("reference.safetensors");
        const auto ref = runCli(common + QStringList{"--out", reference});
        QVERIFY2(ref.exitCode == 0, qPrintable(ref.err));

        const QString out = tmp_.filePath("killed.safetensors");
        QProcess p;
        p.start(QString::fromUtf8(FGLENS_CLI), common + QStringList{"--out", out});
        QVERIFY(p.waitForStarted());
        // Kill once progress has been saved (OUT.partial exists) and before the end.
        bool sawPartial = false;
        for (int i = 0; i < 6000 && p.state() == QProcess::Running; ++i) {
            if (QFileInfo::exists(out + ".partial")) {
                sawPartial = true;
                break;
            }
            QThread::msleep(2);
        }
        QVERIFY2(p.state() == QProcess::Running && sawPartial, "encoding ended before it could be killed");
        p.kill();
        p.waitForFinished();
        QVERIFY2(!QFileInfo::exists(out), "a half-written cache under the final name");

        const auto again = runCli(common + QStringList{"--out", out});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const auto a = readSafeTensors(reference.toStdString()), b = readSafeTensors(out.toStdString());
        QCOMPARE(a.tensors.size(), b.tensors.size());
        for (const auto& [name, t] : a.tensors) {
            QVERIFY2(b.tensors.count(name), name.c_str());
            QVERIFY2(torch::equal(t, b.tensors.at(name)), name.c_str());
        }
    }

    void fullDiskIsOneLineAndKeepsEarlierResults()
    {
        const QString dir = demo();
        const QString log = tmp_.filePath("disk.sqlite");
        const auto first = runCli({"train", "--project", dir, "--log", log, "--head", "linear", "--stage", "warmup",
                                   "--preset", "demo", "--epochs", "2", "--quiet"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QString exportDir = tmp_.filePath("export");
        QCOMPARE(runCli({"export", "--log", log, "--out", exportDir}).exitCode, 0);
        QFile runsCsv(exportDir + "/runs.csv");
        QVERIFY(runsCsv.open(QIODevice::ReadOnly));
        const QByteArray before = runsCsv.readAll();
        runsCsv.close();
        QVERIFY(!before.isEmpty());

        // An export under a 16-byte file-size limit fails with one line and
        // leaves the earlier export whole.
        const auto full = runCliWithFileLimit({"export", "--log", log, "--out", exportDir}, 16);
        QVERIFY2(full.exitCode == 1 && full.status == QProcess::NormalExit, qPrintable(full.err));
        QVERIFY2(oneLine(full.err), qPrintable(full.err));
        QVERIFY(runsCsv.open(QIODevice::ReadOnly));
        QCOMPARE(runsCsv.readAll(), before);
        runsCsv.close();
        QVERIFY(QDir(exportDir).entryList({QStringLiteral("*.part*")}, QDir::Files).isEmpty());

        // Training under a small limit: one line, the finished run still there.
        const auto train = runCliWithFileLimit({"train", "--project", dir, "--log", log, "--head", "mlp", "--stage",
                                                "warmup", "--preset", "demo", "--epochs", "2", "--quiet"},
                                               64 * 1024);
        QVERIFY2(train.exitCode != 0 && train.status == QProcess::NormalExit, qPrintable(train.err));
        QVERIFY2(oneLine(train.err), qPrintable(train.err));
        QCOMPARE(integrityCheck(log), QStringLiteral("ok"));
        ExperimentLog l(log.toStdString());
        QCOMPARE(l.run(parseObject(first.out)["run"].toInt())->status, RunStatus::Finished);
    }

    void readOnlyLogIsOneLine()
    {
        const QString dir = demo();
        const QString log = tmp_.filePath("readonly.sqlite");
        const auto first = runCli({"train", "--project", dir, "--log", log, "--head", "linear", "--stage", "warmup",
                                   "--preset", "demo", "--epochs", "1", "--quiet"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        if (::geteuid() == 0)
            qInfo("running as root: file permissions do not stop root; checking the CLI's message only");
        const auto r = runCli({"train", "--project", dir, "--log", log, "--head", "linear", "--stage", "warmup",
                               "--preset", "demo", "--epochs", "1", "--quiet"});
        QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (::geteuid() != 0) {
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(oneLine(r.err), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("readonly.sqlite")), qPrintable(r.err));
        } else {
            QVERIFY2(r.exitCode == 0 || oneLine(r.err), qPrintable(r.err));
        }
        QCOMPARE(integrityCheck(log), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCliDrills)
#include "test_cli_drills.moc"

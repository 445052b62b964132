// fglens-cli with a PostgreSQL log (--log postgresql://...): training on the
// small demo into the server, listing and exporting its runs, copying runs
// between a SQLite file and the server with `runs import`, and a password in
// the URI appearing in no output.
#include "pg_test.h"
#include "testsupport.h"

#include "store/experiment_log.h"

#include <QDirIterator>

using namespace fglens;
using namespace fglens::test;

namespace {

const QString kSecret = QStringLiteral("s3cr3t-pw");

// The URI with a password in it: the test server trusts local connections,
// so the password only has to stay out of sight.
QString withPassword(const std::string& uri)
{
    const QString u = QString::fromStdString(uri);
    return u.left(u.indexOf(QLatin1Char('@'))) + QLatin1Char(':') + kSecret + u.mid(u.indexOf(QLatin1Char('@')));
}

void checkNoSecret(const CliResult& r)
{
    QVERIFY2(!r.out.contains(kSecret), qPrintable(r.out));
    QVERIFY2(!r.err.contains(kSecret), qPrintable(r.err));
}

} // namespace

class TestCliPostgres : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString server_, demo_;

private Q_SLOTS:
    void initTestCase()
    {
        FGLENS_REQUIRE_POSTGRES(server_);
        demo_ = tmp_.filePath(QStringLiteral("demo"));
        const auto r = runCli({"demo", "--out", demo_, "--scale", "small", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void trainIntoServerLog()
    {
        const QString uri = withPassword(pgFreshDatabase(server_, "t_cli_train"));
        const auto train = runCli({"train", "--project", demo_, "--log", uri, "--head", "linear", "--stage", "warmup",
                                   "--preset", "demo", "--epochs", "1", "--quiet"});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        checkNoSecret(train);
        const QJsonObject j = parseObject(train.out);
        const int run = j["run"].toInt();
        QVERIFY(run > 0);
        // The weights live in the project folder, under the server's name.
        const QString weights = j["weights"].toString();
        QVERIFY2(QFileInfo::exists(weights), qPrintable(weights));
        QVERIFY2(weights.startsWith(QFileInfo(demo_).absoluteFilePath() + QStringLiteral("/")), qPrintable(weights));

        const auto list = runCli({"runs", "--log", uri});
        QCOMPARE(list.exitCode, 0);
        checkNoSecret(list);
        const QStringList lines = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);   // header and the run
        QVERIFY2(lines[1].contains(QStringLiteral("finished")) && lines[1].contains(QStringLiteral("linear")),
                 qPrintable(list.out));
        QVERIFY(lines[1].trimmed().startsWith(QString::number(run) + QStringLiteral(" ")));

        const auto show = runCli({"runs", "--log", uri, "--show", QString::number(run)});
        QCOMPARE(show.exitCode, 0);
        checkNoSecret(show);
        QVERIFY(show.out.contains(QStringLiteral("train_loss")));

        const QString out = tmp_.filePath(QStringLiteral("export"));
        const auto exported = runCli({"export", "--log", uri, "--out", out});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        checkNoSecret(exported);
        QDirIterator it(out, QDir::Files);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(kSecret.toUtf8()), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files >= 4);
    }

    void importRunsBothWays()
    {
        const QString laptop = tmp_.filePath(QStringLiteral("laptop.sqlite"));
        {
            ExperimentLog log(laptop.toStdString());
            RunRecord warm;
            warm.name = "linear/warmup";
            warm.headKind = "linear";
            warm.stage = "warmup";
            warm.weightsPath = "/home/ana/runs/1/best.pt";
            const int64_t w = log.beginRun(warm);
            log.addMetrics(w, {{w, "mean_rank_sum", 0, 12.5}});
            log.addObjectResults(w, {{"hard", 3, 2, {0.5f, 0.75f}}});
            log.finishRun(w, RunStatus::Finished);
            RunRecord fine = warm;
            fine.name = "linear/finetune";
            fine.stage = "finetune";
            fine.parentId = w;
            log.finishRun(log.beginRun(fine), RunStatus::Cancelled);
        }
        const QString uri = withPassword(pgFreshDatabase(server_, "t_cli_import"));
        const auto in = runCli({"runs", "import", "--from", laptop, "--into", uri});
        QVERIFY2(in.exitCode == 0, qPrintable(in.err));
        checkNoSecret(in);
        const QJsonObject j = parseObject(in.out);
        QCOMPARE(j["runs"].toArray().size(), 2);
        QVERIFY(j["into"].toString().startsWith(QStringLiteral("postgresql://postgres@")));

        const QString back = tmp_.filePath(QStringLiteral("back.sqlite"));
        const auto out = runCli({"runs", "import", "--from", uri, "--into", back});
        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        checkNoSecret(out);
        ExperimentLog log(back.toStdString());
        const auto runs = log.runs();
        QCOMPARE(runs.size(), size_t(2));
        QCOMPARE(runs[0].name, std::string("linear/finetune"));
        QCOMPARE(runs[0].status, RunStatus::Cancelled);
        QCOMPARE(*runs[0].parentId, runs[1].id);
        QCOMPARE(runs[1].weightsPath, std::string("/home/ana/runs/1/best.pt"));
        QCOMPARE(log.finalMetrics(runs[1].id).at("mean_rank_sum"), 12.5);
        QCOMPARE(log.objectResults(runs[1].id).size(), size_t(1));

        // A missing source is one line naming it, and creates nothing.
        const QString missing = tmp_.filePath(QStringLiteral("missing.sqlite"));
        const auto bad = runCli({"runs", "import", "--from", missing, "--into", uri});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(missing) && bad.err.trimmed().count(QLatin1Char('\n')) == 0, qPrintable(bad.err));
        QVERIFY(!QFileInfo::exists(missing));
        QCOMPARE(runCli({"runs", "import", "--from", laptop}).exitCode, 2);   // --into missing
    }

    void unreachableServerIsOneLine()
    {
        const auto r = runCli({"runs", "--log", "postgresql://ana:" + kSecret + "@127.0.0.1:1/x?connect_timeout=3"});
        QCOMPARE(r.exitCode, 1);
        checkNoSecret(r);
        QVERIFY2(r.err.contains(QStringLiteral("postgresql://ana@127.0.0.1:1/x")), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliPostgres)
#include "test_cli_postgres.moc"

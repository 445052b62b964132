// The experiment log: runs, metrics and per-object results round trip; the
// schema migrates from version 1; a process that dies mid-run leaves its run
// marked failed at the next open; tables export with mean ± std over seeds.
#include "testsupport.h"

#include "common/error.h"
#include "store/experiment_log.h"
#include "store/export.h"
#include "store/log_location.h"
#include "store/sql_dialect.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <fstream>

using namespace fglens;

class TestStore : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)).toStdString(); }

private Q_SLOTS:
    void roundTrip()
    {
        ExperimentLog log(path("a.sqlite"));
        QCOMPARE(log.schemaVersion(), ExperimentLog::kSchemaVersion);
        RunRecord r;
        r.name = "linear/warmup";
        r.headKind = "linear";
        r.stage = "warmup";
        r.configJson = "{\"lr\":5e-05}";
        r.seed = 123;
        const int64_t id = log.beginRun(r);
        RunRecord child = r;
        child.name = "linear/finetune";
        child.stage = "finetune";
        child.parentId = id;
        const int64_t cid = log.beginRun(child);
        log.addMetrics(id, {{id, "train_loss", 1, 3.5}, {id, "train_loss", 2, 2.5}, {id, "mean_rank/hard", 0, 1.75}});
        log.addObjectResults(id, {{"hard", 42, 2, {0.5f, 0.625f, 0.25f}}, {"hard", 43, 1, {0.75f, 0.5f, 0.125f}}});
        log.finishRun(id, RunStatus::Finished);

        const auto runs = log.runs();
        QCOMPARE(runs.size(), size_t(2));
        QCOMPARE(runs[0].id, cid);   // newest first
        QCOMPARE(*runs[0].parentId, id);
        const auto got = log.run(id);
        QVERIFY(got);
        QCOMPARE(got->status, RunStatus::Finished);
        QCOMPARE(got->configJson, r.configJson);
        QVERIFY(!got->endedAt.empty());
        QCOMPARE(log.run(cid)->status, RunStatus::Running);
        const auto finals = log.finalMetrics(id);
        QCOMPARE(finals.at("train_loss"), 2.5);   // the last step wins
        const auto objects = log.objectResults(id, "hard");
        QCOMPARE(objects.size(), size_t(2));
        QCOMPARE(objects[0].objectId, int64_t(42));
        QCOMPARE(objects[0].rank, 2);
        QCOMPARE(objects[0].scores, (std::vector<float>{0.5f, 0.625f, 0.25f}));
        log.setNotes(id, "a note", "baseline,paper");
        QCOMPARE(log.run(id)->tags, std::string("baseline,paper"));
        log.deleteRun(id);
        QVERIFY(!log.run(id));
        QVERIFY(!log.run(cid)->parentId);
        QVERIFY(log.objectResults(id).empty());
    }

    void migratesFromVersion1()
    {
        const std::string p = path("v1.sqlite");
        createSchemaV1ForTests(p);
        ExperimentLog log(p);
        QCOMPARE(log.schemaVersion(), ExperimentLog::kSchemaVersion);
        const auto r = log.run(1);
        QVERIFY(r);
        QCOMPARE(r->name, std::string("linear/warmup"));
        QCOMPARE(r->notes, std::string("from v1"));
        QCOMPARE(r->status, RunStatus::Finished);
        QVERIFY(!r->parentId);
        QCOMPARE(r->dataIdentity, std::string("{}"));
        QCOMPARE(log.finalMetrics(1).at("mean_rank_sum"), 27.9);
        // The new table works after the migration.
        log.addObjectResults(1, {{"hard", 7, 1, {0.9f, 0.1f}}});
        QCOMPARE(log.objectResults(1).size(), size_t(1));
    }

    void migratesFromVersion2()
    {
        const std::string p = path("v2.sqlite");
        createSchemaV2ForTests(p);
        ExperimentLog log(p);
        QCOMPARE(log.schemaVersion(), 3);
        // Results written before the box column read back without a box.
        const auto before = log.objectResults(1);
        QCOMPARE(before.size(), size_t(1));
        QCOMPARE(before[0].rank, 2);
        QCOMPARE(before[0].scores, (std::vector<float>{0.5f, 0.75f, 0.25f}));
        QVERIFY(!before[0].box);
        QCOMPARE(log.finalMetrics(1).at("mean_rank/pattern"), 3.77);
        // The box column stores a detector's matched box.
        ObjectResult withBox{"pattern", 22, 1, {0.9f, 0.1f}};
        withBox.box = std::array<float, 4>{1.5f, 2.0f, 30.25f, 40.0f};
        RunRecord r;
        r.name = "OWL B/16";
        r.headKind = "detector";
        r.stage = "detector";
        const int64_t id = log.importRun(r, {{0, "mean_rank/pattern", 0, 1.0}}, {withBox, {"pattern", 23, 3, {0, 0, 0}}});
        const auto after = log.objectResults(id, "pattern");
        QCOMPARE(after.size(), size_t(2));
        QCOMPARE(*after[0].box, (std::array<float, 4>{1.5f, 2.0f, 30.25f, 40.0f}));
        QVERIFY(!after[1].box);
        QCOMPARE(log.run(id)->status, RunStatus::Finished);
        QCOMPARE(log.finalMetrics(id).at("mean_rank/pattern"), 1.0);
        // Replacing one benchmark's results drops its old rows in the same transaction.
        log.replaceBenchmarkResults(id, "pattern", {}, {{"pattern", 24, 2, {0.4f, 0.6f}}}, "{\"pattern\": {}}");
        QCOMPARE(log.objectResults(id, "pattern").size(), size_t(1));
        QCOMPARE(log.run(id)->dataIdentity, std::string("{\"pattern\": {}}"));
    }

    void deadProcessRunIsMarkedFailed()
    {
        const std::string p = path("crash.sqlite");
        { ExperimentLog create(p); }
        const pid_t child = fork();
        if (child == 0) {
            // Starts a run and dies without finishing it, as kill -9 would leave it.
            ExperimentLog log(p);
            RunRecord r;
            r.name = "doomed";
            r.headKind = "linear";
            r.stage = "warmup";
            log.beginRun(r);
            _exit(0);
        }
        int status = 0;
        waitpid(child, &status, 0);
        QVERIFY(WIFEXITED(status));
        ExperimentLog log(p);
        QCOMPARE(log.recoveredRuns(), 1);
        const auto r = log.runs().at(0);
        QCOMPARE(r.name, std::string("doomed"));
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY(r.error.find("process ended") != std::string::npos);

        // A run of a live process (this one) is left alone.
        RunRecord mine;
        mine.name = "alive";
        mine.headKind = "mlp";
        mine.stage = "warmup";
        const int64_t id = log.beginRun(mine);
        ExperimentLog second(p);
        QCOMPARE(second.recoveredRuns(), 0);
        QCOMPARE(second.run(id)->status, RunStatus::Running);
    }

    void notADatabaseIsOneClearError()
    {
        const std::string p = path("garbage.sqlite");
        std::ofstream(p) << "this is not a database, just text that is long enough to look like a header......";
        try {
            ExperimentLog log(p);
            QFAIL("expected an error");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.rfind(p, 0) == 0, msg.c_str());
            QVERIFY2(msg.find('\n') == std::string::npos, msg.c_str());
        }
    }

    void tablesGroupSeeds()
    {
        ExperimentLog log(path("tables.sqlite"));
        auto add = [&](const std::string& name, double sum, double r1) {
            RunRecord r;
            r.name = name;
            r.headKind = "linear";
            r.stage = "finetune";
            const int64_t id = log.beginRun(r);
            log.addMetrics(id, {{id, "mean_rank_sum", 0, sum}, {id, "i2t_r1", 0, r1}, {id, "mean_rank/hard", 0, sum / 8}});
            log.finishRun(id, RunStatus::Finished);
            return id;
        };
        add("linear/finetune seed=1", 10.0, 40.0);
        add("linear/finetune seed=2", 12.0, 42.0);
        add("cosine", 23.8, 50.0);
        const Table t = tableOne(log);
        QCOMPARE(t.rows.size(), size_t(2));
        QCOMPARE(t.rows[0].label, std::string("linear/finetune"));
        QCOMPARE(t.rows[0].runIds.size(), size_t(2));
        const size_t sumCol = t.columns.size() - 1;
        QCOMPARE(t.rows[0].mean[sumCol], 11.0);
        QVERIFY(std::abs(t.rows[0].std[sumCol] - std::sqrt(2.0)) < 1e-12);
        QCOMPARE(t.rows[1].std[sumCol], 0.0);
        QVERIFY(std::isnan(t.rows[0].mean[3]));   // t2i R@1 was never logged

        const std::string tex = tableLatex(t);
        QVERIFY(tex.find("\\toprule") != std::string::npos);
        QVERIFY(tex.find("\\bottomrule") != std::string::npos);
        QVERIFY2(tex.find("$11.00 \\pm 1.41$") != std::string::npos, tex.c_str());
        QVERIFY(tex.find("linear/finetune") != std::string::npos);
        const std::string csv = tableCsv(t);
        QVERIFY2(csv.find("linear/finetune,41.000000,1.414214") != std::string::npos, csv.c_str());
        const Table b = benchmarkTable(log);
        QCOMPARE(b.columns.front(), std::string("Trivial"));
        QCOMPARE(b.rows[0].mean[3], 11.0 / 8);   // Hard
        QVERIFY(runsCsv(log).find("cosine") != std::string::npos);
        QVERIFY(metricsCsv(log).find("mean_rank_sum,0,23.8") != std::string::npos);
    }

    void redactsPasswords()
    {
        QCOMPARE(redactedLocation("postgresql://ana:s3cret@db.lab:5432/fglens"),
                 std::string("postgresql://ana@db.lab:5432/fglens"));
        QCOMPARE(redactedLocation("postgres://ana:p%40ss@db.lab/fglens"), std::string("postgres://ana@db.lab/fglens"));
        // An unencoded '@' in the password: userinfo ends at the last '@'.
        QCOMPARE(redactedLocation("postgresql://ana:a@b@db.lab/fglens"), std::string("postgresql://ana@db.lab/fglens"));
        QCOMPARE(redactedLocation("postgresql://db.lab/fglens?user=ana&password=s3cret&sslmode=require"),
                 std::string("postgresql://db.lab/fglens?user=ana&sslmode=require"));
        QCOMPARE(redactedLocation("postgresql://db.lab/fglens?PassWord=x"), std::string("postgresql://db.lab/fglens"));
        QCOMPARE(redactedLocation("postgresql://ana@db.lab/fglens"), std::string("postgresql://ana@db.lab/fglens"));
        QCOMPARE(redactedLocation("postgresql:///fglens?host=/run/postgresql"),
                 std::string("postgresql:///fglens?host=/run/postgresql"));
        QCOMPARE(redactedLocation("/home/ana/a:b@c.sqlite"), std::string("/home/ana/a:b@c.sqlite"));   // a file
        QVERIFY(isPostgresUri("postgres://h/d"));
        QVERIFY(isPostgresUri("postgresql://h/d"));
        QVERIFY(!isPostgresUri("/tmp/postgresql://x"));
        QVERIFY(!isPostgresUri("experiments.sqlite"));
    }

    void networkFilesystemsAreNamed()
    {
        QCOMPARE(*networkFilesystemName(0x6969), std::string("NFS"));
        QCOMPARE(*networkFilesystemName(0xFF534D42), std::string("CIFS"));
        QCOMPARE(*networkFilesystemName(0xFE534D42), std::string("SMB2"));
        QCOMPARE(*networkFilesystemName(0x517B), std::string("SMB"));
        QCOMPARE(*networkFilesystemName(0x0BD00BD0), std::string("Lustre"));
        QCOMPARE(*networkFilesystemName(0x00C36400), std::string("Ceph"));
        QCOMPARE(*networkFilesystemName(0x47504653), std::string("GPFS"));
        QVERIFY(!networkFilesystemName(0xEF53));       // ext4
        QVERIFY(!networkFilesystemName(0x58465342));   // XFS
        QVERIFY(!networkFilesystemName(0x01021994));   // tmpfs
        QVERIFY(!networkFilesystemName(0x794C7630));   // overlayfs
        // This test's folder is local; a log not created yet is judged by its folder.
        QVERIFY(!networkFilesystemOf(path("not-yet/deeper/x.sqlite")));
        QVERIFY(networkFilesystemWarning(path("x.sqlite")).empty());
        QVERIFY(networkFilesystemWarning("postgresql://h/d").empty());
    }

    void dialectTranslation()
    {
        using sql::toPostgres;
        QCOMPARE(toPostgres("UPDATE runs SET a = ?, b = '?' WHERE id = ?"),
                 std::string("UPDATE runs SET a = $1, b = '?' WHERE id = $2"));
        QCOMPARE(toPostgres("PRAGMA foreign_keys = ON"), std::string());
        QCOMPARE(toPostgres("INSERT OR REPLACE INTO metrics (run_id, name, step, value) VALUES (?, ?, ?, ?)"),
                 std::string("INSERT INTO metrics (run_id, name, step, value) VALUES ($1, $2, $3, $4)"
                             " ON CONFLICT (run_id, name, step) DO UPDATE SET value = EXCLUDED.value,"
                             " rowid = nextval(pg_get_serial_sequence('metrics', 'rowid'))"));
        QCOMPARE(toPostgres("INSERT INTO runs (name) VALUES (?)"), std::string("INSERT INTO runs (name) VALUES ($1) RETURNING id"));
        QVERIFY(sql::returnsId(toPostgres("INSERT INTO runs (name) VALUES (?)")));
        QCOMPARE(toPostgres("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v REAL, b BLOB, n INTEGER)"),
                 std::string("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v DOUBLE PRECISION,"
                             " b BYTEA, n BIGINT)"));
        QCOMPARE(toPostgres("CREATE TABLE m (run_id INTEGER NOT NULL)"),
                 std::string("CREATE TABLE m ( rowid BIGINT GENERATED BY DEFAULT AS IDENTITY,run_id BIGINT NOT NULL)"));
        QCOMPARE(toPostgres("ALTER TABLE runs ADD COLUMN slurm_job TEXT"), std::string("ALTER TABLE runs ADD COLUMN slurm_job TEXT"));
    }

    void serverLogWithoutServerIsOneLine()
    {
        try {
            ExperimentLog log("postgresql://ana:s3cret@127.0.0.1:1/fglens?connect_timeout=3");
            QFAIL("expected an error");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.rfind("postgresql://ana@127.0.0.1:1/fglens", 0) == 0, msg.c_str());
            QVERIFY2(msg.find("s3cret") == std::string::npos, msg.c_str());
            QVERIFY2(msg.find('\n') == std::string::npos, msg.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestStore)
#include "test_store.moc"

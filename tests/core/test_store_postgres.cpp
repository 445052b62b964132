// The experiment log on PostgreSQL (tests/support/postgres_server.sh): the
// same schema and migrations as on SQLite, the same results for runs,
// metrics and per-object results, many writers at once losing nothing, runs
// copied between the backends, and a password in the URI never shown.
#include "pg_test.h"
#include "testsupport.h"

#include "common/error.h"
#include "store/experiment_log.h"
#include "store/log_copy.h"
#include "store/log_location.h"
#include "store/sql_db.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <set>
#include <sstream>

using namespace fglens;

namespace {

// Everything a log holds that does not depend on when or where it was
// written, one line per row, in id order.
std::string dump(const ExperimentLog& log)
{
    std::ostringstream out;
    auto runs = log.runs();
    std::map<int64_t, int> ordinal;   // ids differ between logs: rows are compared by position
    for (size_t i = 0; i < runs.size(); ++i)
        ordinal[runs[runs.size() - 1 - i].id] = static_cast<int>(i);
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        const RunRecord& r = *it;
        out << "run " << ordinal[r.id] << " " << r.name << " " << r.headKind << " " << r.stage << " parent "
            << (r.parentId ? std::to_string(ordinal[*r.parentId]) : "-") << " " << r.configJson << " " << r.seed
            << " " << r.dataIdentity << " " << runStatusName(r.status) << " ended " << !r.endedAt.empty() << " "
            << r.notes << " " << r.tags << " " << r.weightsPath << " " << r.error << "\n";
        for (const auto& m : log.metrics(r.id)) {
            char v[40];
            std::snprintf(v, sizeof v, "%.17g", m.value);
            out << "  metric " << m.name << " " << m.step << " " << v << "\n";
        }
        for (const auto& o : log.objectResults(r.id)) {
            out << "  object " << o.benchmark << " " << o.objectId << " " << o.rank;
            for (float s : o.scores)
                out << " " << s;
            if (o.box)
                out << " box " << (*o.box)[0] << "," << (*o.box)[1] << "," << (*o.box)[2] << "," << (*o.box)[3];
            out << "\n";
        }
    }
    return out.str();
}

// The store suite's round trip, as one scenario both backends run.
void scenario(ExperimentLog& log)
{
    RunRecord r;
    r.name = "linear/warmup seed=1";
    r.headKind = "linear";
    r.stage = "warmup";
    r.configJson = "{\"lr\":5e-05,\"note\":\"it's \\\"quoted\\\" ? and $1\"}";   // placeholders inside values
    r.seed = 123;
    r.tags = "a,b";
    const int64_t id = log.beginRun(r);
    RunRecord child = r;
    child.name = "linear/finetune";
    child.stage = "finetune";
    child.parentId = id;
    const int64_t cid = log.beginRun(child);
    log.addMetrics(id, {{id, "train_loss", 1, 3.5}, {id, "train_loss", 2, 2.5}, {id, "mean_rank/hard", 0, 1.75},
                        {id, "val_loss", 1, std::nan("")}, {id, "tiny", 0, 1.0 / 3.0}});
    log.addMetric(id, "train_loss", 2, 2.25);   // replaces step 2
    ObjectResult boxed{"hard", 44, 3, {0.1f, 0.2f}};
    boxed.box = std::array<float, 4>{1.5f, 2.0f, 30.25f, 40.0f};
    log.addObjectResults(id, {{"hard", 42, 2, {0.5f, 0.625f, 0.25f}}, {"hard", 43, 1, {0.75f, 0.5f, 0.125f}}, boxed});
    log.addObjectResults(id, {{"hard", 43, 2, {0.5f, 0.75f, 0.125f}}});   // replaces object 43
    log.finishRun(id, RunStatus::Finished);
    log.setWeightsPath(id, "/data/runs/1/best.pt");
    log.setNotes(cid, "a note", "baseline,paper");
    log.finishRun(cid, RunStatus::Failed, "diverged");
    RunRecord det;
    det.name = "OWL B/16";
    det.headKind = "detector";
    det.stage = "detector";
    const int64_t did = log.importRun(det, {{0, "mean_rank/pattern", 0, 1.0}}, {{"pattern", 23, 3, {0, 0, 0}}});
    log.replaceBenchmarkResults(did, "pattern", {}, {{"pattern", 24, 2, {0.4f, 0.6f}}}, "{\"pattern\": {}}");
    RunRecord gone = r;
    gone.name = "deleted";
    log.deleteRun(log.beginRun(gone));
}

} // namespace

class TestStorePostgres : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString server_;
    std::string path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)).toStdString(); }

private Q_SLOTS:
    void initTestCase() { FGLENS_REQUIRE_POSTGRES(server_); }

    void sameResultsAsSqlite()
    {
        const std::string uri = test::pgFreshDatabase(server_, "t_same");
        ExperimentLog pg(uri);
        QVERIFY(pg.isServer());
        QCOMPARE(pg.schemaVersion(), ExperimentLog::kSchemaVersion);
        ExperimentLog lite(path("same.sqlite"));
        scenario(pg);
        scenario(lite);
        const std::string a = dump(lite), b = dump(pg);
        QVERIFY2(a == b, ("SQLite:\n" + a + "PostgreSQL:\n" + b).c_str());
        QVERIFY(a.find("box 1.5,2,30.25,40") != std::string::npos);
        QVERIFY(a.find("metric train_loss 2 2.25") != std::string::npos);
        QVERIFY(a.find("metric tiny 0 0.33333333333333331") != std::string::npos);   // doubles exact
        QVERIFY(a.find("metric val_loss 1 nan") != std::string::npos);
        // Newest first, and a reopened log reads the same.
        QCOMPARE(pg.runs().front().name, std::string("OWL B/16"));
        ExperimentLog again(uri);
        QCOMPARE(dump(again), b);
    }

    void sameSchema()
    {
        const std::string uri = test::pgFreshDatabase(server_, "t_schema");
        { ExperimentLog create(uri); }
        { ExperimentLog create(path("schema.sqlite")); }
        sql::Db pg(uri), lite(path("schema.sqlite"));
        for (const char* table : {"runs", "metrics", "object_results"}) {
            std::set<std::string> a, b;
            sql::Stmt q(lite, std::string("SELECT name FROM pragma_table_info('") + table + "')");
            while (q.step())
                a.insert(q.text(0));
            sql::Stmt p(pg, "SELECT column_name FROM information_schema.columns WHERE table_name = ?");
            p.bind(1, std::string(table));
            while (p.step())
                b.insert(p.text(0));
            b.erase("rowid");   // SQLite's implicit one, made explicit on PostgreSQL
            QVERIFY2(a == b, table);
            QVERIFY(!a.empty());
        }
        sql::Stmt v(pg, "SELECT version FROM fglens_schema");
        QVERIFY(v.step());
        QCOMPARE(v.integer(0), int64_t(ExperimentLog::kSchemaVersion));
    }

    void migratesFromVersion1And2()
    {
        const std::string v1 = test::pgFreshDatabase(server_, "t_v1");
        createSchemaV1ForTests(v1);
        {
            ExperimentLog log(v1);
            QCOMPARE(log.schemaVersion(), ExperimentLog::kSchemaVersion);
            const auto r = log.run(1);
            QVERIFY(r);
            QCOMPARE(r->notes, std::string("from v1"));
            QCOMPARE(r->dataIdentity, std::string("{}"));
            QCOMPARE(log.finalMetrics(1).at("mean_rank_sum"), 27.9);
            log.addObjectResults(1, {{"hard", 7, 1, {0.9f, 0.1f}}});
            QCOMPARE(log.objectResults(1).size(), size_t(1));
            // New runs take ids after the migrated ones.
            RunRecord n;
            n.name = "next";
            n.headKind = "cosine";
            n.stage = "eval";
            QCOMPARE(log.beginRun(n), int64_t(2));
        }
        const std::string v2 = test::pgFreshDatabase(server_, "t_v2");
        createSchemaV2ForTests(v2);
        ExperimentLog log(v2);
        QCOMPARE(log.schemaVersion(), ExperimentLog::kSchemaVersion);
        const auto before = log.objectResults(1);
        QCOMPARE(before.size(), size_t(1));
        QCOMPARE(before[0].scores, (std::vector<float>{0.5f, 0.75f, 0.25f}));
        QVERIFY(!before[0].box);
    }

    // Several processes open a fresh database at once (all want to migrate)
    // and each writes runs with metrics: every row arrives.
    void manyWritersLoseNothing()
    {
        const std::string uri = test::pgFreshDatabase(server_, "t_writers");
        constexpr int kProcs = 6, kRuns = 15;
        std::vector<pid_t> kids;
        for (int p = 0; p < kProcs; ++p) {
            const pid_t child = fork();
            if (child == 0) {
                int rc = 0;
                try {
                    ExperimentLog log(uri);
                    for (int i = 0; i < kRuns; ++i) {
                        RunRecord r;
                        r.name = "w" + std::to_string(p) + "/" + std::to_string(i);
                        r.headKind = "linear";
                        r.stage = "warmup";
                        const int64_t id = log.beginRun(r);
                        log.addMetrics(id, {{id, "train_loss", 1, double(p)}, {id, "train_loss", 2, double(i)}});
                        log.addObjectResults(id, {{"hard", i, 1, {1.0f, 0.0f}}});
                        log.finishRun(id, RunStatus::Finished);
                    }
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "writer %d: %s\n", p, e.what());
                    rc = 1;
                }
                _exit(rc);
            }
            kids.push_back(child);
        }
        for (pid_t k : kids) {
            int status = 0;
            waitpid(k, &status, 0);
            QVERIFY(WIFEXITED(status));
            QCOMPARE(WEXITSTATUS(status), 0);
        }
        ExperimentLog log(uri);
        QCOMPARE(log.schemaVersion(), ExperimentLog::kSchemaVersion);
        const auto runs = log.runs();
        QCOMPARE(int(runs.size()), kProcs * kRuns);
        std::set<std::string> names;
        for (const auto& r : runs) {
            names.insert(r.name);
            QCOMPARE(r.status, RunStatus::Finished);
            QCOMPARE(log.metrics(r.id).size(), size_t(2));
            QCOMPARE(log.objectResults(r.id).size(), size_t(1));
        }
        QCOMPARE(int(names.size()), kProcs * kRuns);
        sql::Db db(uri);
        sql::Stmt v(db, "SELECT count(*) FROM fglens_schema");
        QVERIFY(v.step());
        QCOMPARE(v.integer(0), int64_t(1));   // migrated once
    }

    void importBetweenBackends()
    {
        const std::string uri = test::pgFreshDatabase(server_, "t_import");
        ExperimentLog laptop(path("laptop.sqlite"));
        scenario(laptop);
        ExperimentLog lab(uri);
        RunRecord earlier;
        earlier.name = "someone else's";
        earlier.headKind = "mlp";
        earlier.stage = "warmup";
        lab.beginRun(earlier);   // ids in the target are taken: copies get new ones
        const auto copied = copyRuns(laptop, lab);
        QCOMPARE(copied.size(), laptop.runs().size());
        for (const auto& c : copied)
            QVERIFY(c.to != c.from);
        // The copied runs read as they were, parents remapped, weights paths kept.
        ExperimentLog back(path("back.sqlite"));
        std::vector<int64_t> ids;
        for (const auto& c : copied)
            ids.push_back(c.to);
        copyRuns(lab, back, ids);
        QCOMPARE(dump(back), dump(laptop));
        QVERIFY(dump(back).find("/data/runs/1/best.pt") != std::string::npos);
        QCOMPARE(lab.runs().size(), laptop.runs().size() + 1);
        try {
            copyRuns(laptop, lab, {999});
            QFAIL("expected an error for a missing run");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("no run 999") != std::string::npos);
        }
    }

    void passwordNeverShown()
    {
        // The test server trusts local connections: the password is sent to
        // nobody, but it must not appear in anything the log reports.
        const std::string plain = test::pgFreshDatabase(server_, "t_secret");
        const std::string withPassword = "postgresql://postgres:s3cr3t-pw@" + plain.substr(plain.find('@') + 1);
        ExperimentLog log(withPassword);
        QVERIFY(log.path().find("s3cr3t") == std::string::npos);
        QCOMPARE(log.path(), plain);
        // An error names the server without the password, on one line.
        std::string unreachable = "postgresql://postgres:s3cr3t-pw@127.0.0.1:1/nowhere?connect_timeout=5";
        try {
            ExperimentLog bad(unreachable);
            QFAIL("expected a connection error");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("s3cr3t") == std::string::npos, msg.c_str());
            QVERIFY2(msg.rfind("postgresql://postgres@127.0.0.1:1/nowhere", 0) == 0, msg.c_str());
            QVERIFY2(msg.find('\n') == std::string::npos, msg.c_str());
        }
    }

    void changeMarkerMovesWithOtherConnections()
    {
        const std::string uri = test::pgFreshDatabase(server_, "t_marker");
        ExperimentLog watcher(uri), writer(uri);
        const std::string m0 = watcher.changeMarker();
        RunRecord r;
        r.name = "x";
        r.headKind = "linear";
        r.stage = "warmup";
        const int64_t id = writer.beginRun(r);
        const std::string m1 = watcher.changeMarker();
        QVERIFY(m1 != m0);
        QCOMPARE(watcher.changeMarker(), m1);   // unchanged without writes
        writer.finishRun(id, RunStatus::Finished);
        QVERIFY(watcher.changeMarker() != m1);
    }
};

QTEST_GUILESS_MAIN(TestStorePostgres)
#include "test_store_postgres.moc"

// Beyond one machine (issue #17): sharded encoding and merge-caches, sbatch
// script generation, and on a one-node Slurm cluster (tests/support/
// slurm_cluster.sh, started by the CTest fixture slurm_cluster) sharded
// encoding, a sweep, and a task killed with scancel then resumed by a rerun.
// The Slurm tests skip with the fixture's reason when the cluster could not be
// started (not root, slurm-wlm or munge missing). The Slurm sweeps write into
// the test PostgreSQL server when one runs (FGLENS_TEST_LOG_URI, e.g. another
// postgresql:// URI, overrides it), else into a temporary SQLite log.
#include "pg_test.h"
#include "testsupport.h"

#include "cluster/sbatch_script.h"
#include "cluster/sweep_plan.h"
#include "data/safetensors.h"
#include "store/experiment_log.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>
#include <torch/torch.h>

using namespace fglens;
using fglens::test::parseObject;
using fglens::test::pgFreshDatabase;
using fglens::test::pgServerUri;
using fglens::test::runCli;

namespace {

QString fx(const QString& name)
{
    return fglens::test::fixture("clip-tiny/" + name);
}

// Why Slurm tests cannot run here, or empty when the cluster is up.
QString slurmUnavailable()
{
    const QString dir = qEnvironmentVariable("FGLENS_SLURM_DIR");
    if (qEnvironmentVariable("SLURM_CONF").isEmpty() || dir.isEmpty())
        return "no test cluster: run this suite through ctest (fixture slurm_cluster sets SLURM_CONF)";
    QFile f(dir + "/unavailable");
    if (f.open(QIODevice::ReadOnly))
        return "Slurm test cluster not started: " + QString::fromUtf8(f.readAll()).trimmed();
    return {};
}

#define REQUIRE_SLURM()                                   \
    do {                                                  \
        const QString why = slurmUnavailable();           \
        if (!why.isEmpty())                               \
            QSKIP(qPrintable(why));                       \
    } while (0)

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Every tensor and metadata entry equal, bit for bit.
void compareCaches(const QString& a, const QString& b)
{
    const auto x = readSafeTensors(a.toStdString()), y = readSafeTensors(b.toStdString());
    QCOMPARE(x.metadata, y.metadata);
    QCOMPARE(x.tensors.size(), y.tensors.size());
    for (const auto& [name, t] : x.tensors) {
        auto it = y.tensors.find(name);
        QVERIFY2(it != y.tensors.end(), name.c_str());
        QVERIFY2(t.scalar_type() == it->second.scalar_type() && t.sizes() == it->second.sizes(), name.c_str());
        QVERIFY2(torch::equal(t, it->second), name.c_str());
    }
}

bool oneLine(const QString& err)
{
    return err.trimmed().count('\n') == 0 && !err.trimmed().isEmpty();
}

} // namespace

class TestCliCluster : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString demo_;

    QString demo()
    {
        if (demo_.isEmpty()) {
            const QString dir = tmp_.filePath("demo");
            const auto r = runCli({"demo", "--out", dir, "--scale", "small", "--quiet"});
            if (r.exitCode != 0)
                qWarning("demo failed: %s", qPrintable(r.err));
            demo_ = dir;
        }
        return demo_;
    }

    QStringList encodeArgs()
    {
        // Small batches: many of them, so that three shards each get several.
        return {"encode-benchmark", "--clip", fx("model.pt"), "--vocab", fx("bpe_simple_vocab_16e6.txt.gz"),
                "--benchmark", demo() + "/benchmarks/1_attributes.json", "--image-root", demo() + "/images",
                "--device", "cpu", "--batch", "8", "--text-batch", "16", "--quiet"};
    }

    // The whole cache, encoded once.
    QString wholeCache()
    {
        const QString out = tmp_.filePath("whole.safetensors");
        if (!QFileInfo::exists(out)) {
            const auto r = runCli(encodeArgs() << "--out" << out);
            if (r.exitCode != 0)
                qWarning("encode failed: %s", qPrintable(r.err));
        }
        return out;
    }

    QString shard(int k, int n)
    {
        const QString out = tmp_.filePath(QString("shard-%1-of-%2.safetensors").arg(k).arg(n));
        if (!QFileInfo::exists(out)) {
            const auto r = runCli(encodeArgs() << "--shard" << QString("%1/%2").arg(k).arg(n) << "--out" << out);
            if (r.exitCode != 0)
                qWarning("shard failed: %s", qPrintable(r.err));
        }
        return out;
    }

    // FGLENS_TEST_LOG_URI when set; else a fresh database on the test
    // PostgreSQL server when CTest's postgres fixture started one (the lab's
    // setup: Slurm tasks writing one shared log); else a temporary SQLite file.
    QString logLocation(const QString& name)
    {
        const QString uri = qEnvironmentVariable("FGLENS_TEST_LOG_URI");
        if (!uri.isEmpty())
            return uri;
        QString why;
        const QString server = pgServerUri(&why);
        if (server.isEmpty()) {
            qInfo("log of %s: SQLite (%s)", qPrintable(name), qPrintable(why));
            return tmp_.filePath(name);
        }
        const std::string db = "cluster_" + QFileInfo(name).completeBaseName().toStdString();
        return QString::fromStdString(pgFreshDatabase(server, db));
    }

    // Seeds no earlier test run used, when the log is shared (a server).
    int seedBase()
    {
        return qEnvironmentVariable("FGLENS_TEST_LOG_URI").isEmpty()
                   ? 1
                   : static_cast<int>(QDateTime::currentMSecsSinceEpoch() % 1000000) * 10;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
    }

    void scriptGeneration()
    {
        cluster::JobScript job;
        job.name = "fglens-x";
        job.chdir = "/work dir";
        job.output = "/logs/task-%a.log";
        job.sbatchArgs = {"--gres=gpu:1", "--partition=gpu", "--time=1:00:00"};
        job.markerDir = "/logs";
        job.tasks = {{"/bin/fglens-cli", "train", "--name", "it's a run"}, {"/bin/fglens-cli", "train", "--seed", "2"}};
        const std::string s = cluster::renderScript(job);
        QVERIFY(s.rfind("#!/bin/bash\n", 0) == 0);
        QVERIFY(s.find("#SBATCH --array=0-1\n") != std::string::npos);
        QVERIFY(s.find("#SBATCH --output=/logs/task-%a.log\n") != std::string::npos);
        QVERIFY(s.find("#SBATCH --gres=gpu:1\n#SBATCH --partition=gpu\n#SBATCH --time=1:00:00\n") != std::string::npos);
        QVERIFY(s.find("SLURM_ARRAY_TASK_ID") != std::string::npos);
        QVERIFY(s.find("0) /bin/fglens-cli train --name 'it'\\''s a run'; rc=$? ;;") != std::string::npos);
        QVERIFY(s.find("1) /bin/fglens-cli train --seed 2; rc=$? ;;") != std::string::npos);
        QVERIFY(s.find("/logs/task-\"$task.exit\"") != std::string::npos);
        QCOMPARE(cluster::markerPath(job, 1), std::string("/logs/task-1.exit"));
        QCOMPARE(cluster::taskLogPath("/l/t-%A_%a.log", 3, "77"), std::string("/l/t-77_3.log"));
        QCOMPARE(cluster::withoutGpuArgs(job.sbatchArgs), (std::vector<std::string>{"--partition=gpu", "--time=1:00:00"}));
        QCOMPARE(cluster::shellQuote("a b"), std::string("'a b'"));
        QCOMPARE(cluster::shellQuote(""), std::string("''"));
        job.array = false;
        job.tasks.resize(1);
        QVERIFY(cluster::renderScript(job).find("--array") == std::string::npos);
    }

    void sweepPlanMatchesGridPoints()
    {
        cluster::SweepGridOptions o;
        o.heads = {"linear", "mlp"};
        o.seeds = {1, 2};
        o.lrs = {0.001};
        o.preset = "demo";
        o.epochs = 2;
        const auto grid = cluster::sweepGrid(o);
        QCOMPARE(grid.size(), size_t(4));
        auto record = [](int64_t id, const cluster::SweepPoint& p, RunStatus s, const std::string& tags) {
            RunRecord r;
            r.id = id;
            r.headKind = p.head;
            r.stage = p.stage;
            r.configJson = p.config().toJson();
            r.status = s;
            r.tags = tags;
            return r;
        };
        cluster::SweepPoint other = grid[3];
        other.lr = 0.002;   // another grid point: must not match
        const std::vector<RunRecord> runs = {record(9, grid[0], RunStatus::Cancelled, "slurm=5_0"),
                                             record(8, grid[1], RunStatus::Finished, ""),
                                             record(7, grid[2], RunStatus::Running, "slurm=5_2"),
                                             record(6, other, RunStatus::Finished, "")};
        const auto plans = cluster::planSweep(grid, runs, [](const std::string& job) { return job != "5_2"; });
        QCOMPARE(int(plans[0].action), int(cluster::PointAction::Resume));
        QCOMPARE(*plans[0].runId, int64_t(9));
        QCOMPARE(int(plans[1].action), int(cluster::PointAction::Done));
        QCOMPARE(int(plans[2].action), int(cluster::PointAction::Resume));   // its job is gone: killed
        QCOMPARE(int(plans[3].action), int(cluster::PointAction::Fresh));
        const auto busy = cluster::planSweep(grid, runs, [](const std::string&) { return true; });
        QCOMPARE(int(busy[2].action), int(cluster::PointAction::Busy));
        const auto resume = cluster::trainArgs(plans[0], "P", "L");
        QVERIFY(std::find(resume.begin(), resume.end(), "--resume") != resume.end());
        const auto fresh = cluster::trainArgs(plans[3], "P", "L");
        QVERIFY(std::find(fresh.begin(), fresh.end(), "0.001") != fresh.end());
        QCOMPARE(cluster::withSlurmJob("a,slurm=1_2,b", "3_4"), std::string("a,b,slurm=3_4"));
        QCOMPARE(cluster::slurmJobOfTags("a,slurm=3_4"), std::string("3_4"));
    }

    void dryRunPrintsScripts()
    {
        const auto r = runCli({"encode-benchmark", "--clip", "model.pt", "--vocab", "bpe.txt.gz", "--benchmark", "b.json",
                               "--image-root", "img", "--out", tmp_.filePath("dry.safetensors"), "--slurm", "--shards",
                               "3", "--sbatch-arg=--gres=gpu:1", "--sbatch-arg=--partition=gpu", "--dry-run"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("#SBATCH --array=0-2\n"));
        QVERIFY(r.out.contains("#SBATCH --gres=gpu:1\n"));
        QCOMPARE(r.out.count("#SBATCH --partition=gpu\n"), 2);   // both jobs
        QCOMPARE(r.out.count("#SBATCH --gres=gpu:1\n"), 1);      // not the merge
        QVERIFY(r.out.contains("--dependency=afterok:"));
        QVERIFY(r.out.contains("--shard 2/3"));
        QVERIFY(r.out.contains("merge-caches --out"));
        QVERIFY(!QFileInfo::exists(tmp_.filePath("dry.safetensors.slurm")));   // nothing written or submitted
        const auto sweep = runCli({"sweep", "--project", demo(), "--heads", "linear,mlp", "--seeds", "1,2",
                                   "--epochs", "1", "--preset", "demo", "--slurm", "--sbatch-arg=--time=10", "--dry-run",
                                   "--log", tmp_.filePath("dry.sqlite")});
        QVERIFY2(sweep.exitCode == 0, qPrintable(sweep.err));
        QVERIFY(sweep.out.contains("#SBATCH --array=0-3\n"));
        QVERIFY(sweep.out.contains("#SBATCH --time=10\n"));
        QCOMPARE(sweep.out.count(" train --project "), 4);
        const auto reproduce = runCli({"reproduce", "--project", demo(), "--log", tmp_.filePath("dry.sqlite"),
                                       "--slurm", "--seeds", "1,2", "--epochs", "1", "--dry-run"});
        QVERIFY2(reproduce.exitCode == 0, qPrintable(reproduce.err));
        QVERIFY(reproduce.out.contains("#SBATCH --array=0-10\n"));   // 5 heads x 2 seeds + the cosine baseline
        QVERIFY(reproduce.out.contains("#SBATCH --array=0-9\n"));
        QVERIFY(reproduce.out.contains("--dependency=aftercorr:"));
        QVERIFY(reproduce.out.contains("--name 'mlp/finetune seed=2' --from-name 'mlp/warmup seed=2'"));
        const auto bad = runCli({"encode-benchmark", "--clip", "m", "--vocab", "v", "--benchmark", "b", "--out", "o",
                                 "--shard", "3/3"});
        QCOMPARE(bad.exitCode, 2);
    }

    void localSweepRunsOncePerGridPoint()
    {
        for (const char* cmd : {"merge-caches", "sweep"}) {
            const auto h = runCli({cmd, "--help"});
            QCOMPARE(h.exitCode, 0);
            QVERIFY(h.out.contains(QString("Usage: fglens-cli ") + cmd));
        }
        const QString log = tmp_.filePath("local.sqlite");
        const QStringList sweep = {"sweep", "--project", demo(), "--log", log, "--heads", "linear", "--seeds", "3",
                                   "--lr", "0.001,0.002", "--epochs", "1", "--preset", "demo", "--parallel", "2"};
        const auto r = runCli(QStringList(sweep) << "--work-dir" << tmp_.filePath("local1"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const auto j = parseObject(r.out);
        QVERIFY(j["job"].isNull());
        const auto runs = j["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        ExperimentLog l(log.toStdString());
        QCOMPARE(l.runs().size(), size_t(2));
        for (const auto& v : runs) {
            const auto o = v.toObject();
            QCOMPARE(o["status"].toString(), QString("finished"));
            const auto run = l.run(o["run"].toInt());
            QVERIFY(run.has_value());
            QCOMPARE(run->seed, int64_t(o["seed"].toInt()));
            QVERIFY2(run->configJson.find("\"lr\":" + QString::number(o["lr"].toDouble()).toStdString()) !=
                         std::string::npos,
                     run->configJson.c_str());
        }
        QVERIFY(QFileInfo::exists(tmp_.filePath("local1/task-1.log")));
        // Again: nothing left to run, no new runs.
        const auto again = runCli(QStringList(sweep) << "--work-dir" << tmp_.filePath("local2"));
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(parseObject(again.out)["runs"].toArray().size(), 2);
        QCOMPARE(ExperimentLog(log.toStdString()).runs().size(), size_t(2));
    }

    void shardsMergeToTheWholeCache()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        const QString whole = wholeCache();
        QVERIFY(QFileInfo::exists(whole));
        const auto r = runCli(encodeArgs() << "--shard" << "1/3" << "--out" << shard(1, 3));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("already up to date"), qPrintable(r.err));   // the shard is done: nothing redone
        const QString merged = tmp_.filePath("merged.safetensors");
        const auto m = runCli({"merge-caches", "--out", merged, shard(2, 3), shard(0, 3), shard(1, 3)});
        QVERIFY2(m.exitCode == 0, qPrintable(m.err));
        QCOMPARE(parseObject(m.out)["shards"].toInt(), 3);
        compareCaches(whole, merged);
        // The merged cache is a cache like any other: another encode finds it up to date.
        const auto again = runCli(encodeArgs() << "--out" << merged);
        QVERIFY2(again.exitCode == 0 && again.err.contains("already up to date"), qPrintable(again.err));
    }

    void mergeRefusesBadShardSets()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        const QString out = tmp_.filePath("refused.safetensors");
        auto refused = [&](const QStringList& shards, const QString& expect) {
            const auto r = runCli(QStringList{"merge-caches", "--out", out} + shards);
            QVERIFY2(r.exitCode == 1, qPrintable(r.err));
            QVERIFY2(oneLine(r.err), qPrintable(r.err));
            QVERIFY2(r.err.contains(expect), qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(out));
        };
        refused({shard(0, 3), shard(2, 3)}, "shard 1/3 is missing");
        refused({shard(0, 3), shard(1, 3), shard(1, 3), shard(2, 3)}, "duplicate of shard 1/3");
        // A shard of another encoding: same rows, another model hash.
        auto st = readSafeTensors(shard(2, 3).toStdString());
        st.metadata["model_sha256"] = std::string(64, 'f');
        const QString foreign = tmp_.filePath("foreign.safetensors");
        writeSafeTensors(foreign.toStdString(), st);
        refused({shard(0, 3), shard(1, 3), foreign}, "model_sha256 differs");
        refused({shard(0, 3), shard(1, 3), wholeCache()}, "not a shard");
        refused({shard(0, 3), shard(1, 3), shard(0, 2)}, "one of 3 shards");
    }

    void slurmShardsMergeToTheWholeCache()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        REQUIRE_SLURM();
        const QString out = tmp_.filePath("slurm.safetensors");
        QStringList args = encodeArgs();
        args.removeAll("--quiet");
        const auto r = runCli(args << "--out" << out << "--slurm" << "--shards" << "3" << "--wait"
                                   << "--poll-seconds" << "1");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const auto ids = parseObject(r.out.split('\n').first());
        QVERIFY(!ids["array_job"].toString().isEmpty() && !ids["merge_job"].toString().isEmpty());
        QVERIFY2(r.err.contains("3 done"), qPrintable(r.err));
        compareCaches(wholeCache(), out);
        for (int k = 0; k < 3; ++k)
            QVERIFY(QFileInfo::exists(out + QString(".slurm/task-%1.log").arg(k)));
    }

    void slurmSweepFinishesEveryRun()
    {
        REQUIRE_SLURM();
        const QString log = logLocation("sweep.sqlite");
        const int s = seedBase();
        const auto r = runCli({"sweep", "--project", demo(), "--log", log, "--heads", "linear,mlp", "--seeds",
                               QString("%1,%2").arg(s).arg(s + 1), "--epochs", "1", "--preset", "demo", "--slurm",
                               "--wait", "--poll-seconds", "1", "--work-dir", tmp_.filePath("sweep1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const auto j = parseObject(r.out.trimmed().split('\n').last());
        QVERIFY(!j["job"].toString().isEmpty());
        const auto runs = j["runs"].toArray();
        QCOMPARE(runs.size(), 4);
        QSet<int> ids;
        for (const auto& v : runs) {
            QCOMPARE(v.toObject()["status"].toString(), QString("finished"));
            ids.insert(v.toObject()["run"].toInt());
        }
        QCOMPARE(ids.size(), 4);
        ExperimentLog l(log.toStdString());
        for (int id : ids) {
            const auto run = l.run(id);
            QVERIFY(run.has_value());
            QCOMPARE(run->status, RunStatus::Finished);
            QVERIFY2(run->tags.find("slurm=" + j["job"].toString().toStdString() + "_") != std::string::npos,
                     run->tags.c_str());
            QVERIFY(l.finalMetrics(id).count("mean_rank_sum"));
        }
        const auto listed = runCli({"runs", "--log", log});
        QCOMPARE(listed.exitCode, 0);
        for (int id : ids) {
            const QString line = listed.out.split('\n').filter(QRegularExpression(QString("^\\s*%1\\s").arg(id))).value(0);
            // finished, no parent, a Mean Rank Sum
            QVERIFY2(line.contains(QRegularExpression("finished\\s+-\\s+\\d+\\.\\d\\d\\s")), qPrintable(line));
        }
        // Again: everything is finished, nothing is submitted.
        const auto again = runCli({"sweep", "--project", demo(), "--log", log, "--heads", "linear,mlp", "--seeds",
                                   QString("%1,%2").arg(s).arg(s + 1), "--epochs", "1", "--preset", "demo", "--slurm",
                                   "--wait", "--work-dir", tmp_.filePath("sweep1b")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(parseObject(again.out)["job"].isNull());
    }

    void scancelledTaskIsReportedAndResumed()
    {
        REQUIRE_SLURM();
        const QString log = logLocation("scancel.sqlite");
        const int s = seedBase() + 5;
        const QStringList sweep = {"sweep", "--project", demo(), "--log", log, "--heads", "linear", "--seeds",
                                   QString("%1,%2").arg(s).arg(s + 1), "--epochs", "12", "--preset", "demo", "--slurm",
                                   "--wait", "--poll-seconds", "1"};
        QProcess p;
        p.start(QString::fromUtf8(FGLENS_CLI), QStringList(sweep) << "--work-dir" << tmp_.filePath("sweep2"));
        QVERIFY(p.waitForStarted());
        // Wait for task 0's run to be in the log, then cancel that task.
        std::string task;
        int64_t runId = 0;
        QElapsedTimer t;
        t.start();
        while (task.empty() && t.elapsed() < 300000) {
            QThread::msleep(300);
            ExperimentLog l(log.toStdString());
            for (const auto& r : l.runs())
                if (r.status == RunStatus::Running && r.seed == s && !cluster::slurmJobOfTags(r.tags).empty()) {
                    task = cluster::slurmJobOfTags(r.tags);
                    runId = r.id;
                }
        }
        QVERIFY2(!task.empty(), "no run of task 0 started within 5 minutes");
        run("scancel", {QString::fromStdString(task)});
        QVERIFY(p.waitForFinished(300000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("task 0 of job") && err.contains("task-0.log"), qPrintable(err));
        {
            ExperimentLog l(log.toStdString());
            const auto r = l.run(runId);
            QVERIFY(r.has_value());
            QVERIFY2(r->status == RunStatus::Cancelled || r->status == RunStatus::Failed, runStatusName(r->status).c_str());
            QVERIFY2(r->error.find(task) != std::string::npos, r->error.c_str());
            QCOMPARE(cluster::slurmJobOfTags(r->tags), task);
        }
        // Let the other task end before the rerun (a listed task's run is left to it).
        const QString job = QString::fromStdString(task.substr(0, task.find('_')));
        t.restart();
        while (!run("squeue", {"-h", "-j", job}).trimmed().isEmpty() && t.elapsed() < 300000)
            QThread::msleep(500);
        const auto again = runCli(QStringList(sweep) << "--work-dir" << tmp_.filePath("sweep3"));
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        const auto runs = parseObject(again.out.trimmed().split('\n').last())["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        bool resumed = false;
        for (const auto& v : runs) {
            QCOMPARE(v.toObject()["status"].toString(), QString("finished"));
            resumed = resumed || v.toObject()["run"].toInt() == runId;
        }
        QVERIFY2(resumed, "the cancelled run was not the one finished");
        ExperimentLog l(log.toStdString());
        int mine = 0;
        for (const auto& r : l.runs())
            mine += (r.seed == s || r.seed == s + 1) && r.headKind == "linear" ? 1 : 0;
        QCOMPARE(mine, 2);   // no duplicates
    }
};

QTEST_GUILESS_MAIN(TestCliCluster)
#include "test_cli_cluster.moc"

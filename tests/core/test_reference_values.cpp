// Values that come from outside this code base, so that a wrong
// implementation cannot agree with itself: the reference quirks 2 and 3
// against NumPy (tests/core/quirks_reference.py on the fixtures), and the
// v1 -> current migration of an experiment log written with schema version 1
// and committed (tests/data/experiments_v1.sqlite, see make_experiments_v1.sh).
#include "pattern_retrieval.h"
#include "testsupport.h"

#include "data/fgclip_cache.h"
#include "data/npy.h"
#include "eval/fgovd_eval.h"
#include "eval/retrieval.h"
#include "store/experiment_log.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>
#include <torch/torch.h>

#include <cmath>
#include <map>

using namespace fglens;

namespace {

QString sqliteScalar(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    QString out;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW)
                out += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + ';';
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

} // namespace

class TestReferenceValues : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    // Quirk 3 on the Pattern cache, cosine: rank sums over the 467 objects at
    // every n, fp32 and fp16, as NumPy computes them.
    void fp16ScoresMatchNumpy()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        const auto c = loadFgclipCache(test::fixtureStd("fgclip-cache/pattern.pt"));
        auto head = makeHead(HeadKind::Cosine);
        FgEvalOptions opt;
        opt.negatives = 7;
        const auto fp32 = evaluateFgovd(*head, c.benchmark, c.objectFeatures, c.captionFeatures, opt);
        opt.fp16Scores = true;
        const auto fp16 = evaluateFgovd(*head, c.benchmark, c.objectFeatures, c.captionFeatures, opt);
        const std::map<int, std::pair<int, int>> reference = {{1, {703, 705}}, {2, {940, 944}},  {3, {1172, 1176}},
                                                              {4, {1425, 1429}}, {5, {1647, 1654}}, {6, {1906, 1915}},
                                                              {7, {2156, 2167}}};
        for (const auto& [n, sums] : reference) {
            QCOMPARE(fp32.perNegatives.at(n).objects, int64_t(467));
            QCOMPARE(fp16.perNegatives.at(n).objects, int64_t(467));
            QCOMPARE(std::llround(fp32.perNegatives.at(n).meanRank * 467), (long long)sums.first);
            QCOMPARE(std::llround(fp16.perNegatives.at(n).meanRank * 467), (long long)sums.second);
        }
        // The per-object ranks: fp16 only ever adds ties, 11 of them at N = 7.
        QCOMPARE(fp16.ranks.size(), fp32.ranks.size());
        int gained = 0;
        for (size_t i = 0; i < fp16.ranks.size(); ++i) {
            QVERIFY(fp16.ranks[i] >= fp32.ranks[i]);
            gained += fp16.ranks[i] - fp32.ranks[i];
        }
        QCOMPARE(gained, 11);
        // The stored scores are fp16 values.
        for (size_t i = 0; i < fp16.scores.size(); i += 37)
            QCOMPARE(fp16.scores[i], c10::Half(fp16.scores[i]).operator float());
    }

    // Quirk 2: the first 100 Pattern objects, each with its positive and
    // first three negatives as captions; recall in percent as NumPy gives it.
    void columnNormMatchesNumpy()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/annotation_features.npy");
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        const auto pr = test::patternRetrieval();
        const auto& images = pr.images;
        const auto& captions = pr.captions;
        auto head = makeHead(HeadKind::Cosine);
        const auto cap = blockCaptionImages(100, 4);
        RetrievalOptions quirk;
        quirk.referenceColumnNorm = true;
        const auto q = evaluateRetrieval(*head, images, captions, cap, quirk);
        QCOMPARE(q.i2t.r1, 0.0);
        QCOMPARE(q.i2t.r5, 4.0);
        QCOMPARE(q.i2t.r10, 9.0);
        QCOMPARE(q.t2i.r1, 0.25);
        QCOMPARE(q.t2i.r5, 5.0);
        QCOMPARE(q.t2i.r10, 8.75);
        const auto c = evaluateRetrieval(*head, images, captions, cap);
        QCOMPARE(c.i2t.r1, 2.0);
        QCOMPARE(c.i2t.r5, 4.0);
        QCOMPARE(c.i2t.r10, 10.0);
        QCOMPARE(c.t2i.r1, 0.5);
        QCOMPARE(c.t2i.r5, 4.5);
        QCOMPARE(c.t2i.r10, 10.0);
    }

    // A log written by schema version 1 (committed), migrated on open: every
    // run and metric kept, the new columns at their defaults, the new tables usable.
    void migratesCommittedV1Log()
    {
        const QString source = QStringLiteral(FGLENS_TESTS_DIR "/data/experiments_v1.sqlite");
        QVERIFY2(QFileInfo::exists(source), qPrintable(source));
        QTemporaryDir dir;
        const QString path = dir.filePath("v1.sqlite");
        QVERIFY(QFile::copy(source, path));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(sqliteScalar(path, "PRAGMA user_version"), QStringLiteral("1;"));
        {
            ExperimentLog log(path.toStdString());
            QCOMPARE(log.schemaVersion(), ExperimentLog::kSchemaVersion);
            QCOMPARE(log.recoveredRuns(), 0);
            const auto runs = log.runs();
            QCOMPARE(runs.size(), size_t(4));
            QCOMPARE(runs.front().id, int64_t(4));   // newest first
            const auto warm = log.run(2);
            QVERIFY(warm);
            QCOMPARE(warm->name, std::string("linear/warmup"));
            QCOMPARE(warm->headKind, std::string("linear"));
            QCOMPARE(warm->stage, std::string("warmup"));
            QCOMPARE(warm->seed, int64_t(123));
            QCOMPARE(warm->status, RunStatus::Finished);
            QCOMPARE(warm->configJson, std::string("{\"lr\":5e-05,\"margin\":0.2,\"epochs\":3}"));
            QCOMPARE(warm->notes, std::string("from v1, with a comma, and \"quotes\""));
            QCOMPARE(warm->startedAt, std::string("2025-03-01T09:01:00Z"));
            QCOMPARE(warm->endedAt, std::string("2025-03-01T09:30:00Z"));
            // Columns that version 1 did not have.
            QVERIFY(!warm->parentId);
            QCOMPARE(warm->dataIdentity, std::string("{}"));
            QCOMPARE(warm->tags, std::string());
            QCOMPARE(warm->weightsPath, std::string());
            QCOMPARE(warm->error, std::string());
            QCOMPARE(log.run(3)->status, RunStatus::Cancelled);
            QCOMPARE(log.run(4)->status, RunStatus::Failed);
            QCOMPARE(log.run(4)->notes, std::string("NaN loss"));
            // Metrics: per epoch and final, a NULL (NaN) loss read as NaN.
            const auto m = log.metrics(2);
            QCOMPARE(m.size(), size_t(9));
            const auto finals = log.finalMetrics(2);
            QCOMPARE(finals.at("mean_rank_sum"), 19.75);
            QCOMPARE(finals.at("val_loss"), 10.75);
            QCOMPARE(finals.at("train_loss"), 8.0);
            QCOMPARE(log.finalMetrics(1).at("mean_rank/hard"), 4.125);
            QVERIFY(std::isnan(log.finalMetrics(4).at("train_loss")));
            // What versions 2 and 3 added works on the migrated runs.
            log.setNotes(2, "kept", "v1,migrated");
            QCOMPARE(log.run(2)->tags, std::string("v1,migrated"));
            log.addObjectResults(1, {{"hard", 7, 2, {0.25f, 0.5f, 0.125f}}});
            QCOMPARE(log.objectResults(1, "hard").size(), size_t(1));
            QVERIFY(!log.objectResults(1, "hard")[0].box);
            RunRecord child;
            child.name = "linear/finetune";
            child.headKind = "linear";
            child.stage = "finetune";
            child.parentId = 2;
            const int64_t id = log.beginRun(child);
            QCOMPARE(id, int64_t(5));
            log.finishRun(id, RunStatus::Finished);
            QCOMPARE(*log.run(id)->parentId, int64_t(2));
            // Deleting a migrated run cascades to its metrics.
            log.deleteRun(3);
            QVERIFY(log.metrics(3).empty());
        }
        QCOMPARE(sqliteScalar(path, "PRAGMA integrity_check"), QStringLiteral("ok;"));
        QCOMPARE(sqliteScalar(path, "PRAGMA user_version"), QString::number(ExperimentLog::kSchemaVersion) + ';');
        // Opening again does not migrate twice.
        ExperimentLog again(path.toStdString());
        QCOMPARE(again.runs().size(), size_t(4));
        QCOMPARE(again.run(2)->tags, std::string("v1,migrated"));
    }
};

QTEST_GUILESS_MAIN(TestReferenceValues)
#include "test_reference_values.moc"

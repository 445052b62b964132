// The runs table follows the log by itself: a run another connection (a
// CLI, an array task, another workbench) starts appears within seconds, its
// finish shows, and the selected run stays selected as rows arrive. On a
// SQLite file and, with the test server, on PostgreSQL.
#include "pg_test.h"
#include "testsupport.h"

#include "runs/runs_model.h"
#include "store/experiment_log.h"

#include <QItemSelectionModel>

using namespace fglens;
using namespace fglens::ui;

namespace {

RunRecord run(const std::string& name)
{
    RunRecord r;
    r.name = name;
    r.headKind = "linear";
    r.stage = "warmup";
    return r;
}

} // namespace

class TestRunsRefresh : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    void followsOtherWriters(const std::string& location)
    {
        RunsModel model;
        model.setWatchInterval(200);
        QCOMPARE(model.setLogPath(QString::fromStdString(location)), QString());
        QCOMPARE(model.rowCount(), 0);
        ExperimentLog other(location);   // its own connection, as another process has
        const int64_t first = other.beginRun(run("first"));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
        QCOMPARE(model.run(0).id, first);
        QCOMPARE(model.run(0).status, RunStatus::Running);

        QItemSelectionModel selection(&model);
        selection.select(model.index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const int64_t second = other.beginRun(run("second"));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 5000);
        QCOMPARE(model.run(0).id, second);   // newest first
        // The selected run is still the selected one, now one row down.
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(selection.selectedRows().front().row(), 1);

        other.addMetric(first, "mean_rank_sum", 0, 11.5);
        other.finishRun(first, RunStatus::Finished);
        QTRY_COMPARE_WITH_TIMEOUT(model.run(1).status, RunStatus::Finished, 5000);
        QCOMPARE(model.metrics(1).at("mean_rank_sum"), 11.5);
        other.deleteRun(second);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
    }

private Q_SLOTS:
    void followsSqliteLog() { followsOtherWriters(tmp_.filePath(QStringLiteral("runs.sqlite")).toStdString()); }

    void followsPostgresLog()
    {
        QString server;
        FGLENS_REQUIRE_POSTGRES(server);
        followsOtherWriters(test::pgFreshDatabase(server, "t_ui_refresh"));
    }

    void quietWithoutChanges()
    {
        RunsModel model;
        model.setWatchInterval(50);
        const std::string path = tmp_.filePath(QStringLiteral("quiet.sqlite")).toStdString();
        { ExperimentLog(path).beginRun(run("only")); }
        QCOMPARE(model.setLogPath(QString::fromStdString(path)), QString());
        int resets = 0, changes = 0;
        connect(&model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });
        connect(&model, &QAbstractItemModel::dataChanged, this, [&] { ++changes; });
        QTest::qWait(400);   // eight polls, nothing written
        QCOMPARE(resets, 0);
        QCOMPARE(changes, 0);
    }
};

QTEST_MAIN(TestRunsRefresh)
#include "test_runs_refresh.moc"

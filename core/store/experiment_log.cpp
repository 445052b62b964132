#include "store/experiment_log.h"

#include "common/error.h"
#include "common/runtime.h"
#include "store/schema.h"
#include "store/log_location.h"
#include "store/sql_db.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <set>
#include <signal.h>
#include <unistd.h>

namespace fglens {
namespace {

std::string nowUtc()
{
    char buf[32];
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string hostName()
{
    char buf[256] = {0};
    gethostname(buf, sizeof buf - 1);
    return buf;
}

bool processAlive(int64_t pid)
{
    if (pid <= 0)
        return false;
    return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::string scoresJson(const std::vector<float>& s)
{
    std::string out = "[";
    char buf[32];
    for (size_t i = 0; i < s.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%.9g", i ? "," : "", static_cast<double>(s[i]));
        out += buf;
    }
    return out + "]";
}

std::vector<float> parseScores(const std::string& s)
{
    std::vector<float> out;
    const char* p = s.c_str();
    while (*p && *p != ']') {
        if (*p == '[' || *p == ',' || *p == ' ') {
            ++p;
            continue;
        }
        char* end = nullptr;
        const float v = std::strtof(p, &end);
        if (end == p)
            break;
        out.push_back(v);
        p = end;
    }
    return out;
}

std::string boxJson(const std::array<float, 4>& b)
{
    char buf[128];
    std::snprintf(buf, sizeof buf, "[%.9g,%.9g,%.9g,%.9g]", static_cast<double>(b[0]), static_cast<double>(b[1]),
                  static_cast<double>(b[2]), static_cast<double>(b[3]));
    return buf;
}

std::optional<std::array<float, 4>> parseBox(const sql::Stmt& q, int col)
{
    if (q.isNull(col))
        return std::nullopt;
    const auto v = parseScores(q.text(col));
    if (v.size() != 4)
        return std::nullopt;
    return std::array<float, 4>{v[0], v[1], v[2], v[3]};
}

// The inserts shared by the one-call writers and the whole-run imports; the
// caller holds the transaction.
void insertMetrics(sql::Db& db, int64_t runId, const std::vector<MetricRecord>& metrics)
{
    sql::Stmt q(db, "INSERT OR REPLACE INTO metrics (run_id, name, step, value) VALUES (?, ?, ?, ?)");
    for (const auto& m : metrics) {
        q.bind(1, runId).bind(2, m.name).bind(3, m.step);
        if (std::isfinite(m.value))
            q.bind(4, m.value);
        else
            q.bindNull(4);
        q.run();
    }
}

void insertObjectResults(sql::Db& db, int64_t runId, const std::vector<ObjectResult>& results)
{
    sql::Stmt q(db, "INSERT OR REPLACE INTO object_results (run_id, benchmark, object_id, rank, scores, box)"
                    " VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& r : results) {
        q.bind(1, runId).bind(2, r.benchmark).bind(3, r.objectId).bind(4, static_cast<int64_t>(r.rank))
            .bind(5, scoresJson(r.scores));
        if (r.box)
            q.bind(6, boxJson(*r.box));
        else
            q.bindNull(6);
        q.run();
    }
}

const char* kRunColumns =
    "id, name, head_kind, stage, parent_id, config_json, seed, data_identity, program_version, git_commit,"
    " status, started_at, ended_at, notes, tags, weights_path, error, pid, host";

RunRecord readRun(const sql::Stmt& q)
{
    RunRecord r;
    r.id = q.integer(0);
    r.name = q.text(1);
    r.headKind = q.text(2);
    r.stage = q.text(3);
    if (!q.isNull(4))
        r.parentId = q.integer(4);
    r.configJson = q.text(5);
    r.seed = q.integer(6);
    r.dataIdentity = q.text(7);
    r.programVersion = q.text(8);
    r.gitCommit = q.text(9);
    r.status = parseRunStatus(q.text(10));
    r.startedAt = q.text(11);
    r.endedAt = q.text(12);
    r.notes = q.text(13);
    r.tags = q.text(14);
    r.weightsPath = q.text(15);
    r.error = q.text(16);
    r.pid = q.integer(17);
    r.host = q.text(18);
    return r;
}

int userVersion(sql::Db& db)
{
    return db.connection().schemaVersion();
}

// Brings the schema to `target`, each step in the same transaction as the
// version bump so an interrupted migration leaves the old version intact.
// The same steps run on both backends. Two processes opening a fresh log at
// once: the second waits for the first's lock (SQLite's write lock, a
// PostgreSQL advisory lock) and then finds nothing left to do.
void migrate(sql::Db& db, int target)
{
    const auto& steps = sql::schemaMigrations();
    sql::Transaction tx(db);
    db.connection().lockForMigration();
    const int from = userVersion(db);   // re-read under the lock
    if (from > static_cast<int>(steps.size()))
        fail(db.path(), "experiment log has schema version " + std::to_string(from) +
                            ", newer than this FG-Lens understands (" + std::to_string(steps.size()) + ")");
    for (int v = from; v < target; ++v)
        for (const auto& s : steps[static_cast<size_t>(v)])
            db.exec(s);
    db.connection().setSchemaVersion(target);
    tx.commit();
}

std::mutex warningMutex;
std::function<void(const std::string&)> warningHandler;

// Each warning once per process and location: a GUI reopens its log often.
void warnOnce(const std::string& location, const std::string& text)
{
    std::lock_guard<std::mutex> lock(warningMutex);
    static std::set<std::string> warned;
    if (text.empty() || !warningHandler || !warned.insert(location).second)
        return;
    warningHandler(text);
}

} // namespace

std::string runStatusName(RunStatus s)
{
    switch (s) {
    case RunStatus::Running: return "running";
    case RunStatus::Finished: return "finished";
    case RunStatus::Failed: return "failed";
    case RunStatus::Cancelled: return "cancelled";
    }
    return "failed";
}

RunStatus parseRunStatus(const std::string& s)
{
    if (s == "running")
        return RunStatus::Running;
    if (s == "finished")
        return RunStatus::Finished;
    if (s == "cancelled")
        return RunStatus::Cancelled;
    return RunStatus::Failed;
}

struct ExperimentLog::Impl {
    explicit Impl(const std::string& p) : db(p) {}
    sql::Db db;
    int recovered = 0;
};

void setExperimentLogWarningHandler(std::function<void(const std::string&)> handler)
{
    std::lock_guard<std::mutex> lock(warningMutex);
    warningHandler = std::move(handler);
}

ExperimentLog::ExperimentLog(const std::string& path) : d_(std::make_unique<Impl>(path))
{
    auto& db = d_->db;
    if (db.backend() == sql::Backend::Sqlite) {
        {
            // Detects a file that is not a database before anything is written.
            sql::Stmt probe(db, "SELECT count(*) FROM sqlite_master");
            probe.step();
        }
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
        db.exec("PRAGMA foreign_keys = ON");
        warnOnce(path, networkFilesystemWarning(path));
    }
    if (userVersion(db) < kSchemaVersion)
        sql::retrying([&] { migrate(db, kSchemaVersion); });
    else if (userVersion(db) > kSchemaVersion)
        fail(db.path(), "experiment log has schema version " + std::to_string(userVersion(db)) +
                            ", newer than this FG-Lens understands (" + std::to_string(kSchemaVersion) + ")");

    // Runs whose process is gone (crash, kill -9) cannot finish: say so.
    std::vector<int64_t> stale;
    {
        sql::Stmt q(db, "SELECT id, pid, host FROM runs WHERE status = 'running'");
        const std::string host = hostName();
        while (q.step())
            if (q.text(2) == host && !processAlive(q.integer(1)))
                stale.push_back(q.integer(0));
    }
    if (!stale.empty()) {
        sql::retrying([&] {
            sql::Transaction tx(db);
            sql::Stmt u(db, "UPDATE runs SET status = 'failed', ended_at = ?,"
                            " error = 'process ended without finishing (crash or killed); resumable from its last checkpoint'"
                            " WHERE id = ? AND status = 'running'");
            for (int64_t id : stale)
                u.bind(1, nowUtc()).bind(2, id).run();
            tx.commit();
        });
        d_->recovered = static_cast<int>(stale.size());
    }
}

ExperimentLog::~ExperimentLog() = default;

const std::string& ExperimentLog::path() const
{
    return d_->db.path();
}

int ExperimentLog::schemaVersion() const
{
    return userVersion(d_->db);
}

int ExperimentLog::recoveredRuns() const
{
    return d_->recovered;
}

bool ExperimentLog::isServer() const
{
    return d_->db.backend() == sql::Backend::Postgres;
}

std::string ExperimentLog::changeMarker() const
{
    // A run starting adds a row (count, max id); one finishing, failing or
    // being cancelled changes the running count or the latest end time; a
    // deletion changes the count. One scan of a table of a few thousand rows.
    sql::Stmt q(d_->db, "SELECT count(*), coalesce(max(id), 0),"
                        " coalesce(sum(CASE WHEN status = 'running' THEN 1 ELSE 0 END), 0),"
                        " coalesce(max(ended_at), ''), coalesce(sum(length(notes) + length(tags) + length(weights_path)), 0)"
                        " FROM runs");
    if (!q.step())
        return {};
    return std::to_string(q.integer(0)) + "/" + std::to_string(q.integer(1)) + "/" + std::to_string(q.integer(2)) +
           "/" + q.text(3) + "/" + std::to_string(q.integer(4));
}

int64_t ExperimentLog::copyRun(const RunRecord& r, const std::vector<MetricRecord>& metrics,
                               const std::vector<ObjectResult>& results)
{
    auto& db = d_->db;
    return sql::retrying([&] {
        sql::Transaction tx(db);
        sql::Stmt q(db, "INSERT INTO runs (name, head_kind, stage, parent_id, config_json, seed, data_identity,"
                        " program_version, git_commit, status, started_at, ended_at, notes, tags, weights_path, error,"
                        " pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, r.name).bind(2, r.headKind).bind(3, r.stage).bind(4, r.parentId).bind(5, r.configJson);
        q.bind(6, r.seed).bind(7, r.dataIdentity.empty() ? std::string("{}") : r.dataIdentity);
        q.bind(8, r.programVersion).bind(9, r.gitCommit).bind(10, runStatusName(r.status)).bind(11, r.startedAt);
        if (r.endedAt.empty())
            q.bindNull(12);
        else
            q.bind(12, r.endedAt);
        q.bind(13, r.notes).bind(14, r.tags).bind(15, r.weightsPath).bind(16, r.error).bind(17, r.pid).bind(18, r.host);
        q.run();
        const int64_t id = db.lastInsertId();
        insertMetrics(db, id, metrics);
        insertObjectResults(db, id, results);
        tx.commit();
        return id;
    });
}

int64_t ExperimentLog::beginRun(RunRecord r)
{
    return sql::retrying([&] {
        auto& db = d_->db;
        sql::Stmt q(db, "INSERT INTO runs (name, head_kind, stage, parent_id, config_json, seed, data_identity,"
                        " program_version, git_commit, status, started_at, notes, tags, weights_path, pid, host)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)");
        q.bind(1, r.name).bind(2, r.headKind).bind(3, r.stage).bind(4, r.parentId).bind(5, r.configJson);
        q.bind(6, r.seed).bind(7, r.dataIdentity.empty() ? std::string("{}") : r.dataIdentity);
        q.bind(8, programVersion()).bind(9, gitCommit()).bind(10, nowUtc()).bind(11, r.notes).bind(12, r.tags);
        q.bind(13, r.weightsPath).bind(14, static_cast<int64_t>(getpid())).bind(15, hostName());
        q.run();
        return db.lastInsertId();
    });
}

void ExperimentLog::finishRun(int64_t id, RunStatus status, const std::string& error)
{
    sql::retrying([&] {
        sql::Stmt q(d_->db, "UPDATE runs SET status = ?, ended_at = ?, error = ? WHERE id = ?");
        q.bind(1, runStatusName(status)).bind(2, status == RunStatus::Running ? std::string() : nowUtc());
        q.bind(3, error).bind(4, id).run();
    });
}

void ExperimentLog::resumeRun(int64_t id)
{
    sql::retrying([&] {
        sql::Stmt q(d_->db, "UPDATE runs SET status = 'running', ended_at = NULL, error = '', pid = ?, host = ? WHERE id = ?");
        q.bind(1, static_cast<int64_t>(getpid())).bind(2, hostName()).bind(3, id).run();
    });
}

void ExperimentLog::setWeightsPath(int64_t id, const std::string& path)
{
    sql::retrying([&] {
        sql::Stmt(d_->db, "UPDATE runs SET weights_path = ? WHERE id = ?").bind(1, path).bind(2, id).run();
    });
}

void ExperimentLog::setNotes(int64_t id, const std::string& notes, const std::string& tags)
{
    sql::retrying([&] {
        sql::Stmt(d_->db, "UPDATE runs SET notes = ?, tags = ? WHERE id = ?").bind(1, notes).bind(2, tags).bind(3, id).run();
    });
}

void ExperimentLog::deleteRun(int64_t id)
{
    sql::retrying([&] {
        sql::Transaction tx(d_->db);
        sql::Stmt(d_->db, "DELETE FROM object_results WHERE run_id = ?").bind(1, id).run();
        sql::Stmt(d_->db, "DELETE FROM metrics WHERE run_id = ?").bind(1, id).run();
        sql::Stmt(d_->db, "UPDATE runs SET parent_id = NULL WHERE parent_id = ?").bind(1, id).run();
        sql::Stmt(d_->db, "DELETE FROM runs WHERE id = ?").bind(1, id).run();
        tx.commit();
    });
}

void ExperimentLog::addMetric(int64_t runId, const std::string& name, int64_t step, double value)
{
    addMetrics(runId, {MetricRecord{runId, name, step, value}});
}

void ExperimentLog::addMetrics(int64_t runId, const std::vector<MetricRecord>& metrics)
{
    sql::retrying([&] {
        sql::Transaction tx(d_->db);
        insertMetrics(d_->db, runId, metrics);
        tx.commit();
    });
}

void ExperimentLog::addObjectResults(int64_t runId, const std::vector<ObjectResult>& results)
{
    sql::retrying([&] {
        sql::Transaction tx(d_->db);
        insertObjectResults(d_->db, runId, results);
        tx.commit();
    });
}

int64_t ExperimentLog::importRun(RunRecord r, const std::vector<MetricRecord>& metrics,
                                 const std::vector<ObjectResult>& results)
{
    return sql::retrying([&] {
        auto& db = d_->db;
        sql::Transaction tx(db);
        const std::string now = nowUtc();
        sql::Stmt q(db, "INSERT INTO runs (name, head_kind, stage, parent_id, config_json, seed, data_identity,"
                        " program_version, git_commit, status, started_at, ended_at, notes, tags, weights_path, pid, host)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'finished', ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, r.name).bind(2, r.headKind).bind(3, r.stage).bind(4, r.parentId).bind(5, r.configJson);
        q.bind(6, r.seed).bind(7, r.dataIdentity.empty() ? std::string("{}") : r.dataIdentity);
        q.bind(8, programVersion()).bind(9, gitCommit()).bind(10, now).bind(11, now).bind(12, r.notes).bind(13, r.tags);
        q.bind(14, r.weightsPath).bind(15, static_cast<int64_t>(getpid())).bind(16, hostName());
        q.run();
        const int64_t id = db.lastInsertId();
        insertMetrics(db, id, metrics);
        insertObjectResults(db, id, results);
        tx.commit();
        return id;
    });
}

void ExperimentLog::replaceBenchmarkResults(int64_t runId, const std::string& benchmark,
                                            const std::vector<MetricRecord>& metrics,
                                            const std::vector<ObjectResult>& results, const std::string& dataIdentity)
{
    sql::retrying([&] {
        auto& db = d_->db;
        sql::Transaction tx(db);
        sql::Stmt(db, "UPDATE runs SET data_identity = ? WHERE id = ?").bind(1, dataIdentity).bind(2, runId).run();
        sql::Stmt(db, "DELETE FROM object_results WHERE run_id = ? AND benchmark = ?").bind(1, runId).bind(2, benchmark).run();
        insertMetrics(db, runId, metrics);
        insertObjectResults(db, runId, results);
        tx.commit();
    });
}

std::vector<RunRecord> ExperimentLog::runs() const
{
    sql::Stmt q(d_->db, std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC");
    std::vector<RunRecord> out;
    while (q.step())
        out.push_back(readRun(q));
    return out;
}

std::optional<RunRecord> ExperimentLog::run(int64_t id) const
{
    sql::Stmt q(d_->db, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
    q.bind(1, id);
    if (q.step())
        return readRun(q);
    return std::nullopt;
}

std::vector<MetricRecord> ExperimentLog::metrics(int64_t runId) const
{
    sql::Stmt q(d_->db, "SELECT name, step, value FROM metrics WHERE run_id = ? ORDER BY name, step");
    q.bind(1, runId);
    std::vector<MetricRecord> out;
    while (q.step())
        out.push_back({runId, q.text(0), q.integer(1), q.isNull(2) ? std::nan("") : q.real(2)});
    return out;
}

std::map<std::string, double> ExperimentLog::finalMetrics(int64_t runId) const
{
    std::map<std::string, double> out;
    for (const auto& m : metrics(runId))   // ordered by step: the last one wins
        out[m.name] = m.value;
    return out;
}

std::vector<ObjectResult> ExperimentLog::objectResults(int64_t runId, const std::string& benchmark) const
{
    sql::Stmt q(d_->db, benchmark.empty()
                            ? "SELECT benchmark, object_id, rank, scores, box FROM object_results WHERE run_id = ?"
                              " ORDER BY rowid"
                            : "SELECT benchmark, object_id, rank, scores, box FROM object_results WHERE run_id = ?"
                              " AND benchmark = ? ORDER BY rowid");
    q.bind(1, runId);
    if (!benchmark.empty())
        q.bind(2, benchmark);
    std::vector<ObjectResult> out;
    while (q.step())
        out.push_back({q.text(0), q.integer(1), static_cast<int>(q.integer(2)), parseScores(q.text(3)), parseBox(q, 4)});
    return out;
}

void createSchemaV1ForTests(const std::string& path)
{
    sql::Db db(path);
    sql::Transaction tx(db);
    for (const auto& s : sql::schemaMigrations()[0])
        db.exec(s);
    db.exec("INSERT INTO runs (name, head_kind, stage, config_json, seed, status, started_at, ended_at, notes)"
            " VALUES ('linear/warmup', 'linear', 'warmup', '{\"lr\":5e-05}', 123, 'finished',"
            " '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 'from v1')");
    db.exec("INSERT INTO metrics (run_id, name, step, value) VALUES (1, 'mean_rank_sum', 0, 27.9)");
    db.connection().setSchemaVersion(1);
    tx.commit();
}

} // namespace fglens

namespace fglens {

void createSchemaV2ForTests(const std::string& path)
{
    sql::Db db(path);
    sql::Transaction tx(db);
    for (size_t step = 0; step < 2; ++step)
        for (const auto& s : sql::schemaMigrations()[step])
            db.exec(s);
    db.exec("INSERT INTO runs (name, head_kind, stage, config_json, seed, status, started_at, ended_at, notes)"
            " VALUES ('cosine eval', 'cosine', 'eval', '{}', 0, 'finished',"
            " '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', 'from v2')");
    db.exec("INSERT INTO metrics (run_id, name, step, value) VALUES (1, 'mean_rank/pattern', 0, 3.77)");
    db.exec("INSERT INTO object_results (run_id, benchmark, object_id, rank, scores)"
            " VALUES (1, 'pattern', 21, 2, '[0.5,0.75,0.25]')");
    db.connection().setSchemaVersion(2);
    tx.commit();
}

} // namespace fglens

// The PostgreSQL backend of sql::Db through libpq: prepared statements
// ($n placeholders, text parameters and results), read-committed
// transactions, an advisory lock around migrations, SQLSTATEs 40001
// (serialization failure) and 40P01 (deadlock) as TransientError. The
// password comes from wherever libpq finds it (the URI, ~/.pgpass,
// PGPASSWORD, a service file); messages name the redacted URI only.
#include "store/sql_db.h"

#include "store/sql_dialect.h"

#ifdef FGLENS_HAVE_LIBPQ
#include <libpq-fe.h>

#include <cstdlib>
#include <map>
#include <vector>
#endif

namespace fglens::sql {

#ifdef FGLENS_HAVE_LIBPQ
namespace {

// One line: libpq's messages end in newlines and may hold several lines.
std::string oneLine(const char* msg)
{
    std::string s = msg ? msg : "unknown error";
    for (char& c : s)
        if (c == '\n' || c == '\r')
            c = ' ';
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    return s;
}

// Any advisory lock key will do as long as every FG-Lens uses the same: "FGLens" in ASCII.
constexpr long long kMigrationLock = 0x46474c656e73LL;

class PgConnection;

class PgCursor final : public Cursor {
public:
    PgCursor(PgConnection& c, std::string name, std::string sql) : c_(c), name_(std::move(name)), sql_(std::move(sql)) {}
    ~PgCursor() override { PQclear(res_); }

    void bindInt(int i, int64_t v) override { set(i, std::to_string(v)); }
    void bindReal(int i, double v) override
    {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        set(i, buf);
    }
    void bindText(int i, const std::string& v) override { set(i, v); }
    void bindNull(int i) override { set(i, std::nullopt); }
    bool step() override;
    void reset() override
    {
        PQclear(res_);
        res_ = nullptr;
        row_ = -1;
        params_.clear();
    }
    int64_t integer(int col) const override { return std::strtoll(value(col), nullptr, 10); }
    double real(int col) const override { return std::strtod(value(col), nullptr); }
    std::string text(int col) const override
    {
        return std::string(value(col), static_cast<size_t>(PQgetlength(res_, row_, col)));
    }
    bool isNull(int col) const override { return PQgetisnull(res_, row_, col) != 0; }

private:
    void set(int i, std::optional<std::string> v)
    {
        if (params_.size() < static_cast<size_t>(i))
            params_.resize(static_cast<size_t>(i));
        params_[static_cast<size_t>(i - 1)] = std::move(v);
    }
    const char* value(int col) const { return PQgetvalue(res_, row_, col); }

    PgConnection& c_;
    std::string name_, sql_;
    std::vector<std::optional<std::string>> params_;
    PGresult* res_ = nullptr;
    int row_ = -1;
};

class PgConnection final : public Connection {
public:
    PgConnection(const std::string& uri, const std::string& shownAs) : shown_(shownAs)
    {
        conn_ = PQconnectdb(uri.c_str());
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            const std::string msg = oneLine(conn_ ? PQerrorMessage(conn_) : "out of memory");
            PQfinish(conn_);
            conn_ = nullptr;
            fail(shown_, "cannot connect to the experiment log: " + msg);
        }
        // NOTICEs (CREATE TABLE IF NOT EXISTS ...) are not the user's business.
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    ~PgConnection() override { PQfinish(conn_); }

    // Throws for a result that is not `ok`, consuming it.
    void check(PGresult* r, const std::string& what)
    {
        const auto st = PQresultStatus(r);
        if (r && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK))
            return;
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        const std::string code = state ? state : "";
        std::string msg = oneLine(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
        if (msg.empty())
            msg = oneLine(PQerrorMessage(conn_));
        PQclear(r);
        const std::string text = what + ": " + msg;
        if (code == "40001" || code == "40P01")
            throw TransientError(shown_, text);
        fail(shown_, text);
    }

    void exec(const std::string& sql) override
    {
        if (sql.empty())
            return;
        PGresult* r = PQexec(conn_, sql.c_str());
        check(r, "'" + sql.substr(0, 60) + "' failed");
        PQclear(r);
    }

    std::unique_ptr<Cursor> prepare(const std::string& sql) override
    {
        auto it = prepared_.find(sql);
        if (it == prepared_.end()) {
            const std::string name = "fglens_" + std::to_string(prepared_.size() + 1);
            check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), "cannot prepare '" + sql.substr(0, 60) + "'");
            it = prepared_.emplace(sql, name).first;
        }
        return std::make_unique<PgCursor>(*this, it->second, sql);
    }

    int64_t lastInsertId() const override { return lastId_; }
    // Prepared statements outlive a rolled-back transaction (they are not
    // transactional), so the cache stays valid.
    void begin() override { exec("BEGIN"); }
    void commit() override { exec("COMMIT"); }
    void rollback() noexcept override { PQclear(PQexec(conn_, "ROLLBACK")); }
    int schemaVersion() override
    {
        // A catalog query rather than to_regclass(): under the migration lock
        // the session's catalog cache may still remember the table missing
        // when another process has just created it; a query sees what is committed.
        PGresult* r = PQexec(conn_, "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
                                    " AND tablename = 'fglens_schema'");
        check(r, "cannot read the schema version");
        const bool exists = PQntuples(r) == 1 && !PQgetisnull(r, 0, 0);
        PQclear(r);
        if (!exists)
            return 0;
        r = PQexec(conn_, "SELECT max(version) FROM fglens_schema");
        check(r, "cannot read the schema version");
        const int v = PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) ? std::atoi(PQgetvalue(r, 0, 0)) : 0;
        PQclear(r);
        return v;
    }
    void setSchemaVersion(int v) override
    {
        exec("CREATE TABLE IF NOT EXISTS fglens_schema (version INTEGER NOT NULL)");
        exec("DELETE FROM fglens_schema");
        exec("INSERT INTO fglens_schema (version) VALUES (" + std::to_string(v) + ")");
    }
    void lockForMigration() override { exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")"); }

    PGconn* handle() const { return conn_; }
    void setLastId(int64_t id) { lastId_ = id; }

private:
    PGconn* conn_ = nullptr;
    std::string shown_;
    std::map<std::string, std::string> prepared_;   // SQL -> statement name
    int64_t lastId_ = 0;
};

bool PgCursor::step()
{
    if (!res_) {
        std::vector<const char*> values(params_.size());
        for (size_t i = 0; i < params_.size(); ++i)
            values[i] = params_[i] ? params_[i]->c_str() : nullptr;
        PGresult* r = PQexecPrepared(c_.handle(), name_.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                     nullptr, 0);
        c_.check(r, "query failed");
        res_ = r;
        row_ = -1;
        if (returnsId(sql_) && PQntuples(res_) == 1)
            c_.setLastId(std::strtoll(PQgetvalue(res_, 0, 0), nullptr, 10));
    }
    return ++row_ < PQntuples(res_);
}

} // namespace

std::unique_ptr<Connection> openPostgres(const std::string& uri, const std::string& shownAs)
{
    return std::make_unique<PgConnection>(uri, shownAs);
}

#else

std::unique_ptr<Connection> openPostgres(const std::string&, const std::string& shownAs)
{
    fail(shownAs, "this FG-Lens was built without PostgreSQL support (libpq); rebuild with libpq-dev installed");
}

#endif

} // namespace fglens::sql

// The SQLite backend of sql::Db: one file, WAL, a busy timeout for the
// other processes (GUI and CLI) that share the log.
#include "store/sql_db.h"

#include <sqlite3.h>

namespace fglens::sql {
namespace {

class SqliteConnection;

class SqliteCursor final : public Cursor {
public:
    SqliteCursor(SqliteConnection& c, const std::string& sql);
    ~SqliteCursor() override { sqlite3_finalize(st_); }

    void bindInt(int i, int64_t v) override { sqlite3_bind_int64(st_, i, v); }
    void bindReal(int i, double v) override { sqlite3_bind_double(st_, i, v); }
    void bindText(int i, const std::string& v) override
    {
        sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    void bindNull(int i) override { sqlite3_bind_null(st_, i); }
    bool step() override;
    void reset() override
    {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }
    int64_t integer(int col) const override { return sqlite3_column_int64(st_, col); }
    double real(int col) const override { return sqlite3_column_double(st_, col); }
    std::string text(int col) const override
    {
        const auto* p = sqlite3_column_text(st_, col);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)))
                 : std::string();
    }
    bool isNull(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

private:
    SqliteConnection& c_;
    sqlite3_stmt* st_ = nullptr;
};

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(const std::string& path) : path_(path)
    {
        const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) {
            const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            fail(path, "cannot open the experiment log: " + msg);
        }
        // Another process (GUI and CLI share a log) may hold the write lock briefly.
        sqlite3_busy_timeout(db_, 10000);
    }
    ~SqliteConnection() override { sqlite3_close_v2(db_); }

    [[noreturn]] void raise(const std::string& what) const
    {
        const int code = sqlite3_errcode(db_);
        std::string msg = sqlite3_errmsg(db_);
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            msg = "database is locked by another program (" + msg + ")";
        fail(path_, what + ": " + msg);
    }

    void exec(const std::string& sql) override
    {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            if (sqlite3_errcode(db_) == SQLITE_BUSY)
                msg = "database is locked by another program (" + msg + ")";
            fail(path_, msg);
        }
    }
    std::unique_ptr<Cursor> prepare(const std::string& sql) override
    {
        return std::make_unique<SqliteCursor>(*this, sql);
    }
    int64_t lastInsertId() const override { return sqlite3_last_insert_rowid(db_); }
    void begin() override { exec("BEGIN IMMEDIATE"); }
    void commit() override { exec("COMMIT"); }
    void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
    int schemaVersion() override
    {
        SqliteCursor q(*this, "PRAGMA user_version");
        return q.step() ? static_cast<int>(q.integer(0)) : 0;
    }
    void setSchemaVersion(int v) override { exec("PRAGMA user_version = " + std::to_string(v)); }
    void lockForMigration() override {}   // BEGIN IMMEDIATE holds the write lock

    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

SqliteCursor::SqliteCursor(SqliteConnection& c, const std::string& sql) : c_(c)
{
    if (sqlite3_prepare_v2(c.handle(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
        c.raise("cannot prepare '" + sql.substr(0, 60) + "'");
}

bool SqliteCursor::step()
{
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(st_);
    c_.raise("query failed");
}

} // namespace

std::unique_ptr<Connection> openSqlite(const std::string& path)
{
    return std::make_unique<SqliteConnection>(path);
}

} // namespace fglens::sql

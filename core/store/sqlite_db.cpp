#include "store/sqlite_db.h"

#include "common/error.h"

#include <sqlite3.h>

namespace fglens::sql {

Db::Db(const std::string& path) : path_(path)
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

Db::~Db()
{
    sqlite3_close_v2(db_);
}

void Db::raise(const std::string& what) const
{
    const int code = sqlite3_errcode(db_);
    std::string msg = sqlite3_errmsg(db_);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        msg = "database is locked by another program (" + msg + ")";
    fail(path_, what + ": " + msg);
}

void Db::exec(const std::string& sql)
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

int64_t Db::lastInsertId() const
{
    return sqlite3_last_insert_rowid(db_);
}

Stmt::Stmt(Db& db, const std::string& sql) : db_(db)
{
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
        db.raise("cannot prepare '" + sql.substr(0, 60) + "'");
}

Stmt::~Stmt()
{
    sqlite3_finalize(st_);
}

Stmt& Stmt::bind(int i, int64_t v)
{
    sqlite3_bind_int64(st_, i, v);
    return *this;
}

Stmt& Stmt::bind(int i, double v)
{
    sqlite3_bind_double(st_, i, v);
    return *this;
}

Stmt& Stmt::bind(int i, const std::string& v)
{
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}

Stmt& Stmt::bindNull(int i)
{
    sqlite3_bind_null(st_, i);
    return *this;
}

bool Stmt::step()
{
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(st_);
    db_.raise("query failed");
}

void Stmt::run()
{
    while (step()) {
    }
    reset();
}

void Stmt::reset()
{
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

int64_t Stmt::integer(int col) const
{
    return sqlite3_column_int64(st_, col);
}

double Stmt::real(int col) const
{
    return sqlite3_column_double(st_, col);
}

std::string Stmt::text(int col) const
{
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
}

bool Stmt::isNull(int col) const
{
    return sqlite3_column_type(st_, col) == SQLITE_NULL;
}

Transaction::Transaction(Db& db) : db_(db)
{
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!done_)
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace fglens::sql

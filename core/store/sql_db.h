#pragma once
// A thin RAII layer over the experiment log's database: a connection, prepared
// statements with bound parameters, and transactions that roll back unless
// committed. Two backends sit behind it, chosen by the location: a file path
// is SQLite, a postgresql:// (or postgres://) URI is PostgreSQL through libpq.
// Callers write SQLite's dialect with `?` placeholders; sql_dialect.cpp turns
// it into PostgreSQL's. Every error becomes an fglens::Error naming the
// location (its redacted form: never a password).
#include "common/error.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace fglens::sql {

enum class Backend { Sqlite, Postgres };

// A failure that the same transaction may not meet again: a serialization
// failure or deadlock (PostgreSQL). retrying() runs the work again.
class TransientError : public Error {
public:
    using Error::Error;
};

// One prepared statement of a backend.
class Cursor {
public:
    virtual ~Cursor() = default;
    virtual void bindInt(int i, int64_t v) = 0;
    virtual void bindReal(int i, double v) = 0;
    virtual void bindText(int i, const std::string& v) = 0;
    virtual void bindNull(int i) = 0;
    virtual bool step() = 0;
    virtual void reset() = 0;
    virtual int64_t integer(int col) const = 0;
    virtual double real(int col) const = 0;
    virtual std::string text(int col) const = 0;
    virtual bool isNull(int col) const = 0;
};

// One connection of a backend; SQL reaching it is already in its dialect.
class Connection {
public:
    virtual ~Connection() = default;
    virtual void exec(const std::string& sql) = 0;
    virtual std::unique_ptr<Cursor> prepare(const std::string& sql) = 0;
    virtual int64_t lastInsertId() const = 0;
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    // The schema version: PRAGMA user_version on SQLite (as every FG-Lens
    // wrote it), a one-row table fglens_schema on PostgreSQL.
    virtual int schemaVersion() = 0;
    virtual void setSchemaVersion(int v) = 0;
    // Inside a transaction: holds off every other process migrating the same
    // log until this transaction ends (SQLite's BEGIN IMMEDIATE already does).
    virtual void lockForMigration() = 0;
};

std::unique_ptr<Connection> openSqlite(const std::string& path);
std::unique_ptr<Connection> openPostgres(const std::string& uri, const std::string& shownAs);

class Db final {
public:
    explicit Db(const std::string& location);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    Backend backend() const { return backend_; }
    // Runs one statement (DDL included) written in SQLite's dialect.
    void exec(const std::string& sql);
    int64_t lastInsertId() const;
    // The location for messages and records: a URI without its password.
    const std::string& path() const { return shown_; }
    Connection& connection() { return *conn_; }

private:
    Backend backend_;
    std::string shown_;
    std::unique_ptr<Connection> conn_;
};

class Stmt final {
public:
    Stmt(Db& db, const std::string& sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, double v);
    Stmt& bind(int i, const std::string& v);
    Stmt& bindNull(int i);
    Stmt& bind(int i, const std::optional<int64_t>& v) { return v ? bind(i, *v) : bindNull(i); }

    bool step();    // true while a row is available
    void run();     // steps to completion, then resets
    void reset();

    int64_t integer(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    bool isNull(int col) const;

private:
    std::unique_ptr<Cursor> c_;
};

// SQLite: BEGIN IMMEDIATE on construction (takes the write lock up front, so
// a busy database waits instead of failing mid-transaction). PostgreSQL:
// BEGIN (read committed). ROLLBACK unless commit().
class Transaction final {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Db& db_;
    bool done_ = false;
};

// Runs `work` (which opens its own Transaction) again when the database
// reports a serialization failure or deadlock, up to a few times with a
// growing pause; any other error passes through at once.
template <class F>
auto retrying(F&& work) -> decltype(work())
{
    for (int attempt = 1;; ++attempt) {
        try {
            return work();
        } catch (const TransientError&) {
            if (attempt >= 8)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt * attempt));
        }
    }
}

} // namespace fglens::sql

#pragma once
// A thin RAII layer over sqlite3: a connection, prepared statements with bound
// parameters, and transactions that roll back unless committed. Every error
// becomes an fglens::Error naming the database file.
#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace fglens::sql {

class Db final {
public:
    explicit Db(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql);
    int64_t lastInsertId() const;
    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }
    [[noreturn]] void raise(const std::string& what) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
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
    Db& db_;
    sqlite3_stmt* st_ = nullptr;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so a busy
// database waits instead of failing mid-transaction); ROLLBACK unless commit().
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

} // namespace fglens::sql

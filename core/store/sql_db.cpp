#include "store/sql_db.h"

#include "store/log_location.h"
#include "store/sql_dialect.h"

namespace fglens::sql {

Db::Db(const std::string& location)
    : backend_(isPostgresUri(location) ? Backend::Postgres : Backend::Sqlite), shown_(redactedLocation(location))
{
    conn_ = backend_ == Backend::Postgres ? openPostgres(location, shown_) : openSqlite(location);
}

Db::~Db() = default;

void Db::exec(const std::string& sql)
{
    if (backend_ == Backend::Sqlite) {
        conn_->exec(sql);
        return;
    }
    const std::string pg = toPostgres(sql);
    if (!pg.empty())
        conn_->exec(pg);
}

int64_t Db::lastInsertId() const
{
    return conn_->lastInsertId();
}

Stmt::Stmt(Db& db, const std::string& sql)
    : c_(db.connection().prepare(db.backend() == Backend::Postgres ? toPostgres(sql) : sql))
{
}

Stmt::~Stmt() = default;

Stmt& Stmt::bind(int i, int64_t v)
{
    c_->bindInt(i, v);
    return *this;
}

Stmt& Stmt::bind(int i, double v)
{
    c_->bindReal(i, v);
    return *this;
}

Stmt& Stmt::bind(int i, const std::string& v)
{
    c_->bindText(i, v);
    return *this;
}

Stmt& Stmt::bindNull(int i)
{
    c_->bindNull(i);
    return *this;
}

bool Stmt::step()
{
    return c_->step();
}

void Stmt::run()
{
    while (step()) {
    }
    reset();
}

void Stmt::reset()
{
    c_->reset();
}

int64_t Stmt::integer(int col) const
{
    return c_->integer(col);
}

double Stmt::real(int col) const
{
    return c_->real(col);
}

std::string Stmt::text(int col) const
{
    return c_->text(col);
}

bool Stmt::isNull(int col) const
{
    return c_->isNull(col);
}

Transaction::Transaction(Db& db) : db_(db)
{
    db_.connection().begin();
}

Transaction::~Transaction()
{
    if (!done_)
        db_.connection().rollback();
}

void Transaction::commit()
{
    db_.connection().commit();
    done_ = true;
}

} // namespace fglens::sql

#pragma once
// The test PostgreSQL server (tests/support/postgres_server.sh, started by
// CTest's "postgres" fixture): its URI, and a fresh database per test.
// Without a server the tests QSKIP with the reason the script recorded.
#include "store/sql_db.h"

#include <QFile>
#include <QFileInfo>
#include <QString>

#include <string>

namespace fglens::test {

// The server's URI (postgresql://postgres@127.0.0.1:PORT/fglens), or empty
// with `why` saying what is missing.
inline QString pgServerUri(QString* why)
{
    const QString file = qEnvironmentVariable("FGLENS_TEST_PG_URI_FILE");
    if (file.isEmpty()) {
        *why = QStringLiteral("FGLENS_TEST_PG_URI_FILE not set: run through ctest, whose postgres fixture starts "
                              "the test server (tests/support/postgres_server.sh)");
        return {};
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        QFile skip(QFileInfo(file).absolutePath() + QStringLiteral("/postgres.skip"));
        *why = skip.open(QIODevice::ReadOnly) ? QStringLiteral("no PostgreSQL test server: ") +
                                                    QString::fromUtf8(skip.readAll()).trimmed()
                                              : QStringLiteral("no PostgreSQL test server: %1 missing").arg(file);
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

// A new empty database `name` on the server (dropped first if a previous run
// left it): its URI.
inline std::string pgFreshDatabase(const QString& serverUri, const std::string& name)
{
    const std::string server = serverUri.toStdString();
    {
        sql::Db admin(server);
        admin.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin.exec("CREATE DATABASE " + name);
    }
    return server.substr(0, server.rfind('/') + 1) + name;
}

} // namespace fglens::test

// Skips the current test (all of them, in initTestCase) without a server.
#define FGLENS_REQUIRE_POSTGRES(uriVar)                 \
    do {                                                \
        QString why_;                                   \
        uriVar = fglens::test::pgServerUri(&why_);      \
        if (uriVar.isEmpty())                           \
            QSKIP(qPrintable(why_));                    \
    } while (false)

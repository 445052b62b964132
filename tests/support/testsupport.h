#pragma once
// Shared helpers for the QTest suites: fixture paths (QSKIP when ../shared is
// absent), temporary directories, running the built CLI.
//
// Only a missing fixture may skip a test (FGLENS_REQUIRE_FIXTURE). The fixtures
// folder is ../shared beside the checkout, or $FGLENS_SHARED_DIR when that
// environment variable is set at run time (FGLENS_SHARED_DIR=/nonexistent runs
// the suites as a bare checkout would).
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <string>

namespace fglens::test {

inline QString sharedDir()
{
    const QString env = qEnvironmentVariable("FGLENS_SHARED_DIR");
    return env.isEmpty() ? QString::fromUtf8(FGLENS_SHARED_DIR) : env;
}

inline QString fixture(const QString& relative)
{
    return sharedDir() + QStringLiteral("/fixtures/") + relative;
}

inline std::string fixtureStd(const QString& relative)
{
    return fixture(relative).toStdString();
}

inline bool haveFixture(const QString& relative)
{
    return QFileInfo::exists(fixture(relative));
}

struct CliResult {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

// A command's JSON output as an object; a warning with the text when it is not JSON.
inline QJsonObject parseObject(const QString& text)
{
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(text.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(text));
    return doc.object();
}

inline CliResult runCli(const QStringList& args, int timeoutMs = 600000)
{
    QProcess p;
    p.start(QString::fromUtf8(FGLENS_CLI), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace fglens::test

// Skips the current test when a fixture is missing, so a bare checkout still passes.
#define FGLENS_REQUIRE_FIXTURE(rel)                                                     \
    do {                                                                                \
        if (!fglens::test::haveFixture(rel))                                            \
            QSKIP(qPrintable(QStringLiteral("fixture missing: ") + fglens::test::fixture(rel))); \
    } while (0)

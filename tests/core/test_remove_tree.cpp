// removeTree: a run directory left by a deleted log is removed with everything
// below it, links are removed and never followed, and a missing path is fine.
#include "testsupport.h"

#include "common/remove_tree.h"

#include <QFile>

using namespace fglens;

namespace {

void writeFile(const QString& path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x");
}

} // namespace

class TestRemoveTree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void removesNestedTreeButNotLinkTargets()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString outside = tmp.filePath(QStringLiteral("keep"));
        QVERIFY(QDir().mkpath(outside + QStringLiteral("/inner")));
        writeFile(outside + QStringLiteral("/inner/kept.bin"));
        const QString run = tmp.filePath(QStringLiteral("log.runs/7"));
        QVERIFY(QDir().mkpath(run + QStringLiteral("/a/b/c")));
        writeFile(run + QStringLiteral("/last.pt"));
        writeFile(run + QStringLiteral("/a/b/c/deep.pt"));
        QVERIFY(QFile::link(outside, run + QStringLiteral("/a/dir-link")));
        QVERIFY(QFile::link(outside + QStringLiteral("/inner/kept.bin"), run + QStringLiteral("/file-link")));
        QVERIFY(QFile::link(tmp.filePath(QStringLiteral("nowhere")), run + QStringLiteral("/dangling")));

        QVERIFY(removeTree(run.toStdString()));
        QVERIFY(!QFileInfo::exists(run));
        QVERIFY(QFileInfo::exists(tmp.filePath(QStringLiteral("log.runs"))));
        QVERIFY(QFileInfo::exists(outside + QStringLiteral("/inner/kept.bin")));
    }

    void missingPathAndPlainFile()
    {
        QTemporaryDir tmp;
        QVERIFY(removeTree(tmp.filePath(QStringLiteral("never-made")).toStdString()));
        const QString file = tmp.filePath(QStringLiteral("single.pt"));
        writeFile(file);
        QVERIFY(removeTree(file.toStdString()));
        QVERIFY(!QFileInfo::exists(file));
    }
};

QTEST_APPLESS_MAIN(TestRemoveTree)
#include "test_remove_tree.moc"

// Replays tests/fuzz/regressions/<target>/* (inputs that once crashed a
// reader, or that fuzzing should keep covering) through the same targets as
// the libFuzzer harnesses, but with the normal build's readers: each input
// must be accepted or refused with one clear line naming the file, never crash.
#include "testsupport.h"

#include "fuzz_targets.h"

#include <QDirIterator>

#include <torch/torch.h>

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        const QDir root(QStringLiteral(FGLENS_FUZZ_REGRESSIONS));
        int rows = 0;
        for (const auto& t : fglens::fuzz::targets()) {
            QDirIterator it(root.filePath(QString::fromUtf8(t.name)), QDir::Files);
            while (it.hasNext()) {
                const QString f = it.next();
                QTest::newRow(qPrintable(QString::fromUtf8(t.name) + "/" + QFileInfo(f).fileName()))
                    << QString::fromUtf8(t.name) << f;
                ++rows;
            }
        }
        QVERIFY2(rows > 0, "the regression corpus is empty");
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        const auto* t = fglens::fuzz::findTarget(target.toStdString());
        QVERIFY(t);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const std::string finding = t->run(reinterpret_cast<const uint8_t*>(bytes.constData()),
                                           static_cast<size_t>(bytes.size()));
        QVERIFY2(finding.empty(), finding.c_str());
    }

    void everyTargetHasARegressionFolder()
    {
        for (const auto& t : fglens::fuzz::targets())
            QVERIFY2(QDir(QStringLiteral(FGLENS_FUZZ_REGRESSIONS) + "/" + t.name).exists(), t.name);
    }
};

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"

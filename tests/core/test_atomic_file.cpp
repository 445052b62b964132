// Interrupted and failed writes never leave a half-written file under the
// final name, and the previous file stays intact: a writer that throws, a
// process killed with SIGKILL mid-write, a file-size limit (ulimit -f), and the
// real writers (npy, safetensors, state dict) under that limit.
#include "testsupport.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/npy.h"
#include "data/safetensors.h"
#include "data/state_dict.h"

#include <torch/torch.h>

#include <csignal>
#include <fstream>
#include <functional>
#include <sstream>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace fglens;

namespace {

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

QStringList leftovers(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList({QStringLiteral("*.part*")}, QDir::Files);
}

// Runs `body` in a forked child under a file-size limit of `limit` bytes
// (SIGXFSZ ignored, as fglens-cli does); returns the child's fglens::Error
// message, or "" when it succeeded. The child runs no LibTorch threads.
QString underFileSizeLimit(rlim_t limit, const std::function<void()>& body)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return QStringLiteral("pipe failed");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit r{limit, limit};
        ::setrlimit(RLIMIT_FSIZE, &r);
        std::string msg;
        try {
            body();
        } catch (const std::exception& e) {
            msg = e.what();
            if (msg.empty())
                msg = "?";
        }
        if (!msg.empty() && ::write(fds[1], msg.data(), msg.size()) < 0)
            ::_exit(3);
        ::_exit(0);
    }
    ::close(fds[1]);
    QByteArray out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
        out.append(buf, static_cast<int>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return QString::fromUtf8(out);
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const std::string p = (dir.path() + "/a.txt").toStdString();
        writeFileAtomic(p, std::string("first"));
        QCOMPARE(slurp(p), std::string("first"));
        writeFileAtomic(p, std::string("second, longer"));
        QCOMPARE(slurp(p), std::string("second, longer"));
        QVERIFY(leftovers(dir).isEmpty());
        // Permissions are those of a plain open (umask applied), not mkstemp's 0600.
        const QFile::Permissions perms = QFileInfo(QString::fromStdString(p)).permissions();
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(perms & QFileDevice::WriteOwner);
        const mode_t mask = ::umask(0);
        ::umask(mask);
        if (!(mask & 044))
            QVERIFY(perms & QFileDevice::ReadOther);
    }

    void throwingWriterLeavesOldFile()
    {
        QTemporaryDir dir;
        const std::string p = (dir.path() + "/a.npy").toStdString();
        writeFileAtomic(p, std::string("old"));
        try {
            writeFileAtomic(p, [](std::ostream& out) {
                out << "half of it";
                throw std::runtime_error("interrupted");
            });
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), QStringLiteral("interrupted"));
        }
        QCOMPARE(slurp(p), std::string("old"));
        QVERIFY2(leftovers(dir).isEmpty(), qPrintable(leftovers(dir).join(' ')));
        // A missing directory is one line naming the file.
        const std::string missing = (dir.path() + "/no/such/dir/x.npy").toStdString();
        try {
            writeFileAtomic(missing, std::string("x"));
            QFAIL("wrote into a missing directory");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).startsWith(QString::fromStdString(missing)));
        }
    }

    void killedMidWriteLeavesNoFinalFile()
    {
        QTemporaryDir dir;
        const std::string fresh = (dir.path() + "/fresh.bin").toStdString();
        const std::string old = (dir.path() + "/old.bin").toStdString();
        writeFileAtomic(old, std::string("previous result"));
        for (const std::string& target : {fresh, old}) {
            int fds[2];
            QVERIFY(::pipe(fds) == 0);
            const pid_t pid = ::fork();
            if (pid == 0) {
                ::close(fds[0]);
                writeFileAtomic(target, [&](std::ostream& out) {
                    out << std::string(1 << 20, 'x');
                    out.flush();
                    if (::write(fds[1], "w", 1) != 1)
                        ::_exit(3);
                    ::pause();   // killed here, mid-write
                });
                ::_exit(0);
            }
            ::close(fds[1]);
            char c = 0;
            QCOMPARE(::read(fds[0], &c, 1), ssize_t(1));
            ::close(fds[0]);
            ::kill(pid, SIGKILL);
            int status = 0;
            ::waitpid(pid, &status, 0);
            QVERIFY(WIFSIGNALED(status));
            // Only a temporary file (never the final name) holds the half write.
            QCOMPARE(leftovers(dir).size(), target == fresh ? 1 : 2);
        }
        QVERIFY(!QFileInfo::exists(QString::fromStdString(fresh)));
        QCOMPARE(slurp(old), std::string("previous result"));
    }

    void fileSizeLimitIsOneClearLine()
    {
        QTemporaryDir dir;
        const std::string p = (dir.path() + "/big.bin").toStdString();
        writeFileAtomic(p, std::string("earlier result"));
        const QString msg = underFileSizeLimit(64 * 1024, [&] { writeFileAtomic(p, std::string(1 << 20, 'y')); });
        QVERIFY2(msg.startsWith(QString::fromStdString(p)), qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("disk full")), qPrintable(msg));
        QVERIFY(!msg.contains('\n'));
        QCOMPARE(slurp(p), std::string("earlier result"));
        QVERIFY2(leftovers(dir).isEmpty(), qPrintable(leftovers(dir).join(' ')));
    }

    void realWritersUnderFileSizeLimit()
    {
        QTemporaryDir dir;
        const auto small = torch::arange(6, torch::kFloat32);
        const auto big = torch::ones({256, 1024});   // 1 MiB
        const std::string npy = (dir.path() + "/a.npy").toStdString();
        const std::string st = (dir.path() + "/a.safetensors").toStdString();
        const std::string sd = (dir.path() + "/a.pt").toStdString();
        saveNpyTensor(npy, small);
        writeSafeTensors(st, SafeTensors{{{"t", small}}, {}});
        saveStateDict(sd, StateDict{{"w", small}});

        const QString e1 = underFileSizeLimit(64 * 1024, [&] { saveNpyTensor(npy, big); });
        const QString e2 = underFileSizeLimit(64 * 1024, [&] { writeSafeTensors(st, SafeTensors{{{"t", big}}, {}}); });
        const QString e3 = underFileSizeLimit(64 * 1024, [&] { saveStateDict(sd, StateDict{{"w", big}}); });
        for (const auto& [msg, path] : {std::pair{e1, npy}, std::pair{e2, st}, std::pair{e3, sd}}) {
            QVERIFY2(msg.startsWith(QString::fromStdString(path)), qPrintable(msg));
            QVERIFY2(!msg.contains('\n'), qPrintable(msg));
        }
        // Earlier results intact and readable.
        QVERIFY(torch::equal(loadNpyTensor(npy), small));
        QVERIFY(torch::equal(readSafeTensors(st).tensors.at("t"), small));
        QVERIFY(torch::equal(loadStateDict(sd).at(0).second, small));
        QVERIFY2(leftovers(dir).isEmpty(), qPrintable(leftovers(dir).join(' ')));
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"

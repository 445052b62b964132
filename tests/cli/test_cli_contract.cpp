// fglens-cli end to end, exactly as DESIGN.md §5 specifies: info, score, eval,
// and one clear error line with a small non-zero exit code on bad input.
#include "testsupport.h"

#include "data/npy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <torch/torch.h>

#include <fstream>

using namespace fglens;
using test::runCli;

namespace {

QJsonObject json(const test::CliResult& r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

void expectCleanFailure(const QStringList& args, const QString& needle)
{
    const auto r = runCli(args);
    QVERIFY2(r.status == QProcess::NormalExit, qPrintable(args.join(' ')));
    QVERIFY2(r.exitCode > 0 && r.exitCode < 128, qPrintable(QString::number(r.exitCode)));
    const QStringList lines = r.err.trimmed().split('\n');
    QVERIFY2(lines.size() == 1, qPrintable(r.err));
    QVERIFY2(lines[0].contains(needle), qPrintable(lines[0] + " lacks " + needle));
}

} // namespace

class TestCliContract : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpForEveryCommand()
    {
        const auto overview = runCli({"--help"});
        QCOMPARE(overview.exitCode, 0);
        for (const char* cmd : {"info", "score", "eval"}) {
            QVERIFY(overview.out.contains(cmd));
            const auto r = runCli({QString(cmd), "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.contains(QString("Usage: fglens-cli ") + cmd));
        }
    }

    void info()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        const auto r = runCli({"info", test::fixture("fgovd/benchmarks/pattern.json")});
        QCOMPARE(r.exitCode, 0);
        const auto j = json(r);
        QCOMPARE(j["images"].toInt(), 321);
        QCOMPARE(j["annotations"].toInt(), 467);
        QCOMPARE(j["captions"].toInt(), 2830);
        const auto h = j["negatives_histogram"].toObject();
        QCOMPARE(h["7"].toInt(), 320);
        QCOMPARE(h["8"].toInt(), 137);
        QCOMPARE(h["10"].toInt(), 10);
        QVERIFY(j["missing_images"].isNull());

        QTemporaryDir root;
        const auto m = runCli({"info", test::fixture("fgovd/benchmarks/pattern.json"), "--image-root", root.path()});
        QCOMPARE(m.exitCode, 0);
        QCOMPARE(json(m)["missing_images"].toInt(), 321);
    }

    void scoreEveryHead()
    {
        FGLENS_REQUIRE_FIXTURE("heads/visual.npy");
        QTemporaryDir dir;
        for (const QString kind : {"cosine", "linear", "linear-visual", "linear-text", "mlp", "attention"}) {
            QStringList common{"score", "--head", kind, "--visual", test::fixture("heads/visual.npy")};
            if (kind != "cosine")
                common << "--weights" << test::fixture("heads/" + kind + ".pt");
            const QString out = dir.path() + "/" + kind + ".npy";
            auto r = runCli(common + QStringList{"--text", test::fixture("heads/text_vocab.npy"), "--out", out});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            auto got = loadNpyTensor(out.toStdString());
            QCOMPARE(got.scalar_type(), torch::kFloat32);
            auto want = loadNpyTensor(test::fixtureStd("heads/" + kind + "_vocab_scores.npy"));
            QVERIFY((got - want).abs().max().item<double>() <= 1e-5);

            const QString outM = dir.path() + "/" + kind + "_m.npy";
            r = runCli(common + QStringList{"--text", test::fixture("heads/text_pairs.npy"), "--out", outM, "--matrix"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            auto simmat = loadNpyTensor(test::fixtureStd("heads/" + kind + "_simmat.npy"));
            QVERIFY((loadNpyTensor(outM.toStdString()) - simmat).abs().max().item<double>() <= 1e-5);
        }
    }

    void scoreReleasedCheckpoint()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-checkpoints/fg-ovd_linear-mlp_te-freezed.pt");
        QTemporaryDir dir;
        const QString out = dir.path() + "/s.npy";
        const auto r = runCli({"score", "--head", "linear-visual", "--weights",
                               test::fixture("fgclip-checkpoints/fg-ovd_linear-mlp_te-freezed.pt"), "--visual",
                               test::fixture("heads/visual.npy"), "--text", test::fixture("heads/text_vocab.npy"),
                               "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto want = loadNpyTensor(test::fixtureStd("heads/released_fg-ovd_linear-mlp_te-freezed_vocab_scores.npy"));
        QVERIFY((loadNpyTensor(out.toStdString()) - want).abs().max().item<double>() <= 1e-5);
    }

    void evalPatternCache()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        const auto r = runCli({"eval", "--fgclip-cache", test::fixture("fgclip-cache/pattern.pt"), "--negatives", "7",
                               "--head", "cosine"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = json(r);
        QCOMPARE(j["objects"].toInt(), 467);
        const auto per = j["per_n_negatives"].toObject();
        QCOMPARE(per.size(), 7);
        QCOMPARE(per["7"].toObject()["mean_rank"].toDouble(), j["mean_rank"].toDouble());
        // Mean ranks grow with the vocabulary and stay within [1, n+1].
        for (int n = 1; n <= 7; ++n) {
            const double m = per[QString::number(n)].toObject()["mean_rank"].toDouble();
            QVERIFY(m >= 1.0 && m <= n + 1.0);
        }
        const auto w = runCli({"eval", "--fgclip-cache", test::fixture("fgclip-cache/pattern.pt"), "--negatives", "7",
                               "--head", "linear", "--weights", test::fixture("fgclip-checkpoints/fg-ovd_linear-mlp.pt")});
        QVERIFY2(w.exitCode == 0, qPrintable(w.err));
        QVERIFY(json(w)["mean_rank"].toDouble() != j["mean_rank"].toDouble());
    }

    void badInputGivesOneLine()
    {
        QTemporaryDir dir;
        const QString trunc = dir.path() + "/trunc.json";
        std::ofstream(trunc.toStdString()) << "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}], \"annot";
        expectCleanFailure({"info", trunc}, trunc);
        expectCleanFailure({"info", dir.path() + "/missing.json"}, "missing.json");
        if (test::haveFixture("fgovd/benchmarks/pattern.json"))
            expectCleanFailure({"info", test::fixture("fgovd/benchmarks/pattern.json"), "--image-root", dir.path() + "/nope"},
                               "image root");
        if (test::haveFixture("heads/visual.npy")) {
            expectCleanFailure({"score", "--head", "linear", "--weights", test::fixture("heads/mlp.pt"), "--visual",
                                test::fixture("heads/visual.npy"), "--text", test::fixture("heads/text_vocab.npy"),
                                "--out", dir.path() + "/x.npy"},
                               "mlp.pt");
            expectCleanFailure({"score", "--head", "cosine", "--visual", test::fixture("heads/visual.npy"), "--text",
                                test::fixture("heads/visual.npy"), "--out", dir.path() + "/x.npy"},
                               "visual.npy");
        }
        expectCleanFailure({"score", "--head", "bogus", "--visual", "a", "--text", "b", "--out", "c"}, "bogus");
        expectCleanFailure({"eval", "--negatives", "7", "--head", "cosine"}, "--fgclip-cache");
    }

    void usageErrorsExitTwo()
    {
        // Usage errors are exit 2 (bad data is 1, cancellation 3), one line on stderr.
        const QList<QStringList> cases = {
            {},
            {"no-such-command"},
            {"score", "--head", "bogus", "--visual", "a", "--text", "b", "--out", "c"},
            {"eval", "--negatives", "7", "--head", "cosine"},
            {"eval", "--fgclip-cache", "c.pt", "--negatives", "seven", "--head", "cosine"},
            {"info", "b.json", "--no-such-option", "1"},
            {"tokenize", "--vocab"},
            {"train", "--epochs", "0"},
        };
        for (const auto& args : cases) {
            const auto r = runCli(args);
            QVERIFY2(r.status == QProcess::NormalExit, qPrintable(args.join(' ')));
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + " -> " + QString::number(r.exitCode) + ": " + r.err));
            if (!args.isEmpty())
                QVERIFY2(r.err.trimmed().count('\n') == 0 && !r.err.trimmed().isEmpty(), qPrintable(r.err));
        }
    }

    void hostileFilesAreOneLine()
    {
        // Files that claim more than they hold: exit 1, one line naming the file, no crash.
        QTemporaryDir dir;
        const QString npy = dir.path() + "/huge.npy";
        {
            std::string h = "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776, 512), }";
            h.append(64 - (10 + h.size() + 1) % 64, ' ');
            h += '\n';
            std::ofstream out(npy.toStdString(), std::ios::binary);
            out.write("\x93NUMPY\x01\x00", 8);
            const char len[2] = {static_cast<char>(h.size() & 0xff), static_cast<char>(h.size() >> 8)};
            out.write(len, 2);
            out << h;
        }
        const QString deep = dir.path() + "/deep.json";
        std::ofstream(deep.toStdString()) << "{\"images\": " << std::string(5000, '[') << std::string(5000, ']') << "}";
        const QString bad = dir.path() + "/bad.txt";
        std::ofstream(bad.toStdString(), std::ios::binary) << "a red cup\n\xff\xfe\n";
        for (const auto& [args, needle] : std::vector<std::pair<QStringList, QString>>{
                 {{"score", "--head", "cosine", "--visual", npy, "--text", npy, "--out", dir.path() + "/s.npy"}, npy},
                 {{"info", deep}, deep},
                 {{"tokenize", "--vocab", bad, "--input", bad, "--out", dir.path() + "/t.npy"}, bad}}) {
            const auto r = runCli(args);
            QVERIFY2(r.status == QProcess::NormalExit && r.exitCode == 1, qPrintable(args.join(' ') + ": " + r.err));
            QVERIFY2(r.err.trimmed().count('\n') == 0 && r.err.contains(needle), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(dir.path() + "/s.npy"));
    }
};

QTEST_GUILESS_MAIN(TestCliContract)
#include "test_cli_contract.moc"

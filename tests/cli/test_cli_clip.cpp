// fglens-cli tokenize / preprocess / encode-images / encode-text /
// encode-benchmark end to end on the clip-tiny fixture (DESIGN.md §5).
#include "testsupport.h"

#include "data/npy.h"
#include "data/safetensors.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace fglens;
using test::runCli;

namespace {

QString fx(const char* rel)
{
    return test::fixture(QString("clip-tiny/") + rel);
}

torch::Tensor npy(const QString& path)
{
    return loadNpyTensor(path.toStdString()).to(torch::kFloat32);
}

// ITEMS files for the fixture's whole images and its boxes (crops.json).
QString writeItems(const QTemporaryDir& dir, bool crops)
{
    const QString path = dir.filePath(crops ? "crops.txt" : "full.txt");
    std::ofstream out(path.toStdString());
    if (crops) {
        std::ifstream in(fx("crops.json").toStdString());
        for (const auto& c : nlohmann::json::parse(in)) {
            const auto& b = c.at("bbox");
            out << fx(c.at("image").get<std::string>().c_str()).toStdString() << " " << b[0].get<double>() << " "
                << b[1].get<double>() << " " << b[2].get<double>() << " " << b[3].get<double>() << "\n";
        }
    } else {
        for (int i = 0; i < 4; ++i)
            out << "images/img" << i << ".png\n";   // relative to the ITEMS file
    }
    return path;
}

void expectOk(const test::CliResult& r)
{
    QVERIFY2(r.status == QProcess::NormalExit && r.exitCode == 0, qPrintable(r.err));
}

} // namespace

class TestCliClip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        QVERIFY(dir_.isValid());
        // Relative ITEMS paths resolve against the ITEMS file: give it the fixture's images/.
        QVERIFY(QFile::link(fx("images"), dir_.filePath("images")));
    }

    void help()
    {
        for (const char* cmd : {"tokenize", "preprocess", "encode-images", "encode-text", "encode-benchmark"}) {
            const auto r = runCli({cmd, "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.contains(QString("Usage: fglens-cli ") + cmd));
        }
    }

    void tokenize()
    {
        const QString out = dir_.filePath("tokens.npy");
        expectOk(runCli({"tokenize", "--vocab", fx("bpe_simple_vocab_16e6.txt.gz"), "--input", fx("captions.txt"),
                         "--out", out}));
        const auto got = loadNpyTensor(out.toStdString());
        QVERIFY(got.scalar_type() == torch::kInt64);
        QVERIFY(torch::equal(got, loadNpyTensor(fx("tokens.npy").toStdString())));
    }

    void preprocess_data()
    {
        QTest::addColumn<bool>("crops");
        QTest::newRow("full") << false;
        QTest::newRow("crops") << true;
    }
    void preprocess()
    {
        QFETCH(bool, crops);
        const QString out = dir_.filePath("pixels.npy");
        expectOk(runCli({"preprocess", "--input", writeItems(dir_, crops), "--out", out}));
        const auto expected = npy(fx(crops ? "preprocessed_crops.npy" : "preprocessed_full.npy"));
        const auto got = npy(out);
        QCOMPARE(got.sizes().vec(), expected.sizes().vec());
        QVERIFY((got - expected).abs().max().item<double>() <= 0.02);
    }

    void encodeImages_data() { preprocess_data(); }
    void encodeImages()
    {
        QFETCH(bool, crops);
        const QString out = dir_.filePath("emb.npy");
        expectOk(runCli({"encode-images", "--clip", fx("model.pt"), "--device", "cpu", "--input",
                         writeItems(dir_, crops), "--out", out, "--batch", "5"}));
        const auto expected = npy(fx(crops ? "image_embeddings_crops.npy" : "image_embeddings_full.npy"));
        const auto cos = torch::cosine_similarity(npy(out), expected, 1);
        QVERIFY2(cos.min().item<double>() >= 0.9999, qPrintable(QString::number(cos.min().item<double>(), 'g', 8)));
    }

    void encodeImagesSkipsUnreadable()
    {
        const QString items = dir_.filePath("some-missing.txt"), out = dir_.filePath("partial-emb.npy");
        std::ofstream(items.toStdString()) << "images/img1.png\nimages/absent.png 1 2 3 4\n";
        const auto r = runCli({"encode-images", "--clip", fx("model.pt"), "--input", items, "--out", out});
        QVERIFY2(r.status == QProcess::NormalExit && r.exitCode == 1, qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY2(r.err.contains("1 of 2 items") && r.err.contains("absent.png"), qPrintable(r.err));
        const auto emb = npy(out);
        QCOMPARE(emb.size(0), int64_t(2));
        QVERIFY(emb[1].abs().sum().item<double>() == 0);
        QVERIFY(torch::cosine_similarity(emb[0], npy(fx("image_embeddings_full.npy"))[1], 0).item<double>() > 0.9999);
    }

    void encodeText()
    {
        const QString out = dir_.filePath("text.npy");
        expectOk(runCli({"encode-text", "--clip", fx("model.pt"), "--vocab", fx("bpe_simple_vocab_16e6.txt.gz"),
                         "--input", fx("captions.txt"), "--out", out, "--batch", "7"}));
        const auto expected = npy(fx("text_embeddings.npy"));
        const auto err = ((npy(out) - expected).norm(2, 1) / expected.norm(2, 1)).max().item<double>();
        QVERIFY2(err <= 1e-4, qPrintable(QString::number(err)));
    }

    void encodeBenchmark()
    {
        nlohmann::json b;
        b["images"].push_back({{"id", 1}, {"file_name", "images/img0.png"}, {"width", 640}, {"height", 480}});
        b["images"].push_back({{"id", 2}, {"file_name", "images/absent.jpg"}, {"width", 640}, {"height", 480}});
        b["categories"].push_back({{"id", 7}, {"name", "a red chair"}});
        b["categories"].push_back({{"id", 8}, {"name", "a blue chair"}});
        b["annotations"].push_back({{"id", 11}, {"image_id", 1}, {"bbox", {215.4, 10.6, 151.7, 150.2}},
                                    {"category_id", 7}, {"neg_category_ids", {8}}});
        b["annotations"].push_back({{"id", 12}, {"image_id", 2}, {"bbox", {1, 1, 20, 20}}, {"category_id", 8},
                                    {"neg_category_ids", {7}}});
        const QString bench = dir_.filePath("bench.json"), out = dir_.filePath("bench.safetensors");
        std::ofstream(bench.toStdString()) << b.dump();
        const QStringList args = {"encode-benchmark", "--clip", fx("model.pt"), "--vocab",
                                  fx("bpe_simple_vocab_16e6.txt.gz"), "--benchmark", bench, "--image-root",
                                  dir_.path(), "--out", out, "--device", "cpu"};
        const auto r = runCli(args);
        expectOk(r);
        const auto j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["images"].toInt(), 2);
        QCOMPARE(j["images_failed"].toInt(), 1);
        QCOMPARE(j["captions"].toInt(), 2);
        QVERIFY2(r.err.contains("absent.jpg"), qPrintable(r.err));
        const auto st = readSafeTensors(out.toStdString());
        QCOMPARE(st.metadata.at("missing_object_ids"), std::string("12"));
        const auto cos = torch::cosine_similarity(st.tensors.at("object_features")[0].to(torch::kFloat),
                                                  npy(fx("image_embeddings_crops.npy"))[0], 0);
        QVERIFY(cos.item<double>() > 0.999);
        const auto again = runCli(args);
        expectOk(again);
        QVERIFY(again.err.contains("up to date"));
    }

    void clearErrors()
    {
        const QString truncated = dir_.filePath("truncated.pt");
        QFile::copy(fx("model.pt"), truncated);
        QFile::setPermissions(truncated, QFile::ReadOwner | QFile::WriteOwner);
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 3));
        f.close();
        for (const QStringList& args :
             {QStringList{"encode-images", "--clip", truncated, "--input", writeItems(dir_, false), "--out",
                          dir_.filePath("x.npy")},
              QStringList{"tokenize", "--vocab", dir_.filePath("absent.gz"), "--input", fx("captions.txt"), "--out",
                          dir_.filePath("x.npy")},
              QStringList{"preprocess", "--input", dir_.filePath("absent.txt"), "--out", dir_.filePath("x.npy")}}) {
            const auto r = runCli(args);
            QVERIFY2(r.status == QProcess::NormalExit && r.exitCode > 0 && r.exitCode < 128, qPrintable(r.err));
            QCOMPARE(r.err.trimmed().count('\n'), 0);
            QVERIFY2(r.err.contains(args[2] == truncated ? "truncated.pt" : "absent"), qPrintable(r.err));
        }
    }

private:
    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestCliClip)
#include "test_cli_clip.moc"

// The native CLIP encoders against the reference's embeddings of the tiny
// fixture model, the configuration inferred from shapes, and one clear error
// line for a missing parameter, a wrong-shaped one and a truncated file.
#include "testsupport.h"

#include "clip/clip_model.h"
#include "common/error.h"
#include "data/npy.h"

#include <torch/torch.h>

#include <fstream>

using namespace fglens;
using clip::ClipConfig;

namespace {

// max over rows of |a - b| / |b|.
double relativeError(const torch::Tensor& a, const torch::Tensor& b)
{
    return ((a - b).norm(2, 1) / b.norm(2, 1)).max().item<double>();
}

std::string modelPath()
{
    return test::fixtureStd("clip-tiny/model.pt");
}

torch::Tensor npy(const char* rel)
{
    return loadNpyTensor(test::fixtureStd(QString("clip-tiny/") + rel));
}

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestClipModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // otherConfigurations needs no fixture; the others require clip-tiny.
    void initTestCase() { torch::set_num_threads(2); }

    void inferredConfig()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        const auto p = clip::readCheckpoint(modelPath());
        const ClipConfig c = clip::inferConfig(p, modelPath());
        QCOMPARE(c.embedDim, int64_t(96));
        QCOMPARE(c.imageResolution, int64_t(224));
        QCOMPARE(c.visionLayers, int64_t(2));
        QCOMPARE(c.visionWidth, int64_t(192));
        QCOMPARE(c.visionHeads(), int64_t(3));
        QCOMPARE(c.patchSize, int64_t(16));
        QCOMPARE(c.contextLength, int64_t(77));
        QCOMPARE(c.vocabSize, int64_t(49408));
        QCOMPARE(c.textWidth, int64_t(128));
        QCOMPARE(c.textHeads(), int64_t(2));
        QCOMPARE(c.textLayers, int64_t(2));
        QVERIFY(p.at("visual.conv1.weight").scalar_type() == torch::kHalf);
    }

    void imageEmbeddings_data()
    {
        QTest::addColumn<QString>("set");
        QTest::newRow("full") << "full";
        QTest::newRow("crops") << "crops";
    }
    void imageEmbeddings()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        QFETCH(QString, set);
        const auto model = clip::loadClip(modelPath(), torch::kCPU);
        const auto pixels = npy(qPrintable("preprocessed_" + set + ".npy"));
        const auto expected = npy(qPrintable("image_embeddings_" + set + ".npy"));
        const auto got = model.encodeImage(pixels);
        QCOMPARE(got.sizes().vec(), expected.sizes().vec());
        const double err = relativeError(got, expected);
        QVERIFY2(err <= 1e-4, qPrintable(QString("relative error %1").arg(err)));
    }

    void textEmbeddings()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        const auto model = clip::loadClip(modelPath(), torch::kCPU);
        const auto tokens = npy("tokens.npy");
        const auto expected = npy("text_embeddings.npy");
        const auto got = model.encodeText(tokens);
        const double err = relativeError(got, expected);
        QVERIFY2(err <= 1e-4, qPrintable(QString("relative error %1").arg(err)));
        // Rows cut after their end token give the same embedding.
        const auto shortRows = tokens.narrow(0, 0, 40);
        const int64_t shortLen = shortRows.argmax(-1).max().item<int64_t>() + 1;
        QVERIFY(shortLen < 77);
        QVERIFY(relativeError(model.encodeText(shortRows.narrow(1, 0, shortLen)), expected.narrow(0, 0, 40)) <= 1e-4);
    }

    void cudaMatchesCpu()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        if (!torch::cuda::is_available()) {
            // No device here (not a missing fixture, so no skip): what can be
            // checked is that the default device falls back to the CPU and
            // that a model built there encodes like the fixture's CPU path.
            QCOMPARE(clip::defaultDevice().type(), torch::kCPU);
            const auto model = clip::loadClip(modelPath(), clip::defaultDevice());
            QVERIFY(model.device().is_cpu());
            const auto pixels = npy("preprocessed_crops.npy");
            QVERIFY(relativeError(model.encodeImage(pixels), npy("image_embeddings_crops.npy")) <= 1e-4);
            qInfo("no CUDA device: checked the CPU fallback only");
            return;
        }
        const auto cpu = clip::loadClip(modelPath(), torch::kCPU);
        const auto gpu = clip::loadClip(modelPath(), c10::Device(torch::kCUDA, 0));
        const auto pixels = npy("preprocessed_crops.npy");
        QVERIFY(relativeError(gpu.encodeImage(pixels), cpu.encodeImage(pixels)) <= 1e-3);
        const auto tokens = npy("tokens.npy");
        QVERIFY(relativeError(gpu.encodeText(tokens), cpu.encodeText(tokens)) <= 1e-3);
    }

    void otherConfigurations()
    {
        // A configuration unlike the fixture's: patch 32, resolution 64, 3 and 1 layers.
        ClipConfig c;
        c.embedDim = 48;
        c.imageResolution = 64;
        c.visionLayers = 3;
        c.visionWidth = 128;
        c.patchSize = 32;
        c.contextLength = 20;
        c.vocabSize = 300;
        c.textWidth = 64;
        c.textLayers = 1;
        const auto random = clip::randomClip(c, 7, torch::kCPU);
        const auto params = random.parameters();
        const ClipConfig inferred = clip::inferConfig(params, "random");
        QCOMPARE(inferred.name(), c.name());
        QCOMPARE(inferred.textLayers, int64_t(1));
        QCOMPARE(inferred.grid(), int64_t(2));
        const auto rebuilt = clip::buildClip(params, "random", torch::kCPU);
        const auto pixels = torch::randn({2, 3, 64, 64});
        QVERIFY(torch::allclose(rebuilt.encodeImage(pixels), random.encodeImage(pixels)));
        auto tokens = torch::randint(1, 299, {2, 20}, torch::kInt64);
        tokens.index_put_({torch::indexing::Slice(), 10}, 299);
        QVERIFY(torch::allclose(rebuilt.encodeText(tokens), random.encodeText(tokens)));
        QCOMPARE(ClipConfig::vitB16().name(), std::string("ViT-B/16"));
    }

    void missingParameter()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        auto p = clip::readCheckpoint(modelPath());
        p.erase("visual.transformer.resblocks.1.mlp.c_proj.bias");
        const QString e = errorOf([&] { clip::buildClip(p, modelPath(), torch::kCPU); });
        QVERIFY2(e.contains("model.pt") && e.contains("missing parameter 'visual.transformer.resblocks.1.mlp.c_proj.bias'"),
                 qPrintable(e));
        QVERIFY(!e.contains('\n'));
        p.erase("visual.conv1.weight");
        QVERIFY(errorOf([&] { clip::buildClip(p, modelPath(), torch::kCPU); }).contains("'visual.conv1.weight'"));
    }

    void wrongShape()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        auto p = clip::readCheckpoint(modelPath());
        p["transformer.resblocks.0.attn.in_proj_weight"] = torch::zeros({384, 127}, torch::kHalf);
        const QString e = errorOf([&] { clip::buildClip(p, modelPath(), torch::kCPU); });
        QVERIFY2(e.contains("'transformer.resblocks.0.attn.in_proj_weight' has shape [384, 127], expected [384, 128]"),
                 qPrintable(e));
        QVERIFY(!e.contains('\n'));
    }

    void truncatedFile()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        QTemporaryDir dir;
        const std::string path = dir.filePath("truncated.pt").toStdString();
        std::ifstream in(modelPath(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (size_t keep : {bytes.size() / 2, bytes.size() - 100}) {
            std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(keep));
            const QString e = errorOf([&] { clip::loadClip(path, torch::kCPU); });
            QVERIFY2(e.startsWith(QString::fromStdString(path) + ": ") && !e.contains('\n'), qPrintable(e));
        }
        QVERIFY(errorOf([&] { clip::loadClip(dir.filePath("absent.pt").toStdString(), torch::kCPU); })
                    .contains("absent.pt"));
    }

    void wrongInputShape()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        const auto model = clip::loadClip(modelPath(), torch::kCPU);
        QVERIFY(errorOf([&] { model.encodeImage(torch::zeros({1, 3, 200, 224})); }).contains("[1, 3, 200, 224]"));
        QVERIFY(errorOf([&] { model.encodeText(torch::zeros({1, 78}, torch::kInt64)); }).contains("[1, 78]"));
    }
};

QTEST_APPLESS_MAIN(TestClipModel)
#include "test_clip_model.moc"

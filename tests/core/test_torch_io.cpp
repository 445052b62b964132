// .npy and torch.save interop: real CUDA-saved FG-CLIP checkpoints and feature
// caches on a CPU LibTorch, refusal of foreign globals, and state dicts that
// Python's torch.load reads back.
#include "testsupport.h"

#include "common/error.h"
#include "data/fgclip_cache.h"
#include "data/npy.h"
#include "data/state_dict.h"
#include "data/torch_pickle.h"

#include <torch/torch.h>

#include <fstream>

using namespace fglens;

class TestTorchIo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void npyRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/a.npy").toStdString();
        torch::manual_seed(0);
        for (auto t : {torch::randn({3, 4}), torch::randn({5}).to(torch::kFloat16), torch::arange(12).view({2, 3, 2}),
                       torch::randn({2, 2}).to(torch::kFloat64), torch::zeros({0, 7})}) {
            saveNpyTensor(path, t);
            auto back = loadNpyTensor(path);
            QCOMPARE(back.scalar_type(), t.scalar_type());
            QCOMPARE(back.sizes().vec(), t.sizes().vec());
            QVERIFY(torch::equal(back, t));
        }
    }

    void npyErrors()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/bad.npy").toStdString();
        saveNpyTensor(path, torch::ones({100}));
        std::filesystem::resize_file(path, 200);
        try {
            loadNpyTensor(path);
            QFAIL("truncated npy accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).startsWith(QString::fromStdString(path)));
            QVERIFY(QString(e.what()).contains("truncated"));
        }
        std::ofstream(path) << "not numpy";
        QVERIFY_THROWS_EXCEPTION(Error, loadNpyTensor(path));
    }

    void fixtureNpyShapes()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/tokens.npy");
        auto tokens = loadNpyTensor(test::fixtureStd("clip-tiny/tokens.npy"));
        QCOMPARE(tokens.scalar_type(), torch::kInt64);
        QCOMPARE(tokens.size(1), int64_t(77));
    }

    void cudaSavedCheckpoints()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-checkpoints/fg-ovd_linear-mlp.pt");
        auto sd = loadStateDict(test::fixtureStd("fgclip-checkpoints/fg-ovd_linear-mlp.pt"));
        QCOMPARE(sd.size(), size_t(4));
        QCOMPARE(sd[0].first, std::string("linear_layers.0.0.weight"));
        QCOMPARE(sd[0].second.sizes().vec(), (std::vector<int64_t>{512, 512}));
        QVERIFY(sd[0].second.device().is_cpu());
        auto te = loadStateDict(test::fixtureStd("fgclip-checkpoints/triplet_linear-mlp_ve-freezed.pt"));
        QCOMPARE(te.size(), size_t(2));
        QCOMPARE(te[0].first, std::string("linear_layers.1.0.weight"));
    }

    void fgclipCache()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        const auto c = loadFgclipCache(test::fixtureStd("fgclip-cache/pattern.pt"));
        QCOMPARE(c.benchmark.objects.size(), size_t(467));
        QCOMPARE(c.benchmark.captions.size(), size_t(2830));
        QCOMPARE(c.objectFeatures.scalar_type(), torch::kFloat16);
        auto ann = loadNpyTensor(test::fixtureStd("fgclip-cache/annotation_features.npy"));
        QVERIFY(torch::equal(c.objectFeatures, ann.to(c.objectFeatures.scalar_type())));
        auto ids = loadNpyTensor(test::fixtureStd("fgclip-cache/category_ids.npy")).to(torch::kInt64);
        auto feats = loadNpyTensor(test::fixtureStd("fgclip-cache/category_features.npy"));
        for (int64_t i = 0; i < ids.size(0); ++i) {
            const int32_t idx = c.benchmark.captionIndex(ids[i].item<int64_t>());
            QVERIFY(idx >= 0);
            QVERIFY(c.captionHasFeatures[static_cast<size_t>(idx)]);
            QVERIFY(torch::equal(c.captionFeatures[idx], feats[i].to(c.captionFeatures.scalar_type())));
        }
        // The cache stores [x1, y1, x2, y2]; the reader hands back COCO boxes.
        const auto& o = c.benchmark.objects.front();
        QVERIFY(std::abs(o.bbox[0] + o.bbox[2] - 589.93) < 1e-6);
    }

    void refusesForeignGlobals()
    {
        // A pickle that would call os.system('true') when unpickled by Python.
        using namespace std::string_literals;
        const std::string evil = "\x80\x02"s + "cos\nsystem\nX\x04\x00\x00\x00"s + "true\x85R."s;
        try {
            unpickle("evil.pt", evil, [](const std::string&) { return std::string(); });
            QFAIL("foreign global accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("evil.pt"));
            QVERIFY(QString(e.what()).contains("os.system"));
        }
    }

    void truncatedArchive()
    {
        FGLENS_REQUIRE_FIXTURE("heads/linear.pt");
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/cut.pt").toStdString();
        std::filesystem::copy_file(test::fixtureStd("heads/linear.pt"), path);
        std::filesystem::resize_file(path, 4000);
        try {
            loadStateDict(path);
            QFAIL("truncated archive accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).startsWith(QString::fromStdString(path)));
        }
    }

    void pythonReadsOurStateDicts()
    {
        // python3-torch and numpy are test dependencies (install-deps.sh): a
        // machine without them fails here rather than skipping unchecked.
        QVERIFY2(QFileInfo::exists("/usr/bin/python3"), "no /usr/bin/python3 (install-deps.sh installs it)");
        QProcess probe;
        probe.start("/usr/bin/python3", {"-c", "import torch, numpy"});
        probe.waitForFinished(120000);
        QVERIFY2(probe.exitCode() == 0,
                 qPrintable("python3 cannot import torch and numpy (install python3-torch, python3-numpy): " +
                            QString::fromUtf8(probe.readAllStandardError()).trimmed()));
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/sd.pt").toStdString();
        torch::manual_seed(2);
        StateDict sd{{"linear_layers.0.0.weight", torch::randn({4, 3})},
                     {"linear_layers.0.0.bias", torch::randn({4}).to(torch::kFloat16)}};
        saveStateDict(path, sd);
        saveNpyTensor((dir.path() + "/w.npy").toStdString(), sd[0].second);
        QProcess py;
        py.start("/usr/bin/python3", {"-c",
                                      "import sys, torch, numpy as np\n"
                                      "sd = torch.load(sys.argv[1])\n"
                                      "assert list(sd) == ['linear_layers.0.0.weight', 'linear_layers.0.0.bias'], list(sd)\n"
                                      "assert sd['linear_layers.0.0.bias'].dtype == torch.float16\n"
                                      "assert np.array_equal(sd['linear_layers.0.0.weight'].numpy(), np.load(sys.argv[2]))\n"
                                      "print('ok')\n",
                                      QString::fromStdString(path), dir.path() + "/w.npy"});
        py.waitForFinished(120000);
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        QCOMPARE(QString(py.readAllStandardOutput()).trimmed(), QString("ok"));
    }
};

QTEST_APPLESS_MAIN(TestTorchIo)
#include "test_torch_io.moc"

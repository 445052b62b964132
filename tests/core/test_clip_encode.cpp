// Encoding jobs with the tiny fixture model on images made here: unreadable
// and missing images are reported and skipped, a cancelled encoding resumes
// to the same cache as an uninterrupted one, and stale partial progress is
// never mixed in.
#include "testsupport.h"

#include "clip/encode_job.h"
#include "common/error.h"
#include "data/feature_cache.h"
#include "data/safetensors.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace fglens;

namespace {

struct Scene {
    QTemporaryDir dir;
    std::string benchmark, captions;
    std::string path(const char* rel) const { return dir.filePath(rel).toStdString(); }
};

// 3 decodable images, 1 corrupt, 1 absent; 11 objects over them; 8 captions,
// two of them the same text.
void makeScene(Scene& s)
{
    QDir(s.dir.path()).mkpath("root/val2017");
    cv::RNG rng(5);
    for (int i = 0; i < 3; ++i) {
        cv::Mat img(120 + 40 * i, 160 - 20 * i, CV_8UC3);
        rng.fill(img, cv::RNG::UNIFORM, 0, 255);
        cv::GaussianBlur(img, img, cv::Size(9, 9), 3);
        cv::imwrite(s.path(qPrintable(QString("root/val2017/%1.%2").arg(i).arg(i == 1 ? "png" : "jpg"))), img);
    }
    std::ofstream(s.path("root/val2017/3.jpg")) << "not a jpeg";
    nlohmann::json b;
    const char* files[] = {"val2017/0.jpg", "val2017/1.png", "val2017/2.jpg", "val2017/3.jpg", "val2017/4.jpg"};
    for (int i = 0; i < 5; ++i)
        b["images"].push_back({{"id", 100 + i}, {"file_name", files[i]}, {"width", 160}, {"height", 120}});
    const char* texts[] = {"a red chair", "a blue chair", "a red chair", "a striped mug",
                           "a glass vase", "a dotted vase", "A wooden table.", "a metal table"};
    for (int i = 0; i < 8; ++i)
        b["categories"].push_back({{"id", 1 + i}, {"name", texts[i]}});
    for (int i = 0; i < 11; ++i) {
        const double x = 3.5 * i, y = 2.25 * i;
        b["annotations"].push_back({{"id", 1000 + i}, {"image_id", 100 + (i * 3) % 5},
                                    {"bbox", {x, y, 30 + 2 * i, 25 + i}}, {"category_id", 1 + i % 8},
                                    {"neg_category_ids", {1 + (i + 1) % 8, 1 + (i + 2) % 8}}});
    }
    s.benchmark = s.path("bench.json");
    std::ofstream(s.benchmark) << b.dump();

    nlohmann::json c;
    for (int i = 0; i < 4; ++i) {
        nlohmann::json im = {{"split", i == 3 ? "test" : "train"}, {"filepath", "val2017"},
                             {"filename", std::to_string(i) + (i == 1 ? ".png" : ".jpg")}, {"cocoid", 100 + i}};
        for (int k = 0; k < 2; ++k)
            im["sentences"].push_back({{"raw", std::string(texts[(2 * i + k) % 8])}});
        c["images"].push_back(im);
    }
    s.captions = s.path("dataset_coco.json");
    std::ofstream(s.captions) << c.dump();
}

std::string modelPath()
{
    return test::fixtureStd("clip-tiny/model.pt");
}

clip::EncodeOptions smallBatches()
{
    clip::EncodeOptions o;
    o.imageBatch = 2;
    o.textBatch = 3;
    o.workers = 2;
    o.checkpointSeconds = 0;
    return o;
}

} // namespace

class TestClipEncode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        torch::set_num_threads(2);
        model_ = std::make_unique<clip::ClipModel>(clip::loadClip(modelPath(), torch::kCPU));
        tokenizer_ = std::make_unique<clip::Tokenizer>(test::fixtureStd("clip-tiny/bpe_simple_vocab_16e6.txt.gz"));
    }

    void unreadableImagesSkipped()
    {
        Scene s;
        makeScene(s);
        const std::string out = s.path("cache.safetensors");
        const auto sum = clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), out,
                                               smallBatches(), nullptr);
        QCOMPARE(sum.images, int64_t(11));
        // Objects on image 103 (corrupt) and 104 (absent): i*3 % 5 in {3, 4}, i in {1, 3, 6, 8}.
        QCOMPARE(sum.imagesFailed, int64_t(4));
        QCOMPARE(sum.imagesEncoded, int64_t(7));
        QCOMPARE(sum.captions, int64_t(7));   // distinct texts
        QCOMPARE(int(sum.failures.size()), 4);
        for (const auto& f : sum.failures)
            QVERIFY2(QString::fromStdString(f).contains("3.jpg") || QString::fromStdString(f).contains("4.jpg"), f.c_str());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(clip::partialPath(out))));

        const auto cache = loadBenchmarkCache(out);
        QCOMPARE(cache.objectFeatures.sizes().vec(), (std::vector<int64_t>{11, 96}));
        QCOMPARE(cache.captionFeatures.sizes().vec(), (std::vector<int64_t>{8, 96}));
        QVERIFY(cache.objectFeatures.scalar_type() == torch::kHalf);
        QCOMPARE(readSafeTensorsMetadata(out).at("missing_object_ids"), std::string("1001,1003,1006,1008"));
        QCOMPARE(cache.identity.encoder, std::string("clip:") + model_->config().name());
        QCOMPARE(cache.identity.modelSha256, sha256File(modelPath()));

        // Same numbers as encoding the crops on their own.
        std::vector<clip::ImageItem> items;
        nlohmann::json b = nlohmann::json::parse(std::ifstream(s.benchmark));
        for (const auto& a : b["annotations"]) {
            const int img = a["image_id"].get<int>() - 100;
            items.push_back({s.path(qPrintable(QString("root/") + QString::fromStdString(b["images"][img]["file_name"]))),
                             std::array<double, 4>{a["bbox"][0], a["bbox"][1], a["bbox"][2], a["bbox"][3]}});
        }
        const auto direct = clip::encodeImageItems(*model_, items, 4, nullptr);
        QCOMPARE(direct.failedRows, (std::vector<int64_t>{1, 3, 6, 8}));
        QVERIFY(torch::allclose(cache.objectFeatures.to(torch::kFloat), direct.features, 1e-2, 1e-2));
        QVERIFY(cache.objectFeatures[1].abs().sum().item<double>() == 0);
        std::vector<std::string> texts;
        for (const auto& c : b["categories"])
            texts.push_back(c["name"]);
        const auto text = clip::encodeTexts(*model_, *tokenizer_, texts, 5, nullptr);
        QVERIFY(torch::allclose(cache.captionFeatures.to(torch::kFloat), text, 1e-2, 1e-2));
        QVERIFY(torch::equal(cache.captionFeatures[0], cache.captionFeatures[2]));
    }

    void resumeGivesSameCache()
    {
        Scene s;
        makeScene(s);
        const std::string whole = s.path("whole.safetensors"), resumed = s.path("resumed.safetensors");
        clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), whole, smallBatches(),
                              nullptr);

        JobContext ctx;
        int imageBatches = 0;
        ctx.progress = [&](const ProgressEvent& e) {
            if (e.stage == "encode images" && ++imageBatches == 2)
                ctx.cancel.cancel();
        };
        bool cancelled = false;
        try {
            clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), resumed,
                                  smallBatches(), &ctx);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(QFileInfo::exists(QString::fromStdString(clip::partialPath(resumed))));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(resumed)));

        ctx.cancel.reset();
        imageBatches = -1000;
        const auto sum = clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), resumed,
                                               smallBatches(), &ctx);
        QCOMPARE(sum.captionsResumed, int64_t(7));
        QCOMPARE(sum.captionsEncoded, int64_t(0));
        QCOMPARE(sum.imagesResumed, int64_t(4));   // two batches of two
        QCOMPARE(sum.imagesResumed + sum.imagesEncoded + sum.imagesFailed, int64_t(11));

        const auto a = readSafeTensors(whole), b = readSafeTensors(resumed);
        for (const char* name : {"object_ids", "object_features", "caption_ids", "caption_features"})
            QVERIFY2(torch::equal(a.tensors.at(name), b.tensors.at(name)), name);
        QCOMPARE(a.metadata.at("missing_object_ids"), b.metadata.at("missing_object_ids"));

        // Nothing left to do the second time.
        QVERIFY(clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), resumed,
                                      smallBatches(), nullptr)
                    .upToDate);
    }

    void staleProgressRefused()
    {
        Scene s;
        makeScene(s);
        const std::string out = s.path("cache.safetensors");
        JobContext ctx;
        ctx.progress = [&](const ProgressEvent& e) {
            if (e.stage == "encode images")
                ctx.cancel.cancel();
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark,
                                                                  s.path("root"), out, smallBatches(), &ctx));
        // The dataset changes: its partial must not be used.
        std::ofstream(s.benchmark, std::ios::app) << "\n";
        try {
            clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), out, smallBatches(),
                                  nullptr);
            QFAIL("stale partial progress was resumed");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("dataset_sha256 differs") && QString(e.what()).contains("--restart"),
                     e.what());
        }
        auto opt = smallBatches();
        opt.restart = true;
        const auto sum = clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark, s.path("root"), out,
                                               opt, nullptr);
        QCOMPARE(sum.imagesResumed, int64_t(0));
        QCOMPARE(sum.imagesEncoded, int64_t(7));
        // A finished cache of other inputs is refused too.
        std::ofstream(s.benchmark, std::ios::app) << "\n";
        QVERIFY_THROWS_EXCEPTION(Error, clip::encodeBenchmark(*model_, modelPath(), *tokenizer_, s.benchmark,
                                                              s.path("root"), out, smallBatches(), nullptr));
    }

    void captionSet()
    {
        Scene s;
        makeScene(s);
        const std::string out = s.path("coco.safetensors");
        const auto sum = clip::encodeCaptionSet(*model_, modelPath(), *tokenizer_, s.captions, {"train"},
                                                s.path("root"), out, smallBatches(), nullptr);
        QCOMPARE(sum.images, int64_t(3));
        QCOMPARE(sum.imagesFailed, int64_t(0));
        const auto cache = loadCaptionSetCache(out);
        QCOMPARE(cache.imageFeatures.sizes().vec(), (std::vector<int64_t>{3, 96}));
        QCOMPARE(cache.captionFeatures.size(0), int64_t(6));
        QCOMPARE(cache.captionImage[5].item<int64_t>(), int64_t(2));
        QVERIFY(cache.identity.dataset.find("splits=train") != std::string::npos);
        QVERIFY(cache.imageFeatures.abs().sum(1).min().item<double>() > 0);
    }

private:
    std::unique_ptr<clip::ClipModel> model_;
    std::unique_ptr<clip::Tokenizer> tokenizer_;
};

QTEST_APPLESS_MAIN(TestClipEncode)
#include "test_clip_encode.moc"

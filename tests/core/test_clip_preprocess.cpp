// CLIP preprocessing against the reference's pixels (PIL bicubic, centre crop,
// CLIP mean/std) for whole images and object boxes, and the ITEMS file rules.
#include "testsupport.h"

#include "clip/preprocess.h"
#include "data/npy.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace fglens;

namespace {

std::vector<clip::ImageItem> fixtureItems(bool crops)
{
    std::vector<clip::ImageItem> items;
    if (crops) {
        std::ifstream in(test::fixtureStd("clip-tiny/crops.json"));
        for (const auto& c : nlohmann::json::parse(in)) {
            const auto b = c.at("bbox");
            items.push_back({test::fixtureStd("clip-tiny/" + QString::fromStdString(c.at("image").get<std::string>())),
                             std::array<double, 4>{b[0], b[1], b[2], b[3]}});
        }
    } else {
        for (int i = 0; i < 4; ++i)
            items.push_back({test::fixtureStd(QString("clip-tiny/images/img%1.png").arg(i)), std::nullopt});
    }
    return items;
}

} // namespace

class TestClipPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { FGLENS_REQUIRE_FIXTURE("clip-tiny/preprocessed_full.npy"); }

    void fixturePixels_data()
    {
        QTest::addColumn<bool>("crops");
        QTest::newRow("full") << false;
        QTest::newRow("crops") << true;
    }
    void fixturePixels()
    {
        QFETCH(bool, crops);
        const auto expected = loadNpyTensor(test::fixtureStd(crops ? "clip-tiny/preprocessed_crops.npy"
                                                                   : "clip-tiny/preprocessed_full.npy"));
        const auto items = fixtureItems(crops);
        QCOMPARE(int64_t(items.size()), expected.size(0));
        for (size_t i = 0; i < items.size(); ++i) {
            const auto got = clip::preprocessItem(items[i]);
            const double diff = (got - expected[static_cast<int64_t>(i)]).abs().max().item<double>();
            // One 8-bit step is ~0.015 after normalisation; PIL-exact resampling gives float rounding only.
            QVERIFY2(diff <= 1e-5, qPrintable(QString("item %1: max abs diff %2").arg(i).arg(diff)));
        }
    }

    void resizeRules()
    {
        QCOMPARE(clip::shortSideSize(640, 480, 224), cv::Size(298, 224));
        QCOMPARE(clip::shortSideSize(333, 500, 224), cv::Size(224, 336));
        QCOMPARE(clip::shortSideSize(61, 146, 224), cv::Size(224, 536));
        // Same size: PIL leaves the pixels alone.
        cv::Mat img(5, 7, CV_8UC3);
        cv::randu(img, 0, 255);
        const cv::Mat same = clip::resizeBicubicPil(img, 7, 5, cv::Rect(0, 0, 7, 5));
        QCOMPARE(cv::norm(same, img, cv::NORM_INF), 0.0);
        // A window is exactly the matching part of the whole output.
        const cv::Mat whole = clip::resizeBicubicPil(img, 17, 3, cv::Rect(0, 0, 17, 3));
        const cv::Mat part = clip::resizeBicubicPil(img, 17, 3, cv::Rect(4, 1, 9, 2));
        QCOMPARE(cv::norm(whole(cv::Rect(4, 1, 9, 2)), part, cv::NORM_INF), 0.0);
    }

    void itemsFile()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkdir("sub dir");
        cv::Mat img(40, 60, CV_8UC3, cv::Scalar(10, 120, 230));
        cv::imwrite(dir.filePath("sub dir/a b.png").toStdString(), img);
        const std::string list = dir.filePath("items.txt").toStdString();
        std::ofstream(list) << "# objects\n\nsub dir/a b.png\nsub dir/a b.png 10.5 -2 20 30\r\n  sub dir/a b.png  \n";
        const auto items = clip::readImageItems(list);
        QCOMPARE(items.size(), size_t(3));
        QCOMPARE(items[0].path, dir.filePath("sub dir/a b.png").toStdString());
        QVERIFY(!items[0].box);
        QVERIFY(items[1].box && (*items[1].box)[0] == 10.5 && (*items[1].box)[1] == -2 && (*items[1].box)[3] == 30);
        QCOMPARE(items[1].path, items[0].path);
        QCOMPARE(items[2].path, items[0].path);
        const auto px = clip::preprocessItem(items[1]);
        QCOMPARE(px.sizes().vec(), (std::vector<int64_t>{3, 224, 224}));
        // Solid colour survives resampling exactly: RGB order, CLIP normalisation.
        QVERIFY(std::abs(px[0][5][5].item<float>() - (230 / 255.0f - 0.48145466f) / 0.26862954f) < 1e-5);
        QVERIFY(std::abs(px[2][5][5].item<float>() - (10 / 255.0f - 0.40821073f) / 0.27577711f) < 1e-5);
        try {
            clip::preprocessItem({dir.filePath("sub dir/a b.png").toStdString(), std::array<double, 4>{100, 100, 5, 5}});
            QFAIL("a box outside the image was accepted");
        } catch (const std::exception& e) {
            QVERIFY(QString(e.what()).contains("a b.png"));
        }
    }
};

QTEST_APPLESS_MAIN(TestClipPreprocess)
#include "test_clip_preprocess.moc"

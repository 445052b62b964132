// The FG-OVD reader on the real benchmark files and on broken input.
#include "testsupport.h"

#include "common/error.h"
#include "data/fgovd.h"
#include "data/image_source.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

using namespace fglens;

namespace {

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& text)
{
    const std::string path = (dir.path() + "/" + name).toStdString();
    std::ofstream(path) << text;
    return path;
}

const char* kGood = R"({"images": [{"id": 1, "file_name": "a.png", "width": 10, "height": 8},
                                 {"id": 2, "file_name": "missing.png", "width": 10, "height": 8}],
  "annotations": [{"id": 7, "image_id": 1, "bbox": [1.5, 2, 3, 4], "category_id": 10, "neg_category_ids": [11, 12]},
                  {"id": 8, "image_id": 2, "bbox": [0, 0, 5, 5], "category_id": 11, "neg_category_ids": [10]}],
  "categories": [{"id": 10, "name": "a red cup"}, {"id": 11, "name": "a blue cup"}, {"id": 12, "name": "a green cup"}]})";

// Asserts that loading fails with one line naming the file and containing `needle`.
void expectError(const std::string& path, const QString& needle)
{
    try {
        FgBenchmark::load(path);
        QFAIL(qPrintable("accepted: " + needle));
    } catch (const Error& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.startsWith(QString::fromStdString(path)), qPrintable(msg));
        QVERIFY2(msg.contains(needle), qPrintable(msg));
        QVERIFY(!msg.contains('\n'));
    }
}

} // namespace

class TestFgovd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realBenchmarks_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("objects");
        QTest::addColumn<int>("captions");
        QTest::addColumn<QString>("histogram");
        QTest::newRow("easy") << "3_attributes" << 853 << 1299 << 10681 << "10:1299";
        QTest::newRow("pattern") << "pattern" << 321 << 467 << 2830 << "7:320 8:137 10:10";
        QTest::newRow("transparency") << "transparency" << 230 << 409 << 771 << "1:1 2:377 4:19 6:5 8:7";
    }
    void realBenchmarks()
    {
        QFETCH(QString, file);
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/" + file + ".json");
        int reports = 0;
        JobContext ctx;
        ctx.progress = [&](const ProgressEvent&) { ++reports; };
        const auto b = FgBenchmark::load(test::fixtureStd("fgovd/benchmarks/" + file + ".json"), &ctx);
        QTEST(int(b.images.size()), "images");
        QTEST(int(b.objects.size()), "objects");
        QTEST(int(b.captions.size()), "captions");
        QStringList hist;
        for (const auto& [n, count] : b.negativesHistogram())
            hist << QString("%1:%2").arg(n).arg(count);
        QTEST(hist.join(' '), "histogram");
        QVERIFY(reports > 0);
        QCOMPARE(benchmarkKey(b.name), benchmarkKey(file.toStdString()));
        // Vocabularies keep the benchmark's negative order.
        const auto& o = b.objects.front();
        const auto voc = b.vocabulary(0, 2);
        QCOMPARE(voc.size(), size_t(3));
        QCOMPARE(b.captions[voc[0]].id, o.positiveId);
        QCOMPARE(b.captions[voc[2]].id, o.negativeIds[1]);
    }

    void badInput()
    {
        QTemporaryDir dir;
        std::string good = kGood;
        expectError(writeFile(dir, "trunc.json", good.substr(0, good.size() / 2)), "invalid JSON");
        std::string noNeg = good;
        noNeg.replace(noNeg.find(", \"neg_category_ids\": [10]"), 26, "");
        expectError(writeFile(dir, "noneg.json", noNeg), "annotations[1]: missing field 'neg_category_ids'");
        std::string badCap = good;
        badCap.replace(badCap.find("[11, 12]"), 8, "[11, 99]");
        expectError(writeFile(dir, "badcap.json", badCap), "caption id 99");
        std::string badBox = good;
        badBox.replace(badBox.find("[1.5, 2, 3, 4]"), 14, "[1.5, 2, 3]");
        expectError(writeFile(dir, "badbox.json", badBox), "bbox");
        expectError((dir.path() + "/nope.json").toStdString(), "not found");
    }

    void imageRootAndCrops()
    {
        QTemporaryDir dir;
        const auto b = FgBenchmark::load(writeFile(dir, "b.json", kGood));
        QVERIFY_THROWS_EXCEPTION(Error, ImageSource((dir.path() + "/no-such-root").toStdString()));
        cv::Mat img(8, 10, CV_8UC3, cv::Scalar(10, 20, 30));
        QVERIFY(cv::imwrite((dir.path() + "/a.png").toStdString(), img));
        ImageSource src(dir.path().toStdString());
        const auto scan = src.scan(b);
        QCOMPARE(scan.present, size_t(1));
        QCOMPARE(scan.missing, size_t(1));
        QVERIFY(QString::fromStdString(scan.firstMissing[0]).endsWith("missing.png"));
        QVERIFY_THROWS_EXCEPTION(Error, src.loadRgb("missing.png"));
        const auto crop = src.loadCropRgb("a.png", b.objects[0].bbox);
        // [1.5, 2, 3, 4] -> x 1..ceil(4.5)=5, y 2..6
        QCOMPARE(crop.cols, 4);
        QCOMPARE(crop.rows, 4);
    }

    void referenceCropRule()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/crops.json");
        std::ifstream in(test::fixtureStd("clip-tiny/crops.json"));
        const auto crops = nlohmann::json::parse(in);
        QVERIFY(crops.size() >= 4);
        for (const auto& c : crops) {
            const cv::Mat img = decodeRgb(test::fixtureStd("clip-tiny/" + QString::fromStdString(c["image"].get<std::string>())));
            const auto box = c["bbox"].get<std::vector<double>>();
            const auto p = referenceCropBox({box[0], box[1], box[2], box[3]}, img.cols, img.rows);
            QCOMPARE((std::vector<int>{p.x0, p.y0, p.x1, p.y1}), c["pil_box"].get<std::vector<int>>());
        }
    }
};

QTEST_APPLESS_MAIN(TestFgovd)
#include "test_fgovd.moc"

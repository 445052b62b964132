// Projects from a user's own files through fglens-cli: `project init` from
// FG-OVD's folder layout, single files and FG-CLIP caches; `project encode`
// gives the caches `encode-benchmark` gives; `runs import-fgclip` logs a
// released head with the Mean Rank `eval --fgclip-cache` computes.
#include "testsupport.h"

#include "data/feature_cache.h"
#include "data/project.h"
#include "store/experiment_log.h"

#include <ATen/ATen.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace fglens;
using fglens::test::fixture;
using fglens::test::parseObject;
using fglens::test::runCli;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool copyTo(const QString& from, const QString& to)
{
    QDir().mkpath(QFileInfo(to).absolutePath());
    return QFile::copy(from, to);
}

// Error lines name the file first: "fglens-cli project: FILE: problem".
bool oneLineNaming(const QString& err, const QString& what)
{
    return err.trimmed().count(QLatin1Char('\n')) == 0 && err.contains(what);
}

void compareCaches(const QString& a, const QString& b)
{
    const BenchmarkCache x = loadBenchmarkCache(a.toStdString());
    const BenchmarkCache y = loadBenchmarkCache(b.toStdString());
    QVERIFY(x.objectIds.equal(y.objectIds));
    QVERIFY(x.captionIds.equal(y.captionIds));
    QCOMPARE(x.objectFeatures.sizes().vec(), y.objectFeatures.sizes().vec());
    QVERIFY(x.objectFeatures.equal(y.objectFeatures));
    QVERIFY(x.captionFeatures.equal(y.captionFeatures));
    QCOMPARE(x.identity.modelSha256, y.identity.modelSha256);
    QCOMPARE(x.identity.datasetSha256, y.identity.datasetSha256);
}

} // namespace

class TestCliProject : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    // FG-OVD's layout with the three shared benchmarks; the Pattern file
    // doubles as a training and validation set.
    QString fgovdFolder()
    {
        const QString root = tmp_.filePath("FG-OVD");
        if (QFileInfo::exists(root))
            return root;
        for (const char* f : {"3_attributes.json", "pattern.json", "transparency.json"})
            copyTo(fixture(QStringLiteral("fgovd/benchmarks/") + f), root + "/benchmarks/" + f);
        copyTo(fixture("fgovd/benchmarks/pattern.json"), root + "/training_sets/1_attributes.json");
        copyTo(fixture("fgovd/benchmarks/pattern.json"), root + "/validation_sets/1_attributes.json");
        QFile readme(root + "/benchmarks/README.json.txt");   // not a benchmark name: ignored
        readme.open(QIODevice::WriteOnly);
        return root;
    }

private Q_SLOTS:
    void initFromFgovdFolder()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        // The project is the FG-OVD folder itself: its paths are written relative.
        const QString root = fgovdFolder();
        const QString out = root;
        const auto r = runCli({"project", "init", "--fgovd", root, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject printed = parseObject(r.out);
        QCOMPARE(printed["benchmarks"].toObject().keys(), QStringList({"easy", "pattern", "transparency"}));

        const QJsonObject j = readJson(out + "/project.json");
        QCOMPARE(j["format"].toString(), QStringLiteral("fglens-project"));
        const QJsonArray benches = j["benchmarks"].toArray();
        QCOMPARE(benches.size(), 3);
        // The protocol's order, FG-OVD's names turned into the paper's keys.
        QCOMPARE(benches[0].toObject()["key"].toString(), QStringLiteral("easy"));
        QCOMPARE(benches[0].toObject()["file"].toString(), QStringLiteral("benchmarks/3_attributes.json"));
        QCOMPARE(benches[1].toObject()["key"].toString(), QStringLiteral("pattern"));
        QCOMPARE(benches[2].toObject()["key"].toString(), QStringLiteral("transparency"));
        QVERIFY(!benches[0].toObject().contains("features"));
        QCOMPARE(j["fgovd_train"].toObject()["file"].toString(), QStringLiteral("training_sets/1_attributes.json"));
        QCOMPARE(j["fgovd_val"].toObject()["file"].toString(), QStringLiteral("validation_sets/1_attributes.json"));

        // Read back by core: absolute paths that exist.
        const Project p = Project::load(out.toStdString());
        QCOMPARE(p.benchmarks.size(), size_t(3));
        QVERIFY(QFileInfo::exists(QString::fromStdString(p.benchmarks[0].file)));
        QVERIFY(p.fgovdTrain.has_value());

        // A second init refuses to overwrite, unless --force.
        const auto again = runCli({"project", "init", "--fgovd", root, "--out", out});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(oneLineNaming(again.err, out + "/project.json"), qPrintable(again.err));
        QCOMPARE(runCli({"project", "init", "--fgovd", root, "--out", out, "--force"}).exitCode, 0);
    }

    void initFromFilesInsideProject()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        // Files inside the project folder are written relative, others absolute.
        const QString out = tmp_.filePath("files");
        QVERIFY(copyTo(fixture("fgovd/benchmarks/pattern.json"), out + "/data/pattern.json"));
        QDir().mkpath(out + "/coco");
        const auto r = runCli({"project", "init", "--benchmark", out + "/data/pattern.json",
                               fixture("fgovd/benchmarks/transparency.json"), "--image-root", out + "/coco",
                               "--name", "mine", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = readJson(out + "/project.json");
        QCOMPARE(j["name"].toString(), QStringLiteral("mine"));
        QCOMPARE(j["image_root"].toString(), QStringLiteral("coco"));
        const QJsonArray benches = j["benchmarks"].toArray();
        QCOMPARE(benches[0].toObject()["file"].toString(), QStringLiteral("data/pattern.json"));
        QCOMPARE(benches[1].toObject()["file"].toString(),
                 QDir::cleanPath(QFileInfo(fixture("fgovd/benchmarks/transparency.json")).absoluteFilePath()));
    }

    void initErrors()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        const QString out = tmp_.filePath("bad");
        // Nothing to put in it: a usage error.
        QCOMPARE(runCli({"project", "init", "--out", out}).exitCode, 2);
        QCOMPARE(runCli({"project", "frobnicate"}).exitCode, 2);
        QCOMPARE(runCli({"project", "init", "--help"}).exitCode, 0);
        // Bad files: exit 1 with one line naming the file.
        const QString missing = tmp_.filePath("nope/1_attributes.json");
        auto r = runCli({"project", "init", "--benchmark", missing, "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLineNaming(r.err, missing), qPrintable(r.err));
        r = runCli({"project", "init", "--benchmark", fixture("clip-tiny/config.json"), "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLineNaming(r.err, "not named like an FG-OVD benchmark"), qPrintable(r.err));
        r = runCli({"project", "init", "--benchmark", fixture("fgovd/benchmarks/pattern.json"), "--clip",
                    fixture("clip-tiny/model.pt"), "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLineNaming(r.err, "vocabulary"), qPrintable(r.err));
        r = runCli({"project", "init", "--fgovd", tmp_.path(), "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLineNaming(r.err, "no FG-OVD files"), qPrintable(r.err));
        // The same benchmark twice is ambiguous.
        r = runCli({"project", "init", "--benchmark", fixture("fgovd/benchmarks/pattern.json"), "--benchmark",
                    fgovdFolder() + "/benchmarks/pattern.json", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFileInfo::exists(out + "/project.json"));
    }

    // The demo's pattern and transparency files and its images, without
    // features: `project encode` with the tiny CLIP gives the caches that
    // `encode-benchmark` gives, and writes them into project.json.
    void encodeEqualsEncodeBenchmark()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        const QString demo = tmp_.filePath("demo");
        auto r = runCli({"demo", "--out", demo, "--scale", "small", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Project d = Project::load(demo.toStdString());
        const QString pattern = QString::fromStdString(d.benchmark("pattern")->file);
        const QString transparency = QString::fromStdString(d.benchmark("transparency")->file);
        const QString root = QString::fromStdString(d.imageRoot);
        const QString model = fixture("clip-tiny/model.pt"), vocab = fixture("clip-tiny/bpe_simple_vocab_16e6.txt.gz");

        const QString proj = tmp_.filePath("encode");
        r = runCli({"project", "init", "--benchmark", pattern, transparency, "--image-root", root, "--clip", model,
                    "--vocab", vocab, "--out", proj});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "encode", proj, "--quiet", "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray encoded = parseObject(r.out)["encoded"].toArray();
        QCOMPARE(encoded.size(), 2);
        QCOMPARE(encoded[0].toObject()["key"].toString(), QStringLiteral("pattern"));

        const QJsonArray benches = readJson(proj + "/project.json")["benchmarks"].toArray();
        QCOMPARE(benches[0].toObject()["features"].toString(), QStringLiteral("features/pattern.safetensors"));
        QCOMPARE(benches[1].toObject()["features"].toString(), QStringLiteral("features/transparency.safetensors"));

        for (const auto& [key, file] : {std::pair{QStringLiteral("pattern"), pattern}, {"transparency", transparency}}) {
            const QString ref = tmp_.filePath("ref_" + key + ".safetensors");
            r = runCli({"encode-benchmark", "--clip", model, "--vocab", vocab, "--benchmark", file, "--image-root",
                        root, "--out", ref, "--quiet", "--device", "cpu"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            compareCaches(proj + "/features/" + key + ".safetensors", ref);
        }
        // Nothing left to encode; the project now evaluates.
        r = runCli({"project", "encode", proj, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(parseObject(r.out)["encoded"].toArray().size(), 0);
        r = runCli({"eval", "--project", proj, "--head", "cosine"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(parseObject(r.out)["mean_rank"].toObject().contains("transparency"));
    }

    void encodeWithoutCheckpointFails()
    {
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        const QString proj = tmp_.filePath("noclip");
        QCOMPARE(runCli({"project", "init", "--benchmark", fixture("fgovd/benchmarks/pattern.json"), "--out", proj})
                     .exitCode,
                 0);
        const auto r = runCli({"project", "encode", proj});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLineNaming(r.err, "--clip"), qPrintable(r.err));
    }

    // FG-CLIP users: the cache as the project's features, a released head
    // imported as a run with the Mean Rank `eval --fgclip-cache` gives.
    void fgclipCacheAndReleasedHead()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        FGLENS_REQUIRE_FIXTURE("fgclip-checkpoints/fg-ovd_linear-mlp.pt");
        const QString cache = fixture("fgclip-cache/pattern.pt");
        const QString head = fixture("fgclip-checkpoints/fg-ovd_linear-mlp.pt");
        const QString warm = fixture("fgclip-checkpoints/triplet_linear-mlp_te-freezed.pt");
        // Alone (the cache is the benchmark) and beside the benchmark JSON.
        const QString alone = tmp_.filePath("fgclip"), withJson = tmp_.filePath("fgclip-json");
        auto r = runCli({"project", "init", "--fgclip-cache", "pattern=" + cache, "--out", alone});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"project", "init", "--benchmark", fixture("fgovd/benchmarks/pattern.json"), "--fgclip-cache",
                    cache, "--out", withJson});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(parseObject(r.out)["benchmarks"].toObject()["pattern"].toObject()["features"].toString(), cache);

        for (const QString& h : {head, warm}) {
            // The one-sided heads are not "linear": the kind that the file holds is the one eval accepts.
            for (const char* kind : {"linear", "linear-visual", "linear-text"}) {
                r = runCli({"eval", "--fgclip-cache", cache, "--negatives", "7", "--head", kind, "--weights", h});
                if (r.exitCode == 0)
                    break;
            }
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const double expected = parseObject(r.out)["mean_rank"].toDouble();
            for (const QString& proj : {alone, withJson}) {
                const QString log = proj + "/experiments.sqlite";
                r = runCli({"runs", "import-fgclip", h, "--project", proj, "--log", log});
                QVERIFY2(r.exitCode == 0, qPrintable(r.err));
                const QJsonObject run = parseObject(r.out)["runs"].toArray()[0].toObject();
                const double got = run["result"].toObject()["mean_rank"].toObject()["pattern"].toDouble();
                QCOMPARE(got, expected);
                QCOMPARE(run["stage"].toString(), h == warm ? QStringLiteral("warmup") : QStringLiteral("finetune"));

                // The log holds it like any run, with the file's hash.
                ExperimentLog l(log.toStdString());
                const auto rec = l.run(run["run"].toInteger());
                QVERIFY(rec.has_value());
                QCOMPARE(rec->status, RunStatus::Finished);
                const QJsonObject config = parseObject(QString::fromStdString(rec->configJson));
                QCOMPARE(config["weights_sha256"].toString(), run["sha256"].toString());
                QCOMPARE(run["sha256"].toString().size(), 64);
                QCOMPARE(l.finalMetrics(rec->id).at("mean_rank/pattern"), expected);
            }
        }
        // A project without features cannot score a head: one clear line.
        const QString bare = tmp_.filePath("bare");
        QCOMPARE(runCli({"project", "init", "--benchmark", fixture("fgovd/benchmarks/pattern.json"), "--out", bare})
                     .exitCode,
                 0);
        r = runCli({"runs", "import-fgclip", head, "--project", bare});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLineNaming(r.err, "feature cache"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliProject)
#include "test_cli_project.moc"

// Detector predictions: the safe unpickler on NumPy data (protocols 2 to 5,
// NumPy 1 and 2 names, refusal of every other global, limits a hostile file
// cannot pass), FG-OVD's pickles and the same as JSON, and ranks exactly as
// FG-OVD's ranks.py gives them on the shared fixtures; the Q1 table.
#include "testsupport.h"

#include "common/error.h"
#include "data/detector_predictions.h"
#include "data/fgovd.h"
#include "data/torch_pickle.h"
#include "eval/detector_q1.h"
#include "eval/detector_ranks.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace fglens;
using namespace std::string_literals;

namespace {

// Runs a Python snippet with Debian's python3 (numpy from python3-numpy).
// The pickles these tests read are written by NumPy itself, so a missing
// NumPy fails the test rather than skipping it.
QString python(const QString& script, const QStringList& args = {})
{
    QProcess py;
    py.start("/usr/bin/python3", QStringList{"-c", script} + args);
    if (!py.waitForFinished(120000)) {
        py.kill();
        py.waitForFinished();
    }
    const QString err = QString::fromUtf8(py.readAllStandardError());
    if (py.exitStatus() != QProcess::NormalExit || py.exitCode() != 0)
        throw std::runtime_error(("python3 failed (is python3-numpy installed?): " + err).toStdString());
    return QString::fromUtf8(py.readAllStandardOutput());
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

PyRef unpickleBytes(const std::string& bytes)
{
    return unpickle("test.pkl", bytes, [](const std::string&) -> std::string { fail("test.pkl", "no storages"); });
}

// Expects `f` to throw fglens::Error whose text contains every needle.
template <typename F>
void expectError(F&& f, const QStringList& needles)
{
    try {
        f();
    } catch (const Error& e) {
        const QString what = QString::fromStdString(e.what());
        for (const auto& n : needles)
            QVERIFY2(what.contains(n), qPrintable(what + "  lacks  " + n));
        QVERIFY2(!what.contains('\n'), qPrintable(what));
        return;
    }
    QFAIL(qPrintable("no error; expected " + needles.join(", ")));
}

const char* kNumpyScript = R"PY(
import sys, pickle, numpy as np
proto = int(sys.argv[2])
data = {
    'f4': np.array([1.5, -2.25, 3.0e-3], dtype=np.float32),
    'f8_2d': np.arange(6, dtype=np.float64).reshape(2, 3) / 7,
    'f8_fortran': np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
    'big_endian': np.array([1, 256, 65535], dtype='>i4'),
    'i8': np.array([-(2**40), 7], dtype=np.int64),
    'u1': np.array([0, 255], dtype=np.uint8),
    'bool': np.array([True, False, True]),
    'f2': np.array([0.5, -1.0, 65504.0, 6.0e-8], dtype=np.float16),
    'empty': np.zeros((0, 4), dtype=np.float32),
    'scalar_f4': np.float32(0.1),
    'scalar_i8': np.int64(-5),
    'scalar_bool': np.bool_(True),
    'zero_d': np.array(2.5),
}
blob = pickle.dumps(data, protocol=proto)
if sys.argv[3] == 'numpy2':
    # NumPy 2 writes numpy._core; protocol 2's GLOBAL lines can be renamed in place.
    blob = blob.replace(b'cnumpy.core.multiarray\n', b'cnumpy._core.multiarray\n')
    assert b'numpy._core.multiarray' in blob
open(sys.argv[1], 'wb').write(blob)
)PY";

const char* kEvilScript = R"PY(
import sys, os, pickle
marker = sys.argv[2]
class System:
    def __reduce__(self): return (os.system, ('touch ' + marker,))
class Eval:
    def __reduce__(self): return (eval, ("open(%r, 'w').close()" % marker,))
class Posix:
    def __reduce__(self):
        import posix
        return (posix.system, ('touch ' + marker,))
for name, obj in (('system', System()), ('eval', Eval()), ('posix', Posix())):
    for proto in (2, 4, 5):
        open('%s/%s_%d.pkl' % (sys.argv[1], name, proto), 'wb').write(pickle.dumps([{'boxes': obj}], protocol=proto))
)PY";

DetectorObjectRank rankOf(const DetectorRanks& r, int64_t id)
{
    for (const auto& o : r.objects)
        if (o.annotationId == id)
            return o;
    throw std::runtime_error("object not ranked");
}

} // namespace

class TestDetectors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void numpyArraysAllProtocols()
    {
        QTemporaryDir dir;
        for (const char* names : {"numpy1", "numpy2"})
            for (int proto : {2, 3, 4, 5}) {
                if (std::string(names) == "numpy2" && proto != 2)
                    continue;
                const QString path = dir.path() + QString("/np_%1_%2.pkl").arg(names).arg(proto);
                python(kNumpyScript, {path, QString::number(proto), names});
                const PyRef root = loadPickleFile(path.toStdString());
                QCOMPARE(root->type, PyValue::Type::Dict);
                auto arr = [&](const char* key) -> const NumpyArray& {
                    const PyValue* v = root->get(key);
                    if (!v || v->type != PyValue::Type::Array || !v->array)
                        throw std::runtime_error(std::string("no array ") + key);
                    return *v->array;
                };
                QCOMPARE(arr("f4").dtypeName(), std::string("float32"));
                QCOMPARE(arr("f4").values(), (std::vector<double>{1.5, -2.25, double(3.0e-3f)}));
                QCOMPARE(arr("f8_2d").shape, (std::vector<int64_t>{2, 3}));
                QCOMPARE(arr("f8_2d").at(5), 5.0 / 7);
                // Fortran order comes back in C order.
                QCOMPARE(arr("f8_fortran").values(), (std::vector<double>{0, 1, 2, 3, 4, 5}));
                QCOMPARE(arr("big_endian").values(), (std::vector<double>{1, 256, 65535}));
                QCOMPARE(arr("i8").values(), (std::vector<double>{-1099511627776.0, 7}));
                QCOMPARE(arr("u1").values(), (std::vector<double>{0, 255}));
                QCOMPARE(arr("bool").dtypeName(), std::string("bool"));
                QCOMPARE(arr("bool").values(), (std::vector<double>{1, 0, 1}));
                QCOMPARE(arr("f2").values(), (std::vector<double>{0.5, -1.0, 65504.0, 5.9604644775390625e-08}));
                QCOMPARE(arr("empty").shape, (std::vector<int64_t>{0, 4}));
                QVERIFY(arr("zero_d").shape.empty());
                QCOMPARE(arr("zero_d").at(0), 2.5);
                const PyValue* s = root->get("scalar_f4");
                QVERIFY(s->isNumber());
                QCOMPARE(s->number(), double(0.1f));
                QCOMPARE(root->get("scalar_i8")->number(), -5.0);
                QCOMPARE(root->get("scalar_bool")->number(), 1.0);
            }
    }

    void refusesForeignGlobalsRunsNothing()
    {
        QTemporaryDir dir;
        const QString marker = dir.path() + "/ran";
        python(kEvilScript, {dir.path(), marker});
        int files = 0;
        for (const char* name : {"system", "eval", "posix"})
            for (int proto : {2, 4, 5}) {
                const std::string path = (dir.path() + QString("/%1_%2.pkl").arg(name).arg(proto)).toStdString();
                ++files;
                expectError([&] { loadDetectorPredictions(path); },
                            {QString::fromStdString(path), "refuses to load global",
                             // protocol 2 spells builtins as __builtin__
                             std::string(name) == "eval" ? ".eval'" : "'posix.system'"});
            }
        QCOMPARE(files, 9);
        QVERIFY2(!QFileInfo::exists(marker), "a refused pickle ran code");
    }

    void refusesForeignNumpyUse()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/obj.pkl";
        // An object array and a structured dtype: neither is plain numbers.
        python("import sys, pickle, numpy as np\n"
               "open(sys.argv[1] + '.o', 'wb').write(pickle.dumps(np.array([1, 'a'], dtype=object), protocol=4))\n"
               "open(sys.argv[1] + '.s', 'wb').write(pickle.dumps(np.zeros(2, dtype=[('a', 'f4')]), protocol=4))\n"
               "open(sys.argv[1] + '.u', 'wb').write(pickle.dumps(np.array(['x']), protocol=4))\n",
               {path});
        expectError([&] { loadPickleFile((path + ".o").toStdString()); }, {"numpy dtype 'O8'"});
        expectError([&] { loadPickleFile((path + ".s").toStdString()); }, {"not supported"});
        expectError([&] { loadPickleFile((path + ".u").toStdString()); }, {"numpy dtype 'U1'"});
    }

    void arrayDataMustMatchShape()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/lies.pkl";
        python("import sys, pickle, numpy as np\n"
               "from numpy.core.multiarray import _reconstruct\n"
               "class Liar:\n"
               "    def __init__(self, shape, data): self.shape, self.data = shape, data\n"
               "    def __reduce__(self):\n"
               "        return (_reconstruct, (np.ndarray, (0,), b'b'), (1, self.shape, np.dtype('f4'), False, self.data))\n"
               "open(sys.argv[1] + '.short', 'wb').write(pickle.dumps(Liar((1000000,), b'\\0' * 8), protocol=4))\n"
               "open(sys.argv[1] + '.huge', 'wb').write(pickle.dumps(Liar((1 << 62, 1 << 62), b''), protocol=4))\n"
               "open(sys.argv[1] + '.neg', 'wb').write(pickle.dumps(Liar((-1,), b''), protocol=4))\n",
               {path});
        expectError([&] { loadPickleFile((path + ".short").toStdString()); }, {"lies.pkl.short", "(1000000,)", "holds 8"});
        expectError([&] { loadPickleFile((path + ".huge").toStdString()); }, {"overflows"});
        expectError([&] { loadPickleFile((path + ".neg").toStdString()); }, {"negative dimension"});
    }

    void hostileStreamsHitLimits()
    {
        // Declared lengths far past the end: refused before any allocation.
        expectError([] { unpickleBytes("\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\x7f"s); }, {"longer than the rest"});
        expectError([] { unpickleBytes("\x80\x04\x95\xff\xff\xff\xff\xff\xff\xff\xff"s); }, {"frame longer"});
        expectError([] { unpickleBytes("\x80\x05\x96\x00\x00\x00\x00\x00\x00\x00\x80"s); }, {"longer than the rest"});
        expectError([] { unpickleBytes("\x80\x06N."s); }, {"protocol 6"});
        // Nesting: 5000 lists inside one another.
        expectError([] { unpickleBytes("\x80\x02"s + std::string(5000, ']') + std::string(4999, 'a') + "."); },
                    {"nesting deeper than 1000"});
        // A list inside itself, and a list changed after it was nested.
        expectError([] { unpickleBytes("\x80\x02]q\x00" "h\x00" "a."s); }, {"contains itself"});
        expectError([] { unpickleBytes("\x80\x02]q\x00" "]h\x00" "ah\x00" "K\x01" "a."s); }, {"changed after it was nested"});
        // Shared references: 200 copies of 200 copies of ... 255 bytes.
        std::string laughs = "\x80\x02"s + "C\xff"s + std::string(255, 'x') + "q\x00"s;
        for (int level = 0; level < 4; ++level) {
            laughs += "](";
            for (int i = 0; i < 200; ++i)
                laughs += "h"s + char(level);
            laughs += "eq"s + char(level + 1);
        }
        laughs += ".";
        expectError([&] { unpickleBytes(laughs); }, {"expand the data"});
        // Every prefix of a real pickle fails cleanly.
        FGLENS_REQUIRE_FIXTURE("detector/transparency.pkl");
        const std::string real = readFile(test::fixtureStd("detector/transparency.pkl"));
        for (size_t cut : {size_t(1), size_t(2), size_t(11), size_t(100), real.size() / 3, real.size() - 1})
            QVERIFY_THROWS_EXCEPTION(Error, unpickleBytes(real.substr(0, cut)));
    }

    void nmsFollowsTorchvision()
    {
        // IoU exactly 0.5 is kept (strictly above suppresses); ties keep file order.
        const std::vector<std::array<float, 4>> boxes = {{0, 0, 1, 1}, {0, 0, 2, 1}, {0, 0, 1, 1}, {5, 5, 6, 6}};
        QCOMPARE(nmsKeep(boxes, {0.5f, 0.9f, 0.5f, 0.7f}, 0.5), (std::vector<size_t>{1, 3, 0}));
        QCOMPARE(nmsKeep(boxes, {0.5f, 0.9f, 0.5f, 0.7f}, 0.49), (std::vector<size_t>{1, 3}));
        QCOMPARE(nmsKeep({}, {}, 0.5), std::vector<size_t>{});
    }

    void handComputedRanks()
    {
        // One image, two objects with caption 1 (box [0,0,10,10] and [20,0,10,10]),
        // one with caption 2, one with too few negatives.
        FgBenchmark b;
        b.path = "hand.json";
        b.images = {{1, "val2017/a.jpg", 100, 100}};
        b.captions = {{1, "p1"}, {2, "p2"}, {3, "n1"}, {4, "n2"}};
        FgObject o;
        o.imageId = 1;
        o.id = 10, o.bbox = {0, 0, 10, 10}, o.positiveId = 1, o.negativeIds = {3, 4};
        b.objects.push_back(o);
        o.id = 11, o.bbox = {20, 0, 10, 10};
        b.objects.push_back(o);
        o.id = 12, o.bbox = {50, 50, 10, 10}, o.positiveId = 2;
        b.objects.push_back(o);
        o.id = 13, o.negativeIds = {3};
        b.objects.push_back(o);
        b.link();

        DetectorPredictions p;
        p.path = "hand.pkl";
        DetectorGroup g;
        g.imageFile = "val2017/a.jpg";
        g.categoryId = 1;
        g.vocabulary = {1, 3, 4};
        // Boxes 0 and 2 both overlap object 10 by 0.6 and each other by 0.2, so
        // both survive the first NMS; box 1 overlaps box 0 by 59/60 and does
        // not. The match is the highest-scoring box the object's box
        // suppresses: box 2, though listed last. Object 11 overlaps nothing.
        g.boxes = {{0, 0, 10, 6}, {0, 0, 10, 5.9f}, {0, 4, 10, 10}};
        g.scores = {0.5f, 0.4f, 0.6f};
        g.totalScores = {0.5f, 0.5f, 0.1f,    // tie with the positive: rank 2
                         0.9f, 0.1f, 0.1f,    // suppressed, never used
                         0.6f, 0.7f, 0.6f};   // rank 3: ties count against the positive
        p.groups.push_back(g);
        const auto r = rankDetector(b, p, 2);
        QCOMPARE(r.objects.size(), size_t(2));   // object 12 has no group, 13 too few negatives
        const auto a = rankOf(r, 10);
        QVERIFY(a.matched);
        QCOMPARE(a.rank, 3);
        QCOMPARE(a.box, (std::array<float, 4>{0, 4, 10, 10}));
        QCOMPARE(a.scores, (std::vector<float>{0.6f, 0.7f, 0.6f}));
        const auto u = rankOf(r, 11);
        QVERIFY(!u.matched);
        QCOMPARE(u.rank, 3);
        QCOMPARE(u.scores, (std::vector<float>{0, 0, 0}));
        QCOMPARE(r.unmatched, int64_t(1));
        QCOMPARE(*r.meanRank, 3.0);
        QCOMPARE(*r.medianRank, 3);
        QVERIFY(!r.medianRankFgovd);   // sorted[n/2 + 1] does not exist for n = 2

        // Without box 2 the match is box 0, which ties: rank 2.
        p.groups[0].boxes.pop_back();
        p.groups[0].scores.pop_back();
        p.groups[0].totalScores.resize(6);
        QCOMPARE(rankOf(rankDetector(b, p, 2), 10).rank, 2);
        // At N = 1 the vocabulary is cut to two captions: 0.5 >= 0.5 still ties.
        QCOMPARE(rankOf(rankDetector(b, p, 1), 10).scores, (std::vector<float>{0.5f, 0.5f}));

        // A prediction scoring 1 ties the object's box and is visited first
        // (stable order), so ranks.py drops it as if it were the object's box
        // and takes it for the match; its own assertion then stops it unless
        // that box covers the object. Object 11 lies elsewhere: an error.
        p.groups[0].scores = {1.0f, 0.4f};
        p.groups[0].boxes = {{0, 0, 10, 10}, {30, 30, 39, 39}};
        expectError([&] { rankDetector(b, p, 2); }, {"hand.pkl", "group 0", "object 11", "assertion"});
        // With object 11 under that box too, both objects match it.
        FgBenchmark moved = b;
        moved.objects[1].bbox = {0, 0, 10, 10};
        const auto both = rankDetector(moved, p, 2);
        QCOMPARE(rankOf(both, 10).box, (std::array<float, 4>{0, 0, 10, 10}));
        QCOMPARE(rankOf(both, 11).box, (std::array<float, 4>{0, 0, 10, 10}));
        p.groups[0].scores = {0.9f, 0.4f};

        // Bad groups name the file and the group.
        p.groups[0].vocabulary = {1, 3};
        expectError([&] { rankDetector(b, p, 2); }, {"hand.pkl", "group 0 (val2017/a.jpg)", "vocabulary has 2"});
        p.groups[0].vocabulary = {1, 3, 4};
        p.groups[0].imageFile = "val2017/elsewhere.jpg";
        expectError([&] { rankDetector(b, p, 2); }, {"hand.pkl", "group 0 (val2017/elsewhere.jpg)", "not an image of"});
    }

    void fixtureRanksMatchFgovd_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("negatives");
        QTest::newRow("3_attributes") << "3_attributes" << 10;
        QTest::newRow("pattern") << "pattern" << 7;
        QTest::newRow("transparency") << "transparency" << 2;
    }

    void fixtureRanksMatchFgovd()
    {
        QFETCH(QString, name);
        QFETCH(int, negatives);
        FGLENS_REQUIRE_FIXTURE("detector/" + name + ".pkl");
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/" + name + ".json");
        const auto b = FgBenchmark::load(test::fixtureStd("fgovd/benchmarks/" + name + ".json"));
        const auto p = loadDetectorPredictions(test::fixtureStd("detector/" + name + ".pkl"));
        const auto expected = nlohmann::json::parse(readFile(test::fixtureStd("detector/" + name + ".expected.json")));
        QCOMPARE(int(p.groups.size()), expected["groups"].get<int>());
        QCOMPARE(expected["negatives"].get<int>(), negatives);
        const auto r = rankDetector(b, p, negatives);
        QCOMPARE(int64_t(r.objects.size()), expected["objects"].get<int64_t>());
        QCOMPARE(r.unmatched, expected["unmatched"].get<int64_t>());
        QVERIFY(std::abs(*r.meanRank - expected["mean_rank"].get<double>()) < 1e-9);
        QCOMPARE(*r.medianRank, expected["median_rank"].get<int>());
        QCOMPARE(*r.medianRankFgovd, expected["median_rank_fgovd"].get<int>());
        QCOMPARE(r.objects.size(), expected["ranks"].size());
        for (const auto& o : r.objects) {
            const std::string id = std::to_string(o.annotationId);
            QVERIFY2(expected["ranks"].contains(id), id.c_str());
            QCOMPARE(o.rank, expected["ranks"][id].get<int>());
            QCOMPARE(int(o.scores.size()), negatives + 1);
            QCOMPARE(o.matched, o.box != (std::array<float, 4>{}));
        }
    }

    void jsonPredictionsRankAlike()
    {
        FGLENS_REQUIRE_FIXTURE("detector/pattern.pkl");
        QTemporaryDir dir;
        const QString json = dir.path() + "/pattern.json";
        // The same groups with lists in place of arrays (float32 values widened exactly).
        python("import sys, json, pickle, numpy as np\n"
               "groups = pickle.load(open(sys.argv[1], 'rb'))\n"
               "def plain(v):\n"
               "    if isinstance(v, (list, tuple)): return [plain(x) for x in v]\n"
               "    if isinstance(v, (np.ndarray, np.generic)): return v.tolist()\n"
               "    return v\n"
               "json.dump([{k: plain(v) for k, v in g.items()} for g in groups], open(sys.argv[2], 'w'))\n",
               {test::fixture("detector/pattern.pkl"), json});
        const auto b = FgBenchmark::load(test::fixtureStd("fgovd/benchmarks/pattern.json"));
        const auto fromPickle = rankDetector(b, loadDetectorPredictions(test::fixtureStd("detector/pattern.pkl")), 7);
        const auto fromJson = rankDetector(b, loadDetectorPredictions(json.toStdString()), 7);
        QCOMPARE(fromJson.objects.size(), fromPickle.objects.size());
        for (size_t i = 0; i < fromJson.objects.size(); ++i) {
            QCOMPARE(fromJson.objects[i].annotationId, fromPickle.objects[i].annotationId);
            QCOMPARE(fromJson.objects[i].rank, fromPickle.objects[i].rank);
            QCOMPARE(fromJson.objects[i].scores, fromPickle.objects[i].scores);
            QCOMPARE(fromJson.objects[i].box, fromPickle.objects[i].box);
        }
    }

    void badGroupsNameFileAndGroup()
    {
        FGLENS_REQUIRE_FIXTURE("detector/pattern.pkl");
        QTemporaryDir dir;
        // Each case spoils group 5 of the real file in one way.
        python("import sys, pickle, numpy as np\n"
               "src, out = sys.argv[1], sys.argv[2]\n"
               "def spoil(name, f):\n"
               "    groups = pickle.load(open(src, 'rb'))\n"
               "    f(groups[5])\n"
               "    pickle.dump(groups, open('%s/%s.pkl' % (out, name), 'wb'), protocol=4)\n"
               "spoil('no_total', lambda g: g.pop('total_scores'))\n"
               "spoil('row_length', lambda g: g['total_scores'].__setitem__(1, g['total_scores'][1][:-1]))\n"
               "spoil('nan_score', lambda g: g['scores'].__setitem__(2, np.float32('nan')))\n"
               "spoil('nan_total', lambda g: g['total_scores'][0].__setitem__(3, np.nan))\n"
               "spoil('box_shape', lambda g: g['boxes'].__setitem__(0, g['boxes'][0][:3]))\n",
               {test::fixture("detector/pattern.pkl"), dir.path()});
        auto path = [&](const char* n) { return (dir.path() + "/" + n + ".pkl").toStdString(); };
        expectError([&] { loadDetectorPredictions(path("no_total")); }, {"no_total.pkl", "group 5 (val2017/", "no 'total_scores'"});
        expectError([&] { loadDetectorPredictions(path("row_length")); }, {"group 5 (", "total_scores"});
        expectError([&] { loadDetectorPredictions(path("nan_score")); }, {"group 5 (", "'scores' holds NaN"});
        expectError([&] { loadDetectorPredictions(path("nan_total")); }, {"group 5 (", "'total_scores' holds NaN"});
        expectError([&] { loadDetectorPredictions(path("box_shape")); }, {"group 5 (", "'boxes'"});
    }

    void q1HandComputed()
    {
        auto res = [](const char* b, int64_t id, int rank, bool box) {
            ObjectResult r{b, id, rank, {}};
            if (box)
                r.box = std::array<float, 4>{0, 0, 1, 1};
            return r;
        };
        const std::vector<ObjectResult> det = {
            res("pattern", 1, 1, true),    // right
            res("pattern", 2, 3, true),    // wrong, CLIP wrong
            res("pattern", 3, 8, false),   // unmatched, CLIP right
            res("pattern", 4, 8, false),   // unmatched, CLIP wrong
            res("pattern", 5, 2, true),    // wrong, CLIP right
            res("pattern", 6, 2, true),    // no CLIP result
            res("easy", 7, 11, false),     // unmatched, CLIP wrong
            res("zeta", 8, 1, true),
        };
        const std::vector<ObjectResult> clip = {
            res("pattern", 1, 2, false), res("pattern", 2, 2, false), res("pattern", 3, 1, false),
            res("pattern", 4, 5, false), res("pattern", 5, 1, false), res("easy", 7, 4, false),
            res("zeta", 8, 1, false),     res("easy", 99, 3, false),
        };
        const auto rows = detectorQ1(det, clip);
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(rows[0].benchmark, std::string("easy"));       // the paper's order first
        QCOMPARE(rows[1].benchmark, std::string("pattern"));
        QCOMPARE(rows[2].benchmark, std::string("zeta"));       // then the rest
        QCOMPARE(rows[1].objects, int64_t(5));
        QCOMPARE(rows[1].detectorWrong, int64_t(4));
        QCOMPARE(rows[1].clipAlsoWrong, int64_t(2));
        QCOMPARE(rows[1].unmatched, int64_t(2));
        QCOMPARE(rows[1].withoutClip, int64_t(1));
        QCOMPARE(rows[0].detectorWrong, int64_t(1));
        QCOMPARE(rows[0].clipAlsoWrong, int64_t(1));
        QCOMPARE(rows[0].unmatched, int64_t(1));
        QCOMPARE(rows[2].detectorWrong, int64_t(0));
        QCOMPARE(QString::fromStdString(q1Csv(rows)).split('\n')[2], QString("pattern,5,4,2,2,1"));
        const QString latex = QString::fromStdString(q1Latex(rows, "OWL B/16"));
        QVERIFY(latex.contains("pattern & 5 & 4 & 2 (50.0\\%) & 2 (50.0\\%) \\\\"));
        const auto j = nlohmann::json::parse(q1Json(rows, 3, 1));
        QCOMPARE(j["benchmarks"]["pattern"]["clip_also_wrong"].get<int>(), 2);
    }
};

QTEST_APPLESS_MAIN(TestDetectors)
#include "test_detectors.moc"

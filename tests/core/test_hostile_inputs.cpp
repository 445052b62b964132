// Hostile files against every reader of outside bytes that has a limit: each
// must fail with one line naming the file, quickly and without allocating what
// the file merely claims (npy shapes, safetensors ranges, JSON nesting, image
// pixel counts, gzip size, invalid UTF-8). Needs no fixture, except the
// tokenizer's encode check (CLIP's BPE vocabulary).
#include "testsupport.h"

#include "clip/tokenizer.h"
#include "common/error.h"
#include "common/utf8.h"
#include "data/coco_captions.h"
#include "data/fgovd.h"
#include "data/image_limits.h"
#include "data/image_source.h"
#include "data/npy.h"
#include "data/project.h"
#include "data/safetensors.h"

#include <QElapsedTimer>

#include <torch/torch.h>
#include <zlib.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>

using namespace fglens;

namespace {

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& bytes)
{
    const std::string path = (dir.path() + "/" + name).toStdString();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

// Runs `read`, which must throw fglens::Error: one line, naming `path`,
// containing `needle`, within two seconds (no huge allocation or loop).
void expectRefused(const std::string& path, const std::function<void()>& read, const QString& needle)
{
    QElapsedTimer t;
    t.start();
    try {
        read();
        QFAIL(qPrintable("accepted: " + QString::fromStdString(path)));
    } catch (const Error& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.startsWith(QString::fromStdString(path)), qPrintable(msg));
        QVERIFY2(msg.contains(needle, Qt::CaseInsensitive), qPrintable(msg + " lacks " + needle));
        QVERIFY2(!msg.contains('\n'), qPrintable(msg));
    }
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString("took %1 ms").arg(t.elapsed())));
}

std::string npyBytes(const std::string& header, int version = 1, size_t dataBytes = 0)
{
    std::string h = header;
    const size_t pre = version == 1 ? 10 : 12;
    h.append((64 - (pre + h.size() + 1) % 64) % 64, ' ');
    h += '\n';
    std::string out("\x93NUMPY", 6);
    out += static_cast<char>(version);
    out += '\0';
    const uint32_t len = static_cast<uint32_t>(h.size());
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>((len >> 8) & 0xff);
    if (version != 1) {
        out += static_cast<char>((len >> 16) & 0xff);
        out += static_cast<char>((len >> 24) & 0xff);
    }
    return out + h + std::string(dataBytes, '\0');
}

std::string safetensorsBytes(const std::string& header, size_t dataBytes = 0)
{
    std::string out;
    const uint64_t len = header.size();
    for (int i = 0; i < 8; ++i)
        out += static_cast<char>((len >> (8 * i)) & 0xff);
    return out + header + std::string(dataBytes, '\0');
}

std::string nested(int depth, const std::string& inner = "1")
{
    return std::string(static_cast<size_t>(depth), '[') + inner + std::string(static_cast<size_t>(depth), ']');
}

std::string pngHeader(uint32_t w, uint32_t h)
{
    std::string s("\x89PNG\r\n\x1a\n", 8);
    s += std::string("\0\0\0\x0d", 4) + "IHDR";
    for (uint32_t v : {w, h})
        for (int i = 3; i >= 0; --i)
            s += static_cast<char>((v >> (8 * i)) & 0xff);
    s += std::string("\x08\x02\0\0\0", 5);   // 8-bit RGB
    s += std::string(4, '\0');               // CRC (not checked before the size)
    return s + std::string(64, '\0');
}

} // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void npyDeclaredSizes()
    {
        QTemporaryDir dir;
        auto read = [](const std::string& p) { return [p] { readNpy(p); }; };
        // A tiny file claiming 2^40 floats is refused before allocating them.
        std::string p = writeFile(dir, "huge.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776,), }"));
        expectRefused(p, read(p), "needs more than");
        p = writeFile(dir, "overflow.npy",
                      npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }"));
        expectRefused(p, read(p), "shape");
        p = writeFile(dir, "negative.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 3), }", 1, 12));
        expectRefused(p, read(p), "shape");
        p = writeFile(dir, "garbage_shape.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", 1, 64));
        expectRefused(p, read(p), "shape");
        p = writeFile(dir, "digits.npy",
                      npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999999,), }"));
        expectRefused(p, read(p), "too large");
        // A version-2 header length of 4 GiB on a 100-byte file.
        std::string v2 = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 2, 4);
        v2[8] = v2[9] = v2[10] = v2[11] = '\xff';
        p = writeFile(dir, "header4g.npy", v2);
        expectRefused(p, read(p), "header");
        p = writeFile(dir, "bigendian.npy", npyBytes("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 1, 4));
        expectRefused(p, read(p), "big-endian");
        p = writeFile(dir, "object.npy", npyBytes("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 1, 8));
        expectRefused(p, read(p), "unsupported dtype");
        p = writeFile(dir, "short.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", 1, 47));
        expectRefused(p, read(p), "truncated");
        // A header of a megabyte of 'descr' text (std::regex would recurse on it).
        p = writeFile(dir, "longdescr.npy", npyBytes("{'descr': '" + std::string(60000, 'f') + "', }", 2));
        expectRefused(p, read(p), "descr");

        // Still fine: an exact file and an empty array with a huge other side.
        p = writeFile(dir, "ok.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", 1, 48));
        QCOMPARE(readNpy(p).shape, (std::vector<int64_t>{3, 4}));
        p = writeFile(dir, "empty.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1099511627776), }"));
        QCOMPARE(readNpy(p).elementCount(), int64_t(0));
        p = writeFile(dir, "scalar.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (), }", 1, 8));
        QCOMPARE(readNpy(p).shape.size(), size_t(0));
        // Round trip through the writer.
        const auto t = torch::arange(12, torch::kFloat32).view({3, 4});
        saveNpyTensor((dir.path() + "/rt.npy").toStdString(), t);
        QVERIFY(torch::equal(loadNpyTensor((dir.path() + "/rt.npy").toStdString()), t));
    }

    void safetensorsDeclaredSizes()
    {
        QTemporaryDir dir;
        auto read = [](const std::string& p) { return [p] { readSafeTensors(p); }; };
        std::string p = writeFile(dir, "huge_shape.safetensors",
                                  safetensorsBytes(R"({"a":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,8]}})", 8));
        expectRefused(p, read(p), "bytes for shape");
        p = writeFile(dir, "negative.safetensors",
                      safetensorsBytes(R"({"a":{"dtype":"F32","shape":[-2,-1],"data_offsets":[0,8]}})", 8));
        expectRefused(p, read(p), "negative");
        p = writeFile(dir, "outside.safetensors",
                      safetensorsBytes(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8));
        expectRefused(p, read(p), "outside the file");
        p = writeFile(dir, "deep.safetensors", safetensorsBytes(R"({"a":)" + nested(100000) + "}"));
        expectRefused(p, read(p), "nested deeper");
        std::string big = safetensorsBytes("{}");
        for (int i = 0; i < 8; ++i)
            big[i] = '\x7f';
        p = writeFile(dir, "header_len.safetensors", big);
        expectRefused(p, read(p), "header length");
        p = writeFile(dir, "dtype.safetensors", safetensorsBytes(R"({"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", 16));
        expectRefused(p, read(p), "unsupported dtype");
        p = writeFile(dir, "entry.safetensors", safetensorsBytes(R"({"a":{"dtype":"F32","shape":"x","data_offsets":[0,4]}})", 4));
        expectRefused(p, read(p), "malformed");

        p = writeFile(dir, "ok.safetensors", safetensorsBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 8));
        QCOMPARE(readSafeTensors(p).tensors.at("a").numel(), int64_t(2));
        p = writeFile(dir, "empty.safetensors",
                      safetensorsBytes(R"({"a":{"dtype":"F32","shape":[0,1099511627776],"data_offsets":[0,0]}})"));
        QCOMPARE(readSafeTensors(p).tensors.at("a").numel(), int64_t(0));
    }

    void jsonNesting()
    {
        QTemporaryDir dir;
        // simdjson readers (FG-OVD, COCO captions) stop at depth 1024.
        std::string p = writeFile(dir, "deep_fgovd.json", R"({"images": )" + nested(100000) + "}");
        expectRefused(p, [p] { FgBenchmark::load(p); }, "invalid JSON");
        p = writeFile(dir, "deep_coco.json", R"({"images": [{"sentences": )" + nested(100000) + "}]}");
        expectRefused(p, [p] { loadCaptionSet(p); }, "invalid JSON");
        // nlohmann readers (project.json) stop at depth kMaxJsonDepth.
        QDir().mkpath(dir.path() + "/proj");
        p = writeFile(dir, "proj/project.json",
                      R"({"format": "fglens-project", "version": )" + nested(200000) + R"(, "benchmarks": []})");
        expectRefused(p, [p] { Project::load(p); }, "nested deeper");
        // Wrong types are one clear line, not a library exception.
        p = writeFile(dir, "proj/project.json", R"({"format": 5, "version": "1", "benchmarks": []})");
        expectRefused(p, [p] { Project::load(p); }, "not an FG-Lens project");
        p = writeFile(dir, "proj/project.json", R"({"format": "fglens-project", "version": "1", "benchmarks": []})");
        expectRefused(p, [p] { Project::load(p); }, "version");
        p = writeFile(dir, "proj/project.json",
                      R"({"format": "fglens-project", "version": 1, "name": 3, "benchmarks": [{"file": 1}]})");
        expectRefused(p, [p] { Project::load(p); }, "malformed");
        // An image side of 1e300 never reaches an int cast.
        p = writeFile(dir, "width.json",
                      R"({"images": [{"id": 1, "file_name": "a.png", "width": 1e300, "height": 8}], "annotations": [], "categories": []})");
        expectRefused(p, [p] { FgBenchmark::load(p); }, "width");
    }

    void cropBoxesClamp()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (const auto& box : std::vector<std::array<double, 4>>{
                 {1e300, 1e300, 1e300, 1e300}, {-inf, -inf, inf, inf}, {nan, nan, nan, nan}, {-1e300, 5, 1e300, -1e300}}) {
            const PixelBox b = referenceCropBox(box, 40, 30);
            QVERIFY(b.x0 >= 0 && b.x0 <= b.x1 && b.x1 <= 40);
            QVERIFY(b.y0 >= 0 && b.y0 <= b.y1 && b.y1 <= 30);
        }
        // The reference rule itself is unchanged.
        const PixelBox b = referenceCropBox({1.5, 2.2, 3.0, 4.1}, 40, 30);
        QCOMPARE(b.x0, 1);
        QCOMPARE(b.y0, 2);
        QCOMPARE(b.x1, 5);
        QCOMPARE(b.y1, 7);
    }

    void decompressionBombs()
    {
        QTemporaryDir dir;
        // 100,000 x 100,000 pixels declared in a 100-byte PNG.
        std::string p = writeFile(dir, "bomb.png", pngHeader(100000, 100000));
        expectRefused(p, [p] { decodeRgb(p); }, "decompression bomb");
        // Beyond PIL's limit but within OpenCV's own 2^30: still refused.
        p = writeFile(dir, "bomb2.png", pngHeader(20000, 20000));
        expectRefused(p, [p] { decodeRgb(p); }, "decompression bomb");
        QVERIFY(imageDimensions(p) == std::make_optional(std::make_pair(uint64_t(20000), uint64_t(20000))));
        p = writeFile(dir, "zero.png", pngHeader(0, 10));
        expectRefused(p, [p] { decodeRgb(p); }, "cannot decode");
        // A JPEG whose start-of-frame declares 60000 x 60000.
        std::string jpeg("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x11\x08\xEA\x60\xEA\x60\x03", 18);
        p = writeFile(dir, "bomb.jpg", jpeg + std::string(64, '\0'));
        expectRefused(p, [p] { decodeRgb(p); }, "decompression bomb");
        p = writeFile(dir, "garbage.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'x'));
        expectRefused(p, [p] { decodeRgb(p); }, "cannot decode");
        p = writeFile(dir, "noise.jpg", std::string("\xFF\xD8\xFF", 3) + std::string(300, '\x13'));
        expectRefused(p, [p] { decodeRgb(p); }, "cannot decode");
    }

    void invalidUtf8()
    {
        using fglens::invalidUtf8At;
        QVERIFY(!invalidUtf8At("a plain caption"));
        QVERIFY(!invalidUtf8At("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80"));
        QVERIFY(invalidUtf8At("ab\xFF") == std::optional<size_t>(2));
        QVERIFY(invalidUtf8At("\xC3") == std::optional<size_t>(0));              // truncated
        QVERIFY(invalidUtf8At("x\xC0\xAF") == std::optional<size_t>(1));         // overlong '/'
        QVERIFY(invalidUtf8At("\xED\xA0\x80") == std::optional<size_t>(0));      // surrogate
        QVERIFY(invalidUtf8At("\xF4\x90\x80\x80") == std::optional<size_t>(0));  // > U+10FFFF
        QVERIFY(invalidUtf8At("\x80") == std::optional<size_t>(0));              // lone continuation

        QTemporaryDir dir;
        const std::string p = writeFile(dir, "captions.txt", "a red cup\na bl\xFFue cup\n");
        expectRefused(p, [p] { clip::readLines(p); }, "line 2 is not valid UTF-8");
    }

    void vocabularyBombAndGarbage()
    {
        QTemporaryDir dir;
        const std::string bomb = (dir.path() + "/bomb.txt.gz").toStdString();
        {
            gzFile f = gzopen(bomb.c_str(), "wb9");
            QVERIFY(f);
            const std::string line = "#version\n" + std::string(1 << 20, 'a');
            for (int i = 0; i < 70; ++i)
                gzwrite(f, line.data(), static_cast<unsigned>(line.size()));
            gzclose(f);
        }
        expectRefused(bomb, [bomb] { clip::Tokenizer t(bomb); }, "MiB");
        const std::string plain = writeFile(dir, "plain.txt.gz", "not gzip at all\nx y\n");
        try {
            clip::Tokenizer t(plain);
            QFAIL("accepted a two-line vocabulary");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).startsWith(QString::fromStdString(plain)));
        }
    }

    void tokenizerRefusesInvalidUtf8()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        const clip::Tokenizer t(test::fixtureStd("clip-tiny/bpe_simple_vocab_16e6.txt.gz"));
        QVERIFY_THROWS_EXCEPTION(Error, t.encode("a bl\xFF" "ue cup"));
        QVERIFY_THROWS_EXCEPTION(Error, t.tokenize({"fine", "\xED\xA0\x80"}));
        // Arbitrary valid UTF-8 (controls, combining marks, astral) tokenizes.
        const auto ids = t.tokenize({std::string("\x01\x7f \xCC\x81\xF0\x9F\x98\x80 <|endoftext|> \xEF\xBC\xA1")});
        QCOMPARE(ids.size(1), int64_t(77));
        QCOMPARE(ids[0][0].item<int64_t>(), clip::kStartOfText);
    }
};

QTEST_APPLESS_MAIN(TestHostileInputs)
#include "test_hostile_inputs.moc"

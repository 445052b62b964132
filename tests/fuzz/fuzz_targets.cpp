#include "fuzz_targets.h"

#include "clip/preprocess.h"
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
#include "data/state_dict.h"
#include "data/torch_pickle.h"

#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include <unistd.h>

namespace fglens::fuzz {
namespace {

namespace fs = std::filesystem;

// One scratch folder per process.
const fs::path& scratch()
{
    static const fs::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        fs::path d = fs::path(tmp && *tmp ? tmp : "/tmp") / ("fglens-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

std::string writeInput(const char* name, const uint8_t* data, size_t size)
{
    const std::string p = (scratch() / name).string();
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return p;
}

// Runs `read` on the file `path`: "" when it succeeds or fails cleanly.
template <typename F>
std::string clean(const std::string& path, F&& read)
{
    try {
        read();
        return {};
    } catch (const Error& e) {
        const std::string msg = e.what();
        if (msg.rfind(path, 0) != 0 && e.source().empty())
            return "error names no file: " + msg;
        if (msg.find('\n') != std::string::npos)
            return "error is not one line: " + msg;
        return {};
    } catch (const std::exception& e) {
        return std::string("unexpected exception (not fglens::Error): ") + e.what();
    }
}

std::string npyTarget(const uint8_t* d, size_t n)
{
    const std::string p = writeInput("in.npy", d, n);
    return clean(p, [&] {
        const NpyArray a = readNpy(p);
        const auto t = npyToTensor(a, p);
        if (t.numel() != a.elementCount())
            std::abort();
    });
}

std::string safetensorsTarget(const uint8_t* d, size_t n)
{
    const std::string p = writeInput("in.safetensors", d, n);
    return clean(p, [&] {
        readSafeTensorsMetadata(p);
        readSafeTensors(p);
    });
}

std::string torchPickleTarget(const uint8_t* d, size_t n)
{
    // The first byte picks the API: a torch.save zip through the file
    // readers, or a bare pickle stream with fuzzed storages.
    if (n == 0)
        return {};
    if (d[0] & 1) {
        const std::string p = writeInput("in.pt", d + 1, n - 1);
        std::string r = clean(p, [&] { loadTorchPickle(p); });
        if (!r.empty())
            return r;
        return clean(p, [&] { loadStateDict(p); });
    }
    const std::string bytes(reinterpret_cast<const char*>(d + 1), n - 1);
    const std::string source = "fuzz.pkl";
    try {
        unpickle(source, bytes, [](const std::string& key) { return std::string(key.size() * 4, '\x01'); });
        return {};
    } catch (const Error& e) {
        return std::strchr(e.what(), '\n') ? std::string("error is not one line: ") + e.what() : std::string();
    } catch (const std::exception& e) {
        return std::string("unexpected exception (not fglens::Error): ") + e.what();
    }
}

std::string fgovdTarget(const uint8_t* d, size_t n)
{
    const std::string p = writeInput("in_fgovd.json", d, n);
    return clean(p, [&] {
        const FgBenchmark b = FgBenchmark::load(p);
        for (size_t i = 0; i < b.objects.size(); ++i)
            b.vocabulary(i, 10);
    });
}

std::string cocoTarget(const uint8_t* d, size_t n)
{
    const std::string p = writeInput("in_coco.json", d, n);
    return clean(p, [&] {
        loadCaptionSet(p);
        loadCaptionSet(p, {"test"});
    });
}

std::string projectTarget(const uint8_t* d, size_t n)
{
    fs::create_directories(scratch() / "project");
    const std::string p = writeInput("project/project.json", d, n);
    return clean(p, [&] { Project::load(p); });
}

std::string bpeVocabTarget(const uint8_t* d, size_t n)
{
    // Plain text (gzopen reads uncompressed files transparently) and gzip.
    const std::string p = writeInput("vocab.txt.gz", d, n);
    return clean(p, [&] { clip::Tokenizer t(p); });
}

std::string tokenizerTarget(const uint8_t* d, size_t n)
{
    static const std::unique_ptr<clip::Tokenizer> tokenizer = []() -> std::unique_ptr<clip::Tokenizer> {
        const std::string vocab = bpeVocabPath();
        if (!fs::exists(vocab))
            return nullptr;
        return std::make_unique<clip::Tokenizer>(vocab);
    }();
    const std::string text(reinterpret_cast<const char*>(d), n);
    const bool valid = !invalidUtf8At(text);
    if (!tokenizer)
        return {};
    try {
        const auto ids = tokenizer->tokenize({text});
        if (!valid)
            return "invalid UTF-8 accepted";
        if (ids.size(1) != clip::kContextLength || ids[0][0].item<int64_t>() != clip::kStartOfText)
            return "malformed token row";
        return {};
    } catch (const Error& e) {
        return valid ? std::string("valid UTF-8 refused: ") + e.what() : std::string();
    } catch (const std::exception& e) {
        return std::string("unexpected exception (not fglens::Error): ") + e.what();
    }
}

std::string imageTarget(const uint8_t* d, size_t n)
{
    // The first 16 bytes are a COCO box (four little-endian floats), the rest
    // the image file.
    if (n < 16)
        return {};
    std::array<double, 4> box{};
    for (int i = 0; i < 4; ++i) {
        float f;
        std::memcpy(&f, d + 4 * i, 4);
        box[static_cast<size_t>(i)] = f;
    }
    const std::string p = writeInput("in.img", d + 16, n - 16);
    return clean(p, [&] {
        const cv::Mat rgb = decodeRgb(p);
        const cv::Mat crop = cropRgb(rgb, referenceCropBox(box, rgb.cols, rgb.rows));
        if (crop.empty())
            return;
        std::vector<float> out(3 * 32 * 32);
        clip::preprocessInto(crop, 32, out.data());
    });
}

} // namespace

const std::vector<Target>& targets()
{
    static const std::vector<Target> all = {
        {"npy", npyTarget},           {"safetensors", safetensorsTarget}, {"torch_pickle", torchPickleTarget},
        {"fgovd_json", fgovdTarget},  {"coco_json", cocoTarget},          {"project_json", projectTarget},
        {"bpe_vocab", bpeVocabTarget}, {"tokenizer", tokenizerTarget},    {"image", imageTarget},
    };
    return all;
}

const Target* findTarget(const std::string& name)
{
    for (const auto& t : targets())
        if (name == t.name)
            return &t;
    return nullptr;
}

std::string bpeVocabPath()
{
    if (const char* v = std::getenv("FGLENS_BPE_VOCAB"); v && *v)
        return v;
    const char* shared = std::getenv("FGLENS_SHARED_DIR");
#ifdef FGLENS_SHARED_DIR_DEFAULT
    const std::string dir = shared && *shared ? shared : FGLENS_SHARED_DIR_DEFAULT;
#else
    const std::string dir = shared && *shared ? shared : "../shared";
#endif
    return dir + "/fixtures/clip-tiny/bpe_simple_vocab_16e6.txt.gz";
}

int runOrAbort(const char* target, const uint8_t* data, size_t size)
{
    static const Target* t = findTarget(target);
    if (!t)
        std::abort();
    const std::string finding = t->run(data, size);
    if (!finding.empty()) {
        std::fprintf(stderr, "FINDING in %s: %s\n", target, finding.c_str());
        std::abort();
    }
    return 0;
}

} // namespace fglens::fuzz

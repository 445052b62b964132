#pragma once
// The fuzz targets: each feeds one input to a reader of outside bytes through
// its public API (the bytes are written to a file first, as users give files).
// Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp, built by run.sh)
// and by the core.fuzz_regressions suite, which replays the regression corpus
// through the normal build.
//
// A target returns "" when the reader accepted the input or refused it with a
// fglens::Error naming the file (one line); anything else (another exception
// type, an error that names no file, a multi-line message) is returned as a
// finding. Crashes and sanitizer reports end the process.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fglens::fuzz {

struct Target {
    const char* name;   // also the regression folder: tests/fuzz/regressions/<name>/
    std::string (*run)(const uint8_t* data, size_t size);
};

const std::vector<Target>& targets();
const Target* findTarget(const std::string& name);

// Where the tokenizer target finds CLIP's BPE vocabulary: $FGLENS_BPE_VOCAB,
// else the fixtures folder ($FGLENS_SHARED_DIR or the build's default). When
// absent the tokenizer target only checks UTF-8 validation.
std::string bpeVocabPath();

// libFuzzer entry helper: aborts on a finding.
int runOrAbort(const char* target, const uint8_t* data, size_t size);

} // namespace fglens::fuzz

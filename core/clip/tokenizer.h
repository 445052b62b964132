#pragma once
// CLIP's byte-level BPE tokenizer (openai/CLIP simple_tokenizer.py), read from
// the user's bpe_simple_vocab_16e6.txt.gz.
//
// Cleaning follows the reference: ftfy.fix_text, html.unescape twice, collapse
// whitespace, strip, lower-case. Of ftfy only the fixes that change well-formed
// text are reproduced (NFC, curly quotes, Latin ligatures, full-width ASCII,
// control characters, HTML entities when the text has no '<'); mojibake repair
// is not, so text that is already broken UTF-8 may tokenize differently.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace at {
class Tensor;
}

namespace fglens::clip {

constexpr int64_t kStartOfText = 49406;
constexpr int64_t kEndOfText = 49407;
constexpr int kContextLength = 77;

class Tokenizer {
public:
    // Throws fglens::Error naming the file when it is missing, not gzip, or
    // holds too few merges.
    explicit Tokenizer(const std::string& bpePath);

    // BPE ids of one text, without SOT/EOT.
    std::vector<int64_t> encode(const std::string& utf8) const;
    // int64 [N, context]: SOT, ids, EOT, zero padding; too long -> truncated
    // with EOT last (the reference's truncate=True).
    at::Tensor tokenize(const std::vector<std::string>& texts, int context = kContextLength) const;
    size_t vocabSize() const { return encoder_.size(); }

private:
    const std::vector<int64_t>& bpe(const std::string& token) const;

    std::unordered_map<std::string, int64_t> encoder_;
    std::unordered_map<std::string, int> ranks_;   // "first second" -> merge rank
    std::string byteSymbol_[256];                  // UTF-8 of bytes_to_unicode()[b]
    mutable std::mutex cacheMutex_;
    mutable std::unordered_map<std::string, std::vector<int64_t>> cache_;
};

// The reference's text cleaning (see the header comment), exposed for tests.
std::string cleanText(const std::string& utf8);
// The reference's pre-tokenisation pattern applied to cleaned text.
std::vector<std::string> splitWords(const std::string& cleaned);

// One UTF-8 line per element; a trailing newline does not add an empty line,
// but empty lines inside the file are kept (they are captions too).
std::vector<std::string> readLines(const std::string& path);

} // namespace fglens::clip

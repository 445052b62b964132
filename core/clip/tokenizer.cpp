#include "clip/tokenizer.h"

#include "clip/html_entities.h"
#include "common/error.h"
#include "common/utf8.h"

#include <torch/torch.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <fstream>
#include <sstream>

namespace fglens::clip {
namespace {

// The reference keeps merges[1 : 49152 - 256 - 2 + 1]: the first line is a
// version comment and the vocabulary stops at 49408 entries.
constexpr int kMerges = 49152 - 256 - 2;

// CLIP's merges file is 1.6 MB unpacked: a "vocabulary" that inflates past
// this is a gzip bomb or not a vocabulary.
constexpr size_t kMaxVocabBytes = size_t(64) << 20;

std::string readGzip(const std::string& path)
{
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        fail(path, "cannot open BPE vocabulary");
    std::string out;
    char buf[1 << 16];
    int n = 0;
    while ((n = gzread(f, buf, sizeof buf)) > 0) {
        out.append(buf, static_cast<size_t>(n));
        if (out.size() > kMaxVocabBytes) {
            gzclose(f);
            fail(path, "not a CLIP BPE vocabulary: it unpacks to more than " + std::to_string(kMaxVocabBytes >> 20) +
                           " MiB");
        }
    }
    int err = 0;
    const char* msg = gzerror(f, &err);
    const std::string why = (n < 0 && msg) ? msg : "";
    gzclose(f);
    if (n < 0)
        fail(path, "cannot read BPE vocabulary (corrupt gzip?): " + why);
    return out;
}

void appendUtf8(std::string& out, UChar32 c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::u32string toUtf32(const std::string& utf8)
{
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    std::u32string out;
    for (int32_t i = 0; i < u.length();) {
        const UChar32 c = u.char32At(i);
        out += static_cast<char32_t>(c);
        i += U16_LENGTH(c);
    }
    return out;
}

std::string toUtf8(const std::u32string& s)
{
    std::string out;
    for (char32_t c : s)
        appendUtf8(out, static_cast<UChar32>(c));
    return out;
}

// Python's str.isspace(): category Zs or bidirectional class WS, B or S.
bool isPySpace(char32_t c)
{
    if (u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR)
        return true;
    const auto d = u_charDirection(static_cast<UChar32>(c));
    return d == U_WHITE_SPACE_NEUTRAL || d == U_BLOCK_SEPARATOR || d == U_SEGMENT_SEPARATOR;
}

bool isLetter(char32_t c)
{
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0;
}

bool isNumber(char32_t c)
{
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0;
}

bool isHex(char32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// html.unescape's numeric rules: the Windows-1252 remapping of C1 controls,
// U+FFFD for surrogates and out-of-range values, nothing for the code points
// HTML forbids.
std::u32string numericReference(unsigned long long n, bool overflow)
{
    static const char32_t cp1252[32] = {
        0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    if (overflow || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
        return U"\uFFFD";
    if (n == 0x00 || n == 0x0D)
        return n == 0 ? U"\uFFFD" : U"\r";
    if (n >= 0x80 && n <= 0x9F)
        return std::u32string(1, cp1252[n - 0x80]);
    const bool invalid = (n >= 0x1 && n <= 0x8) || n == 0xB || (n >= 0xE && n <= 0x1F) || (n >= 0x7F && n <= 0x9F) ||
                         (n >= 0xFDD0 && n <= 0xFDEF) || (n & 0xFFFE) == 0xFFFE;
    if (invalid)
        return U"";
    return std::u32string(1, static_cast<char32_t>(n));
}

// Python's html.unescape (character references with or without ';'); with
// `semicolonOnly`, ftfy's stricter pre-pass that needs the ';'.
std::u32string unescapeHtml(const std::u32string& s, bool semicolonOnly)
{
    static const size_t longest = longestHtmlEntityName();
    std::u32string out;
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] != '&') {
            out += s[i++];
            continue;
        }
        size_t j = i + 1;
        if (j < s.size() && s[j] == '#') {
            const bool hex = j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X');
            size_t k = j + (hex ? 2 : 1);
            unsigned long long n = 0;
            bool overflow = false;
            const size_t digits0 = k;
            while (k < s.size() && (hex ? isHex(s[k]) : (s[k] >= '0' && s[k] <= '9'))) {
                const char32_t c = s[k];
                const unsigned d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                if (n > (ULLONG_MAX >> 5))
                    overflow = true;
                else
                    n = n * (hex ? 16 : 10) + d;
                ++k;
            }
            const bool semi = k < s.size() && s[k] == ';';
            if (k == digits0 || (semicolonOnly && !semi)) {
                out += s[i++];
                continue;
            }
            out += numericReference(n, overflow);
            i = semi ? k + 1 : k;
            continue;
        }
        // Named: up to 32 characters other than "\t\n\f <&#;", then an optional ';'.
        size_t k = j;
        while (k < s.size() && k - j < 32 && std::u32string(U"\t\n\f <&#;").find(s[k]) == std::u32string::npos)
            ++k;
        if (k == j) {
            out += s[i++];
            continue;
        }
        const bool semi = k < s.size() && s[k] == ';';
        const std::u32string name32 = s.substr(j, k - j) + (semi ? U";" : U"");
        const std::string name = toUtf8(name32);
        if (const char* v = lookupHtmlEntity(name)) {
            out += toUtf32(v);
            i = j + name32.size();
            continue;
        }
        bool replaced = false;
        if (!semicolonOnly) {
            // The longest known prefix wins, the rest is kept as text.
            for (size_t len = std::min(name32.size() - 1, longest); len >= 2 && !replaced; --len) {
                if (const char* v = lookupHtmlEntity(toUtf8(name32.substr(0, len)))) {
                    out += toUtf32(v);
                    out += name32.substr(len);
                    replaced = true;
                }
            }
        }
        if (!replaced)
            out += U"&" + name32;
        i = j + name32.size();
    }
    return out;
}

bool ftfyControl(char32_t c)
{
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F) ||
           c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC) || (c >= 0xE0000 && c <= 0xE007F);
}

// The parts of ftfy.fix_text that change well-formed text (see tokenizer.h).
std::u32string ftfySubset(const std::u32string& in)
{
    std::u32string s = in.find('<') == std::u32string::npos ? unescapeHtml(in, true) : in;
    std::u32string out;
    for (char32_t c : s) {
        if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B))
            out += '\'';
        else if (c >= 0x201C && c <= 0x201F)
            out += '"';
        else if (c >= 0xFF01 && c <= 0xFF5E)
            out += c - 0xFF01 + 0x21;
        else if (c == 0x3000)
            out += ' ';
        else if ((c >= 0xFB00 && c <= 0xFB06) || c == 0x0132 || c == 0x0133 || c == 0x0149 ||
                 (c >= 0x01C4 && c <= 0x01CC) || (c >= 0x01F1 && c <= 0x01F3)) {
            UErrorCode err = U_ZERO_ERROR;
            const auto* nfkc = icu::Normalizer2::getNFKCInstance(err);
            icu::UnicodeString u(static_cast<UChar32>(c));
            if (U_SUCCESS(err))
                u = nfkc->normalize(u, err);
            std::string utf8;
            u.toUTF8String(utf8);
            out += toUtf32(utf8);
        } else if (!ftfyControl(c))
            out += c;
    }
    UErrorCode err = U_ZERO_ERROR;
    const auto* nfc = icu::Normalizer2::getNFCInstance(err);
    if (U_FAILURE(err))
        return out;
    const icu::UnicodeString n = nfc->normalize(icu::UnicodeString::fromUTF8(toUtf8(out)), err);
    std::string utf8;
    n.toUTF8String(utf8);
    return toUtf32(utf8);
}

std::u32string stripCollapse(const std::u32string& s)
{
    std::u32string out;
    bool pendingSpace = false;
    for (char32_t c : s) {
        if (isPySpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

bool startsWith(const std::u32string& s, size_t i, const std::u32string& p)
{
    return s.compare(i, p.size(), p) == 0;
}

} // namespace

std::string cleanText(const std::string& utf8)
{
    std::u32string s = ftfySubset(toUtf32(utf8));
    s = unescapeHtml(unescapeHtml(s, false), false);
    s = stripCollapse(s);
    const icu::UnicodeString lower = icu::UnicodeString::fromUTF8(toUtf8(s)).toLower(icu::Locale::getRoot());
    std::string out;
    lower.toUTF8String(out);
    return out;
}

std::vector<std::string> splitWords(const std::string& cleaned)
{
    static const std::u32string sot = U"<|startoftext|>", eot = U"<|endoftext|>";
    static const std::u32string contractions[] = {U"'s", U"'t", U"'re", U"'ve", U"'m", U"'ll", U"'d"};
    const std::u32string s = toUtf32(cleaned);
    std::vector<std::string> words;
    size_t i = 0;
    while (i < s.size()) {
        size_t end = i;
        if (startsWith(s, i, sot))
            end = i + sot.size();
        else if (startsWith(s, i, eot))
            end = i + eot.size();
        if (end == i && s[i] == '\'') {
            for (const auto& c : contractions) {
                // The reference compiles with IGNORECASE.
                if (i + c.size() <= s.size()) {
                    bool match = true;
                    for (size_t k = 1; k < c.size() && match; ++k)
                        match = static_cast<char32_t>(u_tolower(static_cast<UChar32>(s[i + k]))) == c[k];
                    if (match) {
                        end = i + c.size();
                        break;
                    }
                }
            }
        }
        if (end == i) {
            if (isLetter(s[i])) {
                end = i + 1;
                while (end < s.size() && isLetter(s[end]))
                    ++end;
            } else if (isNumber(s[i])) {
                end = i + 1;
            } else if (!isPySpace(s[i])) {
                end = i + 1;
                while (end < s.size() && !isPySpace(s[end]) && !isLetter(s[end]) && !isNumber(s[end]))
                    ++end;
            } else {
                ++i;
                continue;
            }
        }
        words.push_back(toUtf8(s.substr(i, end - i)));
        i = end;
    }
    return words;
}

Tokenizer::Tokenizer(const std::string& bpePath)
{
    // bytes_to_unicode(): printable Latin-1 bytes map to themselves, the rest
    // to 256 + n in byte order. The vocabulary lists them in that order.
    std::vector<int> order;
    for (int b = '!'; b <= '~'; ++b)
        order.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b)
        order.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b)
        order.push_back(b);
    std::vector<bool> direct(256, false);
    for (int b : order)
        direct[b] = true;
    int n = 0;
    for (int b = 0; b < 256; ++b) {
        if (!direct[b]) {
            order.push_back(b);
            byteSymbol_[b].clear();
            appendUtf8(byteSymbol_[b], 256 + n++);
        } else {
            appendUtf8(byteSymbol_[b], b);
        }
    }

    const std::string text = readGzip(bpePath);
    std::vector<std::pair<std::string, std::string>> merges;
    size_t pos = text.find('\n');
    if (pos == std::string::npos)
        fail(bpePath, "not a CLIP BPE merges file (no lines)");
    ++pos;
    while (merges.size() < static_cast<size_t>(kMerges) && pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        const size_t sp = line.find(' ');
        if (sp == std::string::npos || sp == 0 || sp + 1 >= line.size() || line.find(' ', sp + 1) != std::string::npos)
            fail(bpePath, "line " + std::to_string(merges.size() + 2) + " is not a merge \"A B\": '" + line + "'");
        merges.emplace_back(line.substr(0, sp), line.substr(sp + 1));
    }
    if (merges.size() != static_cast<size_t>(kMerges))
        fail(bpePath, "holds " + std::to_string(merges.size()) + " merges, expected at least " +
                          std::to_string(kMerges) + " (not CLIP's bpe_simple_vocab_16e6?)");

    int64_t id = 0;
    for (int b : order)
        encoder_.emplace(byteSymbol_[b], id++);
    for (int b : order)
        encoder_.emplace(byteSymbol_[b] + "</w>", id++);
    for (size_t r = 0; r < merges.size(); ++r) {
        encoder_.emplace(merges[r].first + merges[r].second, id++);
        ranks_.emplace(merges[r].first + " " + merges[r].second, static_cast<int>(r));
    }
    encoder_.emplace("<|startoftext|>", id++);
    encoder_.emplace("<|endoftext|>", id++);
    if (encoder_.at("<|startoftext|>") != kStartOfText || encoder_.at("<|endoftext|>") != kEndOfText)
        fail(bpePath, "duplicate merges: the vocabulary does not end at the CLIP special tokens");
}

const std::vector<int64_t>& Tokenizer::bpe(const std::string& token) const
{
    {
        std::lock_guard<std::mutex> lock(cacheMutex_);
        auto it = cache_.find(token);
        if (it != cache_.end())
            return it->second;
    }
    std::vector<std::string> word;
    // Symbols are whole UTF-8 sequences of the mapped characters.
    for (size_t i = 0; i < token.size();) {
        const auto lead = static_cast<unsigned char>(token[i]);
        const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        word.push_back(token.substr(i, len));
        i += len;
    }
    word.back() += "</w>";
    while (word.size() > 1) {
        int best = INT_MAX;
        size_t at = 0;
        for (size_t i = 0; i + 1 < word.size(); ++i) {
            auto it = ranks_.find(word[i] + " " + word[i + 1]);
            if (it != ranks_.end() && it->second < best) {
                best = it->second;
                at = i;
            }
        }
        if (best == INT_MAX)
            break;
        const std::string first = word[at], second = word[at + 1];
        std::vector<std::string> merged;
        for (size_t i = 0; i < word.size();) {
            if (i + 1 < word.size() && word[i] == first && word[i + 1] == second) {
                merged.push_back(first + second);
                i += 2;
            } else {
                merged.push_back(word[i++]);
            }
        }
        word.swap(merged);
    }
    std::vector<int64_t> ids;
    for (const auto& w : word) {
        auto it = encoder_.find(w);
        if (it == encoder_.end())
            fail("BPE vocabulary", "no id for symbol '" + w + "'");
        ids.push_back(it->second);
    }
    std::lock_guard<std::mutex> lock(cacheMutex_);
    return cache_.emplace(token, std::move(ids)).first->second;
}

std::vector<int64_t> Tokenizer::encode(const std::string& utf8) const
{
    if (const auto at = invalidUtf8At(utf8))
        fail("text", "not valid UTF-8 (byte " + std::to_string(*at) + " of \"" +
                         utf8.substr(0, std::min<size_t>(*at, 40)) + "...\")");
    std::vector<int64_t> ids;
    for (const auto& w : splitWords(cleanText(utf8))) {
        if (w == "<|startoftext|>" || w == "<|endoftext|>") {
            ids.push_back(encoder_.at(w));
            continue;
        }
        std::string mapped;
        for (unsigned char b : w)
            mapped += byteSymbol_[b];
        const auto& p = bpe(mapped);
        ids.insert(ids.end(), p.begin(), p.end());
    }
    return ids;
}

at::Tensor Tokenizer::tokenize(const std::vector<std::string>& texts, int context) const
{
    auto out = torch::zeros({static_cast<int64_t>(texts.size()), context}, torch::kInt64);
    auto* p = out.data_ptr<int64_t>();
    for (size_t r = 0; r < texts.size(); ++r) {
        std::vector<int64_t> ids{kStartOfText};
        const auto body = encode(texts[r]);
        ids.insert(ids.end(), body.begin(), body.end());
        ids.push_back(kEndOfText);
        if (ids.size() > static_cast<size_t>(context)) {
            ids.resize(static_cast<size_t>(context));
            ids.back() = kEndOfText;
        }
        std::copy(ids.begin(), ids.end(), p + r * static_cast<size_t>(context));
    }
    return out;
}

std::vector<std::string> readLines(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open file");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(std::move(line));
        pos = end + 1;
    }
    if (!lines.empty() && lines.front().compare(0, 3, "\xEF\xBB\xBF") == 0)
        lines.front().erase(0, 3);
    for (size_t i = 0; i < lines.size(); ++i)
        if (const auto at = invalidUtf8At(lines[i]))
            fail(path, "line " + std::to_string(i + 1) + " is not valid UTF-8 (byte " + std::to_string(*at + 1) +
                           "); text files must be UTF-8");
    return lines;
}

} // namespace fglens::clip

#include "analysis/caption_diff.h"

#include <algorithm>

namespace fglens::analysis {

template <class T>
std::vector<std::pair<uint32_t, uint32_t>> commonSubsequence(const std::vector<T>& a, const std::vector<T>& b)
{
    const size_t n = a.size(), m = b.size();
    std::vector<std::pair<uint32_t, uint32_t>> out;
    // The walk matches a common prefix at once, and the table of the rest
    // only depends on the suffixes: skipping the prefix gives the same result
    // and most caption pairs (one or two words swapped) a much smaller table.
    size_t p = 0;
    while (p < n && p < m && a[p] == b[p]) {
        out.emplace_back(static_cast<uint32_t>(p), static_cast<uint32_t>(p));
        ++p;
    }
    const size_t rn = n - p, rm = m - p;
    if (rn == 0 || rm == 0)
        return out;
    // Captions are short (< 40 words): the quadratic table is negligible. It
    // is kept per thread so that counting a million pairs does not allocate.
    thread_local std::vector<uint32_t> table;
    const size_t w = rm + 1;
    table.assign((rn + 1) * w, 0);
    auto L = [&](size_t i, size_t j) -> uint32_t& { return table[i * w + j]; };
    for (size_t i = rn; i-- > 0;)
        for (size_t j = rm; j-- > 0;)
            L(i, j) = a[p + i] == b[p + j] ? L(i + 1, j + 1) + 1
                                           : std::max(L(i + 1, j), L(i, j + 1));
    for (size_t i = 0, j = 0; i < rn && j < rm;) {
        if (a[p + i] == b[p + j]) {
            out.emplace_back(static_cast<uint32_t>(p + i), static_cast<uint32_t>(p + j));
            ++i;
            ++j;
        } else if (L(i + 1, j) >= L(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return out;
}

template std::vector<std::pair<uint32_t, uint32_t>> commonSubsequence(const std::vector<std::string>&,
                                                                        const std::vector<std::string>&);
template std::vector<std::pair<uint32_t, uint32_t>> commonSubsequence(const std::vector<int32_t>&,
                                                                        const std::vector<int32_t>&);

std::vector<std::string> normalisedWords(const std::string& caption)
{
    std::vector<std::string> words;
    std::string w;
    auto flush = [&] {
        if (!w.empty())
            words.push_back(std::move(w));
        w.clear();
    };
    for (const char ch : caption) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            flush();
        else if (c >= 'A' && c <= 'Z')
            w += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80)
            w += ch;
        // other punctuation is dropped, as the inspector drops it
    }
    flush();
    // (a word of punctuation only left nothing behind and is dropped like a space)
    return words;
}

std::vector<std::string> differingWords(const std::string& positive, const std::string& negative)
{
    const auto neg = normalisedWords(negative), pos = normalisedWords(positive);
    const auto differs = differingTokens(neg, pos);
    std::vector<std::string> out;
    for (size_t i = 0; i < neg.size(); ++i)
        if (differs[i])
            out.push_back(neg[i]);
    return out;
}

} // namespace fglens::analysis

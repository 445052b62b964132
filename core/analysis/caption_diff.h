#pragma once
// Which words of a negative caption differ from the positive: a longest common
// subsequence of the two token sequences, so "a red wooden chair" against "a
// blue wooden chair" marks only "blue", and reordered words (Trivial) are all
// marked. Shared by the inspector's highlighting (ui/model/caption_diff, which
// splits and normalises with Qt's Unicode rules) and the attribute
// substitution counts (core/analysis/substitutions).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fglens::analysis {

// Index pairs (i into a, j into b) of one longest common subsequence, in
// order. Among equally long ones, the walk from the front matches equal
// tokens at once and otherwise skips a token of `a` when that loses nothing.
template <class T>
std::vector<std::pair<uint32_t, uint32_t>> commonSubsequence(const std::vector<T>& a, const std::vector<T>& b);

// Per token of `a`: not part of the common subsequence with `b`.
template <class T>
std::vector<bool> differingTokens(const std::vector<T>& a, const std::vector<T>& b)
{
    std::vector<bool> differs(a.size(), true);
    for (const auto& [i, j] : commonSubsequence(a, b))
        differs[i] = false;
    return differs;
}

// ASCII-only word splitting and normalisation for core (lower case, every
// character but letters, digits, '_', '-' and non-ASCII bytes dropped):
// "A Red, wooden chair." -> {"a", "red", "wooden", "chair"}.
std::vector<std::string> normalisedWords(const std::string& caption);

// The normalised words of `negative` that differ from `positive`.
std::vector<std::string> differingWords(const std::string& positive, const std::string& negative);

extern template std::vector<std::pair<uint32_t, uint32_t>> commonSubsequence(const std::vector<std::string>&,
                                                                               const std::vector<std::string>&);
extern template std::vector<std::pair<uint32_t, uint32_t>> commonSubsequence(const std::vector<int32_t>&,
                                                                               const std::vector<int32_t>&);

} // namespace fglens::analysis

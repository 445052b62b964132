#include "analysis/substitutions.h"

#include "analysis/caption_diff.h"

#include <stdexcept>

namespace fglens::analysis {

int32_t UnitTable::intern(const std::string& unit)
{
    // Spelling variants become the canonical value first, so "gray" and
    // "grey" are one unit (and align in the diff).
    const auto v = attributeValue(unit);
    const std::string key = v ? v->value : unit;
    if (const auto it = ids_.find(key); it != ids_.end())
        return it->second;
    Info info;
    if (v) {
        info.kinds = v->kinds;
    } else if (unit.find(' ') == std::string::npos) {
        // A glued word: the longest value it starts with, then a suffix.
        for (size_t len = unit.size() > 3 ? unit.size() - 1 : 0; len >= 3; --len) {
            const auto prefix = attributeValue(unit.substr(0, len));
            if (prefix && prefix->value == unit.substr(0, len)) {
                info.kinds = prefix->kinds;
                info.value = intern(prefix->value);
                info.suffix = suffixes_.emplace(unit.substr(len), static_cast<int32_t>(suffixes_.size()) + 1)
                                  .first->second;
                break;
            }
        }
    }
    // Confusion counts pack two unit ids into 30 bits each.
    if (text_.size() >= (size_t{1} << 30))
        throw std::length_error("more than 2^30 distinct caption words");
    const auto id = static_cast<int32_t>(text_.size());
    if (v)
        info.value = id;
    text_.push_back(key);
    info_.push_back(info);
    ids_.emplace(key, id);
    return id;
}

std::vector<int32_t> UnitTable::units(const std::string& caption)
{
    const std::vector<std::string> words = normalisedWords(caption);
    std::vector<int32_t> out;
    out.reserve(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        // Two-word values first ("light blue" is one colour, not "light" and "blue").
        if (i + 1 < words.size()) {
            const std::string pair = words[i] + ' ' + words[i + 1];
            if (attributeValue(pair)) {
                out.push_back(intern(pair));
                ++i;
                continue;
            }
        }
        out.push_back(intern(words[i]));
    }
    return out;
}

void unitSubstitutions(const std::vector<int32_t>& positive, const std::vector<int32_t>& negative,
                       const UnitTable& table, std::vector<UnitSubstitution>& out)
{
    // The inspector's orientation: the negative's tokens against the positive's.
    const auto common = commonSubsequence(negative, positive);
    // The attribute units of the current hunk on each side (a handful at most).
    std::vector<int32_t> from, to;
    std::vector<bool> used;
    size_t negFrom = 0, posFrom = 0;
    auto hunk = [&](size_t negEnd, size_t posEnd) {
        from.clear();
        to.clear();
        for (size_t j = posFrom; j < posEnd; ++j)
            if (table.kinds(positive[j]))
                from.push_back(positive[j]);
        for (size_t i = negFrom; i < negEnd; ++i)
            if (table.kinds(negative[i]))
                to.push_back(negative[i]);
        if (from.empty() || to.empty())
            return;
        // The k-th unit of a type (and suffix) on one side pairs with the k-th on the other.
        used.assign(to.size(), false);
        for (const int32_t f : from)
            for (size_t t = 0; t < to.size(); ++t) {
                const unsigned shared = table.kinds(f) & table.kinds(to[t]);
                if (used[t] || !shared || table.suffix(to[t]) != table.suffix(f))
                    continue;
                used[t] = true;
                unsigned kind = 0;
                while (!(shared & (1u << kind)))
                    ++kind;
                if (table.value(f) != table.value(to[t]))
                    out.push_back({static_cast<AttributeKind>(kind), table.value(f), table.value(to[t])});
                break;
            }
    };
    for (const auto& [i, j] : common) {
        hunk(i, j);
        negFrom = i + 1;
        posFrom = j + 1;
    }
    hunk(negative.size(), positive.size());
}

std::vector<Substitution> attributeSubstitutions(const std::string& positive, const std::string& negative)
{
    UnitTable table;
    const auto pos = table.units(positive), neg = table.units(negative);
    std::vector<UnitSubstitution> subs;
    unitSubstitutions(pos, neg, table, subs);
    std::vector<Substitution> out;
    for (const auto& s : subs)
        out.push_back({s.kind, table.text(s.from), table.text(s.to)});
    return out;
}

} // namespace fglens::analysis

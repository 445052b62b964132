#pragma once
// Attribute substitutions between a positive caption and a negative: the
// "from -> to" value swaps per attribute type that turn one into the other.
//
// Definition. Both captions are split into normalised words
// (analysis/caption_diff), and a word pair that names one attribute value
// ("light blue", "dark-grey") is merged into one unit. The two unit
// sequences are aligned by their longest common subsequence (the inspector's
// diff, on units); between two consecutive common units lies a hunk: the
// positive's units there were replaced by the negative's. In every hunk, the
// i-th value of a type on the positive's side and the i-th value of that type
// on the negative's side form a substitution (when they differ). A negative
// that changes several attributes gives one substitution for each; values with
// no counterpart of their type in the hunk (an attribute added or dropped)
// give none.
//
// FG-OVD's generator replaced values as substrings, so some negatives carry
// glued words: "textured" -> "stripedured", "logos" -> "plains". A word that is
// no value but starts with one (at least three letters) is read as that value
// plus a suffix, and pairs only with a word of the same type and suffix on the
// other side (text -> striped, logo -> plain); values pair only with values.
// A value of two types ("text") pairs with a value of either, and the swap
// takes the type they share.
#include "analysis/attribute_vocab.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace fglens::analysis {

// Interns caption units, each with the attribute value it names (if any).
class UnitTable {
public:
    // The units of a caption, as ids.
    std::vector<int32_t> units(const std::string& caption);
    const std::string& text(int32_t id) const { return text_[static_cast<size_t>(id)]; }
    // Bit mask of the attribute types of a value or a glued word's value; 0 for other units.
    unsigned kinds(int32_t id) const { return info_[static_cast<size_t>(id)].kinds; }
    // The value unit: the unit itself for a value, the value a glued word starts with.
    int32_t value(int32_t id) const { return info_[static_cast<size_t>(id)].value; }
    // 0 for a value, else the id of a glued word's suffix.
    int32_t suffix(int32_t id) const { return info_[static_cast<size_t>(id)].suffix; }

private:
    struct Info {
        unsigned kinds = 0;
        int32_t value = -1;
        int32_t suffix = 0;
    };
    int32_t intern(const std::string& unit);
    std::unordered_map<std::string, int32_t> ids_;
    std::unordered_map<std::string, int32_t> suffixes_;
    std::vector<std::string> text_;
    std::vector<Info> info_;
};

struct UnitSubstitution {
    AttributeKind kind;
    int32_t from, to;   // unit ids
};

// Appends the substitutions that turn `positive` into `negative` (unit ids of one table).
void unitSubstitutions(const std::vector<int32_t>& positive, const std::vector<int32_t>& negative,
                       const UnitTable& table, std::vector<UnitSubstitution>& out);

struct Substitution {
    AttributeKind kind;
    std::string from, to;
};

// The same on caption text.
std::vector<Substitution> attributeSubstitutions(const std::string& positive, const std::string& negative);

} // namespace fglens::analysis

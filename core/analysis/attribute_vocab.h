#pragma once
// The attribute types of FG-OVD (colour, material, pattern, transparency) and
// the words that name their values: FG-OVD's own lists (PACO's attributes, as
// lorebianchi98/FG-OVD's negative generator spells them, '_' read as a space:
// "light_blue" is "light blue"), together with the demo world's words
// (core/demo/vocab), so that both kinds of project are covered.
#include <optional>
#include <string>
#include <vector>

namespace fglens::analysis {

enum class AttributeKind { Colour = 0, Material = 1, Pattern = 2, Transparency = 3 };
constexpr int kAttributeKinds = 4;

const std::vector<AttributeKind>& attributeKinds();     // in the order above
const char* attributeKindName(AttributeKind k);          // "colour", "material", ... (JSON keys)
// The single-attribute benchmark that varies only this type: "color", "material", ...
const char* attributeBenchmarkKey(AttributeKind k);

// FG-OVD's value words of a type, as its generator lists them. "text" is
// both a material there (the attribute benchmarks swap "plastic" for "text")
// and, as in PACO, a pattern (pattern.json swaps "a text pattern" for "a woven
// pattern"): it is listed under both, and a swap takes the type the other
// side's value has.
const std::vector<std::string>& fgovdAttributeWords(AttributeKind k);
// Every value word of a type: FG-OVD's, then the demo's that FG-OVD lacks.
const std::vector<std::string>& attributeWords(AttributeKind k);

// The value a normalised word or two-word phrase names, with spelling
// variants folded ("gray" -> "grey", "wooden" -> "wood", "light-blue" ->
// "light blue"): the canonical value and its type, or nothing.
struct AttributeValue {
    AttributeKind kind;   // the first of its types
    std::string value;
    unsigned kinds;       // bit k: the value is one of type k ("text": material and pattern)
};
std::optional<AttributeValue> attributeValue(const std::string& phrase);

} // namespace fglens::analysis

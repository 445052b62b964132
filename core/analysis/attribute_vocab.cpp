#include "analysis/attribute_vocab.h"

#include "demo/vocab.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace fglens::analysis {

namespace {

using Lists = std::array<std::vector<std::string>, kAttributeKinds>;

const Lists& fgovdLists()
{
    static const Lists lists = {
        std::vector<std::string>{"black", "light blue", "blue", "dark blue", "light brown", "brown", "dark brown",
                                 "light green", "green", "dark green", "light grey", "grey", "dark grey",
                                 "light orange", "orange", "dark orange", "light pink", "pink", "dark pink",
                                 "light purple", "purple", "dark purple", "light red", "red", "dark red", "white",
                                 "light yellow", "yellow", "dark yellow"},
        std::vector<std::string>{"text", "stone", "wood", "rattan", "fabric", "crochet", "wool", "leather", "velvet",
                                 "metal", "paper", "plastic", "glass", "ceramic"},
        std::vector<std::string>{"plain", "striped", "dotted", "checkered", "woven", "studded", "perforated", "floral",
                                 "logo", "text"},
        std::vector<std::string>{"opaque", "translucent", "transparent"},
    };
    return lists;
}

const Lists& allLists()
{
    static const Lists lists = [] {
        Lists l = fgovdLists();
        const demo::Attr demoAttr[kAttributeKinds] = {demo::Attr::Colour, demo::Attr::Material, demo::Attr::Pattern,
                                                      demo::Attr::Transparency};
        for (int k = 0; k < kAttributeKinds; ++k)
            for (const std::string& w : demo::attributeWords(demoAttr[k]))
                if (std::find(l[static_cast<size_t>(k)].begin(), l[static_cast<size_t>(k)].end(), w) ==
                    l[static_cast<size_t>(k)].end())
                    l[static_cast<size_t>(k)].push_back(w);
        return l;
    }();
    return lists;
}

// Spellings captions use for a listed value.
const std::unordered_map<std::string, std::string>& variants()
{
    static const std::unordered_map<std::string, std::string> v = {
        {"gray", "grey"},   {"wooden", "wood"}, {"metallic", "metal"}, {"woolen", "wool"},
        {"woollen", "wool"}, {"checked", "checkered"}, {"stripy", "striped"}, {"see-through", "transparent"},
    };
    return v;
}

// Value -> bit mask of its types.
const std::unordered_map<std::string, unsigned>& lookup()
{
    static const std::unordered_map<std::string, unsigned> m = [] {
        std::unordered_map<std::string, unsigned> out;
        for (AttributeKind k : attributeKinds())
            for (const std::string& w : allLists()[static_cast<size_t>(k)])
                out[w] |= 1u << static_cast<unsigned>(k);
        return out;
    }();
    return m;
}

} // namespace

const std::vector<AttributeKind>& attributeKinds()
{
    static const std::vector<AttributeKind> k = {AttributeKind::Colour, AttributeKind::Material,
                                                 AttributeKind::Pattern, AttributeKind::Transparency};
    return k;
}

const char* attributeKindName(AttributeKind k)
{
    switch (k) {
    case AttributeKind::Colour: return "colour";
    case AttributeKind::Material: return "material";
    case AttributeKind::Pattern: return "pattern";
    case AttributeKind::Transparency: break;
    }
    return "transparency";
}

const char* attributeBenchmarkKey(AttributeKind k)
{
    return k == AttributeKind::Colour ? "color" : attributeKindName(k);
}

const std::vector<std::string>& fgovdAttributeWords(AttributeKind k)
{
    return fgovdLists()[static_cast<size_t>(k)];
}

const std::vector<std::string>& attributeWords(AttributeKind k)
{
    return allLists()[static_cast<size_t>(k)];
}

std::optional<AttributeValue> attributeValue(const std::string& phrase)
{
    std::string p = phrase;
    if (p.find('-') != std::string::npos && p != "see-through") {
        std::string spaced = p;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        if (lookup().count(spaced))
            p = spaced;
    }
    // Variants of the last word: "light gray" -> "light grey".
    const size_t space = p.rfind(' ');
    const std::string last = space == std::string::npos ? p : p.substr(space + 1);
    if (const auto v = variants().find(last); v != variants().end())
        p = (space == std::string::npos ? std::string() : p.substr(0, space + 1)) + v->second;
    const auto it = lookup().find(p);
    if (it == lookup().end())
        return std::nullopt;
    unsigned first = 0;
    while (!(it->second & (1u << first)))
        ++first;
    return AttributeValue{static_cast<AttributeKind>(first), p, it->second};
}

} // namespace fglens::analysis

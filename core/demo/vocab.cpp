#include "demo/vocab.h"

#include <cmath>

namespace fglens::demo {

uint64_t Rng::next()
{
    // splitmix64: tiny, fast, and good enough for procedural content.
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double Rng::uniform()
{
    return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
}

int Rng::below(int n)
{
    return n <= 1 ? 0 : static_cast<int>(next() % static_cast<uint64_t>(n));
}

double Rng::normal()
{
    const double u1 = 1.0 - uniform();   // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

uint64_t mixSeed(uint64_t a, uint64_t b)
{
    Rng r(a ^ (b * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL));
    r.next();
    return r.next();
}

uint64_t hashText(const std::string& text)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

const std::vector<std::string>& categoryWords()
{
    static const std::vector<std::string> words = {"mug", "chair", "ball", "box",
                                                   "bottle", "lamp", "vase", "umbrella"};
    return words;
}

const std::vector<ColourDef>& colours()
{
    static const std::vector<ColourDef> defs = {
        {"red", {0.82f, 0.12f, 0.12f}},    {"orange", {0.95f, 0.52f, 0.08f}},
        {"yellow", {0.95f, 0.86f, 0.15f}}, {"green", {0.15f, 0.62f, 0.2f}},
        {"blue", {0.12f, 0.3f, 0.85f}},    {"purple", {0.52f, 0.2f, 0.68f}},
        {"pink", {0.97f, 0.55f, 0.72f}},   {"brown", {0.5f, 0.3f, 0.14f}},
        {"black", {0.08f, 0.08f, 0.09f}},  {"white", {0.96f, 0.96f, 0.94f}},
        {"grey", {0.52f, 0.53f, 0.55f}},
    };
    return defs;
}

const std::vector<std::string>& attributeWords(Attr a)
{
    static const std::vector<std::string> colourWords = [] {
        std::vector<std::string> w;
        for (const auto& c : colours())
            w.emplace_back(c.name);
        return w;
    }();
    static const std::vector<std::string> materials = {"wood",    "metal",  "plastic", "glass",
                                                       "fabric",  "leather", "stone",  "paper",
                                                       "ceramic", "rubber", "wool"};
    // Eight patterns give the seven negatives the Pattern protocol asks for.
    static const std::vector<std::string> patterns = {"plain",   "striped", "dotted",     "checkered",
                                                      "woven",   "studded", "perforated", "floral"};
    static const std::vector<std::string> levels = {"opaque", "translucent", "transparent"};
    switch (a) {
    case Attr::Colour: return colourWords;
    case Attr::Material: return materials;
    case Attr::Pattern: return patterns;
    case Attr::Transparency: break;
    }
    return levels;
}

int attributeCount(Attr a)
{
    return static_cast<int>(attributeWords(a).size());
}

const char* attrName(Attr a)
{
    switch (a) {
    case Attr::Colour: return "color";
    case Attr::Material: return "material";
    case Attr::Pattern: return "pattern";
    case Attr::Transparency: break;
    }
    return "transparency";
}

float levelOpacity(int level)
{
    static const float opacity[] = {1.0f, 0.55f, 0.25f};
    return opacity[level < 0 ? 0 : (level > 2 ? 2 : level)];
}

ObjectSpec randomSpec(Rng& rng)
{
    ObjectSpec s;
    s.category = rng.below(static_cast<int>(categoryWords().size()));
    s.at(Attr::Colour) = rng.below(attributeCount(Attr::Colour));
    s.at(Attr::Material) = rng.below(attributeCount(Attr::Material));
    s.at(Attr::Pattern) = rng.below(attributeCount(Attr::Pattern));
    const bool glass = attributeWords(Attr::Material)[static_cast<size_t>(s.at(Attr::Material))] == "glass";
    const double u = rng.uniform();
    // Every level stays common enough for the Transparency benchmark.
    s.at(Attr::Transparency) = glass ? (u < 0.15 ? 0 : (u < 0.45 ? 1 : 2)) : (u < 0.5 ? 0 : (u < 0.75 ? 1 : 2));
    s.seed = rng.next();
    return s;
}

} // namespace fglens::demo

#pragma once
// The demo world: its object categories and attribute values, the words the
// captions use for them, and a small portable random generator. The standard
// library's distributions are implementation-defined, so the demo draws its
// numbers itself to give identical files for a seed on every platform.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace fglens::demo {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next();
    double uniform();                        // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int below(int n);                        // [0, n)
    double normal();
    bool chance(double p) { return uniform() < p; }
    template <class T>
    void shuffle(std::vector<T>& v)
    {
        for (size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[static_cast<size_t>(below(static_cast<int>(i)))]);
    }

private:
    uint64_t state_;
};

uint64_t mixSeed(uint64_t a, uint64_t b);
uint64_t hashText(const std::string& text);   // FNV-1a, stable across runs

enum class Attr { Colour = 0, Material = 1, Pattern = 2, Transparency = 3 };
constexpr int kAttrCount = 4;

struct ColourDef {
    const char* name;
    std::array<float, 3> rgb;   // [0, 1]
};

const std::vector<std::string>& categoryWords();
const std::vector<ColourDef>& colours();
const std::vector<std::string>& attributeWords(Attr a);   // colour names for Colour
int attributeCount(Attr a);
const char* attrName(Attr a);

// Opacity a transparency level is rendered with.
float levelOpacity(int level);

// One object's ground truth; only the renderer and the caption writer see it.
struct ObjectSpec {
    int category = 0;
    std::array<int, kAttrCount> attr{};   // indexed by Attr
    uint64_t seed = 0;                    // shape jitter and texture noise

    int at(Attr a) const { return attr[static_cast<size_t>(a)]; }
    int& at(Attr a) { return attr[static_cast<size_t>(a)]; }
};

// Attributes drawn with the loose correlations real objects have (glass is
// usually see-through, most other things are opaque).
ObjectSpec randomSpec(Rng& rng);

} // namespace fglens::demo

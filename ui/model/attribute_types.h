#pragma once
// Attribute types of objects (colour, material, pattern, transparency),
// learnt from the data itself: the words that the single-attribute
// benchmarks change form one lexicon per type, and an object of any
// benchmark gets every type whose words its negatives change.
#include <QString>

#include <cstdint>
#include <vector>

namespace fglens {
class FgBenchmark;
}

namespace fglens::ui {

enum AttributeType : uint32_t {
    AttrColor = 1u << 0,
    AttrMaterial = 1u << 1,
    AttrPattern = 1u << 2,
    AttrTransparency = 1u << 3,
};

struct AttributeTypeInfo {
    uint32_t bit;
    const char* benchmarkKey;   // the benchmark that defines its lexicon
};
const std::vector<AttributeTypeInfo>& attributeTypes();
QString attributeTypeLabel(uint32_t bit);   // translated

struct KeyedBenchmark {
    std::string key;
    const FgBenchmark* benchmark;
};
// One mask per object of every benchmark, in the order given.
std::vector<std::vector<uint32_t>> classifyAttributes(const std::vector<KeyedBenchmark>& benchmarks);

} // namespace fglens::ui

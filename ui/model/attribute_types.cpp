#include "model/attribute_types.h"

#include "common/qt_text.h"
#include "model/caption_diff.h"

#include "analysis/attribute_vocab.h"
#include "data/fgovd.h"

#include <QCoreApplication>
#include <QSet>

#include <map>

namespace fglens::ui {

const std::vector<AttributeTypeInfo>& attributeTypes()
{
    using analysis::AttributeKind;
    static const std::vector<AttributeTypeInfo> types{
        {AttrColor, analysis::attributeBenchmarkKey(AttributeKind::Colour)},
        {AttrMaterial, analysis::attributeBenchmarkKey(AttributeKind::Material)},
        {AttrPattern, analysis::attributeBenchmarkKey(AttributeKind::Pattern)},
        {AttrTransparency, analysis::attributeBenchmarkKey(AttributeKind::Transparency)},
    };
    return types;
}

QString attributeTypeLabel(uint32_t bit)
{
    switch (bit) {
    case AttrColor:
        return QCoreApplication::translate("fglens::ui::AttributeTypes", "Colour");
    case AttrMaterial:
        return QCoreApplication::translate("fglens::ui::AttributeTypes", "Material");
    case AttrPattern:
        return QCoreApplication::translate("fglens::ui::AttributeTypes", "Pattern");
    case AttrTransparency:
        return QCoreApplication::translate("fglens::ui::AttributeTypes", "Transparency");
    default:
        return {};
    }
}

namespace {

QSet<QString> changedWords(const FgBenchmark& b, const FgObject& o)
{
    QSet<QString> words;
    const QString pos = qs(b.captions[static_cast<size_t>(o.positiveIndex)].text);
    for (int32_t n : o.negativeIndices)
        for (const QString& w : differingWords(pos, qs(b.captions[static_cast<size_t>(n)].text)))
            words.insert(w);
    return words;
}

} // namespace

std::vector<std::vector<uint32_t>> classifyAttributes(const std::vector<KeyedBenchmark>& benchmarks)
{
    std::map<uint32_t, QSet<QString>> lexicon;
    for (const KeyedBenchmark& kb : benchmarks)
        for (const AttributeTypeInfo& t : attributeTypes())
            if (kb.key == t.benchmarkKey)
                for (const FgObject& o : kb.benchmark->objects)
                    lexicon[t.bit].unite(changedWords(*kb.benchmark, o));

    std::vector<std::vector<uint32_t>> masks;
    masks.reserve(benchmarks.size());
    for (const KeyedBenchmark& kb : benchmarks) {
        std::vector<uint32_t> m(kb.benchmark->objects.size(), 0);
        uint32_t own = 0;
        for (const AttributeTypeInfo& t : attributeTypes())
            if (kb.key == t.benchmarkKey)
                own = t.bit;
        for (size_t i = 0; i < m.size(); ++i) {
            if (own) {   // a single-attribute benchmark is that attribute by definition
                m[i] = own;
                continue;
            }
            const QSet<QString> words = changedWords(*kb.benchmark, kb.benchmark->objects[i]);
            for (const auto& [bit, lex] : lexicon)
                if (words.intersects(lex))
                    m[i] |= bit;
        }
        masks.push_back(std::move(m));
    }
    return masks;
}

} // namespace fglens::ui

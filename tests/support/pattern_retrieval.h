#pragma once
// The retrieval case tests/core/quirks_reference.py computes with NumPy: the
// first 100 Pattern objects as images (FG-CLIP's annotation features), each
// with its positive and first three negatives as its four captions. Shared
// by core.reference_values and cli.cli_coverage so both check the same case.
#include "testsupport.h"

#include "data/npy.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <torch/torch.h>

#include <map>
#include <stdexcept>
#include <vector>

namespace fglens::test {

struct PatternRetrieval {
    at::Tensor images;     // [100, D]
    at::Tensor captions;   // [400, D], four per image in order
};

// Throws when a fixture cannot be read; callers check the fixtures first.
inline PatternRetrieval patternRetrieval()
{
    const auto ann = loadNpyTensor(fixtureStd("fgclip-cache/annotation_features.npy"));
    const auto cat = loadNpyTensor(fixtureStd("fgclip-cache/category_features.npy"));
    const auto ids = loadNpyTensor(fixtureStd("fgclip-cache/category_ids.npy"));
    std::map<int64_t, int64_t> rowOf;
    for (int64_t i = 0; i < ids.size(0); ++i)
        rowOf[ids[i].item<int64_t>()] = i;
    QFile jf(fixture("fgovd/benchmarks/pattern.json"));
    if (!jf.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read fgovd/benchmarks/pattern.json");
    const QJsonArray annotations = QJsonDocument::fromJson(jf.readAll()).object()["annotations"].toArray();
    std::vector<int64_t> rows;
    for (int i = 0; i < 100; ++i) {
        const QJsonObject a = annotations[i].toObject();
        rows.push_back(rowOf.at(a["category_id"].toInteger()));
        for (int j = 0; j < 3; ++j)
            rows.push_back(rowOf.at(a["neg_category_ids"].toArray()[j].toInteger()));
    }
    return {ann.narrow(0, 0, 100), cat.index_select(0, torch::tensor(rows))};
}

} // namespace fglens::test

#pragma once
// Result sets for GUI tests computed by core from the real FG-CLIP cache
// fixture (the Pattern benchmark with CLIP B/16 features).
#include "model/result_set.h"

#include "data/fgclip_cache.h"
#include "eval/fgovd_eval.h"
#include "heads/head.h"

#include <torch/torch.h>

#include <memory>

namespace fglens::test {

struct PatternFixture {
    BenchmarkFeatures features;
    FgEvalResult cosine;
};

inline PatternFixture loadPattern(const std::string& path)
{
    PatternFixture f{loadFgclipCache(path), {}};
    auto head = makeHead(HeadKind::Cosine);
    FgEvalOptions opt;
    opt.negatives = protocolNegatives("pattern");
    f.cosine = evaluateFgovd(*head, f.features.benchmark, f.features.objectFeatures, f.features.captionFeatures, opt);
    return f;
}

inline std::shared_ptr<ui::ResultSet> resultSetOf(const FgEvalResult& r, const FgBenchmark& b, const QString& key,
                                                  const QString& label)
{
    auto set = std::make_shared<ui::ResultSet>();
    set->key = key;
    set->label = label;
    auto& rb = set->benches["pattern"];
    rb.negatives = r.negatives;
    rb.ranks = r.ranks;
    rb.scores = r.scores;
    for (int32_t i : r.objectIndices)
        rb.objectIds.push_back(b.objects[static_cast<size_t>(i)].id);
    return set;
}

} // namespace fglens::test

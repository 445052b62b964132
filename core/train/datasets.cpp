#include "train/datasets.h"

#include "common/error.h"
#include "data/fgovd.h"

#include <torch/torch.h>

namespace fglens {

VocabSet makeVocabSet(const FgBenchmark& b, const at::Tensor& objectFeatures, const at::Tensor& captionFeatures,
                      int negatives, const std::string& name)
{
    if (objectFeatures.size(0) != static_cast<int64_t>(b.objects.size()) ||
        captionFeatures.size(0) != static_cast<int64_t>(b.captions.size()))
        fail(b.path, "features do not match the benchmark's objects and captions");
    VocabSet s;
    s.name = name.empty() ? b.name : name;
    std::vector<int64_t> rows;
    std::vector<int64_t> vocab;
    for (size_t i = 0; i < b.objects.size(); ++i) {
        const auto& o = b.objects[i];
        if (static_cast<int>(o.negativeIndices.size()) < negatives)
            continue;
        rows.push_back(static_cast<int64_t>(i));
        s.objectIndices.push_back(static_cast<int32_t>(i));
        vocab.push_back(o.positiveIndex);
        for (int j = 0; j < negatives; ++j)
            vocab.push_back(o.negativeIndices[static_cast<size_t>(j)]);
    }
    const int64_t n = static_cast<int64_t>(rows.size());
    s.objects = objectFeatures.index_select(0, torch::tensor(rows, torch::kInt64));
    s.captions = captionFeatures;
    s.vocab = torch::tensor(vocab, torch::kInt64).view({n, negatives + 1});
    return s;
}

} // namespace fglens

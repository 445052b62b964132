#include "analysis/confusions.h"

#include "common/error.h"
#include "data/fgovd.h"
#include "store/experiment_log.h"

#include <algorithm>
#include <unordered_map>

namespace fglens::analysis {

namespace {

uint64_t packKey(const UnitSubstitution& s)
{
    return (static_cast<uint64_t>(s.kind) << 60) | (static_cast<uint64_t>(static_cast<uint32_t>(s.from)) << 30) |
           static_cast<uint64_t>(static_cast<uint32_t>(s.to));
}

} // namespace

void ConfusionCounter::add(const FgBenchmark& benchmark, const std::vector<ObjectResult>& results)
{
    std::unordered_map<int64_t, size_t> byId;
    byId.reserve(benchmark.objects.size());
    for (size_t i = 0; i < benchmark.objects.size(); ++i)
        byId.emplace(benchmark.objects[i].id, i);
    // Captions are shared between objects: split each once.
    std::vector<std::vector<int32_t>> captionUnits(benchmark.captions.size());
    std::vector<bool> split(benchmark.captions.size(), false);
    auto unitsOf = [&](int32_t c) -> const std::vector<int32_t>& {
        const auto i = static_cast<size_t>(c);
        if (!split[i]) {
            captionUnits[i] = units_.units(benchmark.captions[i].text);
            split[i] = true;
        }
        return captionUnits[i];
    };
    std::vector<UnitSubstitution> subs;
    std::vector<uint64_t> offered, fooled;
    for (const ObjectResult& r : results) {
        const auto it = byId.find(r.objectId);
        if (it == byId.end())
            fail(benchmark.path, "has no object " + std::to_string(r.objectId) + " (the run was evaluated on another file)");
        const FgObject& o = benchmark.objects[it->second];
        if (r.scores.empty() || r.scores.size() - 1 > o.negativeIndices.size())
            fail(benchmark.path, "object " + std::to_string(r.objectId) + " has " +
                                     std::to_string(o.negativeIndices.size()) + " negatives but the run scored " +
                                     std::to_string(r.scores.empty() ? 0 : r.scores.size() - 1));
        const auto& pos = unitsOf(o.positiveIndex);
        offered.clear();
        fooled.clear();
        for (size_t n = 0; n + 1 < r.scores.size(); ++n) {
            subs.clear();
            unitSubstitutions(pos, unitsOf(o.negativeIndices[n]), units_, subs);
            const bool outranks = r.scores[n + 1] >= r.scores[0];
            for (const auto& s : subs) {
                offered.push_back(packKey(s));
                if (outranks)
                    fooled.push_back(packKey(s));
            }
        }
        negatives_ += static_cast<int64_t>(r.scores.size() - 1);
        ++objects_;
        // Once per object, however many of its negatives make the same swap.
        std::sort(offered.begin(), offered.end());
        offered.erase(std::unique(offered.begin(), offered.end()), offered.end());
        std::sort(fooled.begin(), fooled.end());
        fooled.erase(std::unique(fooled.begin(), fooled.end()), fooled.end());
        for (uint64_t k : offered)
            ++counts_[k].objects;
        for (uint64_t k : fooled)
            ++counts_[k].fooled;
    }
}

ConfusionTable ConfusionCounter::table() const
{
    ConfusionTable t;
    t.objects = objects_;
    t.negatives = negatives_;
    for (const auto& [key, c] : counts_) {
        const auto kind = static_cast<size_t>(key >> 60);
        const auto from = static_cast<int32_t>((key >> 30) & 0x3fffffff), to = static_cast<int32_t>(key & 0x3fffffff);
        t.cells[kind].push_back({units_.text(from), units_.text(to), c.objects, c.fooled});
    }
    for (auto& cells : t.cells)
        std::sort(cells.begin(), cells.end(), [](const ConfusionCell& a, const ConfusionCell& b) {
            if (a.objects != b.objects)
                return a.objects > b.objects;
            if (a.from != b.from)
                return a.from < b.from;
            return a.to < b.to;
        });
    return t;
}

} // namespace fglens::analysis

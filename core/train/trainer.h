#pragma once
// One training run of a similarity head: Adam on the hinge triplet loss of its
// stage, a checkpoint of model and optimizer at every epoch (and on cancel),
// resume from it, the best epoch chosen by validation loss, and bit-for-bit
// determinism for a given seed, data and thread count.
#include "common/job.h"
#include "eval/retrieval.h"
#include "train/datasets.h"
#include "train/train_config.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fglens {

struct TrainData {
    std::optional<PairSet> trainPairs;           // warm-up
    std::optional<VocabSet> trainVocab;          // fine-tune
    std::optional<PairSet> valPairs;             // validation loss (warm-up) and COCO recall
    std::optional<VocabSet> valVocab;            // validation loss (fine-tune)
    std::vector<VocabSet> valBenchmarks;         // FG-OVD Mean Rank after each epoch
};

struct EpochReport {
    int epoch = 0;                               // 1-based
    double trainLoss = 0;                        // mean per batch
    double valLoss = 0;                          // mean per batch
    std::map<std::string, double> metrics;       // "mean_rank/<set>", "i2t_r1", ...
    bool best = false;
};

struct StepReport {
    int epoch = 0;
    int64_t step = 0, steps = 0;
    double loss = 0;
};

class Trainer final {
public:
    enum class Status { Finished, Cancelled };

    // workDir receives checkpoint.pt (resume state), best.pt and last.pt
    // (state dicts Python's torch.load reads).
    Trainer(TrainConfig config, const TrainData& data, std::string workDir);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Starts, or resumes when workDir holds a checkpoint of the same config.
    Status run(const JobContext& ctx, const std::function<void(const EpochReport&)>& onEpoch = {},
               const std::function<void(const StepReport&)>& onStep = {});

    const std::vector<EpochReport>& history() const;
    int bestEpoch() const;
    SimilarityHead head() const;                 // current weights
    std::string bestWeightsPath() const;
    bool resumed() const;

    // Loss of the stage on a whole set, in order, without gradients.
    double validationLoss(SimilarityHeadImpl& head) const;

private:
    struct State;
    std::unique_ptr<State> s_;
};

// Mean rank of a head on a vocabulary set (ranks at the set's vocabulary size).
double vocabMeanRank(SimilarityHeadImpl& head, const VocabSet& set, int64_t batch = 2048);

} // namespace fglens

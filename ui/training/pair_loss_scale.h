#pragma once
// Turns the trainer's sum-reduced losses into the mean hinge per triplet
// term, so batch sizes, the last short batch of an epoch and the two stages
// read on one scale (a warm-up batch of B captions has 2·B·(B−1) terms, a
// fine-tune batch of B objects B·N).
#include <cstdint>

namespace fglens::ui {

class PairLossScale {
public:
    PairLossScale() = default;
    // rows: captions (warm-up) or objects (fine-tune) of each set; negatives
    // is the fine-tune vocabulary's N (ignored for the warm-up).
    PairLossScale(bool warmup, int64_t trainRows, int64_t valRows, int64_t batch, int negatives);

    int64_t termsOfBatch(int64_t rows) const;
    // `step` is 1-based within the epoch, as StepReport gives it.
    double stepLoss(int64_t step, double sumLoss) const;
    // The trainer reports epoch losses as the mean over batches of the sums.
    double trainEpochLoss(double meanOfBatchSums) const;
    double valEpochLoss(double meanOfBatchSums) const;
    bool valid() const { return batch_ > 0; }

private:
    // Batches and triplet terms of one pass over `rows` rows.
    void pass(int64_t rows, int64_t* batches, double* terms) const;

    bool warmup_ = true;
    int64_t trainRows_ = 0, valRows_ = 0, batch_ = 0;
    int negatives_ = 0;
};

} // namespace fglens::ui

#include "training/pair_loss_scale.h"

#include <algorithm>

namespace fglens::ui {

PairLossScale::PairLossScale(bool warmup, int64_t trainRows, int64_t valRows, int64_t batch, int negatives)
    : warmup_(warmup)
    , trainRows_(trainRows)
    , valRows_(valRows)
    , batch_(batch)
    , negatives_(negatives)
{
}

int64_t PairLossScale::termsOfBatch(int64_t rows) const
{
    return warmup_ ? 2 * rows * (rows - 1) : rows * negatives_;
}

void PairLossScale::pass(int64_t rows, int64_t* batches, double* terms) const
{
    *batches = 0;
    *terms = 0;
    for (int64_t start = 0; batch_ > 0 && start < rows; start += batch_) {
        ++*batches;
        *terms += static_cast<double>(termsOfBatch(std::min(batch_, rows - start)));
    }
}

double PairLossScale::stepLoss(int64_t step, double sumLoss) const
{
    if (!valid())
        return sumLoss;
    const int64_t rows = std::clamp<int64_t>(trainRows_ - (step - 1) * batch_, 1, batch_);
    const int64_t terms = termsOfBatch(rows);
    return terms > 0 ? sumLoss / static_cast<double>(terms) : sumLoss;
}

double PairLossScale::trainEpochLoss(double meanOfBatchSums) const
{
    int64_t batches = 0;
    double terms = 0;
    pass(trainRows_, &batches, &terms);
    return terms > 0 ? meanOfBatchSums * static_cast<double>(batches) / terms : meanOfBatchSums;
}

double PairLossScale::valEpochLoss(double meanOfBatchSums) const
{
    int64_t batches = 0;
    double terms = 0;
    pass(valRows_, &batches, &terms);
    return terms > 0 ? meanOfBatchSums * static_cast<double>(batches) / terms : meanOfBatchSums;
}

} // namespace fglens::ui

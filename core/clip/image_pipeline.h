#pragma once
// Decodes, crops and preprocesses images on worker threads while the caller
// runs the model: batches come out in order, at most `depth` batches ahead of
// the consumer are prepared (bounded memory). Consecutive items of one batch
// that share an image file are decoded once.
#include "clip/preprocess.h"

#include <ATen/core/Tensor.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace fglens::clip {

struct PreparedBatch {
    int64_t index = 0;                  // batch number
    std::vector<int64_t> items;         // item indices whose pixels are in `pixels`, in order
    at::Tensor pixels;                  // float [items.size(), 3, R, R]
    std::vector<std::pair<int64_t, std::string>> failures;   // item index, one-line reason
};

class ImagePipeline {
public:
    // `batches`: the item indices of each batch, in the order they are wanted.
    ImagePipeline(const std::vector<ImageItem>& items, std::vector<std::vector<int64_t>> batches, int resolution,
                  int workers, int depth = 2);
    ~ImagePipeline();
    ImagePipeline(const ImagePipeline&) = delete;
    ImagePipeline& operator=(const ImagePipeline&) = delete;

    // The next batch in order; nullopt after the last one. Blocks while the
    // workers prepare it.
    std::optional<PreparedBatch> next();

    // A sensible worker count for this machine.
    static int defaultWorkers();

private:
    struct Slot {
        at::Tensor pixels;
        std::vector<char> ok;
        std::vector<std::string> errors;
        size_t remaining = 0;
    };
    void work();

    const std::vector<ImageItem>& items_;
    const std::vector<std::vector<int64_t>> batches_;
    const int resolution_;
    const size_t depth_;

    std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::map<size_t, Slot> slots_;
    size_t consumed_ = 0;        // batches handed out
    size_t claimBatch_ = 0;      // next item to claim: batch and position in it
    size_t claimPos_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

} // namespace fglens::clip

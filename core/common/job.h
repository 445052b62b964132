#pragma once
// Progress reporting and cancellation for long work (encoding, training,
// evaluation). Jobs call report() from their worker thread; the GUI marshals
// it to the main thread, the CLI prints a line.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace fglens {

struct ProgressEvent {
    std::string stage;     // e.g. "parse", "encode images", "epoch 3"
    int64_t done = 0;
    int64_t total = 0;     // 0 when unknown
    std::string message;   // optional detail (loss, rate)
};

using ProgressFn = std::function<void(const ProgressEvent&)>;

class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true); }
    bool cancelled() const { return flag_->load(); }
    void reset() const { flag_->store(false); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

// Bundles the two so job signatures stay short.
struct JobContext {
    ProgressFn progress;
    CancelToken cancel;

    void report(const std::string& stage, int64_t done, int64_t total,
                const std::string& message = {}) const
    {
        if (progress)
            progress(ProgressEvent{stage, done, total, message});
    }
    // Throws Cancelled when cancellation was requested.
    void checkCancelled() const;
};

} // namespace fglens

#include "clip/image_pipeline.h"

#include "common/error.h"
#include "data/image_source.h"

#include <torch/torch.h>

#include <algorithm>

namespace fglens::clip {

ImagePipeline::ImagePipeline(const std::vector<ImageItem>& items, std::vector<std::vector<int64_t>> batches,
                             int resolution, int workers, int depth)
    : items_(items), batches_(std::move(batches)), resolution_(resolution),
      depth_(static_cast<size_t>(std::max(depth, 1)))
{
    for (int i = 0; i < std::max(workers, 1); ++i)
        threads_.emplace_back([this] { work(); });
}

ImagePipeline::~ImagePipeline()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    room_.notify_all();
    ready_.notify_all();
    for (auto& t : threads_)
        t.join();
}

int ImagePipeline::defaultWorkers()
{
    return static_cast<int>(std::max(2u, std::thread::hardware_concurrency() / 2));
}

void ImagePipeline::work()
{
    const int64_t stride = 3 * static_cast<int64_t>(resolution_) * resolution_;
    while (true) {
        size_t batch = 0, begin = 0, end = 0;
        float* base = nullptr;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            // Skip empty batches, wait for room within the depth bound.
            room_.wait(lock, [&] {
                while (claimBatch_ < batches_.size() && claimPos_ >= batches_[claimBatch_].size()) {
                    ++claimBatch_;
                    claimPos_ = 0;
                }
                return stop_ || claimBatch_ >= batches_.size() || claimBatch_ < consumed_ + depth_;
            });
            if (stop_ || claimBatch_ >= batches_.size())
                return;
            batch = claimBatch_;
            const auto& ids = batches_[batch];
            Slot& slot = slots_[batch];
            if (!slot.pixels.defined()) {
                slot.pixels = torch::empty({static_cast<int64_t>(ids.size()), 3, resolution_, resolution_});
                slot.ok.assign(ids.size(), 0);
                slot.errors.assign(ids.size(), {});
                slot.remaining = ids.size();
            }
            base = slot.pixels.data_ptr<float>();
            // A run of items on the same file is one claim: one decode.
            begin = claimPos_;
            end = begin + 1;
            while (end < ids.size() && items_[ids[end]].path == items_[ids[begin]].path)
                ++end;
            claimPos_ = end;
        }

        const auto& ids = batches_[batch];
        std::vector<char> ok(end - begin, 0);
        std::vector<std::string> errors(end - begin);
        cv::Mat rgb;
        std::string decodeError;
        try {
            rgb = decodeRgb(items_[ids[begin]].path);
        } catch (const std::exception& e) {
            decodeError = e.what();
        }
        for (size_t i = begin; i < end; ++i) {
            if (!decodeError.empty()) {
                errors[i - begin] = decodeError;
                continue;
            }
            try {
                const ImageItem& item = items_[ids[i]];
                cv::Mat img = rgb;
                if (item.box) {
                    img = cropRgb(rgb, referenceCropBox(*item.box, rgb.cols, rgb.rows));
                    if (img.empty())
                        fail(item.path, "box lies outside the image or is empty");
                }
                preprocessInto(img, resolution_, base + static_cast<int64_t>(i) * stride);
                ok[i - begin] = 1;
            } catch (const std::exception& e) {
                errors[i - begin] = e.what();
            }
        }

        {
            std::lock_guard<std::mutex> lock(mutex_);
            Slot& slot = slots_[batch];
            for (size_t i = begin; i < end; ++i) {
                slot.ok[i] = ok[i - begin];
                slot.errors[i] = std::move(errors[i - begin]);
            }
            slot.remaining -= end - begin;
        }
        ready_.notify_all();
    }
}

std::optional<PreparedBatch> ImagePipeline::next()
{
    std::unique_lock<std::mutex> lock(mutex_);
    if (consumed_ >= batches_.size())
        return std::nullopt;
    const size_t b = consumed_;
    if (batches_[b].empty()) {
        ++consumed_;
        room_.notify_all();
        PreparedBatch empty;
        empty.index = static_cast<int64_t>(b);
        empty.pixels = torch::empty({0, 3, resolution_, resolution_});
        return empty;
    }
    ready_.wait(lock, [&] {
        auto it = slots_.find(b);
        return it != slots_.end() && it->second.pixels.defined() && it->second.remaining == 0;
    });
    Slot slot = std::move(slots_[b]);
    slots_.erase(b);
    ++consumed_;
    lock.unlock();
    room_.notify_all();

    PreparedBatch out;
    out.index = static_cast<int64_t>(b);
    std::vector<int64_t> keep;
    for (size_t i = 0; i < batches_[b].size(); ++i) {
        if (slot.ok[i]) {
            keep.push_back(static_cast<int64_t>(i));
            out.items.push_back(batches_[b][i]);
        } else {
            out.failures.emplace_back(batches_[b][i], slot.errors[i]);
        }
    }
    out.pixels = keep.size() == batches_[b].size() ? slot.pixels
                                                   : slot.pixels.index_select(0, torch::tensor(keep, torch::kInt64));
    return out;
}

} // namespace fglens::clip

#include "browser/thumbnail_cache.h"

#include "data/image_source.h"

#include <opencv2/imgproc.hpp>

#include <QMutexLocker>
#include <QPointer>

#include <algorithm>

namespace fglens::ui {

namespace {
constexpr size_t kMaxQueued = 256;   // about two screens of grid items
}

ThumbnailCache::ThumbnailCache(int edge, QObject* parent)
    : QObject(parent)
    , edge_(edge)
    , cache_(4000)   // ~4000 x 96x96 RGB = 110 MB at most
{
    pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    notify_.setSingleShot(true);
    notify_.setInterval(40);
    connect(&notify_, &QTimer::timeout, this, &ThumbnailCache::thumbnailsReady);
}

ThumbnailCache::~ThumbnailCache()
{
    {
        QMutexLocker lock(&mutex_);
        queue_.clear();
    }
    pool_.waitForDone();
}

void ThumbnailCache::reset(std::shared_ptr<const ImageSource> images)
{
    QMutexLocker lock(&mutex_);
    queue_.clear();
    ++generation_;
    images_ = std::move(images);
    cache_.clear();
    missing_.clear();
    pending_.clear();
}

ThumbnailCache::State ThumbnailCache::lookup(quint64 key, const std::string& fileName,
                                             const std::array<double, 4>& cocoBox, QImage* out)
{
    if (const QImage* img = cache_.object(key)) {
        if (out)
            *out = *img;
        return State::Ready;
    }
    if (missing_.contains(key))
        return State::Missing;
    if (!images_) {
        missing_.insert(key);
        return State::Missing;
    }
    if (pending_.contains(key))
        return State::Pending;
    pending_.insert(key);
    bool startWorker = false;
    {
        QMutexLocker lock(&mutex_);
        queue_.push_front({key, fileName, cocoBox, generation_});
        while (queue_.size() > kMaxQueued) {
            // Scrolled past: it will be asked for again if it comes back.
            pending_.remove(queue_.back().key);
            queue_.pop_back();
        }
        if (active_ < pool_.maxThreadCount()) {
            ++active_;
            startWorker = true;
        }
    }
    if (startWorker)
        pool_.start([this] { work(); });
    return State::Pending;
}

void ThumbnailCache::work()
{
    for (;;) {
        Request r;
        std::shared_ptr<const ImageSource> images;
        {
            QMutexLocker lock(&mutex_);
            if (queue_.empty()) {
                --active_;
                return;
            }
            r = std::move(queue_.front());
            queue_.pop_front();
            images = images_;
        }
        QImage thumb;
        try {
            if (images) {
                const cv::Mat crop = images->loadCropRgb(r.fileName, r.box);
                if (!crop.empty()) {
                    const double scale = std::min(1.0, static_cast<double>(edge_) / std::max(crop.cols, crop.rows));
                    cv::Mat small;
                    cv::resize(crop, small,
                               cv::Size(std::max(1, static_cast<int>(crop.cols * scale)),
                                        std::max(1, static_cast<int>(crop.rows * scale))),
                               0, 0, cv::INTER_AREA);
                    thumb = QImage(small.data, small.cols, small.rows, static_cast<qsizetype>(small.step),
                                   QImage::Format_RGB888)
                                .copy();
                }
            }
        } catch (const std::exception&) {
            thumb = QImage();   // missing or undecodable: shown as a placeholder
        }
        QMetaObject::invokeMethod(
            this, [this, g = r.generation, k = r.key, thumb] { deliver(g, k, thumb); }, Qt::QueuedConnection);
    }
}

void ThumbnailCache::deliver(quint64 generation, quint64 key, const QImage& image)
{
    if (generation != generation_)
        return;
    pending_.remove(key);
    if (image.isNull())
        missing_.insert(key);
    else
        cache_.insert(key, new QImage(image), 1);
    if (!notify_.isActive())
        notify_.start();
}

void ThumbnailCache::waitForIdle()
{
    pool_.waitForDone();
}

} // namespace fglens::ui

#pragma once
// Crop thumbnails decoded off the GUI thread and kept in a QCache. Requests
// are served newest first and old ones are dropped, so fast scrolling through
// a large grid only decodes what is on screen now.
#include <QCache>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <array>
#include <deque>
#include <memory>
#include <string>

namespace fglens {
class ImageSource;
}

namespace fglens::ui {

class ThumbnailCache final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailCache)

public:
    enum class State { Ready, Pending, Missing };

    explicit ThumbnailCache(int edge = 96, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    int edge() const { return edge_; }
    // Forgets everything (a new project); results of older requests are dropped.
    void reset(std::shared_ptr<const ImageSource> images);

    // The thumbnail when ready; otherwise queues it (once) and says why not.
    State lookup(quint64 key, const std::string& fileName, const std::array<double, 4>& cocoBox, QImage* out);

    int pendingCount() const { return static_cast<int>(pending_.size()); }
    // Blocks until every queued request was served; tests only.
    void waitForIdle();

Q_SIGNALS:
    // Batched: some thumbnails became ready (or turned out missing).
    void thumbnailsReady();

private:
    struct Request {
        quint64 key;
        std::string fileName;
        std::array<double, 4> box;
        quint64 generation;
    };
    void work();
    void deliver(quint64 generation, quint64 key, const QImage& image);

    const int edge_;
    QThreadPool pool_;
    QTimer notify_;
    // GUI thread only.
    QCache<quint64, QImage> cache_;
    QSet<quint64> missing_;
    QSet<quint64> pending_;
    quint64 generation_ = 0;
    std::shared_ptr<const ImageSource> images_;
    // Shared with the workers.
    QMutex mutex_;
    std::deque<Request> queue_;
    int active_ = 0;
};

} // namespace fglens::ui

#pragma once
// Paints one grid cell: the crop thumbnail (or a placeholder while it loads
// or when the image is missing), the benchmark and object id, and a rank
// badge. No widgets per item, so the grid scales to any number of objects.
#include <QStyledItemDelegate>

namespace fglens::ui {

class ProjectSession;
class ThumbnailCache;

class ThumbnailDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailDelegate)

public:
    ThumbnailDelegate(ProjectSession* session, ThumbnailCache* cache, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    ProjectSession* session_;
    ThumbnailCache* cache_;
};

} // namespace fglens::ui

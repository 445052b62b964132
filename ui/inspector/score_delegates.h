#pragma once
// Delegates of the inspector's caption table: a score as a bar and a number,
// and captions as rich text so the differing words can be highlighted.
#include <QStyledItemDelegate>

namespace fglens::ui {

// Reads the score from RawValueRole and the bar's range from the two roles
// below (the vocabulary's lowest and highest score under the same head), so
// small differences between sigmoid scores stay visible.
class ScoreBarDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScoreBarDelegate)

public:
    enum Role { RangeLowRole = Qt::UserRole + 20, RangeHighRole, IsPositiveRole };
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

class RichTextDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RichTextDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace fglens::ui

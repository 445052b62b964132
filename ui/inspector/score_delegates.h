#pragma once
// Delegates of the inspector's caption table: one compact cell per compared
// run (a rank badge over a score bar) and captions as wrapped rich text so the
// differing words can be highlighted.
#include <QStyledItemDelegate>

namespace fglens::ui {

// Reads the score from RawValueRole, the caption's rank under the run from
// CaptionRankRole and the bar's range from the two range roles (the
// vocabulary's lowest and highest score under the same run), so small
// differences between sigmoid scores stay visible in a narrow column.
class RankScoreDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RankScoreDelegate)

public:
    enum Role {
        RangeLowRole = Qt::UserRole + 20,
        RangeHighRole,
        IsPositiveRole,
        CaptionRankRole,
        BeatsPositiveRole,   // a negative scoring at least as high as the positive
        HighlightRole,       // the column of the run the browser scores by
    };
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int kMinWidth = 28;
    static constexpr int kMaxWidth = 56;
};

class RichTextDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RichTextDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // Wrapped to the column's width when the view says it (QTableView does
    // for row heights when word wrap is on).
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace fglens::ui

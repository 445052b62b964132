#include "inspector/score_delegates.h"

#include "browser/object_roles.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocument>

#include <algorithm>

namespace fglens::ui {

namespace {

const QColor kGood(0x2e, 0x7d, 0x32);
const QColor kBad(0xc6, 0x28, 0x28);
const QColor kNeutral(0x78, 0x90, 0x9c);

} // namespace

void RankScoreDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QVariant v = index.data(RawValueRole);
    if (!v.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (index.data(HighlightRole).toBool() && !(opt.state & QStyle::State_Selected)) {
        QColor tint = opt.palette.color(QPalette::Highlight);
        tint.setAlpha(40);
        painter->fillRect(option.rect, tint);
    }

    const bool positive = index.data(IsPositiveRole).toBool();
    const bool beats = index.data(BeatsPositiveRole).toBool();
    const int rank = index.data(CaptionRankRole).toInt();
    QColor badge = kNeutral;
    if (positive)
        badge = rank == 1 ? kGood : kBad;
    else if (beats)
        badge = kBad;

    const QRect r = option.rect.adjusted(3, 2, -3, -2);
    constexpr int barHeight = 4;
    QFont f = opt.font;
    f.setBold(positive || beats);
    const QFontMetrics fm(f);
    const QString text = QString::number(rank);
    const int bh = std::min(r.height() - barHeight - 2, fm.height() + 2);
    const int bw = std::min(r.width(), std::max(bh, fm.horizontalAdvance(text) + 8));
    const QRect badgeRect(r.left() + (r.width() - bw) / 2, r.top() + (r.height() - barHeight - 2 - bh) / 2, bw, bh);
    QPainterPath pill;
    pill.addRoundedRect(badgeRect, bh / 2.0, bh / 2.0);
    if (positive || beats) {
        painter->fillPath(pill, badge);
        painter->setPen(Qt::white);
    } else {
        painter->setPen(QPen(badge, 1));
        painter->drawPath(pill);
        painter->setPen(opt.palette.color(QPalette::Text));
    }
    painter->setFont(f);
    painter->drawText(badgeRect, Qt::AlignCenter, text);

    const double score = v.toDouble();
    const double lo = index.data(RangeLowRole).toDouble(), hi = index.data(RangeHighRole).toDouble();
    const double t = hi > lo ? (score - lo) / (hi - lo) : 1.0;
    const QRect track(r.left(), r.bottom() - barHeight + 1, r.width(), barHeight);
    painter->fillRect(track, QColor(0, 0, 0, 20));
    QColor bar = positive ? kGood : (beats ? kBad : kNeutral);
    bar.setAlpha(190);
    painter->fillRect(QRect(track.left(), track.top(), static_cast<int>(0.06 * track.width() + 0.94 * track.width() * t),
                            barHeight),
                      bar);
    painter->restore();
}

QSize RankScoreDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(kMinWidth);
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 10));
    return s;
}

void RichTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString html = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    QTextDocument doc;
    doc.setDefaultFont(opt.font);
    doc.setDocumentMargin(2);
    doc.setHtml(html);
    const QRect r = opt.rect.adjusted(2, 0, -2, 0);
    doc.setTextWidth(r.width());
    painter->save();
    painter->translate(r.left(), r.top() + std::max(0.0, (r.height() - doc.size().height()) / 2));
    doc.drawContents(painter, QRectF(0, 0, r.width(), r.height()));
    painter->restore();
}

QSize RichTextDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QTextDocument doc;
    doc.setDefaultFont(option.font);
    doc.setDocumentMargin(2);
    doc.setHtml(index.data(Qt::DisplayRole).toString());
    if (option.rect.width() > 8) {
        doc.setTextWidth(option.rect.width() - 4);
        return {option.rect.width(), static_cast<int>(doc.size().height()) + 4};
    }
    return {static_cast<int>(doc.idealWidth()) + 8, static_cast<int>(doc.size().height()) + 4};
}

} // namespace fglens::ui

#include "inspector/score_delegates.h"

#include "browser/object_roles.h"

#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace fglens::ui {

void ScoreBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant v = index.data(RawValueRole);
    if (!v.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const double score = v.toDouble();
    const double lo = index.data(RangeLowRole).toDouble(), hi = index.data(RangeHighRole).toDouble();
    const double t = hi > lo ? (score - lo) / (hi - lo) : 1.0;
    const QRect r = option.rect.adjusted(3, 3, -3, -3);
    const int barWidth = static_cast<int>(0.08 * r.width() + 0.92 * r.width() * t);
    painter->save();
    const bool positive = index.data(IsPositiveRole).toBool();
    painter->fillRect(QRect(r.left(), r.top(), barWidth, r.height()),
                      positive ? QColor(0x66, 0xbb, 0x6a, 170) : QColor(0x90, 0xa4, 0xae, 150));
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(r.adjusted(2, 0, -2, 0), Qt::AlignRight | Qt::AlignVCenter, QString::number(score, 'f', 4));
    painter->restore();
}

QSize ScoreBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 110));
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
    painter->save();
    const QRect r = opt.rect.adjusted(2, 0, -2, 0);
    painter->translate(r.left(), r.top() + (r.height() - doc.size().height()) / 2);
    doc.drawContents(painter, QRectF(0, 0, r.width(), r.height()));
    painter->restore();
}

QSize RichTextDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QTextDocument doc;
    doc.setDefaultFont(option.font);
    doc.setDocumentMargin(2);
    doc.setHtml(index.data(Qt::DisplayRole).toString());
    return {static_cast<int>(doc.idealWidth()) + 8, static_cast<int>(doc.size().height()) + 4};
}

} // namespace fglens::ui

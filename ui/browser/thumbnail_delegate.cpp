#include "browser/thumbnail_delegate.h"

#include "browser/object_roles.h"
#include "browser/thumbnail_cache.h"
#include "common/qt_text.h"
#include "model/project_session.h"

#include "data/fgovd.h"

#include <QApplication>
#include <QPainter>

namespace fglens::ui {

ThumbnailDelegate::ThumbnailDelegate(ProjectSession* session, ThumbnailCache* cache, QObject* parent)
    : QStyledItemDelegate(parent)
    , session_(session)
    , cache_(cache)
{
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int edge = cache_->edge();
    return {edge + 12, edge + option.fontMetrics.height() + 14};
}

void ThumbnailDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int bench = index.data(BenchIndexRole).toInt();
    const int object = index.data(ObjectIndexRole).toInt();
    const auto& benches = session_->benchmarks();
    if (bench < 0 || static_cast<size_t>(bench) >= benches.size())
        return;
    const BenchView& view = benches[static_cast<size_t>(bench)];
    const FgObject& o = view.benchmark->objects[static_cast<size_t>(object)];
    const FgImage& img = view.benchmark->images[static_cast<size_t>(o.imageIndex)];

    painter->save();
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QRect cell = option.rect.adjusted(2, 2, -2, -2);
    painter->fillRect(cell, selected ? pal.highlight() : pal.base());

    const int edge = cache_->edge();
    const QRect thumbRect(cell.left() + (cell.width() - edge) / 2, cell.top() + 4, edge, edge);
    QImage thumb;
    const auto state = cache_->lookup(index.data(ThumbnailKeyRole).toULongLong(), img.fileName, o.bbox, &thumb);
    if (state == ThumbnailCache::State::Ready) {
        const QSize s = thumb.size().scaled(thumbRect.size(), Qt::KeepAspectRatio);
        const QRect target(thumbRect.left() + (edge - s.width()) / 2, thumbRect.top() + (edge - s.height()) / 2,
                           s.width(), s.height());
        painter->drawImage(target, thumb);
    } else {
        painter->fillRect(thumbRect, pal.alternateBase());
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(thumbRect, Qt::AlignCenter | Qt::TextWordWrap,
                          state == ThumbnailCache::State::Missing ? tr("image\nmissing") : tr("loading…"));
    }

    // Rank badge: green when the positive ranks first, red otherwise.
    const int rank = index.data(RankRole).toInt();
    if (rank > 0) {
        const QString text = QString::number(rank);
        QFont f = option.font;
        f.setBold(true);
        painter->setFont(f);
        const QFontMetrics fm(f);
        const QRect badge(thumbRect.right() - fm.horizontalAdvance(text) - 8, thumbRect.top(),
                          fm.horizontalAdvance(text) + 8, fm.height() + 2);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(rank == 1 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        painter->drawRoundedRect(badge, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, text);
        painter->setFont(option.font);
    }

    painter->setPen(selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
    const QRect textRect(cell.left() + 2, thumbRect.bottom() + 4, cell.width() - 4, option.fontMetrics.height());
    const QString label = option.fontMetrics.elidedText(
        QStringLiteral("%1 #%2").arg(qs(view.key)).arg(o.id), Qt::ElideRight, textRect.width());
    painter->drawText(textRect, Qt::AlignCenter, label);
    painter->restore();
}

} // namespace fglens::ui

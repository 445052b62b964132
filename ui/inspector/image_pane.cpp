#include "inspector/image_pane.h"

#include <QPainter>

#include <algorithm>

namespace fglens::ui {

ImagePane::ImagePane(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(120, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize ImagePane::sizeHint() const
{
    return {320, 240};
}

void ImagePane::setImage(const QImage& image, const QRectF& box)
{
    image_ = image;
    box_ = box;
    message_.clear();
    update();
}

void ImagePane::setMessage(const QString& message)
{
    image_ = QImage();
    message_ = message;
    update();
}

void ImagePane::setDetectorBox(const std::optional<QRectF>& box, const QString& detectorName)
{
    detectorBox_ = detectorName.isEmpty() ? std::nullopt : box;
    detectorName_ = detectorName;
    update();
}

QRectF ImagePane::toWidget(const QRectF& r) const
{
    if (image_.isNull())
        return {};
    const QSize s = image_.size().scaled(size(), Qt::KeepAspectRatio);
    const QRect target((width() - s.width()) / 2, (height() - s.height()) / 2, s.width(), s.height());
    const double sx = double(target.width()) / image_.width(), sy = double(target.height()) / image_.height();
    return QRectF(target.left() + r.left() * sx, target.top() + r.top() * sy, r.width() * sx, r.height() * sy);
}

namespace {

void outline(QPainter& p, const QRectF& b, const QColor& colour)
{
    p.setPen(QPen(colour, 2.5));
    p.drawRect(b);
    p.setPen(QPen(Qt::black, 1));
    p.drawRect(b.adjusted(-1.5, -1.5, 1.5, 1.5));
}

} // namespace

void ImagePane::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().alternateBase());
    if (image_.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, message_);
        return;
    }
    const QSize s = image_.size().scaled(size(), Qt::KeepAspectRatio);
    const QRect target((width() - s.width()) / 2, (height() - s.height()) / 2, s.width(), s.height());
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, image_);
    p.setRenderHint(QPainter::Antialiasing);
    if (!box_.isEmpty())
        outline(p, toWidget(box_), groundTruthColor());
    if (detectorBox_ && !detectorBox_->isEmpty())
        outline(p, toWidget(*detectorBox_), detectorColor());
    if (detectorName_.isEmpty())
        return;
    // The legend: which colour is which, and plainly when nothing matched.
    const QString lines[] = {tr("ground truth"),
                             detectorBox_ ? detectorName_ : tr("%1: no box matched").arg(detectorName_)};
    const QColor colours[] = {groundTruthColor(), detectorColor()};
    const QFontMetrics fm = p.fontMetrics();
    const int swatch = fm.height() - 4, pad = 4;
    int w = 0;
    for (const QString& l : lines)
        w = std::max(w, fm.horizontalAdvance(l));
    const QRect box(target.left() + pad, target.top() + pad, w + swatch + 3 * pad, 2 * fm.height() + 2 * pad);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 220));
    p.drawRect(box);
    for (int i = 0; i < 2; ++i) {
        const int y = box.top() + pad + i * fm.height();
        p.setPen(QPen(Qt::black, 1));
        p.setBrush(colours[i]);
        p.drawRect(QRect(box.left() + pad, y + 2, swatch, swatch));
        p.setPen(Qt::black);
        p.drawText(QPoint(box.left() + 2 * pad + swatch, y + fm.ascent()), lines[i]);
    }
}

} // namespace fglens::ui

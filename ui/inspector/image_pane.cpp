#include "inspector/image_pane.h"

#include <QPainter>

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
    if (!box_.isEmpty()) {
        const double sx = double(target.width()) / image_.width(), sy = double(target.height()) / image_.height();
        const QRectF b(target.left() + box_.left() * sx, target.top() + box_.top() * sy, box_.width() * sx,
                       box_.height() * sy);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(0xff, 0xd6, 0x00), 2.5));
        p.drawRect(b);
        p.setPen(QPen(Qt::black, 1));
        p.drawRect(b.adjusted(-1.5, -1.5, 1.5, 1.5));
    }
}

} // namespace fglens::ui

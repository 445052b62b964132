#pragma once
// Shows one image scaled to fit, keeping its aspect ratio, with an optional
// box outlined in image coordinates.
#include <QImage>
#include <QRectF>
#include <QWidget>

namespace fglens::ui {

class ImagePane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagePane)

public:
    explicit ImagePane(QWidget* parent = nullptr);

    void setImage(const QImage& image, const QRectF& box = {});
    void setMessage(const QString& message);   // shown instead of an image
    const QImage& image() const { return image_; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage image_;
    QRectF box_;
    QString message_;
};

} // namespace fglens::ui

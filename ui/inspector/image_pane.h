#pragma once
// Shows one image scaled to fit, keeping its aspect ratio, with an optional
// box outlined in image coordinates, and for a detector run the box it
// matched in a second colour with a small legend.
#include <QColor>
#include <QImage>
#include <QRectF>
#include <QWidget>

#include <optional>

namespace fglens::ui {

class ImagePane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagePane)

public:
    explicit ImagePane(QWidget* parent = nullptr);

    void setImage(const QImage& image, const QRectF& box = {});
    void setMessage(const QString& message);   // shown instead of an image
    const QImage& image() const { return image_; }
    // A detector's matched box (image coordinates; none when no box matched)
    // and the detector's name for the legend; an empty name hides both.
    void setDetectorBox(const std::optional<QRectF>& box, const QString& detectorName);
    std::optional<QRectF> detectorBox() const { return detectorBox_; }
    QString detectorName() const { return detectorName_; }
    // Widget coordinates of an image rectangle as painted now (empty without an image).
    QRectF toWidget(const QRectF& imageRect) const;
    // Okabe–Ito orange and sky blue: told apart with any colour vision.
    static QColor groundTruthColor() { return QColor(0xe6, 0x9f, 0x00); }
    static QColor detectorColor() { return QColor(0x56, 0xb4, 0xe9); }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage image_;
    QRectF box_;
    QString message_;
    std::optional<QRectF> detectorBox_;
    QString detectorName_;
};

} // namespace fglens::ui

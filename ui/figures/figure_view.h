#pragma once
// A figure on screen, painted by the same FigureRenderer as the exported
// files: fitted to the widget by default, zoomed with Ctrl+wheel or +/-
// (0 resets to fit). A click on a bar reports its series and category.
#include "charts/chart_data.h"
#include "figures/figure_options.h"

#include <QWidget>

#include <memory>

namespace fglens::ui {

class FigureRenderer;

class FigureView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FigureView)

public:
    explicit FigureView(QWidget* parent = nullptr);
    ~FigureView() override;

    void setFigure(const ChartData& data, const FigureOptions& options);
    const ChartData& data() const { return data_; }
    const FigureRenderer* renderer() const { return renderer_.get(); }

    // Device pixels per figure point now; 0 zoom means "fit the widget".
    double scale() const;
    double zoom() const { return zoom_; }
    void setZoom(double zoom);

    // The figure point under a widget position (for clicks and tests).
    QPointF toFigure(const QPointF& widgetPos) const;
    QPointF fromFigure(const QPointF& figurePos) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void barActivated(int series, int category);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QPointF origin() const;
    void zoomBy(double factor);

    ChartData data_;
    std::unique_ptr<FigureRenderer> renderer_;
    double zoom_ = 0;
};

} // namespace fglens::ui

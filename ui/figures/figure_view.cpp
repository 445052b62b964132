#include "figures/figure_view.h"

#include "figures/figure_renderer.h"
#include "figures/nice_ticks.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace fglens::ui {

namespace {
constexpr double kMargin = 8;   // widget pixels around a fitted figure
}

FigureView::FigureView(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Mid);
    setMinimumSize(160, 120);
    setToolTip(tr("Ctrl+wheel or +/- to zoom, 0 to fit; click a bar to browse its objects"));
}

FigureView::~FigureView() = default;

void FigureView::setFigure(const ChartData& data, const FigureOptions& options)
{
    data_ = data;
    renderer_ = std::make_unique<FigureRenderer>(data_, options);
    updateGeometry();
    update();
}

double FigureView::scale() const
{
    if (!renderer_)
        return 1;
    const QSizeF fig = renderer_->sizePt();
    if (zoom_ > 0)
        return zoom_ * logicalDpiX() / 72.0;
    return std::max(0.1, std::min((width() - 2 * kMargin) / fig.width(), (height() - 2 * kMargin) / fig.height()));
}

void FigureView::setZoom(double zoom)
{
    zoom_ = zoom <= 0 ? 0 : std::clamp(zoom, 0.25, 8.0);
    if (zoom_ > 0 && renderer_) {
        const QSizeF s = renderer_->sizePt() * scale();
        setMinimumSize(QSize(qCeil(s.width() + 2 * kMargin), qCeil(s.height() + 2 * kMargin)));
    } else {
        setMinimumSize(160, 120);
    }
    updateGeometry();
    update();
}

void FigureView::zoomBy(double factor)
{
    const double current = zoom_ > 0 ? zoom_ : scale() * 72.0 / logicalDpiX();
    setZoom(current * factor);
}

QPointF FigureView::origin() const
{
    if (!renderer_)
        return {};
    const QSizeF s = renderer_->sizePt() * scale();
    return QPointF(std::max(kMargin, (width() - s.width()) / 2), std::max(kMargin, (height() - s.height()) / 2));
}

QPointF FigureView::toFigure(const QPointF& widgetPos) const
{
    return (widgetPos - origin()) / scale();
}

QPointF FigureView::fromFigure(const QPointF& figurePos) const
{
    return figurePos * scale() + origin();
}

QSize FigureView::sizeHint() const
{
    if (!renderer_)
        return QSize(480, 320);
    const QSizeF s = renderer_->sizePt() * (1.5 * logicalDpiX() / 72.0);
    return QSize(qCeil(s.width() + 2 * kMargin), qCeil(s.height() + 2 * kMargin));
}

void FigureView::paintEvent(QPaintEvent*)
{
    if (!renderer_)
        return;
    QPainter p(this);
    const double s = scale();
    const QPointF o = origin();
    // A soft edge so the page reads as the printed figure's extent.
    p.fillRect(QRectF(o + QPointF(2, 2), renderer_->sizePt() * s), QColor(0, 0, 0, 40));
    p.translate(o);
    p.scale(s, s);
    renderer_->paint(p);
}

void FigureView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        event->ignore();   // the scroll area scrolls
        return;
    }
    const int steps = event->angleDelta().y() / 120;
    if (steps != 0)
        zoomBy(std::pow(1.15, steps));
    event->accept();
}

void FigureView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.25);
        return;
    case Qt::Key_0:
        setZoom(0);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void FigureView::mouseReleaseEvent(QMouseEvent* event)
{
    if (renderer_ && event->button() == Qt::LeftButton) {
        const auto [series, category] = renderer_->barAt(toFigure(event->position()));
        if (series >= 0) {
            Q_EMIT barActivated(series, category);
            return;
        }
    }
    QWidget::mouseReleaseEvent(event);
}

void FigureView::mouseMoveEvent(QMouseEvent* event)
{
    if (!renderer_)
        return;
    const auto [series, category] = renderer_->barAt(toFigure(event->position()));
    if (series < 0 || series >= data_.series.size()) {
        QToolTip::hideText();
        setCursor(Qt::ArrowCursor);
        return;
    }
    setCursor(Qt::PointingHandCursor);
    const ChartSeries& s = data_.series[series];
    QString text = QStringLiteral("%1 — %2: %3").arg(s.name, data_.categoryLabels.value(category),
                                                     tickLabel(s.y.value(category), 3));
    const double err = s.yErr.value(category, NAN);
    if (std::isfinite(err))
        text += QStringLiteral(" ± %1 (%2 seeds)").arg(tickLabel(err, 3)).arg(s.seeds);
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace fglens::ui

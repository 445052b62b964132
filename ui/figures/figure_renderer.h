#pragma once
// The figure itself, laid out in points from the data, the options and the
// fonts' metrics, then painted on any device: the screen, PNG, SVG and PDF
// all go through paint(), so what a user sees is what a paper prints.
#include "charts/chart_data.h"
#include "figures/figure_options.h"
#include "figures/nice_ticks.h"

#include <QColor>
#include <QLineF>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>
#include <QVector>

class QPainter;

namespace fglens::ui {

// The Okabe–Ito colour-blind-safe palette, in series order.
QColor figureColour(qsizetype series);

class FigureRenderer {
public:
    FigureRenderer(const ChartData& data, const FigureOptions& options);

    QSizeF sizePt() const { return size_; }
    // Paints the figure with its top-left at the painter's origin, one unit a
    // point: the caller scales the painter by device pixels per point.
    void paint(QPainter& p) const;

    // (series, category) of the bar under a point in figure coordinates, or
    // (-1, -1).
    std::pair<int, int> barAt(const QPointF& pt) const;
    // The bar of a series and category in figure coordinates (empty if none).
    QRectF barRect(int series, int category) const;

    // What the layout chose, for tests and the export dialog.
    bool categoryLabelsRotated() const { return rotated_; }
    QVector<QStringList> categoryLines() const { return categoryLines_; }
    const AxisTicks& xTicks() const { return xTicks_; }
    const AxisTicks& yTicks() const { return yTicks_; }
    QRectF plotRect() const { return plot_; }

private:
    struct Text {
        QStringList lines;
        QPointF at;            // top-left of the text block (before rotation)
        bool rotated = false;  // 90° anticlockwise about `at`, reading upwards
        bool bold = false;
        double pt = 8;
        int align = 0;         // Qt::AlignLeft / AlignHCenter / AlignRight for each line
        double blockWidth = 0;
    };
    struct Bar {
        QRectF rect;
        int series, category;
        double errLo, errHi;   // NaN without an error bar
    };
    struct LegendEntry {
        QString text;
        QPointF at;
        int series;            // -1: the chance line
    };

    double textWidth(const QString& s, double pt, bool bold = false) const;
    double lineHeight(double pt) const;
    void layout();
    void layoutLegend(double top, double width);
    double mapX(double v) const;
    double mapY(double v) const;
    void drawText(QPainter& p, const Text& t) const;
    void drawMarker(QPainter& p, const QPointF& c, int series, double size) const;
    void drawBar(QPainter& p, const Bar& b) const;

    ChartData data_;
    FigureOptions options_;
    QString family_;
    QSizeF size_;
    QRectF plot_;
    double inset_ = 0;         // value axes keep markers off the frame
    AxisTicks xTicks_, yTicks_;
    bool rotated_ = false;
    QVector<QStringList> categoryLines_;
    QVector<Text> texts_;
    QVector<Bar> bars_;
    QVector<LegendEntry> legend_;
    bool chanceDrawn_ = false;
};

} // namespace fglens::ui

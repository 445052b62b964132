#include "figures/figure_renderer.h"

#include "figures/label_wrap.h"

#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPaintDevice>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fglens::ui {

namespace {

constexpr double kPad = 3;         // around the whole figure
constexpr double kTick = 2.5;      // tick marks, outwards
constexpr double kGap = 2;         // between a tick mark and its label
constexpr double kSwatch = 12;     // legend key
constexpr double kMarker = 4.2;    // line and scatter markers
// Metrics are taken at ten times the size so hinting at small pixel sizes
// cannot round the layout; figures are laid out in points (1/72 in).
constexpr double kMeasureScale = 10;

const QColor kOkabeIto[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                            QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00),
                            QColor(0xf0, 0xe4, 0x42), QColor(0x00, 0x00, 0x00)};
constexpr qsizetype kPaletteSize = static_cast<qsizetype>(std::size(kOkabeIto));

QFont makeFont(const QString& family, double pointSize, bool bold)
{
    QFont f(family);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setKerning(true);
    // Any letter spacing turns ligatures off in Qt's shaper: "fi" stays two
    // letters, so text extracted from a PDF matches the label ("finetune").
    f.setLetterSpacing(QFont::PercentageSpacing, 100.5);
    return f;
}

// A device at 72 dpi: one font point is one unit, as in the layout.
const QImage& measureDevice()
{
    static const QImage device = [] {
        QImage image(1, 1, QImage::Format_ARGB32);
        const int dpm = qRound(72 / 0.0254);
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
        return image;
    }();
    return device;
}

bool finite(double v)
{
    return std::isfinite(v);
}

} // namespace

QColor figureColour(qsizetype series)
{
    return kOkabeIto[series % kPaletteSize];
}

FigureRenderer::FigureRenderer(const ChartData& data, const FigureOptions& options)
    : data_(data)
    , options_(options)
    , family_(figureFontFamily(options.font))
{
    options_.fontPt = std::max(FigureOptions::kMinFontPt, options_.fontPt);
    for (qsizetype i = 0; i < data_.categories.size(); ++i) {
        if (data_.categoryLabels.size() <= i)
            data_.categoryLabels << data_.categories[i];
        const QString& label = data_.categoryLabels[i];
        data_.categoryLabels[i] = options_.abbreviations.value(
            label, options_.abbreviations.value(data_.categories[i], label));
    }
    layout();
}

double FigureRenderer::textWidth(const QString& s, double pt, bool bold) const
{
    const QFontMetricsF fm(makeFont(family_, pt * kMeasureScale, bold), &measureDevice());
    return fm.horizontalAdvance(s) / kMeasureScale;
}

double FigureRenderer::lineHeight(double pt) const
{
    const QFontMetricsF fm(makeFont(family_, pt * kMeasureScale, false), &measureDevice());
    return fm.height() / kMeasureScale;
}

double FigureRenderer::mapX(double v) const
{
    const double span = xTicks_.hi - xTicks_.lo;
    return plot_.left() + inset_ + (span > 0 ? (v - xTicks_.lo) / span : 0.5) * (plot_.width() - 2 * inset_);
}

double FigureRenderer::mapY(double v) const
{
    const double span = yTicks_.hi - yTicks_.lo;
    return plot_.bottom() - (span > 0 ? (v - yTicks_.lo) / span : 0.5) * plot_.height();
}

void FigureRenderer::layout()
{
    const double fs = options_.fontPt;
    const double lh = lineHeight(fs);
    const double W = options_.widthPt;
    auto width = [this, fs](const QString& s) { return textWidth(s, fs); };
    texts_.clear();
    bars_.clear();
    legend_.clear();
    double top = kPad;

    if (options_.showTitle && !data_.title.isEmpty()) {
        const double tfs = fs + 1;
        Text t{wrapWords(data_.title, W - 2 * kPad, [&](const QString& s) { return textWidth(s, tfs, true); }),
               QPointF(kPad, top), false, true, tfs, Qt::AlignHCenter, W - 2 * kPad};
        texts_ << t;
        top += t.lines.size() * lineHeight(tfs) + 3;
    }
    if (data_.isEmpty()) {
        Text t{wrapWords(data_.emptyReason, W - 2 * kPad, width), QPointF(kPad, top + 20), false, false, fs,
               Qt::AlignHCenter, W - 2 * kPad};
        texts_ << t;
        size_ = QSizeF(W, std::ceil(top + 20 + t.lines.size() * lh + 20 + kPad));
        plot_ = QRectF();
        return;
    }

    const bool bar = data_.kind == ChartData::Kind::Bar;
    // The data's extent, error bars included.
    double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo, ylo = xlo, yhi = -xlo;
    for (const ChartSeries& s : data_.series)
        for (qsizetype i = 0; i < s.y.size(); ++i) {
            const double y = s.y[i], ey = finite(s.yErr.value(i, NAN)) ? s.yErr[i] : 0;
            if (finite(y)) {
                ylo = std::min(ylo, y - ey);
                yhi = std::max(yhi, y + ey);
            }
            if (!bar && i < s.x.size() && finite(s.x[i])) {
                const double ex = finite(s.xErr.value(i, NAN)) ? s.xErr[i] : 0;
                xlo = std::min(xlo, s.x[i] - ex);
                xhi = std::max(xhi, s.x[i] + ex);
            }
        }
    // Bars grow from the axis' start: Mean Rank from 1, anything else from 0.
    const double yFloor = finite(data_.yFloor) ? data_.yFloor : (bar ? 0.0 : NAN);

    const int n = static_cast<int>(data_.series.size());
    double plotH = options_.heightPt > 0 ? options_.heightPt * 0.6 : std::clamp(0.6 * (W - 50), 90.0, 190.0);
    for (int pass = 0; pass < 2; ++pass) {
        texts_.resize(options_.showTitle && !data_.title.isEmpty() ? 1 : 0);
        legend_.clear();
        bars_.clear();
        double y = top;
        yTicks_ = niceTicks(ylo, yhi, std::clamp(static_cast<int>(plotH / (lh * 1.9)), 3, 8), yFloor);

        // Random chance where it falls inside the axis the data chose.
        chanceDrawn_ = false;
        for (double c : data_.categoryChance)
            chanceDrawn_ = chanceDrawn_ || (c >= yTicks_.lo && c <= yTicks_.hi);
        for (double c : data_.chanceY)
            chanceDrawn_ = chanceDrawn_ || (c >= yTicks_.lo && c <= yTicks_.hi);

        // Legend above the plot, in as many columns as fit the width.
        {
            QStringList names;
            for (const ChartSeries& s : data_.series)
                names << (s.seeds > 1 ? QStringLiteral("%1 (n=%2)").arg(s.name).arg(s.seeds) : s.name);
            if (chanceDrawn_)
                names << QStringLiteral("chance");
            double entryW = 0;
            for (const QString& s : names)
                entryW = std::max(entryW, kSwatch + 3 + width(s));
            const double colGap = 8;
            const double avail = W - 2 * kPad;
            const int cols = std::max(1, std::min(static_cast<int>(names.size()),
                                                  static_cast<int>((avail + colGap) / (entryW + colGap))));
            const int rows = (static_cast<int>(names.size()) + cols - 1) / cols;
            const double used = cols * entryW + (cols - 1) * colGap;
            const double x0 = std::max(kPad, (W - used) / 2);
            for (int i = 0; i < names.size(); ++i) {
                const int r = i / cols, c = i % cols;
                legend_ << LegendEntry{names[i], QPointF(x0 + c * (entryW + colGap), y + r * lh),
                                       i < n ? i : -1};
            }
            // The top tick label is centred on the frame's edge: room for its upper half.
            y += rows * lh + 4 + lh / 2;
        }

        // Left: the y title (rotated, wrapped onto two lines if the plot is
        // short) and the tick labels.
        QStringList yTitle = wrapLabel(data_.yTitle, plotH, width);
        if (yTitle.isEmpty())
            yTitle = wrapWords(data_.yTitle, plotH, width);
        double tickW = 0;
        for (double v : yTicks_.values)
            tickW = std::max(tickW, width(tickLabel(v, yTicks_.decimals)));
        const double plotLeft = kPad + yTitle.size() * lh + 3 + tickW + kGap + kTick;
        double plotRight = W - kPad;

        // Bottom: category labels or x ticks.
        double belowAxis = kTick + kGap;
        inset_ = 0;
        if (bar) {
            const double catW = (plotRight - plotLeft) / std::max<qsizetype>(1, data_.categories.size());
            categoryLines_.clear();
            rotated_ = false;
            for (const QString& label : data_.categoryLabels) {
                const QStringList lines = wrapLabel(label, catW - 3, width);
                rotated_ = rotated_ || lines.isEmpty();
                categoryLines_ << lines;
            }
            double labelH = 0;
            if (rotated_) {
                // Upright text would overlap: every label turns, whole, on one line.
                for (qsizetype i = 0; i < data_.categoryLabels.size(); ++i) {
                    categoryLines_[i] = QStringList{data_.categoryLabels[i]};
                    labelH = std::max(labelH, width(data_.categoryLabels[i]));
                }
            } else {
                for (const QStringList& l : categoryLines_)
                    labelH = std::max(labelH, l.size() * lh);
            }
            belowAxis += labelH;
        } else {
            inset_ = 5;
            const double plotW0 = plotRight - plotLeft;
            // Integer axes (N) try a label at every value first.
            int maxTicks = data_.xIntegers ? std::clamp(static_cast<int>(xhi - xlo) + 1, 3, 12)
                                           : std::clamp(static_cast<int>(plotW0 / 40), 3, 10);
            for (; maxTicks >= 2; --maxTicks) {
                xTicks_ = niceTicks(xlo, xhi, maxTicks, data_.xFloor, data_.xIntegers);
                double widest = 0;
                for (double v : xTicks_.values)
                    widest = std::max(widest, width(tickLabel(v, xTicks_.decimals)));
                if (xTicks_.values.size() * (widest + 6) <= plotW0 - 2 * inset_)
                    break;
            }
            // The last tick label is centred on the axis end: room for its half.
            const double lastW = width(tickLabel(xTicks_.values.back(), xTicks_.decimals));
            plotRight = std::min(plotRight, W - kPad - std::max(0.0, lastW / 2 - inset_));
            belowAxis += lh;
        }
        QStringList xTitle = wrapWords(data_.xTitle, plotRight - plotLeft, width);
        plot_ = QRectF(plotLeft, y, plotRight - plotLeft, plotH);
        const double chrome = (y - top) + belowAxis + 3 + xTitle.size() * lh + kPad + top;
        if (pass == 0 && options_.heightPt > 0) {
            plotH = std::max(40.0, options_.heightPt - chrome);
            continue;
        }

        // Texts, now that the plot is placed.
        Text yt{yTitle, QPointF(kPad, plot_.center().y() + plotH / 2), true, false, fs, Qt::AlignHCenter, plotH};
        texts_ << yt;
        for (double v : yTicks_.values) {
            const QString s = tickLabel(v, yTicks_.decimals);
            texts_ << Text{{s}, QPointF(plotLeft - kTick - kGap - tickW, mapY(v) - lh / 2), false, false, fs,
                           Qt::AlignRight, tickW};
        }
        const double labelTop = plot_.bottom() + kTick + kGap;
        if (bar) {
            const double catW = plot_.width() / std::max<qsizetype>(1, data_.categories.size());
            for (qsizetype i = 0; i < categoryLines_.size(); ++i) {
                const double cx = plot_.left() + (i + 0.5) * catW;
                if (rotated_) {
                    const double w = width(categoryLines_[i].front());
                    texts_ << Text{categoryLines_[i], QPointF(cx - lh / 2, labelTop + w), true, false, fs,
                                   Qt::AlignLeft, w};
                } else {
                    texts_ << Text{categoryLines_[i], QPointF(cx - catW / 2, labelTop), false, false, fs,
                                   Qt::AlignHCenter, catW};
                }
            }
        } else {
            for (double v : xTicks_.values) {
                const QString s = tickLabel(v, xTicks_.decimals);
                const double w = width(s);
                texts_ << Text{{s}, QPointF(mapX(v) - w / 2, labelTop), false, false, fs, Qt::AlignHCenter, w};
            }
        }
        const double xTitleTop = plot_.bottom() + belowAxis + 3;
        texts_ << Text{xTitle, QPointF(plot_.left(), xTitleTop), false, false, fs, Qt::AlignHCenter, plot_.width()};
        // Whole points: PDF page sizes and SVG headers round to them anyway.
        size_ = QSizeF(W, options_.heightPt > 0 ? options_.heightPt : std::ceil(xTitleTop + xTitle.size() * lh + kPad));
        break;
    }

    if (bar) {
        const double catW = plot_.width() / std::max<qsizetype>(1, data_.categories.size());
        const double barW = catW * 0.8 / std::max(1, n);
        const double base = mapY(yTicks_.lo);
        for (int s = 0; s < n; ++s) {
            const ChartSeries& series = data_.series[s];
            for (qsizetype c = 0; c < data_.categories.size() && c < series.y.size(); ++c) {
                const double v = series.y[c];
                if (!finite(v))
                    continue;
                const double x = plot_.left() + c * catW + catW * 0.1 + s * barW;
                const double err = series.yErr.value(c, NAN);
                bars_ << Bar{QRectF(QPointF(x, mapY(v)), QPointF(x + barW, base)), s, static_cast<int>(c),
                             finite(err) ? mapY(v - err) : NAN, finite(err) ? mapY(v + err) : NAN};
            }
        }
    }
}

std::pair<int, int> FigureRenderer::barAt(const QPointF& pt) const
{
    for (const Bar& b : bars_)
        if (b.rect.adjusted(-0.5, -1, 0.5, 0).contains(pt))
            return {b.series, b.category};
    return {-1, -1};
}

QRectF FigureRenderer::barRect(int series, int category) const
{
    for (const Bar& b : bars_)
        if (b.series == series && b.category == category)
            return b.rect;
    return {};
}

void FigureRenderer::drawText(QPainter& p, const Text& t) const
{
    // Point sizes are converted with the device's DPI and then scaled by the
    // painter, which already maps points to device pixels: undo the first.
    const double dpi = p.device() ? p.device()->logicalDpiY() : 72;
    const QFont font = makeFont(family_, t.pt * 72.0 / dpi, t.bold);
    const QFontMetricsF measure(makeFont(family_, t.pt * kMeasureScale, t.bold), &measureDevice());
    const double ascent = measure.ascent() / kMeasureScale;
    const double lh = measure.height() / kMeasureScale;
    p.save();
    p.setFont(font);
    p.setPen(Qt::black);
    p.translate(t.at);
    if (t.rotated)
        p.rotate(-90);
    for (qsizetype i = 0; i < t.lines.size(); ++i) {
        const double w = textWidth(t.lines[i], t.pt, t.bold);
        double x = 0;
        if (t.align & Qt::AlignHCenter)
            x = (t.blockWidth - w) / 2;
        else if (t.align & Qt::AlignRight)
            x = t.blockWidth - w;
        if (options_.outlineText) {
            QPainterPath path;
            path.addText(QPointF(x, i * lh + ascent), font, t.lines[i]);
            p.fillPath(path, Qt::black);
        } else {
            p.drawText(QPointF(x, i * lh + ascent), t.lines[i]);
        }
    }
    p.restore();
}

void FigureRenderer::drawMarker(QPainter& p, const QPointF& c, int series, double size) const
{
    const QColor colour = figureColour(series);
    const double r = size / 2;
    QPainterPath path;
    switch (series % 7) {
    case 0:
        path.addEllipse(c, r, r);
        break;
    case 1:
        path.addRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8));
        break;
    case 2:
        path.moveTo(c.x(), c.y() - r * 1.15);
        path.lineTo(c.x() + r * 1.1, c.y() + r * 0.8);
        path.lineTo(c.x() - r * 1.1, c.y() + r * 0.8);
        path.closeSubpath();
        break;
    case 3:
        path.moveTo(c.x(), c.y() - r * 1.2);
        path.lineTo(c.x() + r * 1.2, c.y());
        path.lineTo(c.x(), c.y() + r * 1.2);
        path.lineTo(c.x() - r * 1.2, c.y());
        path.closeSubpath();
        break;
    case 4:
        path.moveTo(c.x(), c.y() + r * 1.15);
        path.lineTo(c.x() + r * 1.1, c.y() - r * 0.8);
        path.lineTo(c.x() - r * 1.1, c.y() - r * 0.8);
        path.closeSubpath();
        break;
    case 5: {   // plus and cross are strokes: no fill to tell apart in grey
        p.setPen(QPen(colour, 1.0));
        p.drawLine(QLineF(c.x() - r * 1.1, c.y(), c.x() + r * 1.1, c.y()));
        p.drawLine(QLineF(c.x(), c.y() - r * 1.1, c.x(), c.y() + r * 1.1));
        return;
    }
    default:
        p.setPen(QPen(colour, 1.0));
        p.drawLine(QLineF(c.x() - r, c.y() - r, c.x() + r, c.y() + r));
        p.drawLine(QLineF(c.x() - r, c.y() + r, c.x() + r, c.y() - r));
        return;
    }
    p.setPen(QPen(colour.darker(150), 0.4));
    p.setBrush(colour);
    p.drawPath(path);
    p.setBrush(Qt::NoBrush);
}

void FigureRenderer::drawBar(QPainter& p, const Bar& b) const
{
    const QColor colour = figureColour(b.series);
    p.fillRect(b.rect, colour);
    // Hatching tells series apart when the page is printed in grey.
    const int pattern = b.series % 8;
    if (pattern != 0) {
        p.save();
        p.setClipRect(b.rect, Qt::IntersectClip);
        p.setPen(QPen(QColor(0, 0, 0, 150), 0.35));
        const QRectF r = b.rect;
        const double step = 2.4;
        const double span = r.width() + r.height();
        auto diagonal = [&](bool up) {
            for (double d = -span; d <= span; d += step)
                p.drawLine(up ? QLineF(r.left() + d, r.bottom(), r.left() + d + span, r.bottom() - span)
                              : QLineF(r.left() + d, r.top(), r.left() + d + span, r.top() + span));
        };
        switch (pattern) {
        case 1:
            diagonal(true);
            break;
        case 2:
            diagonal(false);
            break;
        case 3:
            diagonal(true);
            diagonal(false);
            break;
        case 4:
            for (double y = r.bottom() - step; y > r.top(); y -= step)
                p.drawLine(QLineF(r.left(), y, r.right(), y));
            break;
        case 5:
            for (double x = r.left() + step / 2; x < r.right(); x += step)
                p.drawLine(QLineF(x, r.top(), x, r.bottom()));
            break;
        case 6:
            p.setBrush(QColor(0, 0, 0, 170));
            p.setPen(Qt::NoPen);
            for (double y = r.bottom() - step / 2; y > r.top(); y -= step)
                for (double x = r.left() + step / 2; x < r.right(); x += step)
                    p.drawEllipse(QPointF(x, y), 0.45, 0.45);
            break;
        default:
            for (double y = r.bottom() - step; y > r.top(); y -= step)
                p.drawLine(QLineF(r.left(), y, r.right(), y));
            for (double x = r.left() + step / 2; x < r.right(); x += step)
                p.drawLine(QLineF(x, r.top(), x, r.bottom()));
            break;
        }
        p.restore();
    }
    p.setPen(QPen(colour.darker(160), 0.4));
    p.setBrush(Qt::NoBrush);
    p.drawRect(b.rect);
}

void FigureRenderer::paint(QPainter& p) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(QRectF(QPointF(0, 0), size_), Qt::white);
    if (plot_.isValid()) {
        const bool bar = data_.kind == ChartData::Kind::Bar;
        // Grid under everything, at the y ticks (and x ticks of a scatter).
        p.setPen(QPen(QColor(0xd8, 0xd8, 0xd8), 0.4));
        for (double v : yTicks_.values)
            p.drawLine(QLineF(plot_.left(), mapY(v), plot_.right(), mapY(v)));
        if (data_.kind == ChartData::Kind::Scatter)
            for (double v : xTicks_.values)
                p.drawLine(QLineF(mapX(v), plot_.top(), mapX(v), plot_.bottom()));

        QPen chancePen(QColor(0x55, 0x55, 0x55), 0.7, Qt::DashLine);
        chancePen.setDashPattern({5, 3});
        p.save();
        p.setClipRect(plot_.adjusted(-kMarker, -kMarker, kMarker, 0));
        if (bar) {
            for (const Bar& b : bars_)
                drawBar(p, b);
            if (chanceDrawn_) {
                const double catW = plot_.width() / std::max<qsizetype>(1, data_.categories.size());
                p.setPen(chancePen);
                for (qsizetype c = 0; c < data_.categoryChance.size(); ++c) {
                    const double v = data_.categoryChance[c];
                    if (v >= yTicks_.lo && v <= yTicks_.hi)
                        p.drawLine(QLineF(plot_.left() + c * catW + catW * 0.05, mapY(v),
                                          plot_.left() + (c + 1) * catW - catW * 0.05, mapY(v)));
                }
            }
            QPen whisker(Qt::black, 0.6);
            p.setPen(whisker);
            for (const Bar& b : bars_)
                if (finite(b.errLo) && finite(b.errHi)) {
                    const double cx = b.rect.center().x(), cap = std::min(b.rect.width() * 0.3, 2.0);
                    p.drawLine(QLineF(cx, b.errLo, cx, b.errHi));
                    p.drawLine(QLineF(cx - cap, b.errLo, cx + cap, b.errLo));
                    p.drawLine(QLineF(cx - cap, b.errHi, cx + cap, b.errHi));
                }
        } else {
            if (chanceDrawn_ && !data_.chanceX.isEmpty()) {
                p.setPen(chancePen);
                QPolygonF line;
                for (qsizetype i = 0; i < data_.chanceX.size(); ++i)
                    line << QPointF(mapX(data_.chanceX[i]), mapY(data_.chanceY[i]));
                p.drawPolyline(line);
            }
            for (int s = 0; s < data_.series.size(); ++s) {
                const ChartSeries& series = data_.series[s];
                const QColor colour = figureColour(s);
                QPolygonF points;
                for (qsizetype i = 0; i < series.x.size() && i < series.y.size(); ++i)
                    if (finite(series.x[i]) && finite(series.y[i]))
                        points << QPointF(mapX(series.x[i]), mapY(series.y[i]));
                if (data_.kind == ChartData::Kind::Line) {
                    p.setPen(QPen(colour, 1.0));
                    p.drawPolyline(points);
                }
                p.setPen(QPen(colour.darker(130), 0.6));
                for (qsizetype i = 0; i < series.x.size() && i < series.y.size(); ++i) {
                    const QPointF c(mapX(series.x[i]), mapY(series.y[i]));
                    const double ey = series.yErr.value(i, NAN), ex = series.xErr.value(i, NAN);
                    if (finite(ey)) {
                        p.drawLine(QLineF(c.x(), mapY(series.y[i] - ey), c.x(), mapY(series.y[i] + ey)));
                        p.drawLine(QLineF(c.x() - 1.5, mapY(series.y[i] - ey), c.x() + 1.5, mapY(series.y[i] - ey)));
                        p.drawLine(QLineF(c.x() - 1.5, mapY(series.y[i] + ey), c.x() + 1.5, mapY(series.y[i] + ey)));
                    }
                    if (finite(ex)) {
                        p.drawLine(QLineF(mapX(series.x[i] - ex), c.y(), mapX(series.x[i] + ex), c.y()));
                        p.drawLine(QLineF(mapX(series.x[i] - ex), c.y() - 1.5, mapX(series.x[i] - ex), c.y() + 1.5));
                        p.drawLine(QLineF(mapX(series.x[i] + ex), c.y() - 1.5, mapX(series.x[i] + ex), c.y() + 1.5));
                    }
                }
                for (const QPointF& c : points)
                    drawMarker(p, c, s, data_.kind == ChartData::Kind::Scatter ? kMarker * 1.3 : kMarker);
            }
        }
        p.restore();

        // Axes: left and bottom only, ticks outwards.
        p.setPen(QPen(Qt::black, 0.6));
        p.drawLine(QLineF(plot_.bottomLeft(), plot_.topLeft()));
        p.drawLine(QLineF(plot_.bottomLeft(), plot_.bottomRight()));
        for (double v : yTicks_.values)
            p.drawLine(QLineF(plot_.left() - kTick, mapY(v), plot_.left(), mapY(v)));
        if (bar) {
            const double catW = plot_.width() / std::max<qsizetype>(1, data_.categories.size());
            for (qsizetype c = 1; c < data_.categories.size(); ++c)
                p.drawLine(QLineF(plot_.left() + c * catW, plot_.bottom(), plot_.left() + c * catW, plot_.bottom() + kTick));
        } else {
            for (double v : xTicks_.values)
                p.drawLine(QLineF(mapX(v), plot_.bottom(), mapX(v), plot_.bottom() + kTick));
        }

        // Legend keys.
        const double lh = lineHeight(options_.fontPt);
        for (const LegendEntry& e : legend_) {
            const QPointF mid(e.at.x() + kSwatch / 2, e.at.y() + lh / 2);
            if (e.series < 0) {
                p.setPen(chancePen);
                p.drawLine(QLineF(e.at.x(), mid.y(), e.at.x() + kSwatch, mid.y()));
            } else if (bar) {
                drawBar(p, Bar{QRectF(e.at.x() + 1, mid.y() - 3.2, kSwatch - 2, 6.4), e.series, 0, NAN, NAN});
            } else {
                if (data_.kind == ChartData::Kind::Line) {
                    p.setPen(QPen(figureColour(e.series), 1.0));
                    p.drawLine(QLineF(e.at.x(), mid.y(), e.at.x() + kSwatch, mid.y()));
                }
                drawMarker(p, mid, e.series, kMarker);
            }
            drawText(p, Text{{e.text}, QPointF(e.at.x() + kSwatch + 3, e.at.y()), false, false, options_.fontPt,
                             Qt::AlignLeft, 0});
        }
    }
    for (const Text& t : texts_)
        drawText(p, t);
    p.restore();
}

} // namespace fglens::ui

#include "charts/chart_factory.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace fglens::ui {

namespace {

// A colour-blind-safe palette (Okabe–Ito), in the order series are added.
const QColor kPalette[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                           QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00),
                           QColor(0xf0, 0xe4, 0x42), QColor(0x00, 0x00, 0x00)};

QColor colour(qsizetype i)
{
    return kPalette[i % static_cast<qsizetype>(std::size(kPalette))];
}

void niceRange(QValueAxis* axis, double lo, double hi, bool fromZero)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        axis->setRange(0, 1);
        return;
    }
    if (fromZero)
        lo = std::min(0.0, lo);
    const double pad = (hi - lo) * 0.08 + 1e-9;
    axis->setRange(fromZero ? lo : lo - pad, hi + pad);
    axis->applyNiceNumbers();
}

} // namespace

QChart* buildChart(const ChartData& data, const ChartStyle& style)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(style.animate ? QChart::SeriesAnimations : QChart::NoAnimation);
    QFont base = chart->font();
    base.setPointSizeF(style.fontPointSize);
    QFont titleFont = base;
    titleFont.setPointSizeF(style.fontPointSize * 1.15);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitle(data.isEmpty() ? data.title + QStringLiteral(" — ") + data.emptyReason : data.title);
    chart->legend()->setFont(base);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);

    auto* axisY = new QValueAxis;
    axisY->setTitleText(data.yTitle);
    axisY->setTitleFont(base);
    axisY->setLabelsFont(base);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    double xlo = lo, xhi = -lo;

    switch (data.kind) {
    case ChartData::Kind::Bar: {
        auto* series = new QBarSeries;
        for (qsizetype i = 0; i < data.series.size(); ++i) {
            const ChartSeries& s = data.series[i];
            auto* set = new QBarSet(s.name);
            set->setColor(colour(i));
            set->setBorderColor(colour(i).darker(130));
            for (double v : s.y) {
                *set << (std::isnan(v) ? 0.0 : v);
                if (!std::isnan(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
            series->append(set);
        }
        chart->addSeries(series);
        auto* axisX = new QBarCategoryAxis;
        axisX->append(data.categories);
        axisX->setTitleText(data.xTitle);
        axisX->setTitleFont(base);
        axisX->setLabelsFont(base);
        chart->addAxis(axisX, Qt::AlignBottom);
        chart->addAxis(axisY, Qt::AlignLeft);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
        niceRange(axisY, lo, hi, true);
        break;
    }
    case ChartData::Kind::Line:
    case ChartData::Kind::Scatter: {
        const bool line = data.kind == ChartData::Kind::Line;
        auto* axisX = new QValueAxis;
        axisX->setTitleText(data.xTitle);
        axisX->setTitleFont(base);
        axisX->setLabelsFont(base);
        chart->addAxis(axisX, Qt::AlignBottom);
        chart->addAxis(axisY, Qt::AlignLeft);
        for (qsizetype i = 0; i < data.series.size(); ++i) {
            const ChartSeries& s = data.series[i];
            QXYSeries* xy = nullptr;
            if (line) {
                auto* l = new QLineSeries;
                l->setPointsVisible(true);
                QPen pen(colour(i));
                pen.setWidthF(1.6);
                l->setPen(pen);
                xy = l;
            } else {
                auto* sc = new QScatterSeries;
                sc->setMarkerSize(style.fontPointSize * 1.3);
                sc->setColor(colour(i));
                sc->setBorderColor(colour(i).darker(140));
                xy = sc;
            }
            xy->setName(s.name);
            for (qsizetype k = 0; k < s.x.size(); ++k) {
                xy->append(s.x[k], s.y[k]);
                lo = std::min(lo, s.y[k]);
                hi = std::max(hi, s.y[k]);
                xlo = std::min(xlo, s.x[k]);
                xhi = std::max(xhi, s.x[k]);
            }
            chart->addSeries(xy);
            xy->attachAxis(axisX);
            xy->attachAxis(axisY);
        }
        if (line) {
            axisX->setRange(std::isfinite(xlo) ? xlo : 1, std::isfinite(xhi) ? xhi : 10);
            axisX->setTickCount(std::isfinite(xhi) ? static_cast<int>(xhi - xlo) + 1 : 10);
            axisX->setLabelFormat(QStringLiteral("%d"));
            niceRange(axisY, lo, hi, true);
        } else {
            niceRange(axisX, xlo, xhi, false);
            niceRange(axisY, lo, hi, false);
        }
        break;
    }
    }
    // A row of legend entries at the bottom elides labels beyond a few
    // series; a column on the right keeps every label readable.
    if (data.series.size() > 3)
        chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setVisible(!data.series.isEmpty());
    return chart;
}

} // namespace fglens::ui

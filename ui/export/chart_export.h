#pragma once
// Writes a chart as a figure for a paper (PNG at a chosen DPI, SVG and PDF
// as vectors, the page exactly the figure's size) or its data (CSV, LaTeX).
// Figures are drawn by FigureRenderer, the same code as the screen. Every
// file records the runs and filters behind it: PNG text chunks, the SVG
// <desc>, the PDF's XMP metadata, and comment lines in CSV and LaTeX.
#include "charts/chart_data.h"
#include "figures/figure_options.h"

#include <QString>
#include <QStringList>

namespace fglens::ui {

enum class ExportFormat { Png, Svg, Pdf, Csv, Latex };

QString exportFormatSuffix(ExportFormat f);   // "png", "svg", "pdf", "csv", "tex"
// The format a file name asks for (by suffix); Pdf when unknown.
ExportFormat exportFormatForPath(const QString& path);

struct ExportOptions {
    FigureOptions figure;        // width, font, title, abbreviations
    int dpi = 300;               // PNG only
    bool outlineSvgText = false; // SVG text as paths: looks the same without the fonts
};

// Returns an empty string on success, else one line saying what failed.
// Needs a QGuiApplication (any platform, offscreen included).
QString exportChart(const ChartData& chart, ExportFormat format, const QString& path, const ExportOptions& options = {});

} // namespace fglens::ui

#pragma once
// Writes a chart as a figure for a paper (PNG at a chosen DPI, SVG and PDF
// as vectors, one- or two-column width) or its data (CSV, LaTeX). Every file
// records the runs and filters behind it: PNG text chunks, the SVG <desc>,
// the PDF's XMP metadata, and comment lines in CSV and LaTeX.
#include "charts/chart_data.h"

#include <QString>
#include <QStringList>

namespace fglens::ui {

enum class ExportFormat { Png, Svg, Pdf, Csv, Latex };

QString exportFormatSuffix(ExportFormat f);   // "png", "svg", "pdf", "csv", "tex"

struct FigureSize {
    double widthInches = 3.5;    // one column; 7.16 for two (IEEE/CVPR)
    double heightInches = 2.6;
    static FigureSize oneColumn() { return {3.5, 2.6}; }
    static FigureSize twoColumn() { return {7.16, 3.2}; }
};

struct ExportOptions {
    FigureSize size = FigureSize::oneColumn();
    int dpi = 300;               // PNG only
    double fontPointSize = 0;    // 0: 7 pt for one column, 8 pt for two
};

// Returns an empty string on success, else one line saying what failed.
// Needs a QGuiApplication (any platform, offscreen included).
QString exportChart(const ChartData& chart, ExportFormat format, const QString& path, const ExportOptions& options = {});

} // namespace fglens::ui

#pragma once
// How a figure is set for a paper: its printed width (a journal's column),
// font and size, an optional title, and the user's abbreviations for long
// category labels. The same options drive the screen and every export.
#include <QMap>
#include <QString>
#include <QVector>

namespace fglens::ui {

enum class FigureFont { Sans, Serif };

struct WidthPreset {
    QString id;           // "ieee-1col": for the command line and settings
    QString label;        // "IEEE one column (3.5 in)"
    double widthPt;
};

// IEEE, ACM and Springer LNCS column widths, one and two columns.
const QVector<WidthPreset>& widthPresets();
// The preset with this id, or nullptr.
const WidthPreset* findWidthPreset(const QString& id);

struct FigureOptions {
    double widthPt = 252;          // IEEE one column, 3.5 in
    double heightPt = 0;           // 0: chosen from the content
    FigureFont font = FigureFont::Sans;
    double fontPt = 8;             // never set below kMinFontPt
    bool showTitle = false;        // papers caption their figures
    QMap<QString, QString> abbreviations;   // category label -> shown label
    bool outlineText = false;      // text drawn as paths (SVG for tools without the fonts)

    static constexpr double kMinFontPt = 7;
    static FigureOptions forPreset(const QString& presetId);
};

// The installed family for the choice: DejaVu or Liberation, whichever exists.
QString figureFontFamily(FigureFont font);

} // namespace fglens::ui

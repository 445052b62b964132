#include "figures/figure_options.h"

#include <QCoreApplication>
#include <QFontDatabase>

namespace fglens::ui {

const QVector<WidthPreset>& widthPresets()
{
    // Text widths from the IEEEtran, acmart and llncs classes (1 in = 72 pt).
    static const QVector<WidthPreset> presets = {
        {QStringLiteral("ieee-1col"), QCoreApplication::translate("Figures", "IEEE one column (3.5 in)"), 3.5 * 72},
        {QStringLiteral("ieee-2col"), QCoreApplication::translate("Figures", "IEEE two columns (7.16 in)"), 7.16 * 72},
        {QStringLiteral("acm-1col"), QCoreApplication::translate("Figures", "ACM one column (3.33 in)"), 3.33 * 72},
        {QStringLiteral("acm-2col"), QCoreApplication::translate("Figures", "ACM two columns (7.0 in)"), 7.0 * 72},
        {QStringLiteral("lncs"), QCoreApplication::translate("Figures", "Springer LNCS text width (12.2 cm)"), 12.2 / 2.54 * 72},
        {QStringLiteral("lncs-4.8in"), QCoreApplication::translate("Figures", "Springer LNCS (4.8 in)"), 4.8 * 72},
    };
    return presets;
}

const WidthPreset* findWidthPreset(const QString& id)
{
    for (const WidthPreset& p : widthPresets())
        if (p.id == id)
            return &p;
    return nullptr;
}

FigureOptions FigureOptions::forPreset(const QString& presetId)
{
    FigureOptions o;
    if (const WidthPreset* p = findWidthPreset(presetId))
        o.widthPt = p->widthPt;
    return o;
}

QString figureFontFamily(FigureFont font)
{
    const QStringList wanted = font == FigureFont::Serif
                                   ? QStringList{QStringLiteral("Liberation Serif"), QStringLiteral("DejaVu Serif")}
                                   : QStringList{QStringLiteral("DejaVu Sans"), QStringLiteral("Liberation Sans")};
    const QStringList installed = QFontDatabase::families();
    for (const QString& f : wanted)
        if (installed.contains(f))
            return f;
    return wanted.front();   // fontconfig substitutes something close
}

} // namespace fglens::ui

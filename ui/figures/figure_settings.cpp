#include "figures/figure_settings.h"

#include <QSettings>
#include <QVariantMap>

#include <algorithm>

namespace fglens::ui {

namespace {

QMap<QString, QString> readMap(const QSettings& s, const char* key)
{
    QMap<QString, QString> out;
    const QVariantMap m = s.value(QLatin1String(key)).toMap();
    for (auto it = m.begin(); it != m.end(); ++it) {
        const QString v = it.value().toString().trimmed();
        if (!v.isEmpty() && v != it.key())
            out.insert(it.key(), v);
    }
    return out;
}

void writeMap(QSettings& s, const char* key, const QMap<QString, QString>& map)
{
    QVariantMap m;
    for (auto it = map.begin(); it != map.end(); ++it)
        if (!it.value().trimmed().isEmpty() && it.value() != it.key())
            m.insert(it.key(), it.value().trimmed());
    s.setValue(QLatin1String(key), m);
}

} // namespace

FigureNames FigureNames::load()
{
    const QSettings s;
    return FigureNames{readMap(s, kRunNamesKey), readMap(s, kAbbreviationsKey)};
}

void FigureNames::save() const
{
    QSettings s;
    writeMap(s, kRunNamesKey, runNames);
    writeMap(s, kAbbreviationsKey, abbreviations);
}

QString FigureNames::runName(const QString& label) const
{
    return runNames.value(label, label);
}

QString savedWidthPreset()
{
    const QString id = QSettings().value(QStringLiteral("figures/preset"), QStringLiteral("ieee-1col")).toString();
    return findWidthPreset(id) ? id : QStringLiteral("ieee-1col");
}

FigureOptions savedFigureOptions()
{
    const QSettings s;
    FigureOptions o = FigureOptions::forPreset(savedWidthPreset());
    o.font = s.value(QStringLiteral("figures/font")).toString() == QLatin1String("serif") ? FigureFont::Serif
                                                                                         : FigureFont::Sans;
    o.fontPt = std::max(FigureOptions::kMinFontPt, s.value(QStringLiteral("figures/fontPt"), 8.0).toDouble());
    o.showTitle = s.value(QStringLiteral("figures/title"), false).toBool();
    o.abbreviations = FigureNames::load().abbreviations;
    return o;
}

void saveFigureOptions(const QString& presetId, const FigureOptions& o)
{
    QSettings s;
    s.setValue(QStringLiteral("figures/preset"), presetId);
    s.setValue(QStringLiteral("figures/font"), o.font == FigureFont::Serif ? QStringLiteral("serif") : QStringLiteral("sans"));
    s.setValue(QStringLiteral("figures/fontPt"), o.fontPt);
    s.setValue(QStringLiteral("figures/title"), o.showTitle);
}

void applyRunNames(std::vector<SetGroup>& groups, const FigureNames& names)
{
    for (SetGroup& g : groups)
        g.label = names.runName(g.label);
}

bool detectorFigureWithHeads()
{
    return QSettings().value(QStringLiteral("figures/detectorsWithHeads"), false).toBool();
}

void setDetectorFigureWithHeads(bool on)
{
    QSettings().setValue(QStringLiteral("figures/detectorsWithHeads"), on);
}

} // namespace fglens::ui

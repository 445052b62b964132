#pragma once
// What a user sets once and every figure reuses, kept in QSettings (the
// application's own settings file, so the GUI and `fglens --export-figures`
// share it): display names for runs, abbreviations for category labels,
// the width preset, font and title choice.
#include "charts/chart_data.h"
#include "figures/figure_options.h"

#include <QMap>
#include <QString>

#include <vector>

namespace fglens::ui {

struct FigureNames {
    QMap<QString, QString> runNames;        // default legend label -> display name
    QMap<QString, QString> abbreviations;   // category label -> shown label (default: none)

    static FigureNames load();
    void save() const;
    // The display name for a default label, or the label itself.
    QString runName(const QString& label) const;
};

// Settings keys, for the dialog and tests.
inline constexpr const char* kRunNamesKey = "figures/runNames";
inline constexpr const char* kAbbreviationsKey = "figures/abbreviations";

// The saved preset, font and title choice with the saved abbreviations.
FigureOptions savedFigureOptions();
QString savedWidthPreset();
void saveFigureOptions(const QString& presetId, const FigureOptions& options);

// Whether the detectors' Fig. 3 shows the compared heads too (the panel's
// check box; `fglens --export-figures` follows it).
bool detectorFigureWithHeads();
void setDetectorFigureWithHeads(bool on);

// Display names applied to the groups' labels.
void applyRunNames(std::vector<SetGroup>& groups, const FigureNames& names);

} // namespace fglens::ui

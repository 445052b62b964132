#pragma once
// Edits the names figures print: a display name for each run's default
// legend label, and an abbreviation for each category label (empty: the
// full name). Saved with FigureNames, so every later figure reuses them.
#include "figures/figure_settings.h"

#include <QDialog>

class QTableWidget;

namespace fglens::ui {

class NamesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NamesDialog)

public:
    NamesDialog(const QStringList& runLabels, const QStringList& categoryLabels, const FigureNames& current,
                QWidget* parent = nullptr);

    // The mappings as edited, merged into the ones it started from (names of
    // runs not listed now are kept).
    FigureNames names() const;

private:
    FigureNames start_;
    QTableWidget* runs_;
    QTableWidget* categories_;
};

} // namespace fglens::ui

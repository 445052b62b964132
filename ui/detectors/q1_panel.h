#pragma once
// The paper's first question as a table: per benchmark, of the objects the
// chosen detector ranks wrong, how many CLIP on the crop also ranks wrong and
// how many the detector left unmatched. Counted by core's detectorQ1 over the
// compared result sets; exported as `fglens-cli detector-q1` writes it.
#include "eval/detector_q1.h"
#include "model/result_set.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QTableWidget;

namespace fglens::ui {

class ProjectSession;

// A result set's per-object ranks (and a detector's matched boxes) as the
// log holds them, for core's functions over ObjectResult.
std::vector<ObjectResult> objectResultsOf(const ResultSet& set);

class Q1Panel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Q1Panel)

public:
    explicit Q1Panel(ProjectSession* session, QWidget* parent = nullptr);

    // Result set keys; false when either is not compared (or the first is not a detector).
    bool setRuns(const QString& detectorKey, const QString& clipKey);
    QString detectorKey() const;
    QString clipKey() const;
    const std::vector<Q1Row>& rows() const { return rows_; }
    QTableWidget* table() const { return table_; }
    // core's q1Csv / q1Latex of the rows shown.
    QString csv() const;
    QString latex() const;
    // By the suffix: .csv or .tex; the error names the file.
    QString exportTo(const QString& path) const;

public Q_SLOTS:
    void exportDialog();
    void rebuild();

private:
    void fillBoxes();

    ProjectSession* session_;
    QComboBox* detectorBox_;
    QComboBox* clipBox_;
    QTableWidget* table_;
    QLabel* hint_;
    std::vector<Q1Row> rows_;
    bool filling_ = false;
};

} // namespace fglens::ui

#pragma once
// The runs table: every run of the log, multi-select to compare them in the
// browser, inspector and charts; the selected run's config and metrics below.
#include <QList>
#include <QWidget>

class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace fglens::ui {

class RunsModel;

class RunsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsPanel)

public:
    explicit RunsPanel(RunsModel* model, QWidget* parent = nullptr);

    QList<qint64> selectedRunIds() const;
    void selectRuns(const QList<qint64>& ids);
    QTableView* view() const { return view_; }
    // Refreshes every few seconds while `on` (a run is training).
    void setLiveRefresh(bool on);

Q_SIGNALS:
    void compareRequested(const QList<qint64>& runIds);
    void evaluateRequested(qint64 runId);

private:
    void updateDetails();

    RunsModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
    QPlainTextEdit* details_;
    QPushButton* compare_;
    QPushButton* evaluate_;
    QTimer* refresh_;
};

} // namespace fglens::ui

#pragma once
// The runs table: every run of the log, multi-select to compare them in the
// browser, inspector and charts; the selected run's config and metrics below.
#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSettings;
class QSplitter;
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
    // What the empty table says instead of nothing (what to do next).
    void setEmptyHint(const QString& text);
    QLabel* emptyHint() const { return emptyHint_; }
    // Column widths, sort order and the table/details split.
    void saveLayout(QSettings& settings) const;
    void restoreLayout(const QSettings& settings);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    void compareRequested(const QList<qint64>& runIds);
    void evaluateRequested(qint64 runId);

private:
    void updateDetails();
    void updateEmptyHint();

    RunsModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
    QPlainTextEdit* details_;
    QPushButton* compare_;
    QPushButton* evaluate_;
    QTimer* refresh_;
    QSplitter* split_;
    QLabel* emptyHint_;
};

} // namespace fglens::ui

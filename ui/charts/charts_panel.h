#pragma once
// The three charts over the compared heads and runs, redrawn when the
// comparison changes; a bar click asks the browser to show those objects.
#include "charts/chart_data.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QTabWidget;

namespace fglens::ui {

class ProjectSession;

class ChartsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)

public:
    explicit ChartsPanel(ProjectSession* session, QWidget* parent = nullptr);

    // The data of the chart on each tab, with provenance filled in.
    std::vector<ChartData> currentCharts() const;
    int currentChartIndex() const;
    // Filter description included in exported provenance.
    void setFilterDescription(const QString& filters);

public Q_SLOTS:
    void rebuild();
    void exportCurrent();

Q_SIGNALS:
    // A bar of the Mean Rank chart: the result set and the benchmark.
    void barClicked(const QString& setKey, const QString& benchKey);
    void statusMessage(const QString& message);

private:
    std::vector<ResultSetPtr> sets() const;
    void show(QChartView* view, const ChartData& data);

    ProjectSession* session_;
    QTabWidget* tabs_;
    QChartView* meanRank_;
    QChartView* rankVsN_;
    QChartView* tradeoff_;
    QComboBox* benchBox_;
    QComboBox* recallBox_;
    QString filters_;
    std::vector<ChartData> charts_;
};

} // namespace fglens::ui

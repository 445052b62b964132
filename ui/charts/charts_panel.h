#pragma once
// The three charts over the compared heads and runs, redrawn when the
// comparison changes; each tab is a FigureView, the exported figure itself
// at screen size. A bar click asks the browser to show those objects.
#include "charts/chart_data.h"
#include "figures/figure_options.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QTabWidget;

namespace fglens::ui {

class FigureView;
class ProjectSession;

class ChartsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)

public:
    explicit ChartsPanel(ProjectSession* session, QWidget* parent = nullptr);

    // The data of the chart on each tab, with provenance filled in.
    // The detectors' Fig. 3 only when a detector run is compared.
    std::vector<ChartData> currentCharts() const;
    // Fig. 3 for detectors, whatever it holds (its tab is always there).
    const ChartData& detectorFigure() const { return charts_.at(kDetectorChart); }
    static constexpr int kDetectorChart = 3;
    int currentChartIndex() const;
    // Filter description included in exported provenance.
    void setFilterDescription(const QString& filters);

    // The figure options the panel shows (width preset, font, title, names).
    FigureOptions figureOptions() const;
    FigureView* figureView(int index) const;
    // A banner above the controls (what the project lacks for charts).
    void setBanner(QWidget* banner);

public Q_SLOTS:
    void rebuild();
    void exportCurrent();
    void editNames();

Q_SIGNALS:
    // A bar of the Mean Rank chart: the result set and the benchmark.
    void barClicked(const QString& setKey, const QString& benchKey);
    void statusMessage(const QString& message);

private:
    std::vector<ResultSetPtr> sets() const;
    void saveOptions();

    ProjectSession* session_;
    QTabWidget* tabs_;
    FigureView* views_[4];
    QCheckBox* headsBox_;
    QComboBox* benchBox_;
    QComboBox* recallBox_;
    QComboBox* presetBox_;
    QComboBox* fontBox_;
    QCheckBox* titleBox_;
    QString filters_;
    std::vector<ChartData> charts_;
    std::vector<SetGroup> groups_;
};

} // namespace fglens::ui

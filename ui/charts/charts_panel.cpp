#include "charts/charts_panel.h"

#include "charts/chart_factory.h"
#include "common/qt_text.h"
#include "export/chart_export.h"
#include "model/project_session.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fglens::ui {

ChartsPanel::ChartsPanel(ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    tabs_ = new QTabWidget(this);
    meanRank_ = new QChartView(this);
    rankVsN_ = new QChartView(this);
    tradeoff_ = new QChartView(this);
    for (QChartView* v : {meanRank_, rankVsN_, tradeoff_})
        v->setRenderHint(QPainter::Antialiasing);
    tabs_->addTab(meanRank_, tr("Mean Rank per benchmark"));
    tabs_->addTab(rankVsN_, tr("Rank vs negatives"));
    tabs_->addTab(tradeoff_, tr("COCO vs FG-OVD (Table I)"));

    benchBox_ = new QComboBox(this);
    recallBox_ = new QComboBox(this);
    for (const char* m : {"i2t_r1", "i2t_r5", "i2t_r10", "t2i_r1", "t2i_r5", "t2i_r10"})
        recallBox_->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    auto* exportButton = new QPushButton(tr("E&xport…"), this);
    exportButton->setToolTip(tr("Save the current chart as PNG, SVG or PDF, or its data as CSV or LaTeX"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Rank vs N benchmark:"), this));
    bar->addWidget(benchBox_);
    bar->addWidget(new QLabel(tr("COCO recall:"), this));
    bar->addWidget(recallBox_);
    bar->addStretch(1);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(tabs_, 1);

    connect(session_, &ProjectSession::resultSetsChanged, this, &ChartsPanel::rebuild);
    connect(session_, &ProjectSession::projectChanged, this, [this] {
        benchBox_->blockSignals(true);
        benchBox_->clear();
        for (const BenchView& b : session_->benchmarks())
            benchBox_->addItem(qs(b.key), qs(b.key));
        const int hard = benchBox_->findData(QStringLiteral("hard"));
        benchBox_->setCurrentIndex(hard >= 0 ? hard : 0);
        benchBox_->blockSignals(false);
        rebuild();
    });
    connect(benchBox_, &QComboBox::currentIndexChanged, this, &ChartsPanel::rebuild);
    connect(recallBox_, &QComboBox::currentIndexChanged, this, &ChartsPanel::rebuild);
    connect(exportButton, &QPushButton::clicked, this, &ChartsPanel::exportCurrent);
    rebuild();
}

std::vector<ResultSetPtr> ChartsPanel::sets() const
{
    std::vector<ResultSetPtr> out;
    for (int i = 0; i < session_->resultSetCount(); ++i)
        out.push_back(session_->resultSet(i));
    return out;
}

void ChartsPanel::setFilterDescription(const QString& filters)
{
    filters_ = filters;
    for (ChartData& c : charts_)
        c.provenance = provenanceLine(sets(), session_->logPath(), filters_);
}

void ChartsPanel::show(QChartView* view, const ChartData& data)
{
    QChart* old = view->chart();
    ChartStyle style;
    style.animate = false;
    QChart* chart = buildChart(data, style);
    view->setChart(chart);
    delete old;   // QChartView does not delete a replaced chart
    if (data.kind == ChartData::Kind::Bar) {
        const auto series = chart->series();
        if (series.isEmpty())
            return;
        auto* bars = qobject_cast<QBarSeries*>(series.front());
        if (!bars)
            return;
        const QStringList categories = data.categories;
        QStringList keys;
        for (const ChartSeries& s : data.series)
            keys << s.key;
        connect(bars, &QBarSeries::clicked, this, [this, categories, keys, bars](int index, QBarSet* set) {
            const qsizetype s = bars->barSets().indexOf(set);
            if (s >= 0 && s < keys.size() && index >= 0 && index < categories.size())
                Q_EMIT barClicked(keys[s], categories[index]);
        });
    }
}

void ChartsPanel::rebuild()
{
    const auto all = sets();
    charts_.clear();
    charts_.push_back(meanRankChart(all));
    charts_.push_back(rankVsNegativesChart(all, ss(benchBox_->currentData().toString())));
    charts_.push_back(tradeoffChart(all, recallBox_->currentData().toString()));
    for (ChartData& c : charts_)
        c.provenance = provenanceLine(all, session_->logPath(), filters_);
    show(meanRank_, charts_[0]);
    show(rankVsN_, charts_[1]);
    show(tradeoff_, charts_[2]);
}

std::vector<ChartData> ChartsPanel::currentCharts() const
{
    return charts_;
}

int ChartsPanel::currentChartIndex() const
{
    return tabs_->currentIndex();
}

void ChartsPanel::exportCurrent()
{
    const int index = currentChartIndex();
    if (index < 0 || static_cast<size_t>(index) >= charts_.size())
        return;
    const ChartData& data = charts_[static_cast<size_t>(index)];

    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export chart"));
    auto* size = new QComboBox(&dialog);
    size->addItem(tr("one column (3.5 in)"), 1);
    size->addItem(tr("two columns (7.16 in)"), 2);
    auto* dpi = new QSpinBox(&dialog);
    dpi->setRange(72, 1200);
    dpi->setSuffix(tr(" dpi"));
    QSettings settings;
    dpi->setValue(settings.value(QStringLiteral("export/dpi"), 300).toInt());
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Chart:"), new QLabel(data.title, &dialog));
    form->addRow(tr("&Width:"), size);
    form->addRow(tr("&Resolution (PNG):"), dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setValue(QStringLiteral("export/dpi"), dpi->value());

    const QString dir = settings.value(QStringLiteral("export/dir")).toString();
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QDir(dir).filePath(data.id + QStringLiteral(".pdf")),
        tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV data (*.csv);;LaTeX table (*.tex)"), &filter);
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    const QString suffix = QFileInfo(path).suffix().toLower();
    ExportFormat format = ExportFormat::Pdf;
    if (suffix == QLatin1String("svg"))
        format = ExportFormat::Svg;
    else if (suffix == QLatin1String("png"))
        format = ExportFormat::Png;
    else if (suffix == QLatin1String("csv"))
        format = ExportFormat::Csv;
    else if (suffix == QLatin1String("tex"))
        format = ExportFormat::Latex;
    ExportOptions options;
    options.size = size->currentData().toInt() == 2 ? FigureSize::twoColumn() : FigureSize::oneColumn();
    options.dpi = dpi->value();
    const QString error = exportChart(data, format, path, options);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        Q_EMIT statusMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace fglens::ui

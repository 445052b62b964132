#include "charts/charts_panel.h"

#include "charts/seed_groups.h"
#include "common/qt_text.h"
#include "export/chart_export.h"
#include "figures/figure_settings.h"
#include "figures/figure_view.h"
#include "figures/names_dialog.h"
#include "model/project_session.h"

#include "data/fgovd.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
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
    const QString titles[] = {tr("Mean Rank per benchmark"), tr("Rank vs negatives"), tr("COCO vs FG-OVD (Table I)"),
                              tr("Detectors vs CLIP (Fig. 3)")};
    for (int i = 0; i < 4; ++i) {
        views_[i] = new FigureView(this);
        auto* scroll = new QScrollArea(this);
        scroll->setWidget(views_[i]);
        scroll->setWidgetResizable(true);   // fitted until the user zooms
        scroll->setFrameShape(QFrame::NoFrame);
        tabs_->addTab(scroll, titles[i]);
    }
    for (int chart : {0, kDetectorChart})
        connect(views_[chart], &FigureView::barActivated, this, [this, chart](int series, int category) {
            if (charts_.size() <= static_cast<size_t>(chart))
                return;
            const ChartData& c = charts_[static_cast<size_t>(chart)];
            if (series >= 0 && series < c.series.size() && category >= 0 && category < c.categories.size())
                Q_EMIT barClicked(c.series[series].key, c.categories[category]);
        });

    benchBox_ = new QComboBox(this);
    recallBox_ = new QComboBox(this);
    for (const char* m : {"i2t_r1", "i2t_r5", "i2t_r10", "t2i_r1", "t2i_r5", "t2i_r10"})
        recallBox_->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    presetBox_ = new QComboBox(this);
    for (const WidthPreset& p : widthPresets())
        presetBox_->addItem(p.label, p.id);
    presetBox_->setToolTip(tr("The printed width: the figure on screen is laid out exactly as exported at this width"));
    fontBox_ = new QComboBox(this);
    fontBox_->addItem(tr("Sans (DejaVu Sans)"), QStringLiteral("sans"));
    fontBox_->addItem(tr("Serif (Liberation Serif)"), QStringLiteral("serif"));
    titleBox_ = new QCheckBox(tr("Title"), this);
    titleBox_->setToolTip(tr("Print the chart's title inside the figure (papers usually caption figures instead)"));
    const FigureOptions saved = savedFigureOptions();
    presetBox_->setCurrentIndex(std::max(0, presetBox_->findData(savedWidthPreset())));
    fontBox_->setCurrentIndex(saved.font == FigureFont::Serif ? 1 : 0);
    titleBox_->setChecked(saved.showTitle);
    headsBox_ = new QCheckBox(tr("Heads in Fig. 3"), this);
    headsBox_->setToolTip(tr("Show the compared heads beside CLIP and the detectors in the detectors' figure"));
    headsBox_->setChecked(detectorFigureWithHeads());

    auto* namesButton = new QPushButton(tr("&Names…"), this);
    namesButton->setToolTip(tr("Display names for runs and abbreviations for category labels, used by every figure"));
    auto* exportButton = new QPushButton(tr("E&xport…"), this);
    exportButton->setToolTip(tr("Save the current chart as PDF, SVG or PNG, or its data as CSV or LaTeX"));

    // Two short rows, and combo boxes that may shrink below their longest entry:
    // one long row made the Charts tab the widest thing in the central area and
    // squeezed the inspector dock on a 1280-pixel screen.
    for (QComboBox* box : {benchBox_, recallBox_, presetBox_, fontBox_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    auto* data = new QHBoxLayout;
    data->addWidget(new QLabel(tr("Rank vs N:"), this));
    data->addWidget(benchBox_, 1);
    data->addWidget(new QLabel(tr("COCO recall:"), this));
    data->addWidget(recallBox_, 1);
    data->addWidget(headsBox_);
    data->addStretch(1);
    auto* look = new QHBoxLayout;
    look->addWidget(new QLabel(tr("Width:"), this));
    look->addWidget(presetBox_, 2);
    look->addWidget(fontBox_, 1);
    look->addWidget(titleBox_);
    look->addStretch(1);
    look->addWidget(namesButton);
    look->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(data);
    layout->addLayout(look);
    layout->addWidget(tabs_, 1);

    connect(session_, &ProjectSession::resultSetsChanged, this, &ChartsPanel::rebuild);
    connect(session_, &ProjectSession::projectChanged, this, [this] {
        benchBox_->blockSignals(true);
        benchBox_->clear();
        for (const BenchView& b : session_->benchmarks())
            benchBox_->addItem(benchmarkLabel(b.key), qs(b.key));
        const int hard = benchBox_->findData(QStringLiteral("hard"));
        benchBox_->setCurrentIndex(hard >= 0 ? hard : 0);
        benchBox_->blockSignals(false);
        rebuild();
    });
    connect(benchBox_, &QComboBox::currentIndexChanged, this, &ChartsPanel::rebuild);
    connect(recallBox_, &QComboBox::currentIndexChanged, this, &ChartsPanel::rebuild);
    for (QComboBox* box : {presetBox_, fontBox_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            saveOptions();
            rebuild();
        });
    connect(titleBox_, &QCheckBox::toggled, this, [this] {
        saveOptions();
        rebuild();
    });
    connect(headsBox_, &QCheckBox::toggled, this, [this](bool on) {
        setDetectorFigureWithHeads(on);
        rebuild();
    });
    connect(namesButton, &QPushButton::clicked, this, &ChartsPanel::editNames);
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

FigureOptions ChartsPanel::figureOptions() const
{
    FigureOptions o = FigureOptions::forPreset(presetBox_->currentData().toString());
    const FigureOptions saved = savedFigureOptions();
    o.fontPt = saved.fontPt;
    o.font = fontBox_->currentData().toString() == QLatin1String("serif") ? FigureFont::Serif : FigureFont::Sans;
    o.showTitle = titleBox_->isChecked();
    o.abbreviations = FigureNames::load().abbreviations;
    return o;
}

void ChartsPanel::setBanner(QWidget* banner)
{
    static_cast<QVBoxLayout*>(layout())->insertWidget(0, banner);
}

FigureView* ChartsPanel::figureView(int index) const
{
    return index >= 0 && index < 4 ? views_[index] : nullptr;
}

void ChartsPanel::saveOptions()
{
    saveFigureOptions(presetBox_->currentData().toString(), figureOptions());
}

void ChartsPanel::setFilterDescription(const QString& filters)
{
    filters_ = filters;
    for (ChartData& c : charts_)
        c.provenance = provenanceLine(sets(), session_->logPath(), filters_);
}

void ChartsPanel::rebuild()
{
    const auto all = sets();
    groups_ = groupRunsBySeed(all, session_->logPath());
    applyRunNames(groups_, FigureNames::load());
    charts_.clear();
    charts_.push_back(meanRankChart(groups_));
    charts_.push_back(rankVsNegativesChart(groups_, ss(benchBox_->currentData().toString())));
    charts_.push_back(tradeoffChart(groups_, recallBox_->currentData().toString()));
    charts_.push_back(detectorChart(groups_, headsBox_->isChecked()));
    for (ChartData& c : charts_)
        c.provenance = provenanceLine(all, session_->logPath(), filters_);
    const FigureOptions options = figureOptions();
    for (int i = 0; i < 4; ++i)
        views_[i]->setFigure(charts_[static_cast<size_t>(i)], options);
}

std::vector<ChartData> ChartsPanel::currentCharts() const
{
    std::vector<ChartData> out(charts_.begin(), charts_.begin() + std::min<size_t>(charts_.size(), kDetectorChart));
    if (charts_.size() > static_cast<size_t>(kDetectorChart) && !charts_[kDetectorChart].isEmpty())
        out.push_back(charts_[kDetectorChart]);
    return out;
}

int ChartsPanel::currentChartIndex() const
{
    return tabs_->currentIndex();
}

void ChartsPanel::editNames()
{
    // Default labels (before renaming) are the mapping's keys.
    std::vector<SetGroup> groups = groupRunsBySeed(sets(), session_->logPath());
    QStringList labels;
    for (const SetGroup& g : groups)
        labels << g.label;
    QStringList categories;
    for (const std::string& k : benchmarkKeys())
        categories << benchmarkLabel(k);
    NamesDialog dialog(labels, categories, FigureNames::load(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.names().save();
    rebuild();
}

void ChartsPanel::exportCurrent()
{
    const int index = currentChartIndex();
    if (index < 0 || static_cast<size_t>(index) >= charts_.size())
        return;
    const ChartData& data = charts_[static_cast<size_t>(index)];

    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export chart"));
    auto* preset = new QComboBox(&dialog);
    for (const WidthPreset& p : widthPresets())
        preset->addItem(p.label, p.id);
    preset->setCurrentIndex(presetBox_->currentIndex());
    auto* font = new QComboBox(&dialog);
    for (int i = 0; i < fontBox_->count(); ++i)
        font->addItem(fontBox_->itemText(i), fontBox_->itemData(i));
    font->setCurrentIndex(fontBox_->currentIndex());
    auto* title = new QCheckBox(tr("Print the title inside the figure"), &dialog);
    title->setChecked(titleBox_->isChecked());
    auto* dpi = new QSpinBox(&dialog);
    dpi->setRange(72, 1200);
    dpi->setSuffix(tr(" dpi"));
    QSettings settings;
    dpi->setValue(settings.value(QStringLiteral("export/dpi"), 300).toInt());
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Chart:"), new QLabel(data.title, &dialog));
    form->addRow(tr("&Width:"), preset);
    form->addRow(tr("&Font:"), font);
    form->addRow(QString(), title);
    form->addRow(tr("&Resolution (PNG):"), dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setValue(QStringLiteral("export/dpi"), dpi->value());
    // What was exported is what the panel shows next.
    presetBox_->setCurrentIndex(preset->currentIndex());
    fontBox_->setCurrentIndex(font->currentIndex());
    titleBox_->setChecked(title->isChecked());

    const QString dir = settings.value(QStringLiteral("export/dir")).toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QDir(dir).filePath(data.id + QStringLiteral(".pdf")),
        tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV data (*.csv);;LaTeX table (*.tex)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    ExportOptions options;
    options.figure = figureOptions();
    options.dpi = dpi->value();
    const QString error = exportChart(data, exportFormatForPath(path), path, options);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        Q_EMIT statusMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace fglens::ui

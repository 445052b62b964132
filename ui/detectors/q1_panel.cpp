#include "detectors/q1_panel.h"

#include "charts/chart_data.h"
#include "common/qt_text.h"
#include "model/project_session.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include <iterator>

namespace fglens::ui {

std::vector<ObjectResult> objectResultsOf(const ResultSet& set)
{
    std::vector<ObjectResult> out;
    for (const auto& [key, b] : set.benches)
        for (size_t r = 0; r < b.rows(); ++r) {
            ObjectResult o{key, b.objectIds[r], b.ranks[r], {}};
            if (r < b.matched.size() && b.matched[r])
                o.box = b.boxes[r];
            out.push_back(std::move(o));
        }
    return out;
}

Q1Panel::Q1Panel(ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    detectorBox_ = new QComboBox(this);
    clipBox_ = new QComboBox(this);
    for (QComboBox* b : {detectorBox_, clipBox_}) {
        b->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        b->setMinimumContentsLength(12);
    }
    detectorBox_->setToolTip(tr("A compared detector run"));
    clipBox_->setToolTip(tr("CLIP on the crop (or any compared head) to set beside it"));
    auto* exportButton = new QPushButton(tr("E&xport…"), this);
    exportButton->setToolTip(tr("Save the table as CSV or LaTeX, as fglens-cli detector-q1 writes it"));
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    hint_ = new QLabel(this);
    hint_->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Detector:"), this));
    top->addWidget(detectorBox_, 1);
    top->addWidget(new QLabel(tr("CLIP:"), this));
    top->addWidget(clipBox_, 1);
    top->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(hint_);
    layout->addWidget(table_, 1);

    connect(session_, &ProjectSession::resultSetsChanged, this, &Q1Panel::fillBoxes);
    connect(session_, &ProjectSession::projectChanged, this, &Q1Panel::fillBoxes);
    for (QComboBox* b : {detectorBox_, clipBox_})
        connect(b, &QComboBox::currentIndexChanged, this, [this] {
            if (!filling_)
                rebuild();
        });
    connect(exportButton, &QPushButton::clicked, this, &Q1Panel::exportDialog);
    fillBoxes();
}

void Q1Panel::fillBoxes()
{
    filling_ = true;
    const QString det = detectorBox_->currentData().toString(), clip = clipBox_->currentData().toString();
    detectorBox_->clear();
    clipBox_->clear();
    for (int i = 0; i < session_->resultSetCount(); ++i) {
        const auto set = session_->resultSet(i);
        (set->isDetector() ? detectorBox_ : clipBox_)->addItem(set->label, set->key);
    }
    const int d = detectorBox_->findData(det);
    detectorBox_->setCurrentIndex(d >= 0 ? d : 0);
    int c = clipBox_->findData(clip);
    // CLIP on the crop by default: the first cosine set (the live baseline or a logged one).
    for (int i = 0; c < 0 && i < clipBox_->count(); ++i) {
        const int s = session_->indexOfResultSet(clipBox_->itemData(i).toString());
        if (s >= 0 && session_->resultSet(s)->headKind == QLatin1String("cosine"))
            c = i;
    }
    clipBox_->setCurrentIndex(c >= 0 ? c : 0);
    filling_ = false;
    rebuild();
}

bool Q1Panel::setRuns(const QString& detectorKey, const QString& clipKey)
{
    const int d = detectorBox_->findData(detectorKey), c = clipBox_->findData(clipKey);
    if (d < 0 || c < 0)
        return false;
    filling_ = true;
    detectorBox_->setCurrentIndex(d);
    clipBox_->setCurrentIndex(c);
    filling_ = false;
    rebuild();
    return true;
}

QString Q1Panel::detectorKey() const
{
    return detectorBox_->currentData().toString();
}

QString Q1Panel::clipKey() const
{
    return clipBox_->currentData().toString();
}

void Q1Panel::rebuild()
{
    rows_.clear();
    const int d = session_->indexOfResultSet(detectorKey()), c = session_->indexOfResultSet(clipKey());
    if (d < 0 || c < 0) {
        hint_->setText(d < 0 ? tr("No detector run compared: File → Import Detector Predictions…, or name the "
                                  "predictions in project.json.")
                             : tr("No CLIP result to set beside the detector: encode the benchmarks with CLIP."));
        hint_->show();
    } else {
        rows_ = detectorQ1(objectResultsOf(*session_->resultSet(d)), objectResultsOf(*session_->resultSet(c)));
        hint_->setText(tr("Of the objects %1 ranks wrong (rank > 1), how many %2 also ranks wrong, and how many "
                          "had no box matched (a localisation failure).")
                           .arg(session_->resultSet(d)->label, session_->resultSet(c)->label));
    }
    const QStringList headers{tr("Benchmark"), tr("Objects"), tr("Detector wrong"), tr("CLIP also wrong"),
                              tr("Unmatched"), tr("Without CLIP result")};
    table_->clear();
    table_->setColumnCount(static_cast<int>(headers.size()));
    table_->setHorizontalHeaderLabels(headers);
    table_->setRowCount(static_cast<int>(rows_.size()));
    auto share = [](int64_t part, int64_t of) {
        return of > 0 ? QStringLiteral("%1 (%2%)").arg(part).arg(100.0 * double(part) / double(of), 0, 'f', 1)
                      : QString::number(part);
    };
    for (size_t r = 0; r < rows_.size(); ++r) {
        const Q1Row& q = rows_[r];
        const QString cells[] = {benchmarkLabel(q.benchmark), QString::number(q.objects),
                                 share(q.detectorWrong, q.objects), share(q.clipAlsoWrong, q.detectorWrong),
                                 share(q.unmatched, q.detectorWrong), QString::number(q.withoutClip)};
        for (int col = 0; col < static_cast<int>(std::size(cells)); ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            item->setTextAlignment(col == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(static_cast<int>(r), col, item);
        }
    }
}

QString Q1Panel::csv() const
{
    return qs(q1Csv(rows_));
}

QString Q1Panel::latex() const
{
    const int d = session_->indexOfResultSet(detectorKey());
    return qs(q1Latex(rows_, d >= 0 ? ss(session_->resultSet(d)->label) : std::string("detector")));
}

QString Q1Panel::exportTo(const QString& path) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("tex"))
        return tr("%1: choose a .csv or .tex file").arg(path);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return tr("%1: cannot write (%2)").arg(path, f.errorString());
    f.write((suffix == QLatin1String("csv") ? csv() : latex()).toUtf8());
    if (!f.commit())
        return tr("%1: cannot write (%2)").arg(path, f.errorString());
    return QString();
}

void Q1Panel::exportDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/dir")).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Q1 table"),
                                                      QDir(dir).filePath(QStringLiteral("detector_q1.csv")),
                                                      tr("CSV (*.csv);;LaTeX table (*.tex)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    const QString error = exportTo(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace fglens::ui

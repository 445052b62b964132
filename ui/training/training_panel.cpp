#include "training/training_panel.h"

#include "common/qt_text.h"
#include "runs/runs_model.h"
#include "training/training_queue.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fglens::ui {

namespace {

const char* const kTrainableHeads[] = {"linear", "linear-visual", "linear-text", "mlp", "attention"};

QString formatDuration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainingPanel::TrainingPanel(TrainingQueue* queue, RunsModel* runs, QWidget* parent)
    : QWidget(parent)
    , queue_(queue)
    , runs_(runs)
{
    head_ = new QComboBox(this);
    for (const char* h : kTrainableHeads)
        head_->addItem(QString::fromLatin1(h), QString::fromLatin1(h));
    stage_ = new QComboBox(this);
    stage_->addItem(tr("Warm-up (COCO captions)"), QStringLiteral("warmup"));
    stage_->addItem(tr("Fine-tune (FG-OVD training set)"), QStringLiteral("finetune"));
    parent_ = new QComboBox(this);
    parent_->setToolTip(tr("Fine-tune starting from this run's best weights"));
    preset_ = new QComboBox(this);
    preset_->addItem(tr("released configs (warm-up lr 5e-5)"), QStringLiteral("released"));
    preset_->addItem(tr("paper text (warm-up lr 5e-4)"), QStringLiteral("paper"));
    preset_->addItem(tr("demo project (warm-up lr 1e-3, fine-tune 3e-4)"), QStringLiteral("demo"));
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 1000);
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 65536);
    lr_ = new QDoubleSpinBox(this);
    lr_->setDecimals(7);
    lr_->setRange(1e-7, 1.0);
    lr_->setSingleStep(1e-5);
    margin_ = new QDoubleSpinBox(this);
    margin_->setDecimals(3);
    margin_->setRange(0.0, 2.0);
    margin_->setSingleStep(0.01);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, std::numeric_limits<int>::max());
    negatives_ = new QSpinBox(this);
    negatives_->setRange(1, 10);
    refNorm_ = new QCheckBox(tr("normalise text across captions (reference quirk 1)"), this);
    name_ = new QLineEdit(this);
    name_->setPlaceholderText(tr("automatic"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Head:"), head_);
    form->addRow(tr("&Stage:"), stage_);
    form->addRow(tr("&From run:"), parent_);
    form->addRow(tr("&Preset:"), preset_);
    form->addRow(tr("&Epochs:"), epochs_);
    form->addRow(tr("&Batch size:"), batch_);
    form->addRow(tr("&Learning rate:"), lr_);
    form->addRow(tr("&Margin:"), margin_);
    form->addRow(tr("S&eed:"), seed_);
    form->addRow(tr("&Negatives:"), negatives_);
    form->addRow(QString(), refNorm_);
    form->addRow(tr("&Name:"), name_);

    launch_ = new QPushButton(tr("&Launch"), this);
    launch_->setToolTip(tr("Add the run to the queue; it starts when the previous one ends"));
    cancel_ = new QPushButton(tr("&Cancel run"), this);
    resume_ = new QPushButton(tr("Res&ume"), this);
    resume_->setToolTip(tr("Continue the cancelled run selected in the runs table (or the last one cancelled here)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(launch_);
    buttons->addWidget(cancel_);
    buttons->addWidget(resume_);
    pending_ = new QListWidget(this);
    pending_->setMaximumHeight(70);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    eta_ = new QLabel(tr("idle"), this);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(new QLabel(tr("Queued:"), this));
    leftLayout->addWidget(pending_);
    leftLayout->addWidget(progress_);
    leftLayout->addWidget(eta_);
    leftLayout->addStretch(1);

    chart_ = new QChart;
    chart_->setTitle(tr("Loss"));
    stepLoss_ = new QLineSeries(chart_);
    stepLoss_->setName(tr("train loss (batches)"));
    trainLoss_ = new QLineSeries(chart_);
    trainLoss_->setName(tr("train loss (epoch)"));
    trainLoss_->setPointsVisible(true);
    valLoss_ = new QLineSeries(chart_);
    valLoss_->setName(tr("validation loss (epoch)"));
    valLoss_->setPointsVisible(true);
    QPen faint(QColor(0x90, 0xca, 0xf9));
    faint.setWidthF(1.0);
    stepLoss_->setPen(faint);
    chart_->addSeries(stepLoss_);
    chart_->addSeries(trainLoss_);
    chart_->addSeries(valLoss_);
    axisX_ = new QValueAxis(chart_);
    axisX_->setTitleText(tr("epoch"));
    axisX_->setRange(0, 1);
    axisY_ = new QValueAxis(chart_);
    axisY_->setTitleText(tr("loss (mean per batch)"));
    chart_->addAxis(axisX_, Qt::AlignBottom);
    chart_->addAxis(axisY_, Qt::AlignLeft);
    for (QLineSeries* s : {stepLoss_, trainLoss_, valLoss_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    chart_->legend()->setAlignment(Qt::AlignBottom);
    auto* view = new QChartView(chart_, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 180);

    // Scrollable so the tall form does not set the minimum height of every
    // dock tabbed with this one.
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(left);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(left->sizeHint().width() + 20);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(view);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(head_, &QComboBox::currentIndexChanged, this, &TrainingPanel::applyPreset);
    connect(stage_, &QComboBox::currentIndexChanged, this, [this] {
        applyPreset();
        updateButtons();
    });
    connect(preset_, &QComboBox::currentIndexChanged, this, &TrainingPanel::applyPreset);
    connect(launch_, &QPushButton::clicked, this, &TrainingPanel::launch);
    connect(cancel_, &QPushButton::clicked, queue_, &TrainingQueue::cancelCurrent);
    connect(resume_, &QPushButton::clicked, this, &TrainingPanel::resume);
    connect(queue_, &TrainingQueue::queueChanged, this, [this] {
        pending_->clear();
        pending_->addItems(queue_->pendingNames());
        updateButtons();
    });
    connect(queue_, &TrainingQueue::runStarted, this, &TrainingPanel::onRunStarted);
    connect(queue_, &TrainingQueue::stepReported, this, &TrainingPanel::onStep);
    connect(queue_, &TrainingQueue::epochReported, this, &TrainingPanel::onEpoch);
    connect(queue_, &TrainingQueue::runEnded, this, &TrainingPanel::onRunEnded);
    connect(runs_, &QAbstractItemModel::modelReset, this, &TrainingPanel::rebuildParents);
    rebuildParents();
    applyPreset();
    updateButtons();
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::setAvailability(bool warmup, bool finetune)
{
    warmupAvailable_ = warmup;
    finetuneAvailable_ = finetune;
    updateButtons();
}

void TrainingPanel::setPreset(const QString& preset)
{
    const int i = preset_->findData(preset);
    if (i >= 0)
        preset_->setCurrentIndex(i);
    applyPreset();
}

void TrainingPanel::setEpochs(int epochs)
{
    epochs_->setValue(epochs);
}

void TrainingPanel::setResumeCandidate(std::optional<qint64> runId)
{
    resumeCandidate_ = runId;
    updateButtons();
}

void TrainingPanel::applyPreset()
{
    const TrainRequest r = presetRequest(preset_->currentData().toString(), head_->currentData().toString(),
                                         stage_->currentData().toString());
    epochs_->setValue(r.epochs);
    batch_->setValue(static_cast<int>(r.batch));
    lr_->setValue(r.lr);
    margin_->setValue(r.margin);
    seed_->setValue(static_cast<int>(r.seed));
    negatives_->setValue(r.negatives);
    refNorm_->setChecked(r.referenceTextNorm);
}

void TrainingPanel::rebuildParents()
{
    const QVariant current = parent_->currentData();
    parent_->clear();
    parent_->addItem(tr("none (fresh initialisation)"), QVariant());
    for (int row = 0; row < runs_->rowCount(); ++row) {
        const RunRecord& r = runs_->run(row);
        if (r.status == RunStatus::Finished && !r.weightsPath.empty())
            parent_->addItem(tr("#%1 %2 %3").arg(r.id).arg(qs(r.headKind), qs(r.stage)),
                             QVariant::fromValue<qint64>(r.id));
    }
    const int i = parent_->findData(current);
    parent_->setCurrentIndex(i >= 0 ? i : 0);
}

TrainRequest TrainingPanel::request() const
{
    TrainRequest r;
    r.head = head_->currentData().toString();
    r.stage = stage_->currentData().toString();
    r.preset = preset_->currentData().toString();
    r.epochs = epochs_->value();
    r.batch = batch_->value();
    r.lr = lr_->value();
    r.margin = margin_->value();
    r.seed = static_cast<quint64>(seed_->value());
    r.negatives = negatives_->value();
    r.referenceTextNorm = refNorm_->isChecked();
    if (r.stage == QLatin1String("finetune") && parent_->currentData().isValid()) {
        const qint64 id = parent_->currentData().toLongLong();
        const int row = runs_->rowOfRun(id);
        if (row >= 0) {
            r.parentRunId = id;
            r.initWeights = qs(runs_->run(row).weightsPath);
        }
    }
    r.name = name_->text().trimmed();
    if (r.name.isEmpty())
        r.name = QStringLiteral("%1-%2-s%3").arg(r.head, r.stage).arg(r.seed);
    return r;
}

void TrainingPanel::launch()
{
    const TrainRequest r = request();
    queue_->enqueue(r);
    Q_EMIT statusMessage(tr("Queued training run %1").arg(r.name));
}

void TrainingPanel::resume()
{
    if (!resumeCandidate_ && !queue_->lastCancelledRun())
        return;
    TrainRequest r;
    r.resumeRunId = resumeCandidate_ ? resumeCandidate_ : queue_->lastCancelledRun();
    r.name = tr("resume of run %1").arg(*r.resumeRunId);
    r.epochs = epochs_->value();
    queue_->enqueue(r);
}

void TrainingPanel::updateButtons()
{
    const bool finetune = stage_->currentData().toString() == QLatin1String("finetune");
    const bool available = finetune ? finetuneAvailable_ : warmupAvailable_;
    launch_->setEnabled(available);
    launch_->setToolTip(available ? tr("Add the run to the queue; it starts when the previous one ends")
                                  : tr("The project has no data for this stage"));
    parent_->setEnabled(finetune);
    cancel_->setEnabled(queue_->isRunning());
    resume_->setEnabled(resumeCandidate_.has_value() || queue_->lastCancelledRun().has_value());
}

void TrainingPanel::onRunStarted(const QString& name, int epochs)
{
    runEpochs_ = std::max(1, epochs);
    clock_.start();
    stepLoss_->clear();
    trainLoss_->clear();
    valLoss_->clear();
    axisX_->setRange(0, runEpochs_);
    yMin_ = yMax_ = 0;
    chart_->setTitle(tr("Loss — %1").arg(name));
    progress_->setValue(0);
    eta_->setText(tr("starting %1…").arg(name));
    updateButtons();
}

void TrainingPanel::onStep(int epoch, qint64 step, qint64 steps, double loss)
{
    if (steps <= 0)
        return;
    if (epoch > runEpochs_) {   // a resumed run may report more epochs than asked
        runEpochs_ = epoch;
        axisX_->setRange(0, runEpochs_);
    }
    const double x = (epoch - 1) + static_cast<double>(step) / static_cast<double>(steps);
    if (std::isfinite(loss)) {
        stepLoss_->append(x, loss);
        if (stepLoss_->count() == 1 && trainLoss_->count() == 0)
            yMin_ = yMax_ = loss;
        yMin_ = std::min(yMin_, loss);
        yMax_ = std::max(yMax_, loss);
        axisY_->setRange(std::max(0.0, yMin_ - 0.05 * (yMax_ - yMin_)), yMax_ + 0.05 * (yMax_ - yMin_) + 1e-9);
    }
    const double fraction = std::clamp(x / runEpochs_, 0.0, 1.0);
    progress_->setValue(static_cast<int>(fraction * 1000));
    const qint64 elapsed = clock_.elapsed() / 1000;
    QString text = tr("epoch %1/%2, batch %3/%4, loss %5").arg(epoch).arg(runEpochs_).arg(step).arg(steps).arg(loss, 0, 'g', 5);
    if (fraction > 0.01)
        text += tr(" · elapsed %1, about %2 left")
                    .arg(formatDuration(elapsed), formatDuration(static_cast<qint64>(elapsed * (1 - fraction) / fraction)));
    eta_->setText(text);
}

void TrainingPanel::onEpoch(int epoch, double trainLoss, double valLoss, const QVariantMap& metrics, bool best)
{
    if (std::isfinite(trainLoss))
        trainLoss_->append(epoch, trainLoss);
    if (std::isfinite(valLoss)) {
        valLoss_->append(epoch, valLoss);
        yMin_ = std::min(yMin_, valLoss);
        yMax_ = std::max(yMax_, valLoss);
        axisY_->setRange(std::max(0.0, yMin_ - 0.05 * (yMax_ - yMin_)), yMax_ + 0.05 * (yMax_ - yMin_) + 1e-9);
    }
    QString msg = tr("Epoch %1: train loss %2, validation loss %3").arg(epoch).arg(trainLoss, 0, 'g', 5).arg(valLoss, 0, 'g', 5);
    if (metrics.contains(QStringLiteral("mean_rank_sum")))
        msg += tr(", Mean Rank Sum %1").arg(metrics.value(QStringLiteral("mean_rank_sum")).toDouble(), 0, 'f', 2);
    if (best)
        msg += tr(" (best so far)");
    Q_EMIT statusMessage(msg);
}

void TrainingPanel::onRunEnded(qint64 runId, const QString& status, const QString& error)
{
    QString text;
    if (status == QLatin1String("finished"))
        text = tr("run %1 finished in %2").arg(runId).arg(formatDuration(clock_.elapsed() / 1000));
    else if (status == QLatin1String("cancelled"))
        text = tr("run %1 cancelled: Resume continues it from its last checkpoint").arg(runId);
    else
        text = tr("run failed: %1").arg(error);
    if (status == QLatin1String("finished"))
        progress_->setValue(1000);
    eta_->setText(text);
    Q_EMIT statusMessage(text);
    updateButtons();
}

} // namespace fglens::ui

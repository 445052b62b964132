#include "training/training_panel.h"

#include "common/qt_text.h"
#include "project/missing_notice.h"
#include "runs/runs_model.h"
#include "training/training_queue.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
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

    launch_ = new QPushButton(tr("&Launch"), this);
    launch_->setToolTip(tr("Add the run to the queue; it starts when the previous one ends"));
    cancel_ = new QPushButton(tr("&Cancel run"), this);
    resume_ = new QPushButton(tr("Res&ume"), this);
    resume_->setToolTip(tr("Continue the cancelled run selected in the runs table (or the last one cancelled here)"));
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    eta_ = new QLabel(tr("idle"), this);
    eta_->setWordWrap(true);
    // The buttons sit above the form, outside its scroll area, so a short
    // dock never hides Launch.
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(launch_);
    buttons->addWidget(cancel_);
    buttons->addWidget(resume_);
    buttons->addWidget(progress_, 1);

    // Two columns of label/field pairs: what a run is on the left, its
    // hyper-parameters on the right.
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    auto field = [this, grid](int row, int col, const QString& label, QWidget* w) {
        auto* l = new QLabel(label, this);
        l->setBuddy(w);
        grid->addWidget(l, row, 2 * col, Qt::AlignRight);
        grid->addWidget(w, row, 2 * col + 1);
    };
    field(0, 0, tr("&Head:"), head_);
    field(1, 0, tr("&Stage:"), stage_);
    field(2, 0, tr("&From run:"), parent_);
    field(3, 0, tr("&Preset:"), preset_);
    field(4, 0, tr("&Name:"), name_);
    field(0, 1, tr("&Epochs:"), epochs_);
    field(1, 1, tr("&Batch size:"), batch_);
    field(2, 1, tr("&Learning rate:"), lr_);
    field(3, 1, tr("&Margin:"), margin_);
    field(4, 1, tr("S&eed:"), seed_);
    field(5, 1, tr("&Negatives:"), negatives_);
    grid->addWidget(refNorm_, 5, 0, 1, 2);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(3, 1);
    // Long preset names must not widen the form past its column.
    for (QComboBox* c : {head_, stage_, parent_, preset_})
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    preset_->setMinimumContentsLength(18);
    parent_->setMinimumContentsLength(18);

    auto* formWidget = new QWidget(this);
    auto* formLayout = new QVBoxLayout(formWidget);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(grid);
    formLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(formWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(formWidget->sizeHint().width() + 20);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(eta_);
    leftLayout->addWidget(scroll, 1);

    pending_ = new QListWidget(this);
    pendingLabel_ = new QLabel(this);
    auto* queueBox = new QWidget(this);
    auto* queueLayout = new QVBoxLayout(queueBox);
    queueLayout->setContentsMargins(0, 0, 0, 0);
    queueLayout->addWidget(pendingLabel_);
    queueLayout->addWidget(pending_, 1);
    auto* clear = new QPushButton(tr("Clear &queue"), this);
    clear->setToolTip(tr("Remove the runs that have not started yet"));
    queueLayout->addWidget(clear);
    connect(clear, &QPushButton::clicked, queue_, &TrainingQueue::clearPending);

    chart_ = new QChart;
    chart_->setTitle(tr("Loss"));
    stepLoss_ = new QLineSeries(chart_);
    stepLoss_->setName(tr("train (batches)"));
    trainLoss_ = new QLineSeries(chart_);
    trainLoss_->setName(tr("train (epoch)"));
    trainLoss_->setPointsVisible(true);
    valLoss_ = new QLineSeries(chart_);
    valLoss_->setName(tr("validation (epoch)"));
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
    axisX_->setTickCount(2);
    axisX_->setLabelFormat(QStringLiteral("%.0f"));
    // Losses fall by orders of magnitude from the first batch: on a log
    // axis the first batches do not flatten the rest of the run.
    axisY_ = new QLogValueAxis(chart_);
    axisY_->setBase(10);
    axisY_->setLabelFormat(QStringLiteral("%.3g"));
    axisY_->setMinorTickCount(-1);
    axisY_->setTitleText(tr("loss per triplet"));
    axisY_->setRange(0.01, 1);
    chart_->addAxis(axisX_, Qt::AlignBottom);
    chart_->addAxis(axisY_, Qt::AlignLeft);
    for (QLineSeries* s : {stepLoss_, trainLoss_, valLoss_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    chart_->legend()->setAlignment(Qt::AlignTop);
    chart_->setMargins(QMargins(4, 4, 4, 4));
    auto* view = new QChartView(chart_, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(280, 160);
    view->setToolTip(tr("Sum-reduced triplet losses divided by their number of triplet terms; log scale"));

    split_ = new QSplitter(Qt::Horizontal, this);
    split_->setObjectName(QStringLiteral("trainingSplit"));
    split_->addWidget(left);
    split_->addWidget(queueBox);
    split_->addWidget(view);
    split_->setStretchFactor(0, 0);
    split_->setStretchFactor(1, 0);
    split_->setStretchFactor(2, 1);
    split_->setCollapsible(0, false);
    notice_ = new MissingNotice(this);
    connect(notice_, &MissingNotice::actionRequested, this, [this] {
        const bool finetune = stage_->currentData().toString() == QLatin1String("finetune");
        if (finetune ? available_.finetuneEncodable : available_.warmupEncodable)
            Q_EMIT encodeRequested();
        else
            Q_EMIT newProjectRequested();
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(notice_);
    layout->addWidget(split_, 1);

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
        pendingLabel_->setText(tr("Queued: %1").arg(queue_->pendingCount()));
        updateButtons();
    });
    connect(queue_, &TrainingQueue::runStarted, this, &TrainingPanel::onRunStarted);
    connect(queue_, &TrainingQueue::stepReported, this, &TrainingPanel::onStep);
    connect(queue_, &TrainingQueue::epochReported, this, &TrainingPanel::onEpoch);
    connect(queue_, &TrainingQueue::runEnded, this, &TrainingPanel::onRunEnded);
    connect(runs_, &QAbstractItemModel::modelReset, this, &TrainingPanel::rebuildParents);
    pendingLabel_->setText(tr("Queued: %1").arg(0));
    rebuildParents();
    applyPreset();
    updateButtons();
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::setAvailability(const Availability& a)
{
    available_ = a;
    updateButtons();
}

void TrainingPanel::setPreset(const QString& preset)
{
    const int i = preset_->findData(preset);
    if (i >= 0)
        preset_->setCurrentIndex(i);
    applyPreset();
}

void TrainingPanel::saveLayout(QSettings& settings) const
{
    settings.setValue(QStringLiteral("training/split"), split_->saveState());
}

void TrainingPanel::restoreLayout(const QSettings& settings)
{
    split_->restoreState(settings.value(QStringLiteral("training/split")).toByteArray());
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
    const bool available = finetune ? available_.finetune : available_.warmup;
    const bool encodable = finetune ? available_.finetuneEncodable : available_.warmupEncodable;
    launch_->setEnabled(available);
    const QString why = finetune ? available_.finetuneWhy : available_.warmupWhy;
    launch_->setToolTip(available ? tr("Add the run to the queue; it starts when the previous one ends")
                                  : (why.isEmpty() ? tr("The project has no data for this stage") : why));
    if (available)
        notice_->setMessage({});
    else
        notice_->setMessage(why.isEmpty() ? tr("The project has no data for this stage.") : why,
                            encodable ? tr("Encode with CLIP…") : tr("New Project…"));
    parent_->setEnabled(finetune);
    cancel_->setEnabled(queue_->isRunning());
    resume_->setEnabled(resumeCandidate_.has_value() || queue_->lastCancelledRun().has_value());
}

void TrainingPanel::onRunStarted(const QString& name, int epochs)
{
    clock_.start();
    progress_->setValue(0);
    updateButtons();
    if (epochs <= 0) {   // an evaluation: nothing to plot, keep the last curves
        eta_->setText(tr("evaluating %1…").arg(name));
        return;
    }
    runEpochs_ = epochs;
    stepLoss_->clear();
    trainLoss_->clear();
    valLoss_->clear();
    axisX_->setRange(0, runEpochs_);
    axisX_->setTickCount(std::min(runEpochs_, 10) + 1);
    yMin_ = yMax_ = 0;
    chart_->setTitle(tr("Loss — %1").arg(name));
    eta_->setText(tr("starting %1…").arg(name));
}

void TrainingPanel::includeLoss(double loss)
{
    // A log axis cannot show a zero loss (every triplet satisfied).
    if (!(loss > 0) || !std::isfinite(loss))
        return;
    yMin_ = yMin_ > 0 ? std::min(yMin_, loss) : loss;
    yMax_ = std::max(yMax_, loss);
    double lo = yMin_ / 1.25, hi = yMax_ * 1.25;
    // At least one power of ten inside the range, so the axis has a label.
    if (std::floor(std::log10(lo)) == std::floor(std::log10(hi))) {
        const double below = std::pow(10.0, std::floor(std::log10(lo)));
        const double above = std::pow(10.0, std::ceil(std::log10(hi)));
        if (std::log10(lo / below) < std::log10(above / hi))
            lo = below;
        else
            hi = above;
    }
    axisY_->setRange(lo, hi);
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
    if (std::isfinite(loss) && loss > 0) {
        stepLoss_->append(x, loss);
        includeLoss(loss);
    }
    const double fraction = std::clamp(x / std::max(1, runEpochs_), 0.0, 1.0);
    progress_->setValue(static_cast<int>(fraction * 1000));
    const qint64 elapsed = clock_.elapsed() / 1000;
    QString text = tr("epoch %1/%2, batch %3/%4, loss per triplet %5")
                       .arg(epoch)
                       .arg(runEpochs_)
                       .arg(step)
                       .arg(steps)
                       .arg(loss, 0, 'g', 4);
    if (fraction > 0.01)
        text += tr(" · elapsed %1, about %2 left")
                    .arg(formatDuration(elapsed), formatDuration(static_cast<qint64>(elapsed * (1 - fraction) / fraction)));
    eta_->setText(text);
}

void TrainingPanel::onEpoch(int epoch, double trainLoss, double valLoss, const QVariantMap& metrics, bool best)
{
    if (std::isfinite(trainLoss) && trainLoss > 0) {
        trainLoss_->append(epoch, trainLoss);
        includeLoss(trainLoss);
    }
    if (std::isfinite(valLoss) && valLoss > 0) {
        valLoss_->append(epoch, valLoss);
        includeLoss(valLoss);
    }
    QString msg = tr("Epoch %1: loss per triplet %2 (train), %3 (validation)")
                      .arg(epoch)
                      .arg(trainLoss, 0, 'g', 4)
                      .arg(valLoss, 0, 'g', 4);
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

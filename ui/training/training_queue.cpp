#include "training/training_queue.h"

#include "common/job_runner.h"
#include "common/qt_text.h"

#include "common/error.h"
#include "store/experiment_log.h"
#include "train/experiment.h"
#include "train/train_config.h"

#include <QPointer>

#include <atomic>
#include <chrono>

namespace fglens::ui {

namespace {

TrainConfig toConfig(const TrainRequest& r)
{
    const auto head = parseHeadKind(ss(r.head));
    if (!head)
        fail(ss(r.head), "unknown head kind");
    const Stage stage = r.stage == QLatin1String("finetune") ? Stage::Finetune : Stage::Warmup;
    TrainConfig c = presetConfig(ss(r.preset), *head, stage);
    c.epochs = r.epochs;
    c.batch = r.batch;
    c.lr = r.lr;
    c.margin = r.margin;
    c.seed = r.seed;
    c.negatives = r.negatives;
    c.textNorm = r.referenceTextNorm ? TextNorm::AcrossCaptions : TextNorm::PerCaption;
    c.initWeights = ss(r.initWeights);
    return c;
}

} // namespace

TrainRequest presetRequest(const QString& preset, const QString& head, const QString& stage)
{
    TrainRequest r;
    const auto kind = parseHeadKind(ss(head)).value_or(HeadKind::Linear);
    const TrainConfig c =
        presetConfig(ss(preset), kind, stage == QLatin1String("finetune") ? Stage::Finetune : Stage::Warmup);
    r.head = qs(headKindName(c.head));
    r.stage = qs(stageName(c.stage));
    r.preset = qs(c.preset);
    r.epochs = c.epochs;
    r.batch = c.batch;
    r.lr = c.lr;
    r.margin = c.margin;
    r.seed = c.seed;
    r.negatives = c.negatives;
    r.referenceTextNorm = c.textNorm == TextNorm::AcrossCaptions;
    return r;
}

TrainingQueue::TrainingQueue(QObject* parent)
    : QObject(parent)
    , runner_(new JobRunner(this))
{
}

TrainingQueue::~TrainingQueue()
{
    queue_.clear();
    runner_->cancel();
    runner_->wait();
}

void TrainingQueue::setProject(std::shared_ptr<const ProjectData> data, const QString& logPath)
{
    queue_.clear();
    runner_->cancel();
    data_ = std::move(data);
    logPath_ = logPath;
    lastCancelled_.reset();
    Q_EMIT queueChanged();
}

void TrainingQueue::enqueue(const TrainRequest& request)
{
    queue_.push_back(request);
    Q_EMIT queueChanged();
    if (!runner_->isRunning())
        startNext();
}

bool TrainingQueue::isRunning() const
{
    return runner_->isRunning();
}

QStringList TrainingQueue::pendingNames() const
{
    QStringList names;
    for (const TrainRequest& r : queue_)
        names << r.name;
    return names;
}

void TrainingQueue::cancelCurrent()
{
    runner_->cancel();
}

void TrainingQueue::clearPending()
{
    queue_.clear();
    Q_EMIT queueChanged();
}

void TrainingQueue::startNext()
{
    if (queue_.empty() || !data_ || runner_->isRunning())
        return;
    const TrainRequest request = queue_.front();
    queue_.pop_front();
    Q_EMIT queueChanged();

    auto data = data_;
    const QString logPath = logPath_;
    auto runId = std::make_shared<std::atomic<qint64>>(0);
    auto status = std::make_shared<std::atomic<int>>(0);   // 0 finished, 1 cancelled
    QPointer<TrainingQueue> self(this);

    auto job = [self, data, logPath, request, runId, status, hook = stepHook_](const JobContext& ctx) {
        ExperimentLog log(ss(logPath));   // this thread's own connection
        TrainConfig config;
        std::optional<int64_t> parent = request.parentRunId ? std::optional<int64_t>(*request.parentRunId)
                                                            : std::nullopt;
        std::string name = ss(request.name);
        std::optional<int64_t> resume;
        if (request.resumeRunId) {
            const auto run = log.run(*request.resumeRunId);
            if (!run)
                fail(ss(logPath), "run " + std::to_string(*request.resumeRunId) + " not found");
            config = TrainConfig::fromJson(run->configJson, "run " + std::to_string(run->id));
            name = run->name;
            parent = run->parentId;
            resume = run->id;
        } else {
            config = toConfig(request);
        }
        auto lastStep = std::make_shared<int64_t>(0);
        auto onStep = [self, lastStep, hook](const StepReport& s) {
            if (hook)
                hook(s.epoch, s.step);
            using namespace std::chrono;
            const int64_t now = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
            if (s.step != s.steps && now - *lastStep < 100)
                return;
            *lastStep = now;
            QMetaObject::invokeMethod(
                self.data(), [self, s] {
                    if (self)
                        Q_EMIT self->stepReported(s.epoch, s.step, s.steps, s.loss);
                },
                Qt::QueuedConnection);
        };
        auto onEpoch = [self](const EpochReport& e) {
            QVariantMap metrics;
            for (const auto& [k, v] : e.metrics)
                metrics.insert(qs(k), v);
            QMetaObject::invokeMethod(
                self.data(), [self, e, metrics] {
                    if (self)
                        Q_EMIT self->epochReported(e.epoch, e.trainLoss, e.valLoss, metrics, e.best);
                },
                Qt::QueuedConnection);
        };
        try {
            const TrainJobResult r = trainLogged(*data, log, config, name, parent, ctx, onEpoch, onStep, resume,
                                                 [runId](int64_t id) { runId->store(id); });
            status->store(r.status == Trainer::Status::Cancelled ? 1 : 0);
        } catch (const Cancelled&) {
            // The run row exists (its id came through onRunCreated) and can be resumed.
            status->store(1);
        }
    };

    connect(
        runner_, &JobRunner::finished, this,
        [this, runId, status](bool ok, bool cancelled, const QString& error) {
            const qint64 id = runId->load();
            QString s = QStringLiteral("finished");
            if (cancelled || (ok && status->load() == 1)) {
                s = QStringLiteral("cancelled");
                if (id > 0)
                    lastCancelled_ = id;
            } else if (!ok) {
                s = QStringLiteral("failed");
            }
            Q_EMIT runEnded(id, s, error);
            startNext();
        },
        Qt::SingleShotConnection);
    runner_->start(tr("Training %1").arg(request.name), job);
    Q_EMIT runStarted(request.name, request.epochs);
}

} // namespace fglens::ui

#include "training/training_queue.h"

#include "common/job_runner.h"
#include "common/qt_text.h"
#include "training/pair_loss_scale.h"

#include "common/error.h"
#include "store/experiment_log.h"
#include "train/experiment.h"
#include "train/protocol_plan.h"
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

TrainRequest fromConfig(const TrainConfig& c)
{
    TrainRequest r;
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

// The trainer sums its hinge terms; the chart wants them per term.
PairLossScale lossScale(const ProjectData& data, const TrainConfig& c)
{
    if (c.stage == Stage::Warmup)
        return {true, data.cocoTrain ? data.cocoTrain->size() : 0, data.cocoVal ? data.cocoVal->size() : 0, c.batch, 0};
    const int negatives = data.fgovdTrain && data.fgovdTrain->vocab.defined()
                              ? static_cast<int>(data.fgovdTrain->vocab.size(1) - 1)
                              : c.negatives;
    return {false, data.fgovdTrain ? data.fgovdTrain->size() : 0, data.fgovdVal ? data.fgovdVal->size() : 0, c.batch,
            negatives};
}

} // namespace

TrainRequest presetRequest(const QString& preset, const QString& head, const QString& stage)
{
    const auto kind = parseHeadKind(ss(head)).value_or(HeadKind::Linear);
    return fromConfig(
        presetConfig(ss(preset), kind, stage == QLatin1String("finetune") ? Stage::Finetune : Stage::Warmup));
}

std::vector<TrainRequest> reproduceRequests(const QString& preset, int epochsOverride)
{
    std::vector<TrainRequest> out;
    for (const ProtocolStep& step : reproducePlan(ss(preset), epochsOverride)) {
        TrainRequest r;
        if (step.train) {
            r = fromConfig(*step.train);
        } else {
            r.head = QStringLiteral("cosine");
            r.stage = QStringLiteral("eval");
            r.preset = preset;
            r.epochs = 0;
            r.evaluateBaseline = true;
        }
        r.name = r.key = qs(step.key);
        r.parentKey = qs(step.parentKey);
        out.push_back(r);
    }
    return out;
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
    finishedKeys_.clear();
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
    TrainRequest request = queue_.front();
    queue_.pop_front();
    Q_EMIT queueChanged();
    QString unmetParent;
    if (!request.parentKey.isEmpty()) {
        const auto it = finishedKeys_.find(request.parentKey);
        if (it == finishedKeys_.end())
            unmetParent = request.parentKey;
        else
            request.parentRunId = it->second;
    }

    auto data = data_;
    const QString logPath = logPath_;
    auto runId = std::make_shared<std::atomic<qint64>>(0);
    auto status = std::make_shared<std::atomic<int>>(0);   // 0 finished, 1 cancelled
    QPointer<TrainingQueue> self(this);

    auto job = [self, data, logPath, request, unmetParent, runId, status, hook = stepHook_](const JobContext& ctx) {
        if (!unmetParent.isEmpty())
            fail(ss(request.name), "needs the run " + ss(unmetParent) + " queued before it, which did not finish");
        ExperimentLog log(ss(logPath));   // this thread's own connection
        if (request.evaluateBaseline) {
            RunRecord record;
            record.name = ss(request.name);
            record.headKind = "cosine";
            auto head = makeHead(HeadKind::Cosine);
            runId->store(evaluateLogged(*head, *data, log, record, &ctx).first);
            return;
        }
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
        const PairLossScale scale = lossScale(*data, config);
        auto lastStep = std::make_shared<int64_t>(0);
        auto onStep = [self, lastStep, scale, hook](const StepReport& s) {
            if (hook)
                hook(s.epoch, s.step);
            using namespace std::chrono;
            const int64_t now = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
            if (s.step != s.steps && now - *lastStep < 100)
                return;
            *lastStep = now;
            const double loss = scale.stepLoss(s.step, s.loss);
            QMetaObject::invokeMethod(
                self.data(), [self, s, loss] {
                    if (self)
                        Q_EMIT self->stepReported(s.epoch, s.step, s.steps, loss);
                },
                Qt::QueuedConnection);
        };
        auto onEpoch = [self, scale](const EpochReport& e) {
            QVariantMap metrics;
            for (const auto& [k, v] : e.metrics)
                metrics.insert(qs(k), v);
            const double train = scale.trainEpochLoss(e.trainLoss), val = scale.valEpochLoss(e.valLoss);
            QMetaObject::invokeMethod(
                self.data(), [self, e, train, val, metrics] {
                    if (self)
                        Q_EMIT self->epochReported(e.epoch, train, val, metrics, e.best);
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
        [this, runId, status, key = request.key](bool ok, bool cancelled, const QString& error) {
            const qint64 id = runId->load();
            QString s = QStringLiteral("finished");
            if (cancelled || (ok && status->load() == 1)) {
                s = QStringLiteral("cancelled");
                if (id > 0)
                    lastCancelled_ = id;
            } else if (!ok) {
                s = QStringLiteral("failed");
            } else if (!key.isEmpty()) {
                finishedKeys_[key] = id;
            }
            Q_EMIT runEnded(id, s, error);
            startNext();
        },
        Qt::SingleShotConnection);
    runner_->start(request.evaluateBaseline ? tr("Evaluating %1").arg(request.name) : tr("Training %1").arg(request.name),
                   job);
    Q_EMIT runStarted(request.name, request.epochs);
}

} // namespace fglens::ui

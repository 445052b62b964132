#include "common/job_runner.h"

#include "common/qt_text.h"

#include "common/cpu_allocator.h"
#include "common/error.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <chrono>

namespace fglens::ui {

JobRunner::JobRunner(QObject* parent)
    : QObject(parent)
{
    // One job at a time per runner: independent runners (loading, training)
    // each get their own thread instead of competing for the global pool.
    pool_.setMaxThreadCount(1);
    connect(&watcher_, &QFutureWatcher<void>::finished, this, &JobRunner::onFinished);
}

JobRunner::~JobRunner()
{
    token_.cancel();
    watcher_.waitForFinished();
    pool_.waitForDone();
}

bool JobRunner::isRunning() const
{
    return outcome_ != nullptr;
}

bool JobRunner::start(const QString& title, Job job, std::function<void()> onSuccess)
{
    if (isRunning())
        return false;
    token_ = CancelToken();
    outcome_ = std::make_shared<Outcome>();
    onSuccess_ = std::move(onSuccess);
    title_ = title;

    JobContext ctx;
    ctx.cancel = token_;
    // Progress arrives at whatever rate the job reports; forward at most
    // ~20 events a second so a fast loop cannot flood the event queue.
    auto last = std::make_shared<std::atomic<int64_t>>(0);
    QPointer<JobRunner> self(this);
    ctx.progress = [self, last](const ProgressEvent& e) {
        using namespace std::chrono;
        const int64_t now = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
        const bool final = e.total > 0 && e.done >= e.total;
        if (!final && now - last->load() < 50)
            return;
        last->store(now);
        const QString stage = qs(e.stage), message = qs(e.message);
        const qint64 done = e.done, total = e.total;
        QMetaObject::invokeMethod(
            self.data(), [self, stage, done, total, message] {
                if (self)
                    Q_EMIT self->progress(stage, done, total, message);
            },
            Qt::QueuedConnection);
    };

    auto outcome = outcome_;
    watcher_.setFuture(QtConcurrent::run(&pool_, [job = std::move(job), ctx, outcome] {
        try {
            job(ctx);
        } catch (const Cancelled&) {
            outcome->cancelled = true;
        } catch (const std::exception& e) {
            outcome->error = firstLine(QString::fromUtf8(e.what()));
            if (outcome->error.isEmpty())
                outcome->error = QStringLiteral("unknown error");
        } catch (...) {
            outcome->error = QStringLiteral("unknown error");
        }
    }));
    Q_EMIT started(title);
    return true;
}

void JobRunner::wait()
{
    watcher_.waitForFinished();
}

void JobRunner::cancel()
{
    token_.cancel();
}

void JobRunner::onFinished()
{
    // The job's large temporaries were cached for its next step; an idle
    // workbench should not keep them resident. Blocks another running job
    // still uses are not cached, so this only costs that job a page fault.
    releaseCachedCpuMemory();
    auto outcome = std::move(outcome_);
    auto onSuccess = std::move(onSuccess_);
    outcome_.reset();
    onSuccess_ = nullptr;
    if (!outcome)
        return;
    const bool ok = !outcome->cancelled && outcome->error.isEmpty();
    if (ok && onSuccess) {
        try {
            onSuccess();
        } catch (const std::exception& e) {
            Q_EMIT finished(false, false, firstLine(QString::fromUtf8(e.what())));
            return;
        }
    }
    Q_EMIT finished(ok, outcome->cancelled, outcome->error);
}

} // namespace fglens::ui

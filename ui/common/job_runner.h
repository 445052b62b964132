#pragma once
// Runs one core job at a time on a worker thread and brings its progress and
// outcome back to the GUI thread as queued signals, so the window never waits
// on core work.
#include "common/job.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace fglens::ui {

class JobRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)

public:
    using Job = std::function<void(const JobContext&)>;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;   // cancels a running job and waits for it

    bool isRunning() const;
    QString title() const { return title_; }
    // Returns false (and runs nothing) while another job runs. onSuccess runs
    // on the GUI thread after the job returned normally.
    bool start(const QString& title, Job job, std::function<void()> onSuccess = {});
    // Blocks the caller until the current job ends; tests and shutdown only.
    void wait();

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void started(const QString& title);
    void progress(const QString& stage, qint64 done, qint64 total, const QString& message);
    // error is one line; empty when ok or cancelled.
    void finished(bool ok, bool cancelled, const QString& error);

private:
    void onFinished();

    struct Outcome {
        bool cancelled = false;
        QString error;
    };

    QThreadPool pool_;
    QFutureWatcher<void> watcher_;
    CancelToken token_;
    std::shared_ptr<Outcome> outcome_;
    std::function<void()> onSuccess_;
    QString title_;
};

} // namespace fglens::ui

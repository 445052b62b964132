#pragma once
// Every run of the experiment log with its final metrics; notes and tags are
// editable and written straight back to the log. Runs other processes start
// and finish (a CLI, a cluster's array tasks, another workbench on a shared
// PostgreSQL log) appear by themselves: a timer polls the log's cheap change
// marker and re-reads only when it moved.
#include "store/experiment_log.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

namespace fglens::ui {

class RunsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsModel)

public:
    enum Column {
        ColId,
        ColName,
        ColHead,
        ColStage,
        ColStatus,
        ColStarted,
        ColMeanRankSum,
        ColI2tR1,
        ColTags,
        ColNotes,
        ColumnCount
    };

    explicit RunsModel(QObject* parent = nullptr);
    ~RunsModel() override;

    // Opens the log on this (the GUI) thread; an empty path closes it.
    // Returns an error line, empty on success.
    QString setLogPath(const QString& path);
    QString logPath() const;
    const ExperimentLog* log() const { return log_.get(); }
    // How often the log is polled for other processes' changes (default 3 s; 0 stops).
    void setWatchInterval(int ms);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    const RunRecord& run(int row) const { return runs_[static_cast<size_t>(row)]; }
    int rowOfRun(int64_t id) const;
    const std::map<std::string, double>& metrics(int row) const;
    bool hasRunning() const;

public Q_SLOTS:
    // Re-reads the log; keeps rows in place when the set of runs is unchanged
    // so selections survive the periodic refresh during training.
    void reload();
    // Re-reads when the log's change marker moved since the last read.
    void reloadIfChanged();

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    std::unique_ptr<ExperimentLog> log_;
    QTimer watch_;
    std::string marker_;
    std::vector<RunRecord> runs_;
    std::vector<std::map<std::string, double>> metrics_;
};

} // namespace fglens::ui

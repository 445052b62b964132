#include "runs/runs_model.h"

#include "browser/object_roles.h"
#include "common/qt_text.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace fglens::ui {

RunsModel::RunsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    watch_.setInterval(3000);
    connect(&watch_, &QTimer::timeout, this, &RunsModel::reloadIfChanged);
}

void RunsModel::setWatchInterval(int ms)
{
    if (ms <= 0) {
        watch_.stop();
        watch_.setInterval(0);   // remembered: setLogPath starts no watch
        return;
    }
    watch_.setInterval(ms);
    if (log_)
        watch_.start();
}

void RunsModel::reloadIfChanged()
{
    if (!log_)
        return;
    try {
        if (log_->changeMarker() == marker_)
            return;
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(firstLine(QString::fromUtf8(e.what())));
        return;
    }
    reload();
}

RunsModel::~RunsModel() = default;

QString RunsModel::setLogPath(const QString& path)
{
    beginResetModel();
    watch_.stop();
    marker_.clear();
    log_.reset();
    runs_.clear();
    metrics_.clear();
    endResetModel();
    if (path.isEmpty())
        return {};
    try {
        log_ = std::make_unique<ExperimentLog>(ss(path));
    } catch (const std::exception& e) {
        return firstLine(QString::fromUtf8(e.what()));
    }
    reload();
    if (watch_.interval() > 0)
        watch_.start();
    return {};
}

QString RunsModel::logPath() const
{
    return log_ ? qs(log_->path()) : QString();
}

void RunsModel::reload()
{
    if (!log_)
        return;
    std::vector<RunRecord> runs;
    std::vector<std::map<std::string, double>> metrics;
    try {
        // Read before the runs: a change in between is caught by the next poll.
        marker_ = log_->changeMarker();
        runs = log_->runs();
        metrics.reserve(runs.size());
        for (const RunRecord& r : runs)
            metrics.push_back(log_->finalMetrics(r.id));
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(firstLine(QString::fromUtf8(e.what())));
        return;
    }
    bool sameRows = runs.size() == runs_.size();
    for (size_t i = 0; sameRows && i < runs.size(); ++i)
        sameRows = runs[i].id == runs_[i].id;
    if (sameRows) {
        runs_ = std::move(runs);
        metrics_ = std::move(metrics);
        if (!runs_.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    // New runs (newest first) on top of the same older ones: insert rows, so
    // the view keeps its selection and scroll position.
    const size_t added = runs.size() > runs_.size() ? runs.size() - runs_.size() : 0;
    bool prepended = added > 0;
    for (size_t i = 0; prepended && i < runs_.size(); ++i)
        prepended = runs[added + i].id == runs_[i].id;
    if (prepended) {
        beginInsertRows({}, 0, static_cast<int>(added) - 1);
        runs_ = std::move(runs);
        metrics_ = std::move(metrics);
        endInsertRows();
        if (runs_.size() > added)
            Q_EMIT dataChanged(index(static_cast<int>(added), 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    runs_ = std::move(runs);
    metrics_ = std::move(metrics);
    endResetModel();
}

int RunsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int RunsModel::rowOfRun(int64_t id) const
{
    for (size_t i = 0; i < runs_.size(); ++i)
        if (runs_[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const std::map<std::string, double>& RunsModel::metrics(int row) const
{
    return metrics_[static_cast<size_t>(row)];
}

bool RunsModel::hasRunning() const
{
    for (const RunRecord& r : runs_)
        if (r.status == RunStatus::Running)
            return true;
    return false;
}

namespace {

QString statusLabel(RunStatus s)
{
    switch (s) {
    case RunStatus::Running:
        return RunsModel::tr("running");
    case RunStatus::Finished:
        return RunsModel::tr("finished");
    case RunStatus::Failed:
        return RunsModel::tr("failed");
    case RunStatus::Cancelled:
        return RunsModel::tr("cancelled");
    }
    return {};
}

} // namespace

QVariant RunsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RunRecord& r = runs_[static_cast<size_t>(index.row())];
    const auto& m = metrics_[static_cast<size_t>(index.row())];
    auto metric = [&m](const char* name) -> QVariant {
        auto it = m.find(name);
        return it == m.end() ? QVariant() : QVariant(it->second);
    };
    const int col = index.column();
    if (role == RawValueRole) {
        switch (col) {
        case ColId:
            return QVariant::fromValue<qint64>(r.id);
        case ColMeanRankSum:
            return metric("mean_rank_sum");
        case ColI2tR1:
            return metric("i2t_r1");
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ForegroundRole && col == ColStatus) {
        switch (r.status) {
        case RunStatus::Running:
            return QColor(0x15, 0x65, 0xc0);
        case RunStatus::Failed:
            return QColor(0xc6, 0x28, 0x28);
        case RunStatus::Cancelled:
            return QColor(0x8d, 0x6e, 0x63);
        case RunStatus::Finished:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && col == ColStatus && !r.error.empty())
        return qs(r.error);
    if (role == Qt::TextAlignmentRole && (col == ColId || col == ColMeanRankSum || col == ColI2tR1))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (col) {
    case ColId:
        return QString::number(r.id);
    case ColName:
        return qs(r.name);
    case ColHead:
        return qs(r.headKind);
    case ColStage:
        return qs(r.stage);
    case ColStatus:
        return statusLabel(r.status);
    case ColStarted: {
        const QDateTime t = QDateTime::fromString(qs(r.startedAt), Qt::ISODate);
        return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : qs(r.startedAt);
    }
    case ColMeanRankSum: {
        const QVariant v = metric("mean_rank_sum");
        return v.isValid() ? QString::number(v.toDouble(), 'f', 2) : QString();
    }
    case ColI2tR1: {
        const QVariant v = metric("i2t_r1");
        return v.isValid() ? QString::number(v.toDouble(), 'f', 1) : QString();
    }
    case ColTags:
        return qs(r.tags);
    case ColNotes:
        return qs(r.notes);
    default:
        return {};
    }
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ColId:
        return tr("Run");
    case ColName:
        return tr("Name");
    case ColHead:
        return tr("Head");
    case ColStage:
        return tr("Stage");
    case ColStatus:
        return tr("Status");
    case ColStarted:
        return tr("Started");
    case ColMeanRankSum:
        return tr("Mean Rank Sum");
    case ColI2tR1:
        return tr("COCO i2t R@1");
    case ColTags:
        return tr("Tags");
    case ColNotes:
        return tr("Notes");
    default:
        return {};
    }
}

Qt::ItemFlags RunsModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == ColTags || index.column() == ColNotes)
        f |= Qt::ItemIsEditable;
    return f;
}

bool RunsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!log_ || role != Qt::EditRole || !index.isValid() ||
        (index.column() != ColTags && index.column() != ColNotes))
        return false;
    RunRecord& r = runs_[static_cast<size_t>(index.row())];
    std::string notes = r.notes, tags = r.tags;
    if (index.column() == ColTags) {
        // Normalise "a, b ,c" to "a,b,c": tags are matched exactly later.
        QStringList parts;
        for (const QString& t : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!t.trimmed().isEmpty())
                parts << t.trimmed();
        tags = ss(parts.join(QLatin1Char(',')));
    } else {
        notes = ss(value.toString());
    }
    try {
        log_->setNotes(r.id, notes, tags);
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(firstLine(QString::fromUtf8(e.what())));
        return false;
    }
    r.notes = notes;
    r.tags = tags;
    Q_EMIT dataChanged(index, index);
    return true;
}

} // namespace fglens::ui

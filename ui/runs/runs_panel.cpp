#include "runs/runs_panel.h"

#include "browser/object_roles.h"
#include "common/qt_text.h"
#include "runs/runs_model.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace fglens::ui {

RunsPanel::RunsPanel(RunsModel* model, QWidget* parent)
    : QWidget(parent)
    , model_(model)
{
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RawValueRole);
    view_ = new QTableView(this);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(RunsModel::ColId, Qt::DescendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setAlternatingRowColors(true);

    details_ = new QPlainTextEdit(this);
    details_->setReadOnly(true);
    details_->setPlaceholderText(tr("Select a run to see its configuration, data identity and metrics."));

    compare_ = new QPushButton(tr("&Compare selected"), this);
    compare_->setToolTip(tr("Show the selected runs' ranks and scores in the browser, inspector and charts"));
    evaluate_ = new QPushButton(tr("&Evaluate into log"), this);
    evaluate_->setToolTip(tr("Evaluate the selected run's best weights on the project and log the result"));
    auto* reload = new QPushButton(tr("&Refresh"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(compare_);
    buttons->addWidget(evaluate_);
    buttons->addStretch(1);
    buttons->addWidget(reload);

    split_ = new QSplitter(Qt::Horizontal, this);
    split_->addWidget(view_);
    split_->addWidget(details_);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(split_, 1);

    // Over the empty table's viewport, so a first start says what to do.
    emptyHint_ = new QLabel(view_->viewport());
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setWordWrap(true);
    emptyHint_->setTextFormat(Qt::RichText);
    emptyHint_->setForegroundRole(QPalette::PlaceholderText);
    emptyHint_->setAttribute(Qt::WA_TransparentForMouseEvents);
    view_->viewport()->installEventFilter(this);

    refresh_ = new QTimer(this);
    refresh_->setInterval(2000);
    connect(refresh_, &QTimer::timeout, model_, &RunsModel::reload);
    connect(reload, &QPushButton::clicked, model_, &RunsModel::reload);
    connect(compare_, &QPushButton::clicked, this, [this] { Q_EMIT compareRequested(selectedRunIds()); });
    connect(evaluate_, &QPushButton::clicked, this, [this] {
        const auto ids = selectedRunIds();
        if (ids.size() == 1)
            Q_EMIT evaluateRequested(ids.front());
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPanel::updateDetails);
    connect(model_, &QAbstractItemModel::dataChanged, this, &RunsPanel::updateDetails);
    connect(model_, &QAbstractItemModel::modelReset, this, &RunsPanel::updateDetails);
    connect(model_, &QAbstractItemModel::modelReset, this, &RunsPanel::updateEmptyHint);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &RunsPanel::updateEmptyHint);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &RunsPanel::updateEmptyHint);
    updateDetails();
    updateEmptyHint();
}

bool RunsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == view_->viewport() && event->type() == QEvent::Resize)
        emptyHint_->setGeometry(view_->viewport()->rect().adjusted(16, 8, -16, -8));
    return QWidget::eventFilter(watched, event);
}

void RunsPanel::setEmptyHint(const QString& text)
{
    emptyHint_->setText(text);
    updateEmptyHint();
}

void RunsPanel::updateEmptyHint()
{
    emptyHint_->setGeometry(view_->viewport()->rect().adjusted(16, 8, -16, -8));
    emptyHint_->setVisible(model_->rowCount() == 0 && !emptyHint_->text().isEmpty());
}

void RunsPanel::saveLayout(QSettings& settings) const
{
    settings.setValue(QStringLiteral("runs/header"), view_->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("runs/split"), split_->saveState());
}

void RunsPanel::restoreLayout(const QSettings& settings)
{
    view_->horizontalHeader()->restoreState(settings.value(QStringLiteral("runs/header")).toByteArray());
    split_->restoreState(settings.value(QStringLiteral("runs/split")).toByteArray());
}

QList<qint64> RunsPanel::selectedRunIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& i : view_->selectionModel()->selectedRows())
        ids << model_->run(proxy_->mapToSource(i).row()).id;
    std::sort(ids.begin(), ids.end());
    return ids;
}

void RunsPanel::selectRuns(const QList<qint64>& ids)
{
    QItemSelection sel;
    for (qint64 id : ids) {
        const int row = model_->rowOfRun(id);
        if (row < 0)
            continue;
        const QModelIndex i = proxy_->mapFromSource(model_->index(row, 0));
        sel.select(i, i);
    }
    view_->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RunsPanel::setLiveRefresh(bool on)
{
    if (on)
        refresh_->start();
    else
        refresh_->stop();
    model_->reload();
}

void RunsPanel::updateDetails()
{
    const auto ids = selectedRunIds();
    compare_->setEnabled(!ids.isEmpty());
    bool canEvaluate = false;
    if (ids.size() != 1) {
        details_->setPlainText(ids.isEmpty() ? QString() : tr("%n runs selected", nullptr, static_cast<int>(ids.size())));
        evaluate_->setEnabled(false);
        return;
    }
    const int row = model_->rowOfRun(ids.front());
    if (row < 0)
        return;
    const RunRecord& r = model_->run(row);
    canEvaluate = !r.weightsPath.empty() || r.headKind == "cosine";
    evaluate_->setEnabled(canEvaluate);
    auto pretty = [](const std::string& json) {
        const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString(json));
        return d.isNull() ? qs(json) : QString::fromUtf8(d.toJson(QJsonDocument::Indented));
    };
    QString text = tr("Run %1: %2\nhead %3, stage %4, seed %5\nstarted %6, ended %7\nprogram %8 (%9) on %10\n")
                       .arg(r.id)
                       .arg(qs(r.name), qs(r.headKind), qs(r.stage))
                       .arg(r.seed)
                       .arg(qs(r.startedAt), r.endedAt.empty() ? tr("(running)") : qs(r.endedAt),
                            qs(r.programVersion), qs(r.gitCommit), qs(r.host));
    if (r.parentId)
        text += tr("parent run %1\n").arg(*r.parentId);
    if (!r.weightsPath.empty())
        text += tr("weights %1\n").arg(qs(r.weightsPath));
    if (!r.error.empty())
        text += tr("error: %1\n").arg(qs(r.error));
    text += tr("\nConfiguration:\n") + pretty(r.configJson);
    text += tr("\nData identity:\n") + pretty(r.dataIdentity);
    text += tr("\nFinal metrics:\n");
    for (const auto& [name, value] : model_->metrics(row))
        text += QStringLiteral("  %1 = %2\n").arg(qs(name)).arg(value, 0, 'g', 6);
    details_->setPlainText(text);
}

} // namespace fglens::ui

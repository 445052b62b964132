#include "browser/object_browser.h"

#include "browser/object_roles.h"
#include "browser/object_table_model.h"
#include "browser/thumbnail_cache.h"
#include "browser/thumbnail_delegate.h"
#include "common/qt_text.h"
#include "model/attribute_types.h"
#include "model/project_session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace fglens::ui {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

ObjectBrowser::ObjectBrowser(ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , model_(new ObjectTableModel(session, this))
    , proxy_(new ObjectFilterProxy(this))
    , thumbs_(new ThumbnailCache(96, this))
{
    proxy_->setSourceTable(model_);

    primaryBox_ = new QComboBox(this);
    primaryBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    primaryBox_->setToolTip(tr("The head or run whose ranks and margins the browser shows"));
    compareBox_ = new QComboBox(this);
    compareBox_->setToolTip(tr("A second head or run: its rank and the rank change are shown beside"));
    benchBox_ = new QComboBox(this);
    attributeBox_ = new QComboBox(this);
    wordEdit_ = new QLineEdit(this);
    wordEdit_->setPlaceholderText(tr("category word…"));
    wordEdit_->setClearButtonEnabled(true);
    correctBox_ = new QComboBox(this);
    correctBox_->addItem(tr("correct and incorrect"), int(ObjectFilterProxy::Correctness::Any));
    correctBox_->addItem(tr("correct (rank 1)"), int(ObjectFilterProxy::Correctness::Correct));
    correctBox_->addItem(tr("incorrect (rank > 1)"), int(ObjectFilterProxy::Correctness::Incorrect));
    q1Box_ = new QComboBox(this);
    q1Box_->addItem(tr("any"), int(ObjectFilterProxy::Q1::Any));
    q1Box_->addItem(tr("detector wrong, CLIP right"), int(ObjectFilterProxy::Q1::DetectorWrongClipRight));
    q1Box_->addItem(tr("both wrong"), int(ObjectFilterProxy::Q1::BothWrong));
    q1Box_->addItem(tr("detector right, CLIP wrong"), int(ObjectFilterProxy::Q1::DetectorRightClipWrong));
    q1Box_->addItem(tr("no box matched"), int(ObjectFilterProxy::Q1::NoBoxMatched));
    rankMin_ = new QSpinBox(this);
    rankMax_ = new QSpinBox(this);
    for (QSpinBox* s : {rankMin_, rankMax_}) {
        s->setRange(0, 11);
        s->setSpecialValueText(tr("any"));
    }
    marginMin_ = new QDoubleSpinBox(this);
    marginMax_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* s : {marginMin_, marginMax_}) {
        s->setRange(-1.01, 1.0);
        s->setDecimals(3);
        s->setSingleStep(0.01);
        s->setSpecialValueText(tr("any"));
        s->setValue(-1.01);
    }
    auto* reset = new QPushButton(tr("Reset filters"), this);
    countLabel_ = new QLabel(this);

    auto* filters = new QGridLayout;
    int col = 0;
    auto add = [&](const QString& label, QWidget* w) {
        auto* l = new QLabel(label, this);
        l->setBuddy(w);
        filters->addWidget(l, col / 6, (col % 6));
        filters->addWidget(w, col / 6, (col % 6) + 1);
        col += 2;
    };
    add(tr("&Scores of:"), primaryBox_);
    add(tr("Co&mpare with:"), compareBox_);
    add(tr("&Benchmark:"), benchBox_);
    add(tr("&Attribute:"), attributeBox_);
    add(tr("&Word:"), wordEdit_);
    add(tr("&Outcome:"), correctBox_);
    add(tr("Rank from:"), rankMin_);
    add(tr("Rank to:"), rankMax_);
    add(tr("Margin from:"), marginMin_);
    add(tr("Margin to:"), marginMax_);
    add(tr("&Detector vs CLIP:"), q1Box_);
    filters->addWidget(reset, col / 6, col % 6);
    filters->addWidget(countLabel_, col / 6, col % 6 + 1);

    grid_ = new QListView(this);
    grid_->setViewMode(QListView::IconMode);
    grid_->setResizeMode(QListView::Adjust);
    grid_->setMovement(QListView::Static);
    grid_->setUniformItemSizes(true);       // layout cost independent of the row count
    grid_->setLayoutMode(QListView::Batched);
    grid_->setBatchSize(2000);
    grid_->setSelectionMode(QAbstractItemView::SingleSelection);
    grid_->setItemDelegate(new ThumbnailDelegate(session_, thumbs_, grid_));
    grid_->setModel(proxy_);
    grid_->setSpacing(2);

    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);   // no per-row measuring
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->setColumnWidth(ObjectTableModel::ColPositive, 320);
    table_->setWordWrap(false);

    selection_ = new QItemSelectionModel(proxy_, this);
    grid_->setSelectionModel(selection_);
    table_->setSelectionModel(selection_);

    tabs_ = new QTabWidget(this);
    tabs_->addTab(grid_, tr("&Grid"));
    tabs_->addTab(table_, tr("&Table"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(tabs_, 1);

    filterDelay_ = new QTimer(this);
    filterDelay_->setSingleShot(true);
    filterDelay_->setInterval(200);   // typing a word refilters once, not per key
    connect(filterDelay_, &QTimer::timeout, this, &ObjectBrowser::applyFilter);

    connect(session_, &ProjectSession::projectChanged, this, &ObjectBrowser::onProjectChanged);
    connect(session_, &ProjectSession::resultSetsChanged, this, &ObjectBrowser::onResultSetsChanged);
    connect(thumbs_, &ThumbnailCache::thumbnailsReady, grid_->viewport(), qOverload<>(&QWidget::update));
    connect(selection_, &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (!current.isValid())
            return;
        // Keep the other view's scroll position on the current object.
        grid_->scrollTo(current);
        table_->scrollTo(current);
        Q_EMIT currentObjectChanged(current.data(BenchIndexRole).toInt(), current.data(ObjectIndexRole).toInt());
    });
    auto immediate = [this] {
        if (!updatingBoxes_)
            applyFilter();
    };
    connect(benchBox_, &QComboBox::currentIndexChanged, this, immediate);
    connect(attributeBox_, &QComboBox::currentIndexChanged, this, immediate);
    connect(correctBox_, &QComboBox::currentIndexChanged, this, immediate);
    connect(q1Box_, &QComboBox::currentIndexChanged, this, immediate);
    connect(wordEdit_, &QLineEdit::textChanged, filterDelay_, qOverload<>(&QTimer::start));
    for (QSpinBox* s : {rankMin_, rankMax_})
        connect(s, &QSpinBox::valueChanged, filterDelay_, qOverload<>(&QTimer::start));
    for (QDoubleSpinBox* s : {marginMin_, marginMax_})
        connect(s, &QDoubleSpinBox::valueChanged, filterDelay_, qOverload<>(&QTimer::start));
    connect(reset, &QPushButton::clicked, this, &ObjectBrowser::resetFilters);
    connect(primaryBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (updatingBoxes_)
            return;
        model_->setPrimarySet(session_->indexOfResultSet(primaryBox_->currentData().toString()));
        proxy_->refresh();
        updateCount();
        updateQ1Box();
        grid_->viewport()->update();
        Q_EMIT primarySetChanged(primarySetKey());
    });
    connect(compareBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (updatingBoxes_)
            return;
        model_->setCompareSet(session_->indexOfResultSet(compareBox_->currentData().toString()));
        proxy_->refresh();
        updateCount();
        updateQ1Box();
    });
    onProjectChanged();
}

ObjectBrowser::~ObjectBrowser() = default;

void ObjectBrowser::onProjectChanged()
{
    updatingBoxes_ = true;
    thumbs_->reset(session_->images());
    benchBox_->clear();
    benchBox_->addItem(tr("all benchmarks"), QString());
    for (const BenchView& b : session_->benchmarks())
        benchBox_->addItem(qs(b.key), qs(b.key));
    attributeBox_->clear();
    attributeBox_->addItem(tr("any attribute"), 0u);
    for (const AttributeTypeInfo& t : attributeTypes())
        attributeBox_->addItem(attributeTypeLabel(t.bit), t.bit);
    updatingBoxes_ = false;
    onResultSetsChanged();
    applyFilter();
}

void ObjectBrowser::onResultSetsChanged()
{
    updatingBoxes_ = true;
    const QString primary = primaryBox_->currentData().toString();
    const QString compare = compareBox_->currentData().toString();
    primaryBox_->clear();
    compareBox_->clear();
    compareBox_->addItem(tr("none"), QString());
    for (int i = 0; i < session_->resultSetCount(); ++i) {
        const auto set = session_->resultSet(i);
        primaryBox_->addItem(set->label, set->key);
        compareBox_->addItem(set->label, set->key);
    }
    const int p = primaryBox_->findData(primary);
    primaryBox_->setCurrentIndex(p >= 0 ? p : 0);
    const int c = compareBox_->findData(compare);
    compareBox_->setCurrentIndex(c >= 0 ? c : 0);
    updatingBoxes_ = false;
    // Set indices may have shifted even when the keys did not.
    model_->setPrimarySet(session_->indexOfResultSet(primaryBox_->currentData().toString()));
    model_->setCompareSet(session_->indexOfResultSet(compareBox_->currentData().toString()));
    proxy_->refresh();
    updateCount();
    updateQ1Box();
    grid_->viewport()->update();
}

void ObjectBrowser::updateQ1Box()
{
    // Left enabled (a chosen case simply shows nothing): the tooltip says why.
    q1Box_->setToolTip(model_->hasQ1Pair()
                           ? tr("The paper's first question: where the detector and CLIP on the crop fail "
                                "(wrong: rank > 1), over objects both ranked")
                           : tr("Choose a detector run under “Scores of” and a CLIP run under “Compare with” "
                                "(or the other way round)"));
}

void ObjectBrowser::applyFilter()
{
    ObjectFilterProxy::Filter f;
    f.bench = session_->benchmarkIndex(ss(benchBox_->currentData().toString()));
    if (benchBox_->currentData().toString().isEmpty())
        f.bench = -1;
    f.attributes = attributeBox_->currentData().toUInt();
    f.word = wordEdit_->text().trimmed();
    f.correctness = static_cast<ObjectFilterProxy::Correctness>(correctBox_->currentData().toInt());
    f.q1 = static_cast<ObjectFilterProxy::Q1>(q1Box_->currentData().toInt());
    f.rankMin = rankMin_->value();
    f.rankMax = rankMax_->value();
    f.marginMin = marginMin_->value() <= marginMin_->minimum() ? -kInf : marginMin_->value();
    f.marginMax = marginMax_->value() <= marginMax_->minimum() ? kInf : marginMax_->value();
    const auto current = currentObject();
    proxy_->setFilter(f);
    updateCount();
    if (current.first >= 0)
        selectObject(current.first, current.second);
}

void ObjectBrowser::updateCount()
{
    countLabel_->setText(tr("%1 of %2 objects").arg(proxy_->rowCount()).arg(model_->rowCount()));
}

int ObjectBrowser::visibleCount() const
{
    return proxy_->rowCount();
}

void ObjectBrowser::resetFilters()
{
    updatingBoxes_ = true;
    benchBox_->setCurrentIndex(0);
    attributeBox_->setCurrentIndex(0);
    wordEdit_->clear();
    correctBox_->setCurrentIndex(0);
    q1Box_->setCurrentIndex(0);
    rankMin_->setValue(0);
    rankMax_->setValue(0);
    marginMin_->setValue(marginMin_->minimum());
    marginMax_->setValue(marginMax_->minimum());
    updatingBoxes_ = false;
    filterDelay_->stop();
    applyFilter();
}

std::pair<int, int> ObjectBrowser::currentObject() const
{
    const QModelIndex i = selection_->currentIndex();
    if (!i.isValid())
        return {-1, -1};
    return {i.data(BenchIndexRole).toInt(), i.data(ObjectIndexRole).toInt()};
}

bool ObjectBrowser::selectObject(int bench, int object)
{
    const int row = model_->rowOf(bench, object);
    if (row < 0)
        return false;
    const QModelIndex p = proxy_->mapFromSource(model_->index(row, 0));
    if (!p.isValid())
        return false;
    selection_->setCurrentIndex(p, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void ObjectBrowser::step(int delta)
{
    const int rows = proxy_->rowCount();
    if (rows == 0)
        return;
    const QModelIndex cur = selection_->currentIndex();
    int row = cur.isValid() ? cur.row() + delta : 0;
    row = std::clamp(row, 0, rows - 1);
    selection_->setCurrentIndex(proxy_->index(row, 0),
                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ObjectBrowser::selectNext()
{
    step(1);
}

void ObjectBrowser::selectPrevious()
{
    step(-1);
}

QString ObjectBrowser::primarySetKey() const
{
    return primaryBox_->currentData().toString();
}

void ObjectBrowser::setPrimarySet(const QString& key)
{
    const int i = primaryBox_->findData(key);
    if (i >= 0)
        primaryBox_->setCurrentIndex(i);
}

void ObjectBrowser::setCompareSet(const QString& key)
{
    const int i = compareBox_->findData(key);
    if (i >= 0)
        compareBox_->setCurrentIndex(i);
}

void ObjectBrowser::setBenchmarkFilter(const QString& key)
{
    const int i = benchBox_->findData(key);
    if (i >= 0)
        benchBox_->setCurrentIndex(i);
}

void ObjectBrowser::setCorrectnessFilter(ObjectFilterProxy::Correctness c)
{
    const int i = correctBox_->findData(int(c));
    if (i >= 0)
        correctBox_->setCurrentIndex(i);
}

void ObjectBrowser::setQ1Filter(ObjectFilterProxy::Q1 q1)
{
    const int i = q1Box_->findData(int(q1));
    if (i >= 0)
        q1Box_->setCurrentIndex(i);
}

void ObjectBrowser::setWordFilter(const QString& word)
{
    wordEdit_->setText(word);
    filterDelay_->stop();
    applyFilter();
}

QString ObjectBrowser::filterDescription() const
{
    QStringList keys;
    for (const BenchView& b : session_->benchmarks())
        keys << qs(b.key);
    return proxy_->filter().describe(keys);
}

} // namespace fglens::ui

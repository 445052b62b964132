#include "browser/object_table_model.h"

#include "browser/object_roles.h"
#include "common/qt_text.h"
#include "model/attribute_types.h"
#include "model/project_session.h"

#include "data/fgovd.h"

#include <QColor>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fglens::ui {

namespace {

// A benchmark opened without features has no caption embedding at all.
bool encoded(const BenchView& view)
{
    return std::any_of(view.captionPresent.begin(), view.captionPresent.end(), [](bool b) { return b; });
}

} // namespace


namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

ObjectTableModel::ObjectTableModel(ProjectSession* session, QObject* parent)
    : QAbstractTableModel(parent)
    , session_(session)
{
    connect(session_, &ProjectSession::projectChanged, this, &ObjectTableModel::rebuild);
    rebuild();
}

void ObjectTableModel::rebuild()
{
    beginResetModel();
    rows_.clear();
    benchOffset_.clear();
    rows_.reserve(static_cast<size_t>(session_->objectCount()));
    const auto& benches = session_->benchmarks();
    for (size_t b = 0; b < benches.size(); ++b) {
        benchOffset_.push_back(static_cast<int>(rows_.size()));
        const size_t n = benches[b].benchmark->objects.size();
        for (size_t o = 0; o < n; ++o)
            rows_.push_back({static_cast<int32_t>(b), static_cast<int32_t>(o)});
    }
    primary_ = session_->resultSetCount() > 0 ? 0 : -1;
    compare_ = -1;
    endResetModel();
}

int ObjectTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ObjectTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ObjectTableModel::rowOf(int bench, int object) const
{
    if (bench < 0 || static_cast<size_t>(bench) >= benchOffset_.size())
        return -1;
    return benchOffset_[static_cast<size_t>(bench)] + object;
}

bool ObjectTableModel::hasQ1Pair() const
{
    if (primary_ < 0 || compare_ < 0 || primary_ >= session_->resultSetCount() || compare_ >= session_->resultSetCount())
        return false;
    return session_->resultSet(primary_)->isDetector() != session_->resultSet(compare_)->isDetector();
}

ObjectTableModel::Q1Pair ObjectTableModel::q1Pair(int row) const
{
    Q1Pair p;
    if (!hasQ1Pair())
        return p;
    const bool primaryIsDetector = session_->resultSet(primary_)->isDetector();
    const Ref r = ref(row);
    const auto det = session_->score(primaryIsDetector ? primary_ : compare_, r.bench, r.object);
    const auto clip = session_->score(primaryIsDetector ? compare_ : primary_, r.bench, r.object);
    p.detectorRank = det.rank;
    p.clipRank = clip.rank;
    p.matched = det.box != nullptr;
    return p;
}

void ObjectTableModel::setPrimarySet(int set)
{
    primary_ = set;
    if (!rows_.empty())
        Q_EMIT dataChanged(index(0, ColRank), index(rowCount() - 1, ColRankChange));
    Q_EMIT headerDataChanged(Qt::Horizontal, ColRank, ColRankChange);
}

void ObjectTableModel::setCompareSet(int set)
{
    compare_ = set;
    if (!rows_.empty())
        Q_EMIT dataChanged(index(0, ColCompareRank), index(rowCount() - 1, ColRankChange));
    Q_EMIT headerDataChanged(Qt::Horizontal, ColCompareRank, ColRankChange);
}

int ObjectTableModel::rank(int row) const
{
    const Ref r = ref(row);
    return session_->score(primary_, r.bench, r.object).rank;
}

int ObjectTableModel::compareRank(int row) const
{
    const Ref r = ref(row);
    return session_->score(compare_, r.bench, r.object).rank;
}

double ObjectTableModel::margin(int row) const
{
    const Ref r = ref(row);
    const auto s = session_->score(primary_, r.bench, r.object);
    return s ? s.margin : kNaN;
}

double ObjectTableModel::rankChange(int row) const
{
    const int a = rank(row), b = compareRank(row);
    return a > 0 && b > 0 ? static_cast<double>(b - a) : kNaN;
}

uint32_t ObjectTableModel::attributes(int row) const
{
    const Ref r = ref(row);
    const auto& attrs = session_->benchmarks()[static_cast<size_t>(r.bench)].attributes;
    return static_cast<size_t>(r.object) < attrs.size() ? attrs[static_cast<size_t>(r.object)] : 0;
}

QString ObjectTableModel::positiveCaption(int row) const
{
    const Ref r = ref(row);
    const FgBenchmark& b = *session_->benchmarks()[static_cast<size_t>(r.bench)].benchmark;
    const FgObject& o = b.objects[static_cast<size_t>(r.object)];
    return qs(b.captions[static_cast<size_t>(o.positiveIndex)].text);
}

double ObjectTableModel::rawValue(int row, int column) const
{
    const Ref r = ref(row);
    switch (column) {
    case ColBenchmark:
        return r.bench;
    case ColObject:
        return static_cast<double>(
            session_->benchmarks()[static_cast<size_t>(r.bench)].benchmark->objects[static_cast<size_t>(r.object)].id);
    case ColNegatives:
        return static_cast<double>(session_->benchmarks()[static_cast<size_t>(r.bench)]
                                       .benchmark->objects[static_cast<size_t>(r.object)]
                                       .negativeIds.size());
    case ColAttributes:
        return attributes(row);
    case ColRank: {
        const int k = rank(row);
        return k > 0 ? k : kNaN;
    }
    case ColMargin:
        return margin(row);
    case ColCompareRank: {
        const int k = compareRank(row);
        return k > 0 ? k : kNaN;
    }
    case ColRankChange:
        return rankChange(row);
    default:
        return kNaN;
    }
}

QVariant ObjectTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const Ref r = ref(row);
    const BenchView& view = session_->benchmarks()[static_cast<size_t>(r.bench)];
    const FgObject& o = view.benchmark->objects[static_cast<size_t>(r.object)];
    switch (role) {
    case BenchIndexRole:
        return r.bench;
    case ObjectIndexRole:
        return r.object;
    case RankRole:
        return rank(row);
    case CorrectRole: {
        const int k = rank(row);
        return k > 0 ? QVariant(k == 1) : QVariant();
    }
    case ThumbnailKeyRole:
        return QVariant::fromValue<quint64>((quint64(quint32(r.bench)) << 32) | quint32(r.object));
    case RawValueRole: {
        if (index.column() == ColPositive)
            return positiveCaption(row);
        const double v = rawValue(row, index.column());
        return std::isnan(v) ? QVariant() : QVariant(v);
    }
    case Qt::ToolTipRole:
        if (index.column() == ColPositive)
            return positiveCaption(row);
        if ((index.column() == ColRank || index.column() == ColMargin) && !encoded(view))
            return tr("This benchmark has no CLIP features yet: Experiments → Encode with CLIP…");
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ColRank) {
            const int k = rank(row);
            if (k > 0)
                return QColor(k == 1 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        }
        if (index.column() == ColRankChange) {
            const double d = rankChange(row);
            if (!std::isnan(d) && d != 0)
                return QColor(d < 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != ColPositive && index.column() != ColBenchmark && index.column() != ColAttributes)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case ColBenchmark:
        return qs(view.key);
    case ColObject:
        return QString::number(o.id);
    case ColPositive:
        return positiveCaption(row);
    case ColNegatives:
        return QString::number(o.negativeIds.size());
    case ColAttributes: {
        QStringList names;
        const uint32_t mask = attributes(row);
        for (const AttributeTypeInfo& t : attributeTypes())
            if (mask & t.bit)
                names << attributeTypeLabel(t.bit);
        return names.join(QStringLiteral(", "));
    }
    case ColRank: {
        const int k = rank(row);
        if (k <= 0 && !encoded(view))
            return tr("not encoded");
        return k > 0 ? QString::number(k) : QString();
    }
    case ColMargin: {
        const double m = margin(row);
        return std::isnan(m) ? QString() : QLocale().toString(m, 'f', 4);
    }
    case ColCompareRank: {
        const int k = compareRank(row);
        return k > 0 ? QString::number(k) : QString();
    }
    case ColRankChange: {
        const double d = rankChange(row);
        if (std::isnan(d))
            return QString();
        return d > 0 ? QStringLiteral("+%1").arg(d) : QString::number(d);
    }
    default:
        return {};
    }
}

QVariant ObjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    auto setLabel = [this](int set) {
        const auto s = session_->resultSet(set);
        return s ? s->label : tr("none");
    };
    switch (section) {
    case ColBenchmark:
        return tr("Benchmark");
    case ColObject:
        return tr("Object");
    case ColPositive:
        return tr("Positive caption");
    case ColNegatives:
        return tr("Negatives");
    case ColAttributes:
        return tr("Attributes");
    case ColRank:
        return tr("Rank");
    case ColMargin:
        return tr("Margin");
    case ColCompareRank:
        return tr("Rank (%1)").arg(setLabel(compare_));
    case ColRankChange:
        return tr("Rank change");
    default:
        return {};
    }
}

} // namespace fglens::ui

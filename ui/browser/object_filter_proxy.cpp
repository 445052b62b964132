#include "browser/object_filter_proxy.h"

#include "browser/object_table_model.h"

#include "eval/detector_q1.h"

#include <cmath>

namespace fglens::ui {

bool ObjectFilterProxy::Filter::operator==(const Filter& o) const
{
    return bench == o.bench && attributes == o.attributes && word == o.word && correctness == o.correctness &&
           rankMin == o.rankMin && rankMax == o.rankMax && marginMin == o.marginMin && marginMax == o.marginMax && q1 == o.q1;
}

QString ObjectFilterProxy::Filter::describe(const QStringList& benchKeys) const
{
    QStringList parts;
    if (bench >= 0 && bench < benchKeys.size())
        parts << QStringLiteral("benchmark=%1").arg(benchKeys[bench]);
    if (attributes)
        parts << QStringLiteral("attributes=0x%1").arg(attributes, 0, 16);
    if (!word.isEmpty())
        parts << QStringLiteral("word=%1").arg(word);
    if (correctness == Correctness::Correct)
        parts << QStringLiteral("correct");
    if (correctness == Correctness::Incorrect)
        parts << QStringLiteral("incorrect");
    if (rankMin > 0)
        parts << QStringLiteral("rank>=%1").arg(rankMin);
    if (rankMax > 0)
        parts << QStringLiteral("rank<=%1").arg(rankMax);
    if (std::isfinite(marginMin))
        parts << QStringLiteral("margin>=%1").arg(marginMin);
    if (std::isfinite(marginMax))
        parts << QStringLiteral("margin<=%1").arg(marginMax);
    switch (q1) {
    case Q1::Any:
        break;
    case Q1::DetectorWrongClipRight:
        parts << QStringLiteral("q1=detector wrong, CLIP right");
        break;
    case Q1::BothWrong:
        parts << QStringLiteral("q1=both wrong");
        break;
    case Q1::DetectorRightClipWrong:
        parts << QStringLiteral("q1=detector right, CLIP wrong");
        break;
    case Q1::NoBoxMatched:
        parts << QStringLiteral("q1=no box matched");
        break;
    }
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral("; "));
}

ObjectFilterProxy::ObjectFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // Re-sorting 100,000 rows on every dataChanged would stall the window;
    // the browser calls refresh() when the rank columns change meaning.
    setDynamicSortFilter(false);
    setSortRole(Qt::UserRole);
}

void ObjectFilterProxy::setSourceTable(ObjectTableModel* model)
{
    table_ = model;
    setSourceModel(model);
}

void ObjectFilterProxy::setFilter(const Filter& f)
{
    if (f == filter_)
        return;
    filter_ = f;
    refresh();
}

void ObjectFilterProxy::refresh()
{
    invalidate();
}

bool ObjectFilterProxy::filterAcceptsRow(int row, const QModelIndex&) const
{
    if (!table_)
        return true;
    const Filter& f = filter_;
    if (f.bench >= 0 && table_->ref(row).bench != f.bench)
        return false;
    if (f.attributes && !(table_->attributes(row) & f.attributes))
        return false;
    const bool needsScore = f.correctness != Correctness::Any || f.rankMin > 0 || f.rankMax > 0 ||
                            std::isfinite(f.marginMin) || std::isfinite(f.marginMax);
    if (needsScore) {
        const int rank = table_->rank(row);
        if (rank <= 0)
            return false;
        if (f.correctness == Correctness::Correct && rank != 1)
            return false;
        if (f.correctness == Correctness::Incorrect && rank == 1)
            return false;
        if (f.rankMin > 0 && rank < f.rankMin)
            return false;
        if (f.rankMax > 0 && rank > f.rankMax)
            return false;
        if (std::isfinite(f.marginMin) || std::isfinite(f.marginMax)) {
            const double m = table_->margin(row);
            if (m < f.marginMin || m > f.marginMax)
                return false;
        }
    }
    if (f.q1 != Q1::Any && !acceptsQ1(row))
        return false;
    if (!f.word.isEmpty() && !table_->positiveCaption(row).contains(f.word, Qt::CaseInsensitive))
        return false;
    return true;
}

bool ObjectFilterProxy::acceptsQ1(int row) const
{
    const ObjectTableModel::Q1Pair p = table_->q1Pair(row);
    // Only objects both runs ranked, as core's detectorQ1 counts them.
    if (p.detectorRank <= 0 || p.clipRank <= 0)
        return false;
    switch (filter_.q1) {
    case Q1::Any:
        return true;
    case Q1::NoBoxMatched:
        return !p.matched;
    case Q1::DetectorWrongClipRight:
        return q1Case(p.detectorRank, p.clipRank) == Q1Case::DetectorWrongClipRight;
    case Q1::BothWrong:
        return q1Case(p.detectorRank, p.clipRank) == Q1Case::BothWrong;
    case Q1::DetectorRightClipWrong:
        return q1Case(p.detectorRank, p.clipRank) == Q1Case::DetectorRightClipWrong;
    }
    return false;
}

bool ObjectFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!table_)
        return QSortFilterProxyModel::lessThan(left, right);
    const int column = left.column();
    if (column == ObjectTableModel::ColPositive)
        return table_->positiveCaption(left.row()).localeAwareCompare(table_->positiveCaption(right.row())) < 0;
    const double a = table_->rawValue(left.row(), column), b = table_->rawValue(right.row(), column);
    // Missing values sort last in ascending order.
    if (std::isnan(a) || std::isnan(b))
        return !std::isnan(a) && std::isnan(b);
    if (a != b)
        return a < b;
    return left.row() < right.row();
}

} // namespace fglens::ui

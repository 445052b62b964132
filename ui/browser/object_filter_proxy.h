#pragma once
// Filters and sorts the object table by reading the source model's raw
// values directly; with 100,000 rows going through QVariant for every
// comparison would make sorting visibly slow.
#include <QSortFilterProxyModel>

#include <cstdint>
#include <limits>

namespace fglens::ui {

class ObjectTableModel;

class ObjectFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectFilterProxy)

public:
    enum class Correctness { Any, Correct, Incorrect };
    // The paper's first question, over objects both runs ranked (core's
    // q1Case: "wrong" is rank > 1); needs a detector run and a CLIP run chosen.
    enum class Q1 { Any, DetectorWrongClipRight, BothWrong, DetectorRightClipWrong, NoBoxMatched };

    struct Filter {
        int bench = -1;                 // -1: every benchmark
        uint32_t attributes = 0;        // AttributeType mask; 0: any
        QString word;                   // in the positive caption, case-insensitive
        Correctness correctness = Correctness::Any;
        int rankMin = 0, rankMax = 0;   // 0: unbounded
        double marginMin = -std::numeric_limits<double>::infinity();
        double marginMax = std::numeric_limits<double>::infinity();
        Q1 q1 = Q1::Any;

        bool operator==(const Filter& o) const;
        // "benchmark=hard; incorrect; rank>=2" for export provenance.
        QString describe(const QStringList& benchKeys) const;
    };

    explicit ObjectFilterProxy(QObject* parent = nullptr);

    void setSourceTable(ObjectTableModel* model);
    void setFilter(const Filter& f);
    const Filter& filter() const { return filter_; }
    // Re-applies the filter and sort after the rank columns changed meaning.
    void refresh();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool acceptsQ1(int sourceRow) const;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    ObjectTableModel* table_ = nullptr;
    Filter filter_;
};

} // namespace fglens::ui

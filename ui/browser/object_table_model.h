#pragma once
// Every object of every benchmark as one flat table. Nothing is stored per
// row beyond its (benchmark, object) pair: data() reads the benchmark and the
// result sets on demand, which keeps 100,000 rows cheap.
#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace fglens::ui {

class ProjectSession;

class ObjectTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectTableModel)

public:
    enum Column {
        ColBenchmark,
        ColObject,
        ColPositive,
        ColNegatives,
        ColAttributes,
        ColRank,
        ColMargin,
        ColCompareRank,
        ColRankChange,
        ColumnCount
    };

    explicit ObjectTableModel(ProjectSession* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Result sets (indices into the session) the rank columns refer to; -1 for none.
    void setPrimarySet(int set);
    void setCompareSet(int set);
    int primarySet() const { return primary_; }
    int compareSet() const { return compare_; }

    struct Ref {
        int32_t bench = -1, object = -1;
    };
    Ref ref(int row) const { return rows_[static_cast<size_t>(row)]; }
    int rowOf(int bench, int object) const;

    // Raw values for filtering and sorting without QVariant traffic. Missing
    // values are NaN (rank 0 means "not evaluated").
    int rank(int row) const;
    int compareRank(int row) const;
    double margin(int row) const;
    double rankChange(int row) const;
    uint32_t attributes(int row) const;
    QString positiveCaption(int row) const;
    double rawValue(int row, int column) const;

    // The paper's first question needs a detector run and a CLIP run: the
    // scored and the compared set, in either order, exactly one a detector.
    bool hasQ1Pair() const;
    struct Q1Pair {
        int detectorRank = 0, clipRank = 0;   // 0: no result for this object
        bool matched = false;                 // the detector matched a box
    };
    Q1Pair q1Pair(int row) const;

private:
    void rebuild();

    ProjectSession* session_;
    std::vector<Ref> rows_;
    std::vector<int> benchOffset_;   // first row of each benchmark
    int primary_ = -1, compare_ = -1;
};

} // namespace fglens::ui

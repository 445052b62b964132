#pragma once
// The object browser: filters above, a thumbnail grid and a table below,
// both over one filter proxy and one selection model.
#include "browser/object_filter_proxy.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QItemSelectionModel;
class QLabel;
class QLineEdit;
class QListView;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTimer;

namespace fglens::ui {

class ObjectTableModel;
class ProjectSession;
class ThumbnailCache;

class ObjectBrowser final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectBrowser)

public:
    explicit ObjectBrowser(ProjectSession* session, QWidget* parent = nullptr);
    ~ObjectBrowser() override;

    ObjectTableModel* tableModel() const { return model_; }
    ObjectFilterProxy* proxy() const { return proxy_; }
    QTableView* tableView() const { return table_; }
    QListView* gridView() const { return grid_; }
    ThumbnailCache* thumbnails() const { return thumbs_; }

    // (benchmark index, object index) of the current object, or (-1, -1).
    std::pair<int, int> currentObject() const;
    bool selectObject(int bench, int object);
    // Result set keys shown in the rank columns.
    QString primarySetKey() const;
    void setPrimarySet(const QString& key);
    void setCompareSet(const QString& key);
    void setBenchmarkFilter(const QString& key);
    void setCorrectnessFilter(ObjectFilterProxy::Correctness c);
    void setWordFilter(const QString& word);
    void setQ1Filter(ObjectFilterProxy::Q1 q1);
    // The active filter in words, for export provenance.
    QString filterDescription() const;
    int visibleCount() const;
    QSize sizeHint() const override { return {900, 560}; }

public Q_SLOTS:
    void selectNext();
    void selectPrevious();
    void resetFilters();

Q_SIGNALS:
    void currentObjectChanged(int bench, int object);
    void primarySetChanged(const QString& key);

private:
    void onProjectChanged();
    void onResultSetsChanged();
    void applyFilter();
    void updateCount();
    void updateQ1Box();
    void step(int delta);

    ProjectSession* session_;
    ObjectTableModel* model_;
    ObjectFilterProxy* proxy_;
    ThumbnailCache* thumbs_;
    QItemSelectionModel* selection_;
    QComboBox* primaryBox_;
    QComboBox* compareBox_;
    QComboBox* benchBox_;
    QComboBox* attributeBox_;
    QLineEdit* wordEdit_;
    QComboBox* correctBox_;
    QComboBox* q1Box_;
    QSpinBox* rankMin_;
    QSpinBox* rankMax_;
    QDoubleSpinBox* marginMin_;
    QDoubleSpinBox* marginMax_;
    QLabel* countLabel_;
    QTabWidget* tabs_;
    QListView* grid_;
    QTableView* table_;
    QTimer* filterDelay_;
    bool updatingBoxes_ = false;
};

} // namespace fglens::ui

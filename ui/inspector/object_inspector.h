#pragma once
// One object in detail: the full image with its box, the crop, and every
// caption of its vocabulary with each compared head's score and rank.
#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;

namespace fglens::ui {

class ImagePane;
class ProjectSession;

class ObjectInspector final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectInspector)

public:
    explicit ObjectInspector(ProjectSession* session, QWidget* parent = nullptr);
    ~ObjectInspector() override;

    std::pair<int, int> object() const { return {bench_, object_}; }
    QTableWidget* captionTable() const { return table_; }
    // The scores the table shows for a result set (positive first; NaN where
    // a caption is outside the protocol's vocabulary), and its rank column.
    std::vector<double> shownScores(const QString& setKey) const;
    int shownRank(const QString& setKey) const;
    // True once the full image (or the message why not) is shown.
    bool imageSettled() const { return !watcher_.isRunning(); }

public Q_SLOTS:
    void showObject(int bench, int object);
    void refresh();
    void clear();

private:
    void onImageLoaded();
    int columnOfScore(const QString& setKey) const;

    ProjectSession* session_;
    int bench_ = -1, object_ = -1;
    QLabel* header_;
    ImagePane* full_;
    ImagePane* crop_;
    QTableWidget* table_;
    QFutureWatcher<QImage> watcher_;
    QStringList setKeys_;   // result set of each score column pair
};

} // namespace fglens::ui

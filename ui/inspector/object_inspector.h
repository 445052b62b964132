#pragma once
// One object in detail: the full image with its box, the crop, and every
// caption of its vocabulary with each compared run's rank and score.
#include <QFutureWatcher>
#include <QImage>
#include <QRectF>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QTableWidget;

namespace fglens::ui {

class ImagePane;
class ProjectSession;
class RankScoreDelegate;
struct ResultSet;

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
    // The run the browser scores by, whose column is highlighted.
    QString highlightedSet() const { return highlighted_; }
    // For a detector run (the highlighted one, else the first compared):
    // "OWL B/16: no box matched" or its matched box, as shown above the images.
    QString detectorNote() const;
    // The detector box drawn on the full image (none: no detector or no match).
    std::optional<QRectF> shownDetectorBox() const;
    ImagePane* fullImage() const { return full_; }
    // "#12\nlin/w": what a narrow run column's header says.
    static QString shortRunLabel(const ResultSet& set);

public Q_SLOTS:
    void showObject(int bench, int object);
    void refresh();
    void clear();
    void setHighlightedSet(const QString& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onImageLoaded();
    int columnOfScore(const QString& setKey) const;
    void applyHighlight();
    void showDetector();
    // Run columns share the width the captions leave, within the delegate's limits.
    void fitColumns();

    ProjectSession* session_;
    int bench_ = -1, object_ = -1;
    QLabel* header_;
    QLabel* detectorNote_;
    ImagePane* full_;
    ImagePane* crop_;
    QTableWidget* table_;
    RankScoreDelegate* runDelegate_;
    QFutureWatcher<QImage> watcher_;
    QStringList setKeys_;   // result set of each run column
    QString highlighted_;
    bool fitting_ = false;
};

} // namespace fglens::ui

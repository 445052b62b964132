#pragma once
// Detectors beside CLIP in the workbench (issue 15): a project's detector
// entries imported into the log when it opens, File → Import Detector
// Predictions… for single files, and the Q1 table as a dock. Kept out of
// main_window.cpp: the window only creates this object.
#include <QList>
#include <QObject>
#include <QString>

class QDockWidget;

namespace fglens::ui {

class MainWindow;
class Q1Panel;

struct DetectorImportJob {
    QString name;          // the run's name; joins the newest detector run of that name
    QString benchmarkKey;
    QString benchmarkFile;
    QString predictions;
    int negatives = 0;
};

class DetectorActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetectorActions)

public:
    explicit DetectorActions(MainWindow* window);

    Q1Panel* q1Panel() const { return panel_; }
    QDockWidget* q1Dock() const { return dock_; }

public Q_SLOTS:
    // The open project's detector entries that the log lacks (or holds
    // from a file whose content changed), imported on the job runner.
    void importProjectDetectors();
    // Imports the given files on the job runner (no dialog): what the menu
    // action does once its dialog is accepted.
    void importFiles(const QList<fglens::ui::DetectorImportJob>& jobs);
    void importDialog();

Q_SIGNALS:
    // After an import: the detector runs written (empty when nothing was new).
    void imported(const QList<qint64>& runIds);

private:
    void runImports(const QString& title, const QList<DetectorImportJob>& jobs, bool fromProject);

    MainWindow* window_;
    Q1Panel* panel_;
    QDockWidget* dock_;
};

} // namespace fglens::ui

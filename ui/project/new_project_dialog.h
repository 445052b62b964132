#pragma once
// File → New Project…: a project from the files a researcher already has
// (FG-OVD's folder or single benchmark files, the COCO image root, captions,
// FG-CLIP caches, a CLIP checkpoint). Writes project.json through the same
// core code as `fglens-cli project init`; the window then opens it.
#include <QDialog>
#include <QHash>
#include <QString>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace fglens {
struct ProjectInitOptions;
}

namespace fglens::ui {

class NewProjectDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewProjectDialog)

public:
    explicit NewProjectDialog(QWidget* parent = nullptr);
    ~NewProjectDialog() override;

    // What the browse buttons fill in; public so tests can drive the dialog.
    void setOutputDir(const QString& dir);
    void setFgovdDir(const QString& dir);
    void addBenchmarkFiles(const QStringList& files);
    void addFgclipCache(const QString& key, const QString& file);
    void setImageRoot(const QString& dir);
    void setCaptions(const QString& file);
    void setClip(const QString& model, const QString& vocab);

    fglens::ProjectInitOptions options() const;
    // The files the project will hold, one row each: role, key, file, objects.
    QTableWidget* filesTable() const { return files_; }
    // Object count of a listed file once counted (-1 while counting or when unreadable).
    qint64 objectCount(const QString& file) const { return counts_.value(file, -1); }
    bool countsPending() const { return pendingCounts_ > 0; }
    QString errorText() const;
    // Writes project.json; false with errorText() set when something is wrong.
    bool create();
    QString manifestPath() const { return manifest_; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void countsUpdated();

private:
    void refresh();
    void count(const QString& file);
    QString browseFile(const QString& title, const QString& filter);
    QString browseDir(const QString& title);

    QLineEdit* out_;
    QLineEdit* name_;
    QLineEdit* fgovd_;
    QLineEdit* imageRoot_;
    QLineEdit* captions_;
    QLineEdit* clip_;
    QLineEdit* vocab_;
    QTableWidget* files_;
    QLabel* error_;
    QDialogButtonBox* buttons_;
    QStringList benchmarkFiles_;
    std::vector<std::pair<QString, QString>> caches_;   // key (may be empty) -> FG-CLIP cache
    QHash<QString, qint64> counts_;                     // -2: unreadable
    QHash<QString, QString> countErrors_;
    int pendingCounts_ = 0;
    QString manifest_;
};

} // namespace fglens::ui

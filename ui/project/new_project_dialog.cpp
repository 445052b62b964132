#include "project/new_project_dialog.h"

#include "common/qt_text.h"

#include "common/error.h"
#include "data/fgovd.h"
#include "data/project_init.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <filesystem>
#include <functional>

namespace fglens::ui {

namespace {

struct Row {
    QString role, key, file;
};

QString roleLabel(const std::string& role)
{
    if (role == "fgovd_train")
        return NewProjectDialog::tr("training set (fine-tune)");
    if (role == "fgovd_val")
        return NewProjectDialog::tr("validation set");
    return NewProjectDialog::tr("benchmark");
}

} // namespace

NewProjectDialog::NewProjectDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("New Project"));
    auto* form = new QFormLayout;
    auto lineWithButton = [this, form](const QString& label, QLineEdit*& edit, const QString& button,
                                       std::function<void()> browse) {
        edit = new QLineEdit(this);
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        if (!button.isEmpty()) {
            auto* b = new QPushButton(button, this);
            connect(b, &QPushButton::clicked, this, std::move(browse));
            row->addWidget(b);
        }
        form->addRow(label, row);
        connect(edit, &QLineEdit::editingFinished, this, &NewProjectDialog::refresh);
    };
    lineWithButton(tr("Project folder:"), out_, tr("Choose…"), [this] {
        const QString d = browseDir(tr("Folder for the new project"));
        if (!d.isEmpty())
            setOutputDir(d);
    });
    name_ = new QLineEdit(this);
    name_->setPlaceholderText(tr("the folder's name"));
    form->addRow(tr("Name:"), name_);
    lineWithButton(tr("FG-OVD folder:"), fgovd_, tr("Choose…"), [this] {
        const QString d = browseDir(tr("FG-OVD folder (with benchmarks/, training_sets/, validation_sets/)"));
        if (!d.isEmpty())
            setFgovdDir(d);
    });
    fgovd_->setPlaceholderText(tr("optional: FG-OVD's folder, or add single files below"));

    files_ = new QTableWidget(0, 4, this);
    files_->setHorizontalHeaderLabels({tr("Role"), tr("Key"), tr("File"), tr("Objects")});
    files_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    files_->verticalHeader()->hide();
    files_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    files_->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto* fileButtons = new QHBoxLayout;
    auto* addFiles = new QPushButton(tr("Add Benchmark Files…"), this);
    auto* addCache = new QPushButton(tr("Add FG-CLIP Cache…"), this);
    auto* clear = new QPushButton(tr("Clear Files"), this);
    fileButtons->addWidget(addFiles);
    fileButtons->addWidget(addCache);
    fileButtons->addStretch(1);
    fileButtons->addWidget(clear);
    connect(addFiles, &QPushButton::clicked, this, [this] {
        const QStringList f = QFileDialog::getOpenFileNames(this, tr("FG-OVD benchmark files"), QString(),
                                                            tr("FG-OVD benchmarks (*.json)"));
        if (!f.isEmpty())
            addBenchmarkFiles(f);
    });
    connect(addCache, &QPushButton::clicked, this, [this] {
        const QString f = browseFile(tr("FG-CLIP feature cache"), tr("FG-CLIP caches (*.pt *.pth);;All files (*)"));
        if (!f.isEmpty())
            addFgclipCache(QString(), f);
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        benchmarkFiles_.clear();
        caches_.clear();
        fgovd_->clear();
        refresh();
    });

    auto* data = new QFormLayout;
    auto dataRow = [this, data](const QString& label, QLineEdit*& edit, std::function<QString()> browse) {
        edit = new QLineEdit(this);
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        auto* b = new QPushButton(tr("Choose…"), this);
        QLineEdit* e = edit;
        connect(b, &QPushButton::clicked, this, [this, e, browse] {
            const QString v = browse();
            if (!v.isEmpty()) {
                e->setText(v);
                refresh();
            }
        });
        row->addWidget(b);
        data->addRow(label, row);
        connect(edit, &QLineEdit::editingFinished, this, &NewProjectDialog::refresh);
    };
    dataRow(tr("COCO image root:"), imageRoot_, [this] { return browseDir(tr("COCO image root")); });
    imageRoot_->setPlaceholderText(tr("optional: the folder holding val2017/, train2017/ …"));
    dataRow(tr("COCO captions:"), captions_, [this] {
        return browseFile(tr("COCO captions"), tr("Caption files (*.json)"));
    });
    captions_->setPlaceholderText(tr("optional: Karpathy dataset_coco.json or captions_*.json"));
    dataRow(tr("CLIP checkpoint:"), clip_, [this] {
        return browseFile(tr("CLIP checkpoint"), tr("CLIP checkpoints (*.pt);;All files (*)"));
    });
    clip_->setPlaceholderText(tr("optional: e.g. ViT-B-16.pt, to encode from the workbench"));
    dataRow(tr("BPE vocabulary:"), vocab_, [this] {
        return browseFile(tr("CLIP BPE vocabulary"), tr("BPE vocabulary (*.txt.gz);;All files (*)"));
    });
    vocab_->setPlaceholderText(tr("bpe_simple_vocab_16e6.txt.gz"));

    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color:#c62828"));
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Create and Open"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &NewProjectDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(files_, 1);
    layout->addLayout(fileButtons);
    layout->addLayout(data);
    layout->addWidget(error_);
    layout->addWidget(buttons_);
    resize(820, 560);
    refresh();
}

NewProjectDialog::~NewProjectDialog() = default;

void NewProjectDialog::setOutputDir(const QString& dir)
{
    out_->setText(dir);
    refresh();
}

void NewProjectDialog::setFgovdDir(const QString& dir)
{
    fgovd_->setText(dir);
    refresh();
}

void NewProjectDialog::addBenchmarkFiles(const QStringList& files)
{
    for (const QString& f : files) {
        const QString a = QFileInfo(f).absoluteFilePath();
        if (!benchmarkFiles_.contains(a))
            benchmarkFiles_ << a;
    }
    refresh();
}

void NewProjectDialog::addFgclipCache(const QString& key, const QString& file)
{
    caches_.emplace_back(key, QFileInfo(file).absoluteFilePath());
    refresh();
}

void NewProjectDialog::setImageRoot(const QString& dir)
{
    imageRoot_->setText(dir);
    refresh();
}

void NewProjectDialog::setCaptions(const QString& file)
{
    captions_->setText(file);
    refresh();
}

void NewProjectDialog::setClip(const QString& model, const QString& vocab)
{
    clip_->setText(model);
    vocab_->setText(vocab);
    refresh();
}

ProjectInitOptions NewProjectDialog::options() const
{
    ProjectInitOptions o;
    o.outDir = ss(out_->text().trimmed());
    o.name = ss(name_->text().trimmed());
    o.fgovdDir = ss(fgovd_->text().trimmed());
    for (const QString& f : benchmarkFiles_)
        o.benchmarkFiles.push_back(ss(f));
    for (const auto& [k, f] : caches_)
        o.fgclipCaches.emplace_back(ss(k), ss(f));
    // Caches found beside the benchmarks are offered as their features.
    std::vector<std::string> jsons = o.benchmarkFiles;
    if (!o.fgovdDir.empty()) {
        try {
            for (const auto& f : scanFgovdFolder(o.fgovdDir))
                if (f.role == "benchmark")
                    jsons.push_back(f.path);
        } catch (const std::exception&) {
            // reported by refresh()
        }
    }
    for (auto& [key, cache] : fgclipCachesBeside(jsons)) {
        bool given = false;
        for (const auto& c : o.fgclipCaches)
            given = given || c.second == cache || benchmarkKey(c.first) == key;
        if (!given)
            o.fgclipCaches.emplace_back(key, cache);
    }
    o.imageRoot = ss(imageRoot_->text().trimmed());
    o.captions = ss(captions_->text().trimmed());
    o.clipModel = ss(clip_->text().trimmed());
    o.clipVocab = ss(vocab_->text().trimmed());
    return o;
}

QString NewProjectDialog::errorText() const
{
    return error_->text();
}

void NewProjectDialog::refresh()
{
    const ProjectInitOptions o = options();
    std::vector<Row> rows;
    QString error;
    if (!o.fgovdDir.empty()) {
        try {
            for (const auto& f : scanFgovdFolder(o.fgovdDir))
                rows.push_back({roleLabel(f.role), qs(f.key), qs(f.path)});
        } catch (const std::exception& e) {
            error = qs(e.what());
        }
    }
    for (const QString& f : benchmarkFiles_)
        rows.push_back({roleLabel("benchmark"), qs(benchmarkKey(std::filesystem::path(ss(f)).stem().string())), f});
    for (const auto& [k, f] : o.fgclipCaches)
        rows.push_back({tr("FG-CLIP feature cache"),
                        qs(benchmarkKey(k.empty() ? std::filesystem::path(f).stem().string() : k)), qs(f)});

    files_->setRowCount(static_cast<int>(rows.size()));
    const QLocale loc;
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const Row& row = rows[static_cast<size_t>(r)];
        const qint64 n = counts_.value(row.file, -1);
        if (!counts_.contains(row.file))
            count(row.file);
        const QString objects = n >= 0 ? loc.toString(n) : n == -2 ? tr("unreadable") : tr("counting…");
        const QString cells[] = {row.role, row.key, QDir::toNativeSeparators(row.file), objects};
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 3) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (n == -2)
                    item->setToolTip(countErrors_.value(row.file));
            }
            files_->setItem(r, c, item);
        }
    }
    files_->resizeColumnToContents(0);
    files_->resizeColumnToContents(1);

    if (error.isEmpty()) {
        try {
            buildProject(o);
        } catch (const std::exception& e) {
            error = qs(e.what());
        }
    }
    error_->setText(error);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void NewProjectDialog::count(const QString& file)
{
    // Parsing a training set takes seconds: count on a worker, show "counting…" meanwhile.
    counts_.insert(file, -1);
    ++pendingCounts_;
    auto* watcher = new QFutureWatcher<std::pair<qint64, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, file] {
        const auto [n, err] = watcher->result();
        counts_.insert(file, n);
        if (!err.isEmpty())
            countErrors_.insert(file, err);
        watcher->deleteLater();
        --pendingCounts_;
        refresh();
        Q_EMIT countsUpdated();
    });
    const std::string path = ss(file);
    watcher->setFuture(QtConcurrent::run([path]() -> std::pair<qint64, QString> {
        try {
            return {countBenchmarkObjects(path), QString()};
        } catch (const std::exception& e) {
            return {-2, QString::fromUtf8(e.what())};
        }
    }));
}

bool NewProjectDialog::create()
{
    try {
        manifest_ = qs(initProject(options()));
        return true;
    } catch (const std::exception& e) {
        error_->setText(qs(e.what()));
        return false;
    }
}

void NewProjectDialog::accept()
{
    if (create())
        QDialog::accept();
}

QString NewProjectDialog::browseFile(const QString& title, const QString& filter)
{
    return QFileDialog::getOpenFileName(this, title, QString(), filter);
}

QString NewProjectDialog::browseDir(const QString& title)
{
    return QFileDialog::getExistingDirectory(this, title);
}

} // namespace fglens::ui

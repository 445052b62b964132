#include "inspector/object_inspector.h"

#include "browser/object_roles.h"
#include "common/qt_text.h"
#include "inspector/image_pane.h"
#include "inspector/score_delegates.h"
#include "model/attribute_types.h"
#include "model/caption_diff.h"
#include "model/project_session.h"

#include "data/fgovd.h"
#include "data/image_source.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fglens::ui {

namespace {

QImage toQImage(const cv::Mat& rgb)
{
    return QImage(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step), QImage::Format_RGB888).copy();
}

// Rank of caption j among the vocabulary: the positive by the protocol
// (ties count against it), a negative by how many captions score higher.
int captionRank(const float* s, int width, int j)
{
    int rank = 1;
    for (int k = 0; k < width; ++k) {
        if (k == j)
            continue;
        if (j == 0 ? s[k] >= s[0] : s[k] > s[j])
            ++rank;
    }
    return rank;
}

} // namespace

ObjectInspector::ObjectInspector(ProjectSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    header_ = new QLabel(this);
    header_->setWordWrap(true);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detectorNote_ = new QLabel(this);
    detectorNote_->setWordWrap(true);
    detectorNote_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detectorNote_->hide();
    full_ = new ImagePane(this);
    crop_ = new ImagePane(this);
    full_->setToolTip(tr("The full image with the object's box"));
    crop_->setToolTip(tr("The crop the image embedding is computed from"));
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setItemDelegateForColumn(0, new RichTextDelegate(table_));
    runDelegate_ = new RankScoreDelegate(table_);
    table_->setWordWrap(true);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->horizontalHeader()->setMinimumSectionSize(RankScoreDelegate::kMinWidth);
    table_->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->viewport()->installEventFilter(this);

    auto* images = new QSplitter(Qt::Horizontal, this);
    images->addWidget(full_);
    images->addWidget(crop_);
    images->setStretchFactor(0, 3);
    images->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(images);
    split->addWidget(table_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(header_);
    layout->addWidget(detectorNote_);
    layout->addWidget(split, 1);

    connect(&watcher_, &QFutureWatcher<QImage>::finished, this, &ObjectInspector::onImageLoaded);
    connect(session_, &ProjectSession::resultSetsChanged, this, &ObjectInspector::refresh);
    connect(session_, &ProjectSession::projectChanged, this, &ObjectInspector::clear);
    clear();
}

ObjectInspector::~ObjectInspector()
{
    watcher_.waitForFinished();
}

void ObjectInspector::clear()
{
    bench_ = object_ = -1;
    header_->setText(tr("Select an object in the browser. J and K move to the next and previous object."));
    full_->setMessage(tr("no object selected"));
    crop_->setMessage(QString());
    table_->clear();
    table_->setRowCount(0);
    table_->setColumnCount(0);
    setKeys_.clear();
    detectorNote_->clear();
    detectorNote_->hide();
    full_->setDetectorBox(std::nullopt, QString());
}

void ObjectInspector::showObject(int bench, int object)
{
    const auto& benches = session_->benchmarks();
    if (bench < 0 || static_cast<size_t>(bench) >= benches.size() || object < 0 ||
        static_cast<size_t>(object) >= benches[static_cast<size_t>(bench)].benchmark->objects.size()) {
        clear();
        return;
    }
    const bool sameImage = bench == bench_ && object == object_;
    bench_ = bench;
    object_ = object;
    refresh();
    if (sameImage)
        return;

    const BenchView& view = benches[static_cast<size_t>(bench)];
    const FgObject& o = view.benchmark->objects[static_cast<size_t>(object)];
    const FgImage& img = view.benchmark->images[static_cast<size_t>(o.imageIndex)];
    const auto images = session_->images();
    if (!images) {
        const QString root = session_->summary().imageRoot;
        full_->setMessage(root.isEmpty() ? tr("no image root in the project: %1").arg(qs(img.fileName))
                                         : tr("image root not found: %1").arg(root));
        crop_->setMessage(QString());
        return;
    }
    full_->setMessage(tr("loading %1…").arg(qs(img.fileName)));
    crop_->setMessage(QString());
    // The previous decode is left to finish; its result is ignored below.
    const std::string file = img.fileName;
    watcher_.setFuture(QtConcurrent::run([images, file]() -> QImage {
        try {
            return toQImage(images->loadRgb(file));
        } catch (const std::exception&) {
            return QImage();
        }
    }));
}

void ObjectInspector::onImageLoaded()
{
    if (bench_ < 0)
        return;
    const BenchView& view = session_->benchmarks()[static_cast<size_t>(bench_)];
    const FgObject& o = view.benchmark->objects[static_cast<size_t>(object_)];
    const FgImage& img = view.benchmark->images[static_cast<size_t>(o.imageIndex)];
    const QImage image = watcher_.result();
    if (image.isNull()) {
        full_->setMessage(tr("image missing: %1").arg(qs(session_->images()->resolve(img.fileName))));
        crop_->setMessage(tr("no crop"));
        return;
    }
    // The crop box follows the reference rule (floor/ceil, clamped).
    const PixelBox box = referenceCropBox(o.bbox, image.width(), image.height());
    full_->setImage(image, QRectF(o.bbox[0], o.bbox[1], o.bbox[2], o.bbox[3]));
    crop_->setImage(image.copy(box.x0, box.y0, box.width(), box.height()));
}

void ObjectInspector::refresh()
{
    if (bench_ < 0)
        return;
    const BenchView& view = session_->benchmarks()[static_cast<size_t>(bench_)];
    const FgBenchmark& b = *view.benchmark;
    const FgObject& o = b.objects[static_cast<size_t>(object_)];
    const FgImage& img = b.images[static_cast<size_t>(o.imageIndex)];

    QStringList attrs;
    const uint32_t mask = static_cast<size_t>(object_) < view.attributes.size()
                              ? view.attributes[static_cast<size_t>(object_)]
                              : 0;
    for (const AttributeTypeInfo& t : attributeTypes())
        if (mask & t.bit)
            attrs << attributeTypeLabel(t.bit);
    header_->setText(tr("<b>%1</b> object %2 · image %3 · box [%4, %5, %6, %7] · %8 negatives (protocol N = %9)%10")
                         .arg(qs(view.key))
                         .arg(o.id)
                         .arg(qs(img.fileName).toHtmlEscaped())
                         .arg(o.bbox[0], 0, 'f', 1)
                         .arg(o.bbox[1], 0, 'f', 1)
                         .arg(o.bbox[2], 0, 'f', 1)
                         .arg(o.bbox[3], 0, 'f', 1)
                         .arg(o.negativeIndices.size())
                         .arg(view.negatives)
                         .arg(attrs.isEmpty() ? QString() : tr(" · attributes: %1").arg(attrs.join(QStringLiteral(", ")))));

    std::vector<int32_t> captions{o.positiveIndex};
    captions.insert(captions.end(), o.negativeIndices.begin(), o.negativeIndices.end());
    const int rows = static_cast<int>(captions.size());

    // Captions as rows, one narrow column per compared run: any number of
    // runs fits beside the captions without scrolling sideways.
    setKeys_.clear();
    table_->clear();
    table_->setColumnCount(1 + session_->resultSetCount());
    table_->setRowCount(rows);
    table_->setHorizontalHeaderItem(0, new QTableWidgetItem(tr("Caption")));
    for (int s = 0; s < session_->resultSetCount(); ++s) {
        const auto set = session_->resultSet(s);
        setKeys_ << set->key;
        auto* header = new QTableWidgetItem(shortRunLabel(*set));
        header->setToolTip(tr("%1\nBadge: the caption's rank under this run (green: the positive ranks first; "
                              "red: the positive does not, or this negative beats it). Bar: its score, from the "
                              "vocabulary's lowest to its highest.").arg(set->label));
        table_->setHorizontalHeaderItem(1 + s, header);
        table_->setItemDelegateForColumn(1 + s, runDelegate_);
    }

    const QString positive = qs(b.captions[static_cast<size_t>(o.positiveIndex)].text);
    QStringList rowLabels;
    for (int r = 0; r < rows; ++r) {
        const QString text = qs(b.captions[static_cast<size_t>(captions[static_cast<size_t>(r)])].text);
        rowLabels << (r == 0 ? tr("pos") : QString::number(r));
        auto* item = new QTableWidgetItem(r == 0 ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped())
                                                 : highlightedCaption(positive, text, QStringLiteral("#c62828")));
        item->setData(RawValueRole, text);
        QString tip = r == 0 ? tr("positive: %1").arg(text) : tr("negative %1: %2").arg(r).arg(text);
        if (!view.captionPresent.empty() && !view.captionPresent[static_cast<size_t>(captions[static_cast<size_t>(r)])])
            tip += tr("\n(no embedding for this caption)");
        if (r > view.negatives)
            tip += tr("\n(beyond the protocol's %1 negatives: not scored)").arg(view.negatives);
        item->setToolTip(tip);
        table_->setItem(r, 0, item);
    }
    table_->setVerticalHeaderLabels(rowLabels);

    for (int s = 0; s < session_->resultSetCount(); ++s) {
        const auto sc = session_->score(s, bench_, object_);
        const QString label = session_->resultSet(s)->label;
        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        for (int j = 0; sc && j < sc.width; ++j) {
            lo = std::min(lo, sc.scores[j]);
            hi = std::max(hi, sc.scores[j]);
        }
        for (int r = 0; r < rows; ++r) {
            auto* item = new QTableWidgetItem;
            if (sc && r < sc.width) {
                const int rank = r == 0 ? sc.rank : captionRank(sc.scores, sc.width, r);
                item->setData(RawValueRole, static_cast<double>(sc.scores[r]));
                item->setData(RankScoreDelegate::CaptionRankRole, rank);
                item->setData(RankScoreDelegate::RangeLowRole, static_cast<double>(lo));
                item->setData(RankScoreDelegate::RangeHighRole, static_cast<double>(hi));
                item->setData(RankScoreDelegate::IsPositiveRole, r == 0);
                item->setData(RankScoreDelegate::BeatsPositiveRole, r > 0 && sc.scores[r] >= sc.scores[0]);
                item->setToolTip(tr("%1\nrank %2, score %3").arg(label).arg(rank).arg(static_cast<double>(sc.scores[r]), 0, 'g', 8));
            } else {
                item->setText(QStringLiteral("—"));
                item->setTextAlignment(Qt::AlignCenter);
                item->setToolTip(sc ? tr("%1\noutside the protocol's vocabulary").arg(label)
                                    : tr("%1\nnot evaluated under this head (fewer than N negatives or no result)").arg(label));
            }
            table_->setItem(r, 1 + s, item);
        }
    }
    applyHighlight();
    showDetector();
    fitColumns();
}

void ObjectInspector::showDetector()
{
    if (bench_ < 0)
        return;
    // The detector the browser scores by, else the first one compared.
    int set = -1;
    for (int s = 0; s < session_->resultSetCount(); ++s)
        if (session_->resultSet(s)->isDetector() && (set < 0 || session_->resultSet(s)->key == highlighted_))
            set = s;
    const auto sc = set >= 0 ? session_->score(set, bench_, object_) : ProjectSession::Score{};
    if (!sc) {
        detectorNote_->hide();
        full_->setDetectorBox(std::nullopt, QString());
        return;
    }
    const QString name = session_->resultSet(set)->label;
    const QString gt = QStringLiteral("<span style=\"color:%1\">■</span>").arg(ImagePane::groundTruthColor().name());
    const QString det = QStringLiteral("<span style=\"color:%1\">■</span>").arg(ImagePane::detectorColor().name());
    if (sc.box) {
        const auto& b = *sc.box;
        full_->setDetectorBox(QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3])), name);
        detectorNote_->setText(tr("%1 ground truth · %2 <b>%3</b>: matched box [%4, %5, %6, %7], rank %8")
                                   .arg(gt, det, name.toHtmlEscaped())
                                   .arg(static_cast<double>(b[0]), 0, 'f', 1)
                                   .arg(static_cast<double>(b[1]), 0, 'f', 1)
                                   .arg(static_cast<double>(b[2]), 0, 'f', 1)
                                   .arg(static_cast<double>(b[3]), 0, 'f', 1)
                                   .arg(sc.rank));
    } else {
        full_->setDetectorBox(std::nullopt, name);
        detectorNote_->setText(tr("%1 ground truth · <b>%2: no box matched</b> (no prediction overlaps the object: "
                                  "a localisation failure, rank %3)")
                                   .arg(gt, name.toHtmlEscaped())
                                   .arg(sc.rank));
    }
    detectorNote_->show();
}

QString ObjectInspector::detectorNote() const
{
    return detectorNote_->isHidden() ? QString() : detectorNote_->text();
}

std::optional<QRectF> ObjectInspector::shownDetectorBox() const
{
    return full_->detectorBox();
}

QString ObjectInspector::shortRunLabel(const ResultSet& set)
{
    // Two short lines fit a narrow column; the header's tooltip has the rest.
    static const std::pair<const char*, const char*> kHeads[] = {
        {"cosine", "CLIP"}, {"linear", "lin"}, {"linear-visual", "lin-v"}, {"linear-text", "lin-t"},
        {"mlp", "mlp"}, {"attention", "attn"}};
    // A detector's column is headed by the name its user gave it.
    if (set.isDetector())
        return set.runId > 0 ? QStringLiteral("#%1\n%2").arg(set.runId).arg(set.label) : set.label;
    QString head = set.headKind;
    for (const auto& [name, abbr] : kHeads)
        if (set.headKind == QLatin1String(name))
            head = QString::fromLatin1(abbr);
    QString stage;
    if (set.stage == QLatin1String("warmup"))
        stage = QStringLiteral("w");
    else if (set.stage == QLatin1String("finetune"))
        stage = QStringLiteral("f");
    if (set.runId > 0)
        return QStringLiteral("#%1\n%2%3").arg(set.runId).arg(head, stage.isEmpty() ? QString() : QStringLiteral("/") + stage);
    return head.isEmpty() ? set.label : head;
}

void ObjectInspector::setHighlightedSet(const QString& key)
{
    highlighted_ = key;
    applyHighlight();
    showDetector();
}

void ObjectInspector::applyHighlight()
{
    for (int c = 1; c < table_->columnCount(); ++c) {
        const bool on = setKeys_.value(c - 1) == highlighted_;
        if (QTableWidgetItem* h = table_->horizontalHeaderItem(c)) {
            QFont f = h->font();
            f.setBold(on);
            f.setUnderline(on);
            h->setFont(f);
        }
        for (int r = 0; r < table_->rowCount(); ++r)
            if (QTableWidgetItem* i = table_->item(r, c))
                i->setData(RankScoreDelegate::HighlightRole, on);
    }
}

bool ObjectInspector::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == table_->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void ObjectInspector::fitColumns()
{
    const int runs = table_->columnCount() - 1;
    // Row heights can toggle the vertical scroll bar, which resizes the
    // viewport again.
    if (runs < 0 || fitting_)
        return;
    const QScopedValueRollback<bool> guard(fitting_, true);
    // The captions keep at least this much; the runs share the rest.
    const int captionMin = 150;
    const int width = table_->viewport()->width();
    const int perRun = runs > 0 ? std::clamp((width - captionMin) / runs, int(RankScoreDelegate::kMinWidth),
                                             int(RankScoreDelegate::kMaxWidth))
                                : 0;
    for (int c = 1; c <= runs; ++c)
        table_->setColumnWidth(c, perRun);
    table_->setColumnWidth(0, std::max(captionMin, width - perRun * runs));
    table_->resizeRowsToContents();
}

int ObjectInspector::columnOfScore(const QString& setKey) const
{
    const int i = static_cast<int>(setKeys_.indexOf(setKey));
    return i < 0 ? -1 : 1 + i;
}

std::vector<double> ObjectInspector::shownScores(const QString& setKey) const
{
    std::vector<double> out;
    const int col = columnOfScore(setKey);
    if (col < 0)
        return out;
    for (int r = 0; r < table_->rowCount(); ++r) {
        const QVariant v = table_->item(r, col)->data(RawValueRole);
        out.push_back(v.isValid() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
}

int ObjectInspector::shownRank(const QString& setKey) const
{
    const int col = columnOfScore(setKey);
    if (col < 0 || table_->rowCount() == 0)
        return 0;
    return table_->item(0, col)->data(RankScoreDelegate::CaptionRankRole).toInt();
}

} // namespace fglens::ui

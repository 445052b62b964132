// The only translation units of the GUI that touch tensors are this one and
// the training queue's: LibTorch headers stay out of every ui header.
#include "model/project_loader.h"

#include "common/qt_text.h"
#include "model/attribute_types.h"

#include "clip/project_encode.h"
#include "common/error.h"
#include "common/runtime.h"
#include "data/fgovd.h"
#include "data/image_source.h"
#include "data/project.h"
#include "demo/demo_project.h"
#include "eval/fgovd_eval.h"
#include "store/experiment_log.h"
#include "train/experiment.h"

#include <c10/core/InferenceMode.h>

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <set>

namespace fglens::ui {

namespace {

SimilarityHead headFor(const QString& headKind, const QString& weightsPath)
{
    if (!weightsPath.isEmpty())
        return loadHead(ss(weightsPath), parseHeadKind(ss(headKind)));
    const auto kind = parseHeadKind(ss(headKind));
    if (!kind)
        fail(ss(headKind), "unknown head kind");
    if (isTrainable(*kind))
        fail(headKindName(*kind), "a trainable head needs weights");
    return makeHead(*kind);
}

// "" when the stage's set is loaded; otherwise what the user must do, which
// differs between a set the project names but has not encoded and one it
// does not name at all.
QString stageMissing(bool named, bool loaded, const QString& what, const QString& file)
{
    if (loaded)
        return {};
    if (named)
        return QCoreApplication::translate("ProjectLoader", "%1, and they have no features yet: encode them first.")
            .arg(what);
    return QCoreApplication::translate("ProjectLoader", "%1, and this project names none: make a project with %2.")
        .arg(what, file);
}

} // namespace

QString ensureDemoProject(const QString& dir, const demo::DemoOptions& options, const JobContext& ctx)
{
    const std::string d = ss(QDir(dir).absolutePath());
    if (!demo::demoProjectReady(d)) {
        QDir().mkpath(dir);
        return qs(demo::buildDemoProject(d, options, &ctx));
    }
    return QDir(dir).absoluteFilePath(QStringLiteral("project.json"));
}

LoadedProject loadProject(const QString& path, const JobContext& ctx)
{
    LoadedProject out;
    const Project project = Project::load(ss(path));
    ctx.checkCancelled();
    // Opens with whatever exists: benchmarks without features are browsed, not scored.
    auto data = std::make_shared<ProjectData>(loadProjectData(project, &ctx, true));
    ctx.checkCancelled();

    ProjectSummary& s = out.summary;
    s.name = qs(project.name);
    s.manifest = qs(project.manifestPath);
    s.encoder = qs(project.encoder);
    s.imageRoot = qs(project.imageRoot);
    s.logPath = qs(project.logPath);
    s.hasCocoTrain = data->cocoTrain.has_value();
    s.hasFgovdTrain = data->fgovdTrain.has_value();
    if (!s.hasCocoTrain)
        s.unavailable << QCoreApplication::translate("ProjectLoader", "COCO training set (warm-up)");
    if (!s.hasFgovdTrain)
        s.unavailable << QCoreApplication::translate("ProjectLoader", "FG-OVD training set (fine-tune)");
    if (!data->cocoTest)
        s.unavailable << QCoreApplication::translate("ProjectLoader", "COCO test set (retrieval)");
    for (const ProjectData::Bench& b : data->unencoded)
        s.unavailable << QCoreApplication::translate("ProjectLoader", "features of %1").arg(qs(b.key));
    // "FILE: problem" for what could not be loaded, shown with what is missing.
    for (const std::string& p : data->problems)
        s.unavailable << qs(p);
    s.benchmarksEncoded = static_cast<qint64>(data->benchmarks.size());
    s.benchmarksUnencoded = static_cast<qint64>(data->unencoded.size());
    s.encodable = !clip::pendingEncodes(project).empty();
    s.warmupEncodable = project.cocoTrain.has_value() && !s.hasCocoTrain;
    s.finetuneEncodable = project.fgovdTrain.has_value() && !s.hasFgovdTrain;
    s.warmupMissing = stageMissing(project.cocoTrain.has_value(), s.hasCocoTrain,
                                   QCoreApplication::translate("ProjectLoader", "The warm-up trains on COCO captions"),
                                   QCoreApplication::translate("ProjectLoader", "a Karpathy dataset_coco.json"));
    s.finetuneMissing = stageMissing(project.fgovdTrain.has_value(), s.hasFgovdTrain,
                                     QCoreApplication::translate("ProjectLoader", "The fine-tune trains on FG-OVD's training set"),
                                     QCoreApplication::translate("ProjectLoader", "FG-OVD's training_sets file"));

    try {
        out.images = std::make_shared<ImageSource>(project.imageRoot);
    } catch (const Error&) {
        out.images.reset();   // reported as "every image missing", not as a failure
    }

    std::vector<KeyedBenchmark> keyed;
    std::set<std::string> seenImages;
    // One list in the protocol's benchmark order, encoded or not.
    std::vector<const ProjectData::Bench*> all;
    for (const ProjectData::Bench& b : data->benchmarks)
        all.push_back(&b);
    for (const ProjectData::Bench& b : data->unencoded)
        all.push_back(&b);
    const auto& order = benchmarkKeys();
    auto rank = [&order](const std::string& key) { return std::find(order.begin(), order.end(), key) - order.begin(); };
    std::stable_sort(all.begin(), all.end(), [&](const auto* a, const auto* b) { return rank(a->key) < rank(b->key); });
    for (const ProjectData::Bench* bp : all) {
        const ProjectData::Bench& b = *bp;
        BenchView v;
        v.key = b.key;
        v.benchmark = b.benchmark;
        v.captionPresent = b.captionPresent;
        v.negatives = protocolNegatives(b.key);
        for (size_t i = 0; i < b.benchmark->objects.size(); ++i)
            v.objectIndexById.emplace(b.benchmark->objects[i].id, static_cast<int32_t>(i));
        s.objects += static_cast<qint64>(b.benchmark->objects.size());
        for (bool present : b.captionPresent)
            s.captionsWithoutEmbedding += present ? 0 : 1;
        // Benchmarks share images: count each file once.
        for (const FgImage& img : b.benchmark->images) {
            if (!seenImages.insert(img.fileName).second)
                continue;
            ++s.images;
            if (out.images && out.images->exists(img.fileName)) {
                ++s.imagesPresent;
            } else {
                ++s.imagesMissing;
                if (s.firstMissingImages.size() < 10)
                    s.firstMissingImages << qs(img.fileName);
            }
        }
        ctx.report("scan images", static_cast<int64_t>(out.benchmarks.size() + 1), static_cast<int64_t>(all.size()));
        out.benchmarks.push_back(std::move(v));
    }
    for (const BenchView& v : out.benchmarks)
        keyed.push_back({v.key, v.benchmark.get()});
    auto masks = classifyAttributes(keyed);
    for (size_t i = 0; i < out.benchmarks.size(); ++i)
        out.benchmarks[i].attributes = std::move(masks[i]);

    out.baseline = evaluateLive(*data, QStringLiteral("cosine"), {}, QStringLiteral("live:cosine"),
                                QCoreApplication::translate("ProjectLoader", "CLIP cosine (live)"), ctx);
    out.data = std::move(data);
    return out;
}

std::shared_ptr<ResultSet> evaluateLive(const ProjectData& data, const QString& headKind,
                                        const QString& weightsPath, const QString& key, const QString& label,
                                        const JobContext& ctx)
{
    // Inference state is per thread: set it up here, inside the worker.
    c10::InferenceMode guard;
    SimilarityHead head = headFor(headKind, weightsPath);
    head->eval();
    auto set = std::make_shared<ResultSet>();
    set->key = key;
    set->label = label;
    set->headKind = headKind;
    set->stage = QStringLiteral("eval");
    int64_t done = 0;
    for (const ProjectData::Bench& b : data.benchmarks) {
        ctx.checkCancelled();
        FgEvalOptions opt;
        opt.negatives = protocolNegatives(b.key);
        const FgEvalResult r = evaluateFgovd(*head, *b.benchmark, b.objects, b.captions, opt, &ctx);
        ResultSet::Bench& rb = set->benches[b.key];
        rb.negatives = r.negatives;
        rb.ranks = r.ranks;
        rb.scores = r.scores;
        rb.objectIds.reserve(r.objectIndices.size());
        for (int32_t oi : r.objectIndices)
            rb.objectIds.push_back(b.benchmark->objects[static_cast<size_t>(oi)].id);
        for (const auto& [n, summary] : r.perNegatives)
            rb.meanRankAtN[n] = summary.meanRank;
        set->metrics["mean_rank/" + b.key] = r.summary.meanRank;
        set->metrics["median_rank/" + b.key] = r.summary.medianRank;
        ctx.report("evaluate " + ss(headKind), ++done, static_cast<int64_t>(data.benchmarks.size()));
    }
    return set;
}

int64_t evaluateIntoLog(const ProjectData& data, const QString& logPath, const QString& headKind,
                        const QString& weightsPath, std::optional<int64_t> parentRunId, const JobContext& ctx)
{
    SimilarityHead head = headFor(headKind, weightsPath);
    head->eval();
    ExperimentLog log(ss(logPath));   // this thread's own connection
    RunRecord run;
    run.name = ss(headKind) + (weightsPath.isEmpty() ? std::string() : " eval");
    run.headKind = headKindName(head->kind());
    run.stage = "eval";
    run.parentId = parentRunId;
    QJsonObject config;
    if (!weightsPath.isEmpty())
        config.insert(QStringLiteral("weights"), weightsPath);
    run.configJson = QJsonDocument(config).toJson(QJsonDocument::Compact).toStdString();
    run.dataIdentity = data.identityJson;
    run.weightsPath = ss(weightsPath);
    return evaluateLogged(*head, data, log, run, &ctx).first;
}

} // namespace fglens::ui

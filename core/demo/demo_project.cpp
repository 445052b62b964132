#include "demo/demo_project.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/feature_cache.h"
#include "data/image_source.h"
#include "data/project.h"
#include "demo/captions.h"
#include "demo/demo_encoder.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

namespace fglens::demo {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kProjectName = "FG-Lens demo";
constexpr const char* kPreprocessing = "demo:crop=floor-ceil;jpeg-q92;pixel-statistics";

struct RenderedScene {
    std::string file;                      // relative to the image root
    int64_t imageId = 0;
    int width = 0, height = 0;
    std::vector<PlacedObject> objects;
    std::vector<std::vector<float>> objectEmbeddings;
    std::vector<float> sceneEmbedding;
    std::vector<std::string> captions;     // coarse captions (caption-set groups)
};

struct Group {
    std::string name;
    int objects = 0;      // FG-OVD groups: at least this many objects
    int scenes = 0;       // caption-set groups: this many scenes
    bool captionSet = false;
};

void writeText(const fs::path& path, const std::string& text)
{
    writeFileAtomic(path.string(), text);
}

// Scene specs of a group: a pure function of the seed and the group's index.
std::vector<std::pair<std::vector<ObjectSpec>, uint64_t>> planScenes(const Group& g, uint64_t seed, int groupIndex)
{
    std::vector<std::pair<std::vector<ObjectSpec>, uint64_t>> plan;
    int objects = 0;
    for (int i = 0; g.captionSet ? i < g.scenes : objects < g.objects; ++i) {
        Rng r(mixSeed(seed, static_cast<uint64_t>(groupIndex) * 1000003ULL + static_cast<uint64_t>(i)));
        std::vector<ObjectSpec> specs(static_cast<size_t>(1 + r.below(3)));
        for (auto& s : specs)
            s = randomSpec(r);
        if (!g.captionSet && objects + static_cast<int>(specs.size()) > g.objects)
            specs.resize(static_cast<size_t>(g.objects - objects));
        objects += static_cast<int>(specs.size());
        plan.emplace_back(std::move(specs), r.next());
    }
    return plan;
}

std::vector<RenderedScene> renderGroup(const Group& g, int groupIndex, const DemoOptions& o, const DemoEncoder& enc,
                                       const fs::path& imageRoot, int64_t& nextImageId, const JobContext* ctx,
                                       std::atomic<int64_t>& done, int64_t total)
{
    const auto plan = planScenes(g, o.seed, groupIndex);
    std::vector<RenderedScene> out(plan.size());
    for (size_t i = 0; i < plan.size(); ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "demo/%s_%06zu.jpg", g.name.c_str(), i);
        out[i].file = name;
        out[i].imageId = nextImageId++;
    }
    std::atomic<bool> cancelled{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto work = [&](size_t first, size_t step) {
        try {
            for (size_t i = first; i < plan.size() && !cancelled; i += step) {
                Scene scene = renderScene(plan[i].first, plan[i].second);
                std::vector<uchar> jpeg;
                cv::Mat bgr;
                cv::cvtColor(scene.rgb, bgr, cv::COLOR_RGB2BGR);
                cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, 92});
                writeFileAtomic((imageRoot / out[i].file).string(),
                                std::string(reinterpret_cast<const char*>(jpeg.data()), jpeg.size()));
                // Embeddings come from the pixels as stored, as an encoder reading the file sees them.
                cv::Mat rgb;
                cv::cvtColor(cv::imdecode(jpeg, cv::IMREAD_COLOR), rgb, cv::COLOR_BGR2RGB);
                auto& s = out[i];
                s.width = rgb.cols;
                s.height = rgb.rows;
                s.objects = scene.objects;
                if (g.captionSet) {
                    s.sceneEmbedding = enc.encodeScene(rgb);
                    Rng r(mixSeed(plan[i].second, 5));
                    s.captions = sceneCaptions(scene, r);
                } else {
                    for (const auto& obj : scene.objects)
                        s.objectEmbeddings.push_back(
                            enc.encodeObject(cropRgb(rgb, referenceCropBox(obj.bbox, rgb.cols, rgb.rows))));
                }
                const int64_t d = ++done;
                if (ctx && first == 0) {
                    if (ctx->cancel.cancelled())
                        cancelled = true;
                    ctx->report("render and encode", d, total);
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(errorMutex);
            error = std::current_exception();
            cancelled = true;
        }
    };
    std::vector<std::thread> pool;
    const size_t threads = static_cast<size_t>(std::max(1, o.threads));
    for (size_t t = 1; t < threads; ++t)
        pool.emplace_back(work, t, threads);
    work(0, threads);
    for (auto& t : pool)
        t.join();
    if (error)
        std::rethrow_exception(error);
    if (ctx)
        ctx->checkCancelled();
    return out;
}

struct CaptionTable {
    std::map<std::string, int64_t> idOf;
    std::vector<std::string> texts;
    int64_t id(const std::string& t)
    {
        auto it = idOf.find(t);
        if (it != idOf.end())
            return it->second;
        texts.push_back(t);
        return idOf[t] = static_cast<int64_t>(texts.size());
    }
};

at::Tensor stackRows(const std::vector<const std::vector<float>*>& rows)
{
    auto t = torch::empty({static_cast<int64_t>(rows.size()), kEmbedDim}, torch::kFloat32);
    for (size_t i = 0; i < rows.size(); ++i)
        std::memcpy(t[static_cast<int64_t>(i)].data_ptr<float>(), rows[i]->data(), sizeof(float) * kEmbedDim);
    return t;
}

// One FG-OVD file and its feature cache from rendered objects under a rule.
void writeBenchmark(const std::vector<RenderedScene>& scenes, const BenchmarkRule& rule, uint64_t seed,
                    const fs::path& jsonPath, const fs::path& cachePath, const DemoEncoder& enc)
{
    json images = json::array(), annotations = json::array();
    CaptionTable captions;
    std::vector<int64_t> objectIds;
    std::vector<const std::vector<float>*> objectRows;
    for (const auto& s : scenes) {
        images.push_back({{"id", s.imageId}, {"file_name", s.file}, {"width", s.width}, {"height", s.height}});
        for (size_t k = 0; k < s.objects.size(); ++k) {
            const auto& obj = s.objects[k];
            const int64_t id = s.imageId * 10 + static_cast<int64_t>(k) + 1;
            Rng r(mixSeed(seed ^ hashText(rule.key), static_cast<uint64_t>(id)));
            json neg = json::array();
            for (const auto& n : negativeSpecs(obj.spec, rule, r))
                neg.push_back(captions.id(fineCaption(n)));
            annotations.push_back({{"id", id},
                                   {"image_id", s.imageId},
                                   {"bbox", obj.bbox},
                                   {"area", obj.bbox[2] * obj.bbox[3]},
                                   {"category_id", captions.id(fineCaption(obj.spec))},
                                   {"neg_category_ids", std::move(neg)}});
            objectIds.push_back(id);
            objectRows.push_back(&s.objectEmbeddings[k]);
        }
    }
    json categories = json::array();
    std::vector<int64_t> captionIds;
    std::vector<std::vector<float>> captionVecs;
    for (size_t i = 0; i < captions.texts.size(); ++i) {
        categories.push_back({{"id", static_cast<int64_t>(i + 1)}, {"name", captions.texts[i]}});
        captionIds.push_back(static_cast<int64_t>(i + 1));
        captionVecs.push_back(enc.encodeText(captions.texts[i]));
    }
    json doc = {{"info", {{"description", "FG-Lens demo benchmark '" + rule.key + "' (synthetic, not FG-OVD data)"}}},
                {"images", std::move(images)},
                {"annotations", std::move(annotations)},
                {"categories", std::move(categories)}};
    writeText(jsonPath, doc.dump());

    std::vector<const std::vector<float>*> captionRows;
    for (const auto& v : captionVecs)
        captionRows.push_back(&v);
    BenchmarkCache c;
    c.identity = {DemoEncoder::name(), "", kPreprocessing, sha256File(jsonPath.string()), jsonPath.filename().string()};
    c.objectIds = torch::tensor(objectIds, torch::kInt64);
    c.objectFeatures = stackRows(objectRows);
    c.captionIds = torch::tensor(captionIds, torch::kInt64);
    c.captionFeatures = stackRows(captionRows);
    saveBenchmarkCache(cachePath.string(), c);
}

void writeCaptionSet(const std::vector<RenderedScene>& scenes, const fs::path& jsonPath, const fs::path& cachePath,
                     const DemoEncoder& enc)
{
    json images = json::array(), annotations = json::array();
    std::vector<const std::vector<float>*> imageRows;
    std::vector<std::vector<float>> captionVecs;
    std::vector<int64_t> captionImage;
    int64_t annId = 1;
    for (size_t i = 0; i < scenes.size(); ++i) {
        const auto& s = scenes[i];
        images.push_back({{"id", s.imageId}, {"file_name", s.file}, {"width", s.width}, {"height", s.height}});
        imageRows.push_back(&s.sceneEmbedding);
        for (const auto& c : s.captions) {
            annotations.push_back({{"id", annId++}, {"image_id", s.imageId}, {"caption", c}});
            captionVecs.push_back(enc.encodeText(c));
            captionImage.push_back(static_cast<int64_t>(i));
        }
    }
    json doc = {{"info", {{"description", "FG-Lens demo caption set (synthetic, COCO captions format)"}}},
                {"images", std::move(images)},
                {"annotations", std::move(annotations)}};
    writeText(jsonPath, doc.dump());
    std::vector<const std::vector<float>*> captionRows;
    for (const auto& v : captionVecs)
        captionRows.push_back(&v);
    CaptionSetCache c;
    c.identity = {DemoEncoder::name(), "", kPreprocessing, sha256File(jsonPath.string()), jsonPath.filename().string()};
    c.imageFeatures = stackRows(imageRows);
    c.captionFeatures = stackRows(captionRows);
    c.captionImage = torch::tensor(captionImage, torch::kInt64);
    saveCaptionSetCache(cachePath.string(), c);
}

} // namespace

std::string buildDemoProject(const std::string& dirIn, const DemoOptions& o, const JobContext* ctx)
{
    const fs::path dir = fs::absolute(dirIn);
    std::error_code ec;
    for (const char* sub : {"images/demo", "benchmarks", "training_sets", "coco", "features"})
        if (!fs::create_directories(dir / sub, ec) && ec)
            fail((dir / sub).string(), "cannot create directory: " + ec.message());
    const fs::path manifest = dir / "project.json";
    fs::remove(manifest, ec);   // a half-rebuilt project must not look complete

    if (ctx)
        ctx->report("fit demo encoder", 0, 0);
    const DemoEncoder enc(o.threads);
    const std::vector<Group> groups = {{"bench", o.benchmarkObjects, 0, false},
                                       {"train", o.trainObjects, 0, false},
                                       {"val", o.valObjects, 0, false},
                                       {"coco_train", 0, o.cocoTrainImages, true},
                                       {"coco_val", 0, o.cocoValImages, true},
                                       {"coco_test", 0, o.cocoTestImages, true}};
    int64_t total = 0;
    for (size_t g = 0; g < groups.size(); ++g)
        total += static_cast<int64_t>(planScenes(groups[g], o.seed, static_cast<int>(g)).size());
    std::atomic<int64_t> done{0};
    int64_t nextImageId = 1;
    std::vector<std::vector<RenderedScene>> rendered;
    for (size_t g = 0; g < groups.size(); ++g)
        rendered.push_back(
            renderGroup(groups[g], static_cast<int>(g), o, enc, dir / "images", nextImageId, ctx, done, total));

    Project p;
    p.name = kProjectName;
    p.encoder = DemoEncoder::name();
    p.imageRoot = (dir / "images").string();
    p.logPath = (dir / "experiments.sqlite").string();
    size_t step = 0;
    const size_t steps = benchmarkRules().size() + 5;
    for (const auto& rule : benchmarkRules()) {
        if (ctx) {
            ctx->checkCancelled();
            ctx->report("write benchmarks", static_cast<int64_t>(++step), static_cast<int64_t>(steps));
        }
        const fs::path json = dir / "benchmarks" / (rule.fileStem + ".json");
        const fs::path cache = dir / "features" / (rule.fileStem + ".safetensors");
        writeBenchmark(rendered[0], rule, o.seed, json, cache, enc);
        p.benchmarks.push_back({rule.key, json.string(), cache.string(), {}});
    }
    const BenchmarkRule& hard = benchmarkRules()[3];
    auto fgovdSet = [&](const std::vector<RenderedScene>& scenes, const std::string& stem) {
        const fs::path json = dir / "training_sets" / (stem + ".json");
        const fs::path cache = dir / "features" / (stem + ".safetensors");
        writeBenchmark(scenes, hard, o.seed ^ hashText(stem), json, cache, enc);
        return ProjectEntry{stem, json.string(), cache.string(), {}};
    };
    p.fgovdTrain = fgovdSet(rendered[1], "1_attributes_train");
    p.fgovdVal = fgovdSet(rendered[2], "1_attributes_val");
    auto captionSet = [&](const std::vector<RenderedScene>& scenes, const std::string& stem) {
        if (ctx)
            ctx->report("write caption sets", static_cast<int64_t>(++step), static_cast<int64_t>(steps));
        const fs::path json = dir / "coco" / ("captions_" + stem + ".json");
        const fs::path cache = dir / "features" / ("captions_" + stem + ".safetensors");
        writeCaptionSet(scenes, json, cache, enc);
        return ProjectEntry{stem, json.string(), cache.string(), {}};
    };
    p.cocoTrain = captionSet(rendered[3], "train");
    p.cocoVal = captionSet(rendered[4], "val");
    p.cocoTest = captionSet(rendered[5], "test");
    p.save(manifest.string());
    return manifest.string();
}

bool demoProjectReady(const std::string& dir)
{
    try {
        const Project p = Project::load(dir);
        if (p.encoder != DemoEncoder::name() || p.benchmarks.size() != benchmarkRules().size())
            return false;
        std::vector<std::string> files;
        for (const auto& b : p.benchmarks)
            files.insert(files.end(), {b.file, b.features});
        for (const auto* e : {&p.fgovdTrain, &p.fgovdVal, &p.cocoTrain, &p.cocoVal, &p.cocoTest}) {
            if (!*e)
                return false;
            files.insert(files.end(), {(*e)->file, (*e)->features});
        }
        for (const auto& f : files)
            if (!fs::exists(f))
                return false;
        return true;
    } catch (const Error&) {
        return false;
    }
}

} // namespace fglens::demo

#include "clip/encode_job.h"

#include "clip/image_pipeline.h"
#include "data/cache_shards.h"
#include "common/error.h"
#include "data/coco_captions.h"
#include "data/feature_cache.h"
#include "data/fgovd.h"
#include "data/image_source.h"
#include "data/safetensors.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

namespace fglens::clip {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string formatDuration(double s)
{
    const long t = static_cast<long>(s + 0.5);
    char buf[32];
    if (t >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t / 60) % 60);
    else
        std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
    return buf;
}

// "12.3 images/s, ETA 4m05s" from what this run has done so far.
class RateMeter {
public:
    explicit RateMeter(std::string unit) : unit_(std::move(unit)), start_(Clock::now()) {}
    std::string message(int64_t doneThisRun, int64_t left) const
    {
        const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
        if (doneThisRun <= 0 || secs <= 0)
            return {};
        const double rate = doneThisRun / secs;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f %s/s", rate, unit_.c_str());
        return std::string(buf) + ", ETA " + formatDuration(left / rate);
    }

private:
    std::string unit_;
    Clock::time_point start_;
};

// Item indices in an order that puts boxes of one file next to each other
// (one decode), cut into fixed batches.
std::vector<std::vector<int64_t>> imageBatches(const std::vector<ImageItem>& items, int64_t batch)
{
    std::vector<int64_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return items[a].path < items[b].path; });
    std::vector<std::vector<int64_t>> out;
    for (size_t i = 0; i < order.size(); i += static_cast<size_t>(batch))
        out.emplace_back(order.begin() + i, order.begin() + std::min(order.size(), i + static_cast<size_t>(batch)));
    return out;
}

std::vector<std::vector<int64_t>> textBatches(const std::vector<int>& lengths, int64_t batch)
{
    // Similar lengths together so each batch is cut short.
    std::vector<int64_t> order(lengths.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return lengths[a] < lengths[b]; });
    std::vector<std::vector<int64_t>> out;
    for (size_t i = 0; i < order.size(); i += static_cast<size_t>(batch))
        out.emplace_back(order.begin() + i, order.begin() + std::min(order.size(), i + static_cast<size_t>(batch)));
    return out;
}

at::Tensor encodeTrimmed(const ClipModel& model, const at::Tensor& tokens)
{
    const int64_t len = tokens.argmax(-1).max().item<int64_t>() + 1;
    return model.encodeText(tokens.narrow(1, 0, std::max<int64_t>(len, 1)));
}

// Resumable progress of a cache job.
struct State {
    at::Tensor imageFeatures, imageDone, imageFailed;   // half [n, D], uint8 [n], uint8 [n]
    at::Tensor textFeatures, textDone;                  // half [m, D], uint8 [m]
    std::map<int64_t, std::string> failures;            // image row -> reason
};

struct CacheJob {
    std::string kind;   // "benchmark" | "captions"
    CacheIdentity identity;
    std::string outPath;
    std::vector<ImageItem> images;
    std::vector<std::string> texts;   // distinct
    int shardIndex = 0, shardCount = 1;
    bool sharded() const { return shardCount > 1; }
    std::string shardName() const { return shardSpec(shardIndex, shardCount); }
    bool ownsBatch(size_t b) const { return static_cast<int>(b % static_cast<size_t>(shardCount)) == shardIndex; }
};

void writePartial(const CacheJob& job, const State& s)
{
    SafeTensors st;
    st.metadata = job.identity.toMetadata();
    st.metadata["fglens_partial"] = job.kind;
    if (job.sharded())
        st.metadata["fglens_shard"] = job.shardName();
    std::string failures;
    for (const auto& [row, why] : s.failures)
        failures += std::to_string(row) + "\t" + why + "\n";
    st.metadata["failures"] = failures;
    st.tensors["image_features"] = s.imageFeatures;
    st.tensors["image_done"] = s.imageDone;
    st.tensors["image_failed"] = s.imageFailed;
    st.tensors["text_features"] = s.textFeatures;
    st.tensors["text_done"] = s.textDone;
    writeSafeTensors(partialPath(job.outPath), st);
}

// The partial progress to resume from, when there is one of this identity.
bool readPartial(const CacheJob& job, int64_t dim, bool restart, State& s)
{
    const std::string path = partialPath(job.outPath);
    std::error_code ec;
    if (!fs::exists(path, ec))
        return false;
    std::string why;
    SafeTensors st;
    try {
        st = readSafeTensors(path);
        auto kind = st.metadata.find("fglens_partial");
        if (kind == st.metadata.end() || kind->second != job.kind)
            why = "not the partial progress of a " + job.kind + " encoding";
        else
            why = CacheIdentity::fromMetadata(st.metadata).mismatch(job.identity);
        auto shard = st.metadata.find("fglens_shard");
        const std::string have = shard == st.metadata.end() ? "whole" : shard->second;
        const std::string want = job.sharded() ? job.shardName() : "whole";
        if (why.empty() && have != want)
            why = "it is the progress of shard " + have + ", not of " + want;
    } catch (const Error& e) {
        why = e.problem();
    }
    const int64_t n = static_cast<int64_t>(job.images.size()), m = static_cast<int64_t>(job.texts.size());
    auto shaped = [&](const char* name, std::vector<int64_t> shape) {
        auto it = st.tensors.find(name);
        return it != st.tensors.end() && it->second.sizes().vec() == shape;
    };
    if (why.empty() && !(shaped("image_features", {n, dim}) && shaped("image_done", {n}) &&
                         shaped("image_failed", {n}) && shaped("text_features", {m, dim}) && shaped("text_done", {m})))
        why = "its tensors do not fit this dataset and model";
    if (!why.empty()) {
        if (restart)
            return false;
        fail(path, "cannot resume: " + why + "; delete it or pass --restart to start over");
    }
    s.imageFeatures = st.tensors.at("image_features").to(torch::kHalf);
    s.imageDone = st.tensors.at("image_done").to(torch::kUInt8);
    s.imageFailed = st.tensors.at("image_failed").to(torch::kUInt8);
    s.textFeatures = st.tensors.at("text_features").to(torch::kHalf);
    s.textDone = st.tensors.at("text_done").to(torch::kUInt8);
    std::istringstream lines(st.metadata["failures"]);
    for (std::string line; std::getline(lines, line);) {
        const size_t tab = line.find('\t');
        if (tab != std::string::npos)
            s.failures[std::stoll(line.substr(0, tab))] = line.substr(tab + 1);
    }
    return true;
}

// Writes the partial when enough time has passed; a slow write (large
// dataset) makes the interval grow so checkpoints stay a small share.
class Checkpointer {
public:
    Checkpointer(const CacheJob& job, const State& s, double minSeconds) : job_(job), s_(s), min_(minSeconds) {}
    void maybe()
    {
        const double since = std::chrono::duration<double>(Clock::now() - last_).count();
        if (since >= std::max(min_, 10.0 * lastWrite_))
            now();
    }
    void now()
    {
        const auto t0 = Clock::now();
        writePartial(job_, s_);
        last_ = Clock::now();
        lastWrite_ = std::chrono::duration<double>(last_ - t0).count();
    }

private:
    const CacheJob& job_;
    const State& s_;
    double min_;
    Clock::time_point last_ = Clock::now();
    double lastWrite_ = 0;
};

bool allDone(const at::Tensor& done, const std::vector<int64_t>& rows)
{
    const auto* d = done.data_ptr<uint8_t>();
    return std::all_of(rows.begin(), rows.end(), [&](int64_t r) { return d[r] != 0; });
}

State runCacheJob(const ClipModel& model, const Tokenizer& tokenizer, const CacheJob& job, const EncodeOptions& opt,
                  const JobContext* ctx, EncodeSummary& sum)
{
    const int64_t dim = model.config().embedDim;
    const int64_t n = static_cast<int64_t>(job.images.size()), m = static_cast<int64_t>(job.texts.size());
    State s;
    if (!readPartial(job, dim, opt.restart, s)) {
        s.imageFeatures = torch::zeros({n, dim}, torch::kHalf);
        s.imageDone = torch::zeros({n}, torch::kUInt8);
        s.imageFailed = torch::zeros({n}, torch::kUInt8);
        s.textFeatures = torch::zeros({m, dim}, torch::kHalf);
        s.textDone = torch::zeros({m}, torch::kUInt8);
    }
    Checkpointer checkpoint(job, s, opt.checkpointSeconds);
    sum.imagesResumed = s.imageDone.sum().item<int64_t>();
    sum.captionsResumed = s.textDone.sum().item<int64_t>();

    try {
        // Captions first: no files to read, and a cut-short batch is cheap.
        std::vector<std::vector<int64_t>> ids(static_cast<size_t>(m));
        std::vector<int> lengths(static_cast<size_t>(m));
        for (int64_t i = 0; i < m; ++i) {
            if (ctx && i % 1024 == 0)
                ctx->checkCancelled();
            ids[i] = tokenizer.encode(job.texts[i]);
            lengths[i] = static_cast<int>(std::min<size_t>(ids[i].size() + 2, model.config().contextLength));
        }
        RateMeter textRate("captions");
        int64_t textDone = sum.captionsResumed;
        const auto tbatches = textBatches(lengths, opt.textBatch);
        int64_t textTotal = 0;
        for (size_t b = 0; b < tbatches.size(); ++b)
            textTotal += job.ownsBatch(b) ? static_cast<int64_t>(tbatches[b].size()) : 0;
        for (size_t b = 0; b < tbatches.size(); ++b) {
            const auto& rows = tbatches[b];
            if (!job.ownsBatch(b) || allDone(s.textDone, rows))
                continue;
            if (ctx)
                ctx->checkCancelled();
            const int64_t ctxLen = model.config().contextLength;
            auto tokens = torch::zeros({static_cast<int64_t>(rows.size()), ctxLen}, torch::kInt64);
            for (size_t r = 0; r < rows.size(); ++r) {
                std::vector<int64_t> t{kStartOfText};
                t.insert(t.end(), ids[rows[r]].begin(), ids[rows[r]].end());
                t.push_back(kEndOfText);
                if (t.size() > static_cast<size_t>(ctxLen)) {
                    t.resize(static_cast<size_t>(ctxLen));
                    t.back() = kEndOfText;
                }
                std::copy(t.begin(), t.end(), tokens.data_ptr<int64_t>() + r * ctxLen);
            }
            const auto f = encodeTrimmed(model, tokens).to(torch::kHalf);
            const auto index = torch::tensor(rows, torch::kInt64);
            s.textFeatures.index_copy_(0, index, f);
            s.textDone.index_fill_(0, index, 1);
            textDone += static_cast<int64_t>(rows.size());
            sum.captionsEncoded += static_cast<int64_t>(rows.size());
            if (ctx)
                ctx->report("encode captions", textDone, textTotal,
                            textRate.message(sum.captionsEncoded, textTotal - textDone));
            checkpoint.maybe();
        }

        std::vector<std::vector<int64_t>> pending;
        int64_t imageTotal = 0;
        for (auto& rows : imageBatches(job.images, opt.imageBatch)) {
            const bool mine = job.ownsBatch(pending.size());
            imageTotal += mine ? static_cast<int64_t>(rows.size()) : 0;
            pending.push_back(!mine || allDone(s.imageDone, rows) ? std::vector<int64_t>{} : std::move(rows));
        }
        ImagePipeline pipeline(job.images, pending, static_cast<int>(model.config().imageResolution),
                               opt.workers > 0 ? opt.workers : ImagePipeline::defaultWorkers());
        RateMeter imageRate("images");
        int64_t imageDone = sum.imagesResumed;
        while (auto b = pipeline.next()) {
            if (pending[b->index].empty())
                continue;
            if (ctx)
                ctx->checkCancelled();
            if (!b->items.empty()) {
                const auto f = model.encodeImage(b->pixels).to(torch::kHalf);
                s.imageFeatures.index_copy_(0, torch::tensor(b->items, torch::kInt64), f);
            }
            for (const auto& [row, why] : b->failures) {
                s.imageFailed[row] = 1;
                s.failures[row] = why;
            }
            s.imageDone.index_fill_(0, torch::tensor(pending[b->index], torch::kInt64), 1);
            imageDone += static_cast<int64_t>(pending[b->index].size());
            sum.imagesEncoded += static_cast<int64_t>(b->items.size());
            if (ctx)
                ctx->report("encode images", imageDone, imageTotal,
                            imageRate.message(imageDone - sum.imagesResumed, imageTotal - imageDone));
            checkpoint.maybe();
        }
    } catch (...) {
        checkpoint.now();
        throw;
    }
    // A shard's totals are its own rows.
    sum.images = job.sharded() ? s.imageDone.sum().item<int64_t>() : n;
    sum.captions = job.sharded() ? s.textDone.sum().item<int64_t>() : m;
    sum.imagesFailed = static_cast<int64_t>(s.failures.size());
    for (const auto& [row, why] : s.failures)
        sum.failures.push_back(why);
    return s;
}

// True when OUT already holds this identity's cache; throws when it holds
// another one and no restart was asked for.
bool upToDate(const CacheJob& job, bool restart)
{
    std::error_code ec;
    if (!fs::exists(job.outPath, ec))
        return false;
    std::string why;
    try {
        const auto meta = readSafeTensorsMetadata(job.outPath);
        if (job.sharded()) {
            auto kind = meta.find("fglens_shard_of");
            auto shard = meta.find("fglens_shard");
            why = (kind == meta.end() || kind->second != job.kind) ? "it is not a shard of a " + job.kind + " cache"
                  : (shard == meta.end() || shard->second != job.shardName())
                      ? "it is not shard " + job.shardName()
                      : CacheIdentity::fromMetadata(meta).mismatch(job.identity);
        } else {
            auto kind = meta.find("fglens_cache");
            why = (kind == meta.end() || kind->second != job.kind)
                      ? "it is not a " + job.kind + " cache"
                      : CacheIdentity::fromMetadata(meta).mismatch(job.identity);
        }
    } catch (const Error& e) {
        why = e.problem();
    }
    if (why.empty())
        return true;
    if (!restart)
        fail(job.outPath, "exists and was made from other inputs (" + why + "); pass --restart to replace it");
    return false;
}

void addMetadata(const std::string& path, const std::string& key, const std::string& value)
{
    auto st = readSafeTensors(path);
    st.metadata[key] = value;
    writeSafeTensors(path, st);
}

std::string joinRows(const std::vector<int64_t>& rows)
{
    std::string out;
    for (int64_t r : rows)
        out += (out.empty() ? "" : ",") + std::to_string(r);
    return out;
}

CacheIdentity identityFor(const ClipModel& model, const std::string& modelPath, const std::string& datasetPath,
                          const std::string& datasetSuffix)
{
    CacheIdentity id;
    id.encoder = "clip:" + model.config().name();
    id.modelSha256 = sha256File(modelPath);
    id.preprocessing = std::string(kPreprocessingId) + ";resolution=" + std::to_string(model.config().imageResolution);
    id.datasetSha256 = sha256File(datasetPath) + datasetSuffix;
    id.dataset = fs::path(datasetPath).filename().string() + datasetSuffix;
    return id;
}

void writeShard(const CacheJob& job, const std::string& outPath, std::map<std::string, at::Tensor> tensors,
                std::map<std::string, at::Tensor> done, const at::Tensor& failed)
{
    ShardCache shard;
    shard.kind = job.kind;
    shard.identity = job.identity;
    shard.index = job.shardIndex;
    shard.count = job.shardCount;
    shard.tensors = std::move(tensors);
    shard.done = std::move(done);
    shard.failed = failed;
    saveShardCache(outPath, shard);
    std::error_code ec;
    fs::remove(partialPath(outPath), ec);
}

} // namespace

std::string partialPath(const std::string& outPath)
{
    return outPath + ".partial";
}

ImageEncodeResult encodeImageItems(const ClipModel& model, const std::vector<ImageItem>& items, int64_t batch,
                                   const JobContext* ctx, int workers)
{
    const int64_t n = static_cast<int64_t>(items.size());
    ImageEncodeResult r;
    r.features = torch::zeros({n, model.config().embedDim}, torch::kFloat32);
    const auto batches = imageBatches(items, batch);
    ImagePipeline pipeline(items, batches, static_cast<int>(model.config().imageResolution),
                           workers > 0 ? workers : ImagePipeline::defaultWorkers());
    RateMeter rate("images");
    int64_t done = 0;
    std::map<int64_t, std::string> failed;
    while (auto b = pipeline.next()) {
        if (ctx)
            ctx->checkCancelled();
        if (!b->items.empty())
            r.features.index_copy_(0, torch::tensor(b->items, torch::kInt64), model.encodeImage(b->pixels));
        failed.insert(b->failures.begin(), b->failures.end());
        done += static_cast<int64_t>(batches[b->index].size());
        if (ctx)
            ctx->report("encode images", done, n, rate.message(done, n - done));
    }
    for (auto& [row, why] : failed) {
        r.failedRows.push_back(row);
        r.failures.push_back(std::move(why));
    }
    return r;
}

at::Tensor encodeTokenRows(const ClipModel& model, const at::Tensor& tokens, int64_t batch, const JobContext* ctx)
{
    const int64_t n = tokens.size(0);
    auto out = torch::empty({n, model.config().embedDim}, torch::kFloat32);
    for (int64_t i = 0; i < n; i += batch) {
        if (ctx)
            ctx->checkCancelled();
        const int64_t b = std::min(batch, n - i);
        out.narrow(0, i, b).copy_(encodeTrimmed(model, tokens.narrow(0, i, b)));
        if (ctx)
            ctx->report("encode captions", i + b, n);
    }
    return out;
}

at::Tensor encodeTexts(const ClipModel& model, const Tokenizer& tokenizer, const std::vector<std::string>& texts,
                       int64_t batch, const JobContext* ctx)
{
    return encodeTokenRows(model, tokenizer.tokenize(texts, static_cast<int>(model.config().contextLength)), batch, ctx);
}

EncodeSummary encodeBenchmark(const ClipModel& model, const std::string& modelPath, const Tokenizer& tokenizer,
                              const std::string& benchmarkPath, const std::string& imageRoot,
                              const std::string& outPath, const EncodeOptions& options, const JobContext* ctx)
{
    const FgBenchmark bench = FgBenchmark::load(benchmarkPath, ctx);
    const ImageSource source(imageRoot);
    CacheJob job;
    job.kind = "benchmark";
    job.outPath = outPath;
    job.shardIndex = options.shardIndex;
    job.shardCount = std::max(1, options.shardCount);
    job.identity = identityFor(model, modelPath, benchmarkPath, "");
    EncodeSummary sum;
    if (upToDate(job, options.restart)) {
        sum.upToDate = true;
        return sum;
    }
    for (const auto& o : bench.objects)
        job.images.push_back(ImageItem{source.resolve(bench.images[o.imageIndex].fileName), o.bbox});
    std::unordered_map<std::string, int64_t> textRow;
    std::vector<int64_t> captionText;
    for (const auto& c : bench.captions) {
        auto [it, fresh] = textRow.emplace(c.text, static_cast<int64_t>(job.texts.size()));
        if (fresh)
            job.texts.push_back(c.text);
        captionText.push_back(it->second);
    }

    const State s = runCacheJob(model, tokenizer, job, options, ctx, sum);
    if (job.sharded()) {
        std::vector<int64_t> objectIds, captionIds;
        for (const auto& o : bench.objects)
            objectIds.push_back(o.id);
        for (const auto& c : bench.captions)
            captionIds.push_back(c.id);
        const auto textIndex = torch::tensor(captionText, torch::kInt64);
        writeShard(job, outPath,
                   {{"object_ids", torch::tensor(objectIds, torch::kInt64)},
                    {"object_features", s.imageFeatures},
                    {"caption_ids", torch::tensor(captionIds, torch::kInt64)},
                    {"caption_features", s.textFeatures.index_select(0, textIndex)}},
                   {{"object_features", s.imageDone}, {"caption_features", s.textDone.index_select(0, textIndex)}},
                   s.imageFailed);
        return sum;
    }
    BenchmarkCache cache;
    cache.identity = job.identity;
    std::vector<int64_t> objectIds, captionIds, missing;
    for (const auto& o : bench.objects)
        objectIds.push_back(o.id);
    for (const auto& c : bench.captions)
        captionIds.push_back(c.id);
    for (const auto& [row, why] : s.failures)
        missing.push_back(bench.objects[row].id);
    cache.objectIds = torch::tensor(objectIds, torch::kInt64);
    cache.objectFeatures = s.imageFeatures;
    cache.captionIds = torch::tensor(captionIds, torch::kInt64);
    cache.captionFeatures = s.textFeatures.index_select(0, torch::tensor(captionText, torch::kInt64));
    saveBenchmarkCache(outPath, cache);
    if (!missing.empty())
        addMetadata(outPath, "missing_object_ids", joinRows(missing));
    std::error_code ec;
    fs::remove(partialPath(outPath), ec);
    return sum;
}

EncodeSummary encodeCaptionSet(const ClipModel& model, const std::string& modelPath, const Tokenizer& tokenizer,
                               const std::string& captionsPath, const std::vector<std::string>& splits,
                               const std::string& imageRoot, const std::string& outPath, const EncodeOptions& options,
                               const JobContext* ctx)
{
    const CaptionSet set = loadCaptionSet(captionsPath, splits, ctx);
    const ImageSource source(imageRoot);
    std::string suffix;
    for (const auto& sp : splits)
        suffix += (suffix.empty() ? "+splits=" : ",") + sp;
    CacheJob job;
    job.kind = "captions";
    job.outPath = outPath;
    job.shardIndex = options.shardIndex;
    job.shardCount = std::max(1, options.shardCount);
    job.identity = identityFor(model, modelPath, captionsPath, suffix);
    EncodeSummary sum;
    if (upToDate(job, options.restart)) {
        sum.upToDate = true;
        return sum;
    }
    for (const auto& f : set.imageFiles)
        job.images.push_back(ImageItem{source.resolve(f), std::nullopt});
    std::unordered_map<std::string, int64_t> textRow;
    std::vector<int64_t> captionText;
    for (const auto& c : set.captions) {
        auto [it, fresh] = textRow.emplace(c, static_cast<int64_t>(job.texts.size()));
        if (fresh)
            job.texts.push_back(c);
        captionText.push_back(it->second);
    }

    const State s = runCacheJob(model, tokenizer, job, options, ctx, sum);
    if (job.sharded()) {
        const auto textIndex = torch::tensor(captionText, torch::kInt64);
        writeShard(job, outPath,
                   {{"image_features", s.imageFeatures},
                    {"caption_features", s.textFeatures.index_select(0, textIndex)},
                    {"caption_image", torch::tensor(set.captionImage, torch::kInt64)}},
                   {{"image_features", s.imageDone}, {"caption_features", s.textDone.index_select(0, textIndex)}},
                   s.imageFailed);
        return sum;
    }
    CaptionSetCache cache;
    cache.identity = job.identity;
    cache.imageFeatures = s.imageFeatures;
    cache.captionFeatures = s.textFeatures.index_select(0, torch::tensor(captionText, torch::kInt64));
    cache.captionImage = torch::tensor(set.captionImage, torch::kInt64);
    saveCaptionSetCache(outPath, cache);
    std::vector<int64_t> missing;
    for (const auto& [row, why] : s.failures)
        missing.push_back(row);
    if (!missing.empty())
        addMetadata(outPath, "missing_image_rows", joinRows(missing));
    std::error_code ec;
    fs::remove(partialPath(outPath), ec);
    return sum;
}

} // namespace fglens::clip

#include "train/trainer.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/float_rows.h"
#include "eval/ranks.h"
#include "train/fused_adam.h"
#include "train/losses.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <sstream>

namespace fglens {

namespace fs = std::filesystem;

struct Trainer::State {
    TrainConfig config;
    TrainData data;
    std::string dir;
    SimilarityHead head;
    std::unique_ptr<FusedAdam> optimizer;
    int epochsDone = 0;
    int64_t nextStep = 0;
    double epochLossSum = 0;
    double bestValLoss = INFINITY;
    int bestEpoch = 0;
    bool resumed = false;
    std::vector<EpochReport> history;

    std::string path(const char* name) const { return (fs::path(dir) / name).string(); }
    int64_t trainSize() const
    {
        return config.stage == Stage::Warmup ? data.trainPairs->size() : data.trainVocab->size();
    }
    torch::Tensor batchLoss(SimilarityHeadImpl& h, const torch::Tensor& idx, bool training) const;
    void saveCheckpoint() const;
    bool loadCheckpoint();
};

namespace {

torch::Tensor pairImages(const PairSet& p, const torch::Tensor& idx)
{
    auto img = torch::empty({idx.size(0)}, torch::kInt64);
    auto* pi = img.data_ptr<int64_t>();
    const auto* pc = idx.data_ptr<int64_t>();
    for (int64_t i = 0; i < idx.size(0); ++i)
        pi[i] = p.captionImage[static_cast<size_t>(pc[i])];
    return floatRows(p.images, img);
}

std::string historyJson(const std::vector<EpochReport>& h)
{
    std::string s;
    for (const auto& r : h) {
        s += std::to_string(r.epoch) + " " + std::to_string(r.trainLoss) + " " + std::to_string(r.valLoss) + " " +
             (r.best ? "1" : "0");
        for (const auto& [k, v] : r.metrics)
            s += " " + k + "=" + std::to_string(v);
        s += "\n";
    }
    return s;
}

std::vector<EpochReport> parseHistory(const std::string& s)
{
    std::vector<EpochReport> out;
    std::istringstream in(s);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream l(line);
        EpochReport r;
        int best = 0;
        l >> r.epoch >> r.trainLoss >> r.valLoss >> best;
        r.best = best != 0;
        std::string kv;
        while (l >> kv) {
            const auto eq = kv.find('=');
            r.metrics[kv.substr(0, eq)] = std::stod(kv.substr(eq + 1));
        }
        out.push_back(r);
    }
    return out;
}

} // namespace

torch::Tensor Trainer::State::batchLoss(SimilarityHeadImpl& h, const torch::Tensor& idx, bool training) const
{
    const bool warmup = config.stage == Stage::Warmup;
    if (warmup) {
        const PairSet& p = training ? *data.trainPairs : *data.valPairs;
        auto v = pairImages(p, idx);
        auto t = floatRows(p.captions, idx);
        return warmupLoss(h, v, t, config.margin);
    }
    const VocabSet& set = training ? *data.trainVocab : *data.valVocab;
    auto v = floatRows(set.objects, idx);
    auto voc = set.vocab.index_select(0, idx);
    auto t = floatRows(set.captions, voc.reshape({-1})).view({voc.size(0), voc.size(1), -1});
    return fgovdTripletLoss(h.scoreVocab(v, t, config.textNorm), config.margin);
}

void Trainer::State::saveCheckpoint() const
{
    torch::serialize::OutputArchive a, model, opt;
    head->save(model);
    optimizer->save(opt);
    a.write("model", model);
    a.write("optimizer", opt);
    a.write("config", c10::IValue(config.toJson()));
    a.write("history", c10::IValue(historyJson(history)));
    a.write("progress", torch::tensor({static_cast<double>(epochsDone), static_cast<double>(nextStep), epochLossSum,
                                       bestValLoss, static_cast<double>(bestEpoch)},
                                      torch::kFloat64));
    // Serialised in memory (a head and its optimiser state are small), then
    // written atomically: LibTorch's zip writer aborts the program when its
    // own file fills up mid-write.
    std::ostringstream bytes;
    a.save_to(bytes);
    writeFileAtomic(path("checkpoint.pt"), bytes.str());
}

bool Trainer::State::loadCheckpoint()
{
    const std::string file = path("checkpoint.pt");
    if (!fs::exists(file))
        return false;
    torch::serialize::InputArchive a, model, opt;
    try {
        a.load_from(file);
    } catch (const std::exception& e) {
        fail(file, "cannot read checkpoint (truncated?)");
    }
    c10::IValue cfg, hist;
    a.read("config", cfg);
    if (cfg.toStringRef() != config.toJson())
        fail(file, "checkpoint belongs to a different configuration; use a new run directory");
    a.read("model", model);
    a.read("optimizer", opt);
    head->load(model);
    optimizer->load(opt);
    a.read("history", hist);
    history = parseHistory(hist.toStringRef());
    torch::Tensor progress;
    a.read("progress", progress);
    auto p = progress.accessor<double, 1>();
    epochsDone = static_cast<int>(p[0]);
    nextStep = static_cast<int64_t>(p[1]);
    epochLossSum = p[2];
    bestValLoss = p[3];
    bestEpoch = static_cast<int>(p[4]);
    return true;
}

Trainer::Trainer(TrainConfig config, const TrainData& data, std::string workDir) : s_(std::make_unique<State>())
{
    s_->config = std::move(config);
    s_->data = data;
    s_->dir = std::move(workDir);
    const TrainConfig& c = s_->config;
    if (!isTrainable(c.head))
        fail(s_->dir, "the cosine head has nothing to train");
    if (c.stage == Stage::Warmup && (!s_->data.trainPairs || !s_->data.valPairs))
        fail(s_->dir, "a warm-up needs training and validation image-caption pairs");
    if (c.stage == Stage::Finetune && (!s_->data.trainVocab || !s_->data.valVocab))
        fail(s_->dir, "a fine-tune needs training and validation FG-OVD vocabularies");
    if (s_->trainSize() == 0)
        fail(s_->dir, "the training set is empty");
    std::error_code ec;
    fs::create_directories(s_->dir, ec);
    if (ec)
        fail(s_->dir, "cannot create the run directory: " + ec.message());

    torch::manual_seed(c.seed);
    s_->head = makeHead(c.head);
    if (!c.initWeights.empty())
        loadHeadWeights(*s_->head, loadStateDict(c.initWeights), c.initWeights);
    s_->optimizer = std::make_unique<FusedAdam>(s_->head->parameters(), torch::optim::AdamOptions(c.lr));
    s_->resumed = s_->loadCheckpoint();
}

Trainer::~Trainer() = default;

Trainer::Status Trainer::run(const JobContext& ctx, const std::function<void(const EpochReport&)>& onEpoch,
                             const std::function<void(const StepReport&)>& onStep)
{
    State& s = *s_;
    const TrainConfig& c = s.config;
    const int64_t n = s.trainSize();
    const int64_t steps = (n + c.batch - 1) / c.batch;
    for (int epoch = s.epochsDone + 1; epoch <= c.epochs; ++epoch) {
        // The order of an epoch depends on the seed and the epoch alone, so a
        // resumed run sees exactly the batches an uninterrupted one would.
        auto gen = at::make_generator<at::CPUGeneratorImpl>(c.seed * 1000003ULL + static_cast<uint64_t>(epoch));
        const auto perm = torch::randperm(n, gen, torch::TensorOptions().dtype(torch::kInt64));
        s.head->train();
        for (int64_t step = s.nextStep; step < steps; ++step) {
            if (ctx.cancel.cancelled()) {
                s.saveCheckpoint();
                return Status::Cancelled;
            }
            const int64_t start = step * c.batch;
            const auto idx = perm.narrow(0, start, std::min(c.batch, n - start));
            auto loss = s.batchLoss(*s.head, idx, true);
            const double value = loss.item<double>();
            if (!std::isfinite(value))
                fail(s.dir, "training diverged: the loss is " + std::to_string(value) + " at epoch " +
                                std::to_string(epoch) + ", step " + std::to_string(step + 1) +
                                "; the last good checkpoint (epoch " + std::to_string(s.epochsDone) + ") is kept");
            // Gradients set to none: backward stores each new gradient
            // instead of adding it to a tensor of zeros.
            s.head->zero_grad(/*set_to_none=*/true);
            loss.backward();
            s.optimizer->step();
            s.epochLossSum += value;
            s.nextStep = step + 1;
            if (onStep)
                onStep(StepReport{epoch, step + 1, steps, value});
            ctx.report("epoch " + std::to_string(epoch) + "/" + std::to_string(c.epochs), step + 1, steps,
                       "loss " + std::to_string(value));
        }

        EpochReport r;
        r.epoch = epoch;
        r.trainLoss = s.epochLossSum / static_cast<double>(steps);
        {
            torch::NoGradGuard noGrad;
            s.head->eval();
            r.valLoss = validationLoss(*s.head);
            double sum = 0;
            for (const auto& set : s.data.valBenchmarks) {
                const double mr = vocabMeanRank(*s.head, set);
                r.metrics["mean_rank/" + set.name] = mr;
                sum += mr;
            }
            if (!s.data.valBenchmarks.empty())
                r.metrics["mean_rank_sum"] = sum;
            if (s.data.valPairs) {
                const auto rr = evaluateRetrieval(*s.head, s.data.valPairs->images, s.data.valPairs->captions,
                                                  s.data.valPairs->captionImage);
                r.metrics["i2t_r1"] = rr.i2t.r1;
                r.metrics["i2t_r5"] = rr.i2t.r5;
                r.metrics["i2t_r10"] = rr.i2t.r10;
                r.metrics["t2i_r1"] = rr.t2i.r1;
                r.metrics["t2i_r5"] = rr.t2i.r5;
                r.metrics["t2i_r10"] = rr.t2i.r10;
            }
        }
        if (r.valLoss < s.bestValLoss) {
            s.bestValLoss = r.valLoss;
            s.bestEpoch = epoch;
            r.best = true;
            saveStateDict(s.path("best.pt"), headStateDict(*s.head));
        }
        saveStateDict(s.path("last.pt"), headStateDict(*s.head));
        s.history.push_back(r);
        s.epochsDone = epoch;
        s.nextStep = 0;
        s.epochLossSum = 0;
        s.saveCheckpoint();
        if (onEpoch)
            onEpoch(r);
    }
    return Status::Finished;
}

double Trainer::validationLoss(SimilarityHeadImpl& head) const
{
    const State& s = *s_;
    torch::NoGradGuard noGrad;
    const int64_t n = s.config.stage == Stage::Warmup ? s.data.valPairs->size() : s.data.valVocab->size();
    if (n == 0)
        return 0;
    double sum = 0;
    int64_t batches = 0;
    for (int64_t start = 0; start < n; start += s.config.batch, ++batches) {
        auto idx = torch::arange(start, std::min(n, start + s.config.batch), torch::kInt64);
        sum += s.batchLoss(head, idx, false).item<double>();
    }
    return sum / static_cast<double>(batches);
}

const std::vector<EpochReport>& Trainer::history() const { return s_->history; }
int Trainer::bestEpoch() const { return s_->bestEpoch; }
SimilarityHead Trainer::head() const { return s_->head; }
std::string Trainer::bestWeightsPath() const { return s_->path("best.pt"); }
bool Trainer::resumed() const { return s_->resumed; }

double vocabMeanRank(SimilarityHeadImpl& head, const VocabSet& set, int64_t batch)
{
    torch::NoGradGuard noGrad;
    std::vector<int> ranks;
    for (int64_t start = 0; start < set.size(); start += batch) {
        const int64_t n = std::min(batch, set.size() - start);
        auto v = floatRows(set.objects, torch::arange(start, start + n, torch::kInt64));
        auto voc = set.vocab.narrow(0, start, n);
        auto t = floatRows(set.captions, voc.reshape({-1})).view({n, voc.size(1), -1});
        auto s = head.scoreVocab(v, t, TextNorm::PerCaption).contiguous();
        for (int64_t i = 0; i < n; ++i)
            ranks.push_back(positiveRank(s[i].data_ptr<float>(), static_cast<int>(s.size(1))));
    }
    return summarizeRanks(ranks).meanRank;
}

} // namespace fglens

// Throughput of the heads, the FG-OVD evaluation and training on synthetic
// CLIP-sized embeddings (D = 512). Usage: bench_heads [target ...] [--runs N]
// Targets: attention-matrix, attention-coco5k, fgovd-eval, train-linear,
// train-attention, gemm.
#include "bench_common.h"

#include "common/cpu_allocator.h"
#include "common/float_rows.h"
#include "common/runtime.h"
#include "data/fgovd.h"
#include "eval/fgovd_eval.h"
#include "heads/attention_head.h"
#include "heads/head.h"
#include "train/fused_adam.h"
#include "train/losses.h"

#include <torch/torch.h>

#include <cstring>
#include <set>

using namespace fglens;
using bench::report;

namespace {

int runs = 5;
c10::Device device = torch::kCPU;   // --device cuda: training and gemm on the GPU

// CUDA work is asynchronous: a step's time ends when the device is done.
void sync()
{
    if (device.is_cuda())
        torch::cuda::synchronize();
}

void gemm()
{
    auto a = torch::randn({2048, 2048}).to(device), b = torch::randn({2048, 2048}).to(device);
    torch::mm(a, b);
    sync();
    const double t = bench::medianOf(runs, [&] {
        torch::mm(a, b);
        sync();
    });
    report("gemm", t, "gflops=" + std::to_string(2.0 * 2048 * 2048 * 2048 / t / 1e9));
}

void attentionMatrix(int64_t images, int64_t captions, const char* name)
{
    torch::manual_seed(0);
    auto head = makeHead(HeadKind::Attention);
    torch::NoGradGuard g;
    auto v = torch::randn({images, 512}), t = torch::randn({captions, 512});
    const int64_t chunk = 512;
    const double secs = bench::medianOf(name == std::string("attention-coco5k") ? 1 : runs, [&] {
        for (int64_t r = 0; r < images; r += chunk)
            head->scoreMatrix(v.narrow(0, r, std::min(chunk, images - r)), t);
    });
    report(name, secs, "pairs=" + std::to_string(images * captions));
}

// ~20,000 objects x 11 captions spread over eight benchmarks, all six heads.
void fgovdEval()
{
    torch::manual_seed(0);
    std::vector<FgBenchmark> benches(8);
    std::vector<torch::Tensor> objFeat, capFeat;
    for (int b = 0; b < 8; ++b) {
        auto& bm = benches[static_cast<size_t>(b)];
        bm.path = "synthetic";
        bm.name = benchmarkKeys()[static_cast<size_t>(b)];
        const int objects = 2500, captions = objects * 4;
        bm.images.push_back(FgImage{1, "x.jpg", 640, 480});
        for (int c = 0; c < captions; ++c)
            bm.captions.push_back(FgCaption{c, ""});
        for (int o = 0; o < objects; ++o) {
            FgObject ob;
            ob.id = o;
            ob.imageId = 1;
            ob.positiveId = (o * 4) % captions;
            for (int j = 1; j <= 10; ++j)
                ob.negativeIds.push_back((o * 4 + j * 7) % captions);
            bm.objects.push_back(ob);
        }
        bm.link();
        objFeat.push_back(torch::randn({objects, 512}).to(torch::kFloat16));
        capFeat.push_back(torch::randn({captions, 512}).to(torch::kFloat16));
    }
    std::vector<SimilarityHead> heads;
    // FGLENS_BENCH_HEAD=<kind> times one head alone (for profiling).
    const char* only = std::getenv("FGLENS_BENCH_HEAD");
    for (HeadKind k : allHeadKinds())
        if (!only || headKindName(k) == only)
            heads.push_back(makeHead(k));
    FgEvalOptions opt;
    const double secs = bench::medianOf(runs, [&] {
        for (auto& h : heads)
            for (size_t b = 0; b < benches.size(); ++b)
                evaluateFgovd(*h, benches[b], objFeat[b], capFeat[b], opt);
    });
    report("fgovd-eval", secs, "objects=20000 heads=6");
    if (std::getenv("FGLENS_BENCH_DETAIL"))
        for (auto& h : heads)
            report("fgovd-eval/" + headKindName(h->kind()), bench::medianOf(runs, [&] {
                for (size_t b = 0; b < benches.size(); ++b)
                    evaluateFgovd(*h, benches[b], objFeat[b], capFeat[b], opt);
            }));
}

void trainEpoch(HeadKind kind, const char* name, int64_t pairs, int64_t stepsToTime)
{
    torch::manual_seed(0);
    auto head = makeHead(kind);
    head->to(device);
    FusedAdam opt(head->parameters(), torch::optim::AdamOptions(5e-5));
    const int64_t batch = 256;
    const int64_t images = pairs / 5;
    // On a GPU the fp16 embeddings (0.7 GB here) live in device memory.
    auto im = torch::randn({images, 512}).to(torch::kFloat16).to(device);
    auto tx = torch::randn({pairs, 512}).to(torch::kFloat16).to(device);
    auto perm = torch::randperm(pairs).to(device);
    const int64_t steps = (pairs + batch - 1) / batch;
    const int64_t timed = stepsToTime > 0 ? std::min(stepsToTime, steps) : steps;
    std::vector<double> stepTimes;
    for (int64_t s = 0; s < timed; ++s) {
        stepTimes.push_back(bench::seconds([&] {
            auto idx = perm.narrow(0, s * batch, std::min(batch, pairs - s * batch));
            auto v = floatRows(im, torch::div(idx, 5, "floor"));
            auto t = floatRows(tx, idx);
            auto loss = warmupLoss(*head, v, t, 0.2);   // the trainer's step
            head->zero_grad(/*set_to_none=*/true);   // as the trainer does
            loss.backward();
            opt.step();
            sync();
        }));
    }
    double total = 0;
    for (double x : stepTimes)
        total += x;
    const double perStep = bench::median(stepTimes);
    report(name, timed == steps ? total : perStep * static_cast<double>(steps),
           "steps=" + std::to_string(steps) + " timed_steps=" + std::to_string(timed) +
               " median_step=" + std::to_string(perStep));
}

} // namespace

int main(int argc, char** argv)
{
    preferPassiveOpenMpWait(argv);   // as fglens-cli and fglens do
    configureTorchThreads();
    installCachingCpuAllocator();
    std::set<std::string> targets;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--device") && i + 1 < argc)
            device = c10::Device(argv[++i]);
        else
            targets.insert(argv[i]);
    }
    auto want = [&](const char* t) { return targets.empty() || targets.count(t); };
    if (want("gemm")) gemm();
    if (want("attention-matrix")) attentionMatrix(500, 2500, "attention-matrix");
    if (want("attention-coco5k")) attentionMatrix(5000, 25000, "attention-coco5k");
    if (want("fgovd-eval")) fgovdEval();
    if (want("train-linear")) trainEpoch(HeadKind::Linear, "train-linear", 566435, 0);
    if (want("train-attention")) trainEpoch(HeadKind::Attention, "train-attention", 566435, 200);
    return 0;
}

#include "command.h"
#include "progress.h"
#include "project_args.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "demo/demo_encoder.h"
#include "store/experiment_log.h"
#include "store/export.h"
#include "train/experiment.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

namespace fglens::cli {
namespace {

int runReproduce(Args& args)
{
    const auto pa = projectFromArgs(args);
    const std::string jsonPath = args.required("json");
    // The demo's sets are small: its own preset keeps the protocol's epochs meaningful.
    const std::string preset =
        args.value("preset", pa.project.encoder == demo::DemoEncoder::name() ? "demo" : "released");
    const int epochs = static_cast<int>(args.integer("epochs", 0));
    const bool quiet = args.flag("quiet");
    args.finish();

    const auto start = std::chrono::steady_clock::now();
    const JobContext ctx = consoleJob(quiet);
    const auto data = loadProjectData(pa.project, &ctx);
    ExperimentLog log(pa.logPath);
    const auto r = reproduceProtocol(data, log, preset, ctx, epochs);

    std::string out = "{";
    for (size_t i = 0; i < r.rows.size(); ++i)
        out += (i ? ",\n \"" : "\n \"") + r.rows[i].first + "\": " + evalSummaryJson(r.rows[i].second);
    out += "\n}\n";
    writeFileAtomic(jsonPath, out, false);
    std::vector<int64_t> ids;
    for (const auto& [k, id] : r.runIds)
        ids.push_back(id);
    std::printf("%s\n%s", tableText(tableOne(log, ids)).c_str(), tableText(benchmarkTable(log, ids)).c_str());
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("\npreset %s; %zu runs logged in %s; %.0f s\n", preset.c_str(), r.runIds.size(), log.path().c_str(), s);
    return 0;
}

const Registrar reg{Command{
    "reproduce", "run the paper's whole protocol on a project and print Table I and the per-benchmark table",
    "Usage: fglens-cli reproduce --project DIR [--log LOG.sqlite] --json OUT.json\n"
    "                            [--preset released|paper|demo] [--epochs N] [--quiet]\n\n"
    "  The cosine baseline, then warm-up and fine-tune for linear, linear-visual, linear-text,\n"
    "  mlp and attention; every run is evaluated on the eight benchmarks and on retrieval and\n"
    "  logged. OUT.json maps \"cosine\", \"<head>/warmup\" and \"<head>/finetune\" to\n"
    "  {\"mean_rank\": {benchmark: x}, \"mean_rank_sum\": x, \"recall\": {\"i2t\": [r1, r5, r10],\n"
    "  \"t2i\": [...]}}. Default preset: demo for the demo project, released otherwise.\n",
    runReproduce}};

} // namespace
} // namespace fglens::cli

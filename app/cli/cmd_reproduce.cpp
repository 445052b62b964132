#include "command.h"
#include "progress.h"
#include "project_args.h"
#include "reproduce_slurm.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "demo/demo_encoder.h"
#include "store/experiment_log.h"
#include "store/export.h"
#include "train/experiment.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <vector>

namespace fglens::cli {
namespace {

int runReproduce(Args& args)
{
    const auto pa = projectFromArgs(args);
    const SlurmArgs slurm = slurmFromArgs(args);
    if (slurm.slurm) {
        ReproduceSlurmPlan plan;
        plan.project = args.required("project");
        plan.log = pa.logPath;
        plan.preset = args.value("preset", pa.project.encoder == demo::DemoEncoder::name() ? "demo" : "released");
        plan.epochs = static_cast<int>(args.integer("epochs", 0));
        for (const auto& s : args.list("seeds")) {
            if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
                throw UsageError{"--seeds expects comma-separated non-negative integers, got '" + s + "'"};
            plan.seeds.push_back(std::stoull(s));
        }
        const std::string workDir = args.value("work-dir", "");
        args.value("json", "");   // written by the local protocol only
        args.flag("quiet");
        args.finish();
        if (plan.seeds.empty())
            throw UsageError{"--slurm needs --seeds (e.g. --seeds 1,2,3)"};
        if (plan.epochs < 0)
            throw UsageError{"--epochs must be positive"};
        const std::time_t t = std::time(nullptr);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::gmtime(&t));
        plan.workDir = workDir.empty() ? pa.project.dir + "/reproduce/reproduce-" + stamp
                                       : std::filesystem::absolute(workDir).string();
        return runReproduceOnSlurm(plan, slurm);
    }
    if (slurm.wait || slurm.dryRun)
        throw UsageError{"--wait and --dry-run need --slurm"};
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
    "  \"t2i\": [...]}}. Default preset: demo for the demo project, released otherwise.\n\n"
    "  fglens-cli reproduce --project DIR [--log LOG] --slurm --seeds 1,2,3 [--preset P] [--epochs N]\n"
    "                       [--sbatch-arg=ARG]... [--wait] [--dry-run] [--work-dir DIR]\n"
    "  runs the protocol for every seed as Slurm array jobs: the warm-ups and the cosine baseline,\n"
    "  then the fine-tunes, each waiting for its own warm-up (--dependency=aftercorr). Runs are\n"
    "  named \"<head>/<stage> seed=S\" in the log; scripts and one log per task under --work-dir\n"
    "  (default PROJECT/reproduce/reproduce-<UTC time>). Prints the job ids as JSON.\n" + std::string(kSlurmOptionsHelp),
    runReproduce}};

} // namespace
} // namespace fglens::cli

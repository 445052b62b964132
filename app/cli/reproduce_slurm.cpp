#include "reproduce_slurm.h"

#include "cluster/process.h"
#include "cluster/slurm_jobs.h"
#include "train/protocol_plan.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace fglens::cli {

namespace fs = std::filesystem;
using namespace fglens::cluster;

int runReproduceOnSlurm(const ReproduceSlurmPlan& plan, const SlurmArgs& slurm)
{
    const std::string exe = selfExecutable();
    const std::string dir = plan.workDir;
    const std::string cwd = fs::current_path().string();
    JobScript warmups, finetunes;
    warmups.name = "fglens-warmup";
    finetunes.name = "fglens-finetune";
    for (JobScript* j : {&warmups, &finetunes}) {
        j->chdir = cwd;
        j->sbatchArgs = slurm.sbatchArgs;
        j->markerDir = dir;
    }
    warmups.output = dir + "/warmup-%a.log";
    warmups.markerPrefix = "warmup-";
    finetunes.output = dir + "/finetune-%a.log";
    finetunes.markerPrefix = "finetune-";
    const std::vector<std::string> common{"--project", plan.project, "--log", plan.log, "--quiet"};
    // Task i of the fine-tunes is the fine-tune of task i of the warm-ups.
    for (const ProtocolStep& step : reproducePlan(plan.preset, plan.epochs)) {
        if (!step.train)
            continue;
        const TrainConfig& c = *step.train;
        for (uint64_t seed : plan.seeds) {
            const std::string name = step.key + " seed=" + std::to_string(seed);
            std::vector<std::string> argv{exe, "train"};
            argv.insert(argv.end(), common.begin(), common.end());
            argv.insert(argv.end(), {"--head", headKindName(c.head), "--stage", stageName(c.stage), "--preset",
                                     plan.preset, "--epochs", std::to_string(c.epochs), "--seed", std::to_string(seed),
                                     "--name", name});
            if (!step.parentKey.empty()) {
                argv.insert(argv.end(), {"--from-name", step.parentKey + " seed=" + std::to_string(seed)});
                finetunes.tasks.push_back(argv);
            } else {
                warmups.tasks.push_back(argv);
            }
        }
    }
    // The cosine baseline once, as the warm-ups' last task (no fine-tune waits for it).
    std::vector<std::string> cosine{exe, "eval", "--project", plan.project, "--log", plan.log, "--head", "cosine",
                                    "--record"};
    warmups.tasks.push_back(cosine);

    const std::string warmupScript = dir + "/warmup-array.sh", finetuneScript = dir + "/finetune-array.sh";
    if (slurm.dryRun) {
        std::cout << "# " << warmupScript << "\n# submit: sbatch --parsable " << warmupScript << "\n"
                  << renderScript(warmups) << "\n# " << finetuneScript
                  << "\n# submit: sbatch --parsable --dependency=aftercorr:<warm-up job id> " << finetuneScript << "\n"
                  << renderScript(finetunes);
        return 0;
    }
    const std::string a = submitScript(warmups, warmupScript);
    std::string b;
    try {
        b = submitScript(finetunes, finetuneScript, {"--dependency=aftercorr:" + a});
    } catch (...) {
        cancelJob(a);
        throw;
    }
    std::printf("{\"warmup_job\": \"%s\", \"finetune_job\": \"%s\", \"runs\": %zu, \"logs\": \"%s\"}\n", a.c_str(),
                b.c_str(), warmups.tasks.size() + finetunes.tasks.size(), dir.c_str());
    std::fflush(stdout);
    if (!slurm.wait)
        return 0;
    const auto w = waitForTasks(warmups, a, slurm.pollSeconds, printProgress);
    if (!w.ok) {
        // Its fine-tune would wait forever; the others may go on, but a
        // failed protocol is reported as such.
        cancelJob(b);
        std::cerr << "fglens-cli reproduce: " << describeFailure(w, a) << "\n";
        return 1;
    }
    const auto f = waitForTasks(finetunes, b, slurm.pollSeconds, printProgress);
    if (!f.ok) {
        std::cerr << "fglens-cli reproduce: " << describeFailure(f, b) << "\n";
        return 1;
    }
    std::cerr << "reproduce: " << warmups.tasks.size() + finetunes.tasks.size() << " runs finished in " << plan.log
              << "\n";
    return 0;
}

} // namespace fglens::cli

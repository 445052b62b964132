#include "command.h"
#include "project_args.h"
#include "slurm_args.h"

#include "cluster/process.h"
#include "cluster/slurm_jobs.h"
#include "cluster/sweep_plan.h"
#include "common/error.h"
#include "store/experiment_log.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

namespace fglens::cli {
namespace {

namespace fs = std::filesystem;
using namespace fglens::cluster;

std::vector<double> numbers(Args& args, const std::string& name)
{
    std::vector<double> out;
    for (const auto& item : args.list(name)) {
        try {
            size_t used = 0;
            out.push_back(std::stod(item, &used));
            if (used != item.size())
                throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
            throw UsageError{"--" + name + " expects comma-separated numbers, got '" + item + "'"};
        }
    }
    return out;
}

std::string stamp()
{
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::gmtime(&t));
    return buf;
}

// The grid as it stands in the log: every point with its run when known.
nlohmann::ordered_json runsJson(const std::vector<PointPlan>& plans, const std::map<size_t, int>& taskOfPoint)
{
    auto out = nlohmann::ordered_json::array();
    for (size_t i = 0; i < plans.size(); ++i) {
        const auto& p = plans[i];
        nlohmann::ordered_json j;
        j["head"] = p.point.head;
        j["stage"] = p.point.stage;
        j["seed"] = p.point.seed;
        j["lr"] = p.point.lr ? nlohmann::ordered_json(*p.point.lr) : nlohmann::ordered_json(nullptr);
        j["margin"] = p.point.margin ? nlohmann::ordered_json(*p.point.margin) : nlohmann::ordered_json(nullptr);
        j["run"] = p.runId ? nlohmann::ordered_json(*p.runId) : nlohmann::ordered_json(nullptr);
        j["status"] = p.status;
        auto t = taskOfPoint.find(i);
        j["task"] = t == taskOfPoint.end() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(t->second);
        out.push_back(j);
    }
    return out;
}

std::vector<PointPlan> planFromLog(const std::vector<SweepPoint>& grid, const std::string& logPath, bool slurmKnown)
{
    ExperimentLog log(logPath);
    auto alive = [slurmKnown](const std::string& job) { return !slurmKnown || slurmJobListed(job); };
    return planSweep(grid, log.runs(), alive);
}

int runSweep(Args& args)
{
    const auto pa = projectFromArgs(args);
    const std::string projectArg = args.required("project");
    SweepGridOptions o;
    o.heads = args.list("heads");
    o.stage = args.value("stage", "warmup");
    if (const auto from = args.optional("from"))
        o.from = std::stoll(*from);
    for (const auto& s : args.list("seeds")) {
        if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
            throw UsageError{"--seeds expects comma-separated non-negative integers, got '" + s + "'"};
        o.seeds.push_back(std::stoull(s));
    }
    o.lrs = numbers(args, "lr");
    o.margins = numbers(args, "margin");
    if (const long e = args.integer("epochs", 0); e != 0) {
        if (e < 1)
            throw UsageError{"--epochs must be >= 1"};
        o.epochs = static_cast<int>(e);
    }
    o.preset = args.value("preset", "released");
    const long parallel = args.integer("parallel", 0);
    const std::string workDir = args.value("work-dir", "");
    const SlurmArgs slurm = slurmFromArgs(args);
    args.finish();
    if (o.heads.empty())
        throw UsageError{"--heads needs at least one head (e.g. --heads linear,mlp)"};
    if (o.seeds.empty())
        o.seeds.push_back(123);
    if (o.stage != "warmup" && o.stage != "finetune")
        throw UsageError{"--stage must be warmup or finetune"};
    if (o.preset != "released" && o.preset != "paper" && o.preset != "demo")
        throw UsageError{"--preset must be released, paper or demo"};
    if (parallel < 0)
        throw UsageError{"--parallel must not be negative"};

    const auto grid = sweepGrid(o);
    const std::string logPath = pa.logPath;
    auto plans = planFromLog(grid, logPath, slurm.slurm && haveProgram("squeue"));

    const std::string exe = selfExecutable();
    const std::string dir =
        workDir.empty() ? (fs::path(pa.project.dir) / "sweeps" / ("sweep-" + stamp())).string() : fs::absolute(workDir).string();
    JobScript job;
    job.name = "fglens-sweep";
    job.chdir = fs::current_path().string();
    job.output = dir + "/task-%a.log";
    job.sbatchArgs = slurm.sbatchArgs;
    job.markerDir = dir;
    std::map<size_t, int> taskOfPoint;
    std::vector<size_t> pointOfTask;
    for (size_t i = 0; i < plans.size(); ++i) {
        if (plans[i].action != PointAction::Fresh && plans[i].action != PointAction::Resume)
            continue;
        std::vector<std::string> argv{exe, "train"};
        const auto a = trainArgs(plans[i], projectArg, logPath);
        argv.insert(argv.end(), a.begin(), a.end());
        taskOfPoint[i] = static_cast<int>(job.tasks.size());
        pointOfTask.push_back(i);
        job.tasks.push_back(argv);
    }

    nlohmann::ordered_json result;
    if (slurm.dryRun) {
        if (slurm.slurm)
            std::cout << "# " << dir << "/sweep-array.sh\n# submit: sbatch --parsable " << dir << "/sweep-array.sh\n"
                      << renderScript(job);
        else
            for (const auto& t : job.tasks)
                std::cout << shellJoin(t) << "\n";
        return 0;
    }
    if (job.tasks.empty()) {
        result["job"] = nullptr;
        result["runs"] = runsJson(plans, taskOfPoint);
        std::cout << result.dump() << "\n";
        return 0;
    }

    if (slurm.slurm) {
        const std::string id = submitScript(job, dir + "/sweep-array.sh");
        for (auto& [point, task] : taskOfPoint)
            plans[point].status = plans[point].action == PointAction::Resume ? "resubmitted" : "submitted";
        if (!slurm.wait) {
            result["job"] = id;
            result["runs"] = runsJson(plans, taskOfPoint);
            std::cout << result.dump() << "\n";
            return 0;
        }
        std::fprintf(stderr, "sweep: job %s, %zu tasks, logs in %s\n", id.c_str(), job.tasks.size(), dir.c_str());
        const auto w = waitForTasks(job, id, slurm.pollSeconds, printProgress);
        if (!w.ok) {
            // Leave the other tasks running: their runs are logged and a rerun of the sweep picks up the rest.
            std::cerr << "fglens-cli sweep: " << describeFailure(w, id) << " ("
                      << plans[pointOfTask[static_cast<size_t>(w.failedTask)]].point.label() << ")\n";
        }
        auto after = planFromLog(grid, logPath, true);
        result["job"] = id;
        result["runs"] = runsJson(after, taskOfPoint);
        std::cout << result.dump() << "\n";
        return w.ok ? 0 : 1;
    }

    // Local processes, as many at once as cores (or --parallel).
    fs::create_directories(dir);
    const long cores = static_cast<long>(std::thread::hardware_concurrency());
    const size_t slots = static_cast<size_t>(std::max(1L, parallel > 0 ? parallel : cores));
    std::map<int, size_t> running;   // pid -> task
    std::vector<int> exitCodes(job.tasks.size(), -1);
    size_t next = 0, finished = 0;
    while (finished < job.tasks.size()) {
        while (next < job.tasks.size() && running.size() < slots) {
            const int pid = startProcess(job.tasks[next], taskLogPath(job.output, static_cast<int>(next)));
            running[pid] = next++;
        }
        int rc = 0;
        const int pid = waitAnyProcess(rc);
        if (pid < 0)
            break;
        auto it = running.find(pid);
        if (it == running.end())
            continue;
        exitCodes[it->second] = rc;
        running.erase(it);
        ++finished;
        std::fprintf(stderr, "sweep: %zu/%zu runs ended\n", finished, job.tasks.size());
    }
    int firstFailed = -1;
    for (size_t t = 0; t < exitCodes.size(); ++t)
        if (exitCodes[t] != 0 && firstFailed < 0)
            firstFailed = static_cast<int>(t);
    if (firstFailed >= 0)
        std::cerr << "fglens-cli sweep: task " << firstFailed << " ("
                  << plans[pointOfTask[static_cast<size_t>(firstFailed)]].point.label() << ") failed (exit "
                  << exitCodes[static_cast<size_t>(firstFailed)] << "); see "
                  << taskLogPath(job.output, firstFailed) << "\n";
    result["job"] = nullptr;
    result["runs"] = runsJson(planFromLog(grid, logPath, false), taskOfPoint);
    std::cout << result.dump() << "\n";
    return firstFailed >= 0 ? 1 : 0;
}

const Registrar reg{Command{
    "sweep", "train one run per grid point (heads x seeds x lr x margin), here or as a Slurm array job",
    std::string(
        "Usage: fglens-cli sweep --project DIR [--log LOG] --heads h1,h2 --stage warmup|finetune [--from RUN]\n"
        "                        --seeds 1,2,3 [--lr a,b] [--margin a,b] [--epochs N] [--preset P]\n"
        "                        [--parallel N] [--work-dir DIR]\n"
        "                        [--slurm [--sbatch-arg=ARG]... [--wait]] [--dry-run]\n\n"
        "  One `fglens-cli train` per grid point, each logged as a run as it goes. Without --slurm:\n"
        "  local processes, at most --parallel at once (default: the number of cores). With --slurm:\n"
        "  one array job, a task per grid point ($SLURM_ARRAY_TASK_ID).\n"
        "  Running the same sweep again resumes the grid points whose run was cancelled, failed or\n"
        "  killed (train --resume) and skips the finished ones: a point is its head, stage, --from,\n"
        "  seed, lr, margin, epochs and preset.\n"
        "  --work-dir DIR     scripts, marker files and one log per task (default\n"
        "                     PROJECT/sweeps/sweep-<UTC time>)\n"
        "  Prints {\"job\": ID or null, \"runs\": [{\"head\", \"stage\", \"seed\", \"lr\", \"margin\", \"run\",\n"
        "  \"status\", \"task\"}, ...]} (run ids once known).\n") +
        kSlurmOptionsHelp,
    runSweep}};

} // namespace
} // namespace fglens::cli

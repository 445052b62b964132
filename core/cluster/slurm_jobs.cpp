#include "cluster/slurm_jobs.h"

#include "cluster/process.h"
#include "common/atomic_file.h"
#include "common/error.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fglens::cluster {
namespace {

std::string firstLine(const std::string& text)
{
    std::string s = text;
    while (!s.empty() && (s.front() == '\n' || s.front() == ' '))
        s.erase(s.begin());
    const size_t nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}

std::optional<int> readMarker(const std::string& path)
{
    std::ifstream in(path);
    int rc = 0;
    if (in >> rc)
        return rc;
    return std::nullopt;
}

// "123_4" -> 4 when it is a task of `jobId`; -1 otherwise.
int taskOf(const std::string& id, const std::string& jobId)
{
    if (id.rfind(jobId + "_", 0) != 0)
        return id == jobId ? 0 : -1;
    const std::string rest = id.substr(jobId.size() + 1);
    if (rest.empty() || rest.find_first_not_of("0123456789") != std::string::npos)
        return -1;
    return std::stoi(rest);
}

// Slurm's states per task from squeue (pending and running jobs), then from
// sacct for the ones that left the queue when accounting is there.
std::map<int, std::string> slurmStates(const std::string& jobId, bool withAccounting)
{
    std::map<int, std::string> states;
    const auto q = runProcess({"squeue", "-h", "-r", "-j", jobId, "-o", "%i %T"});
    if (q.exitCode == 0) {
        std::istringstream lines(q.out);
        std::string id, state;
        while (lines >> id >> state) {
            const int t = taskOf(id, jobId);
            if (t >= 0)
                states[t] = state;
        }
    }
    if (withAccounting) {
        const auto a = runProcess({"sacct", "-n", "-X", "-P", "-j", jobId, "-o", "JobID,State"});
        if (a.exitCode == 0) {
            std::istringstream lines(a.out);
            for (std::string line; std::getline(lines, line);) {
                const size_t bar = line.find('|');
                if (bar == std::string::npos)
                    continue;
                const int t = taskOf(line.substr(0, bar), jobId);
                if (t >= 0 && !states.count(t))
                    states[t] = line.substr(bar + 1);
            }
        }
    }
    return states;
}

} // namespace

void writeScript(const JobScript& job, const std::string& scriptPath)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(scriptPath).parent_path(), ec);
    std::filesystem::create_directories(job.markerDir, ec);
    std::filesystem::create_directories(std::filesystem::path(taskLogPath(job.output, 0)).parent_path(), ec);
    writeFileAtomic(scriptPath, renderScript(job), false);
    std::filesystem::permissions(scriptPath, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add,
                                 ec);
}

std::string submitScript(const JobScript& job, const std::string& scriptPath,
                         const std::vector<std::string>& extraArgs)
{
    writeScript(job, scriptPath);
    // Markers of an earlier submission of the same script would read as this one's.
    for (size_t t = 0; t < std::max<size_t>(job.tasks.size(), 1); ++t) {
        std::error_code ec;
        std::filesystem::remove(markerPath(job, static_cast<int>(t)), ec);
    }
    if (!haveProgram("sbatch"))
        fail("sbatch", "not found in PATH (is this a Slurm login node?)");
    std::vector<std::string> argv{"sbatch", "--parsable"};
    argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
    argv.push_back(scriptPath);
    const auto r = runProcess(argv);
    if (r.exitCode != 0)
        fail("sbatch", "refused " + scriptPath + ": " + firstLine(r.err.empty() ? r.out : r.err));
    // --parsable prints "ID" or "ID;CLUSTER".
    std::string id = firstLine(r.out);
    id = id.substr(0, id.find(';'));
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        fail("sbatch", "unexpected answer '" + firstLine(r.out) + "' for " + scriptPath);
    return id;
}

std::vector<TaskStatus> pollTasks(const JobScript& job, const std::string& jobId)
{
    const size_t n = std::max<size_t>(job.tasks.size(), 1);
    static const bool accounting = haveProgram("sacct");
    std::vector<TaskStatus> out(n);
    std::map<int, std::string> states;
    bool queried = false;
    for (size_t t = 0; t < n; ++t) {
        if (const auto rc = readMarker(markerPath(job, static_cast<int>(t)))) {
            out[t].state = *rc == 0 ? TaskState::Done : TaskState::Failed;
            out[t].exitCode = *rc;
            continue;
        }
        if (!queried) {
            states = slurmStates(jobId, accounting);
            queried = true;
        }
        auto it = states.find(static_cast<int>(t));
        if (it == states.end()) {
            // Not queued, not accounted for (or no accounting): gone without
            // its marker. The caller confirms on the next look, since the
            // marker may only now become visible.
            out[t].state = TaskState::Vanished;
            continue;
        }
        out[t].slurmState = it->second;
        const std::string& s = it->second;
        if (s == "PENDING" || s == "REQUEUED" || s == "CONFIGURING" || s == "SUSPENDED")
            out[t].state = TaskState::Pending;
        else if (s == "RUNNING" || s == "COMPLETING")
            out[t].state = TaskState::Running;
        else
            out[t].state = TaskState::Vanished;   // CANCELLED, FAILED, NODE_FAIL, TIMEOUT, ... without a marker
    }
    return out;
}

WaitResult waitForTasks(const JobScript& job, const std::string& jobId, double pollSeconds,
                        const std::function<void(const std::string&)>& onProgress)
{
    std::string last;
    std::vector<int> vanishedLooks;
    for (;;) {
        const auto tasks = pollTasks(job, jobId);
        vanishedLooks.resize(tasks.size(), 0);
        int pending = 0, running = 0, done = 0;
        WaitResult w;
        for (size_t t = 0; t < tasks.size(); ++t) {
            switch (tasks[t].state) {
            case TaskState::Pending: ++pending; vanishedLooks[t] = 0; break;
            case TaskState::Running: ++running; vanishedLooks[t] = 0; break;
            case TaskState::Done: ++done; break;
            case TaskState::Failed:
            case TaskState::Vanished:
                if (tasks[t].state == TaskState::Vanished && ++vanishedLooks[t] < 3) {
                    ++running;   // probably finishing: look again
                    break;
                }
                if (w.failedTask < 0) {
                    w.failedTask = static_cast<int>(t);
                    w.failed = tasks[t];
                    w.failedLog = taskLogPath(job.output, static_cast<int>(t), jobId);
                }
                break;
            }
        }
        std::string line = "job " + jobId + ": " + std::to_string(pending) + " pending, " + std::to_string(running) +
                           " running, " + std::to_string(done) + " done";
        if (w.failedTask >= 0)
            line += ", 1+ failed";
        if (line != last && onProgress)
            onProgress(line);
        last = line;
        if (w.failedTask >= 0)
            return w;
        if (done == static_cast<int>(tasks.size())) {
            w.ok = true;
            return w;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int64_t>(pollSeconds * 1000)));
    }
}

std::string describeFailure(const WaitResult& w, const std::string& jobId)
{
    std::string what = "task " + std::to_string(w.failedTask) + " of job " + jobId;
    if (w.failed.state == TaskState::Failed)
        what += " failed (exit " + std::to_string(w.failed.exitCode) +
                (w.failed.exitCode == 3 ? ", cancelled" : "") + ")";
    else
        what += " ended without finishing (" +
                (w.failed.slurmState.empty() ? std::string("cancelled, killed or its node failed") : w.failed.slurmState) +
                ")";
    return what + "; see " + w.failedLog;
}

void cancelJob(const std::string& jobId)
{
    runProcess({"scancel", jobId});
}

std::string currentSlurmJob()
{
    const char* array = std::getenv("SLURM_ARRAY_JOB_ID");
    const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
    if (array && *array && task && *task)
        return std::string(array) + "_" + task;
    const char* job = std::getenv("SLURM_JOB_ID");
    return job && *job ? std::string(job) : std::string();
}

bool slurmJobListed(const std::string& jobId)
{
    const auto q = runProcess({"squeue", "-h", "-j", jobId, "-o", "%i"});
    return q.exitCode == 0 && q.out.find_first_not_of(" \n") != std::string::npos;
}

} // namespace fglens::cluster

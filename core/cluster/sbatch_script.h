#pragma once
// sbatch scripts, generated as plain text (no Slurm needed to build or test
// them). An array job runs one fully spelled-out command per task, chosen by
// $SLURM_ARRAY_TASK_ID; every task writes its exit status to a marker file so
// that a watcher without Slurm accounting (no sacct) can still tell a task
// that failed from one that finished, and one that vanished (scancel, node
// failure) from both.
#include <string>
#include <vector>

namespace fglens::cluster {

struct JobScript {
    std::string name;                            // --job-name
    std::string chdir;                           // --chdir: where relative paths resolve
    std::string output;                          // --output: a log file (pattern: %a is the task)
    std::vector<std::string> sbatchArgs;         // passed through as #SBATCH lines
    std::vector<std::vector<std::string>> tasks; // argv per task; more than one makes it an array
    std::string markerDir;                       // <markerDir>/<markerPrefix><task>.exit holds the exit status
    std::string markerPrefix = "task-";
    bool array = true;                           // --array=0-(tasks-1), even for one task
};

// POSIX shell quoting ('...' with embedded quotes escaped).
std::string shellQuote(const std::string& word);
std::string shellJoin(const std::vector<std::string>& argv);
// The script text.
std::string renderScript(const JobScript& job);
// The marker file of a task.
std::string markerPath(const JobScript& job, int task);
// The log file of a task (the output pattern with %a, %A, %j filled in; %A and
// %j only when `jobId` is given).
std::string taskLogPath(const std::string& outputPattern, int task, const std::string& jobId = {});

// --gres/--gpus options are for the tasks that compute, not for bookkeeping
// jobs such as a merge: the other arguments (partition, time, account) stay.
std::vector<std::string> withoutGpuArgs(const std::vector<std::string>& sbatchArgs);

} // namespace fglens::cluster

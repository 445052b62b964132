#pragma once
// Submitting sbatch scripts and following array jobs until they end, with
// Slurm's own commands (sbatch, squeue, sacct when accounting is configured,
// scancel). The marker files the scripts write (sbatch_script.h) decide how a
// task ended, so a one-node cluster without accounting is followed as well.
#include "cluster/sbatch_script.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fglens::cluster {

// Writes `job`'s script to `scriptPath` and submits it with
// `sbatch --parsable [extraArgs] scriptPath`; returns the job id. Throws
// fglens::Error ("sbatch: ...") when sbatch is missing or refuses.
std::string submitScript(const JobScript& job, const std::string& scriptPath,
                         const std::vector<std::string>& extraArgs = {});
// Writes the script without submitting it (--dry-run).
void writeScript(const JobScript& job, const std::string& scriptPath);

enum class TaskState { Pending, Running, Done, Failed, Vanished };

struct TaskStatus {
    TaskState state = TaskState::Pending;
    int exitCode = 0;          // Done / Failed: from the marker file
    std::string slurmState;    // what squeue or sacct said, when known
};

// One look at every task of an array job (or at a single job: tasks = 1 and
// array = false in `job`).
std::vector<TaskStatus> pollTasks(const JobScript& job, const std::string& jobId);

struct WaitResult {
    bool ok = false;
    int failedTask = -1;       // the first task that failed or vanished
    TaskStatus failed;
    std::string failedLog;     // that task's log file
};

// Polls every `pollSeconds` until every task is done, or one failed or
// vanished. `onProgress` gets "job ID: P pending, R running, D done" when the
// counts change.
WaitResult waitForTasks(const JobScript& job, const std::string& jobId, double pollSeconds,
                        const std::function<void(const std::string&)>& onProgress);

// One line describing a failed wait: "task 2 of job 123 failed (exit 1); see LOG".
std::string describeFailure(const WaitResult& w, const std::string& jobId);

void cancelJob(const std::string& jobId);

// The Slurm job of this process when it runs inside one ("123_4" for an array
// task, "123" otherwise); empty outside Slurm.
std::string currentSlurmJob();
// True while Slurm still lists the job (pending or running).
bool slurmJobListed(const std::string& jobId);

} // namespace fglens::cluster

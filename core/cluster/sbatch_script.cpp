#include "cluster/sbatch_script.h"

#include "common/runtime.h"

namespace fglens::cluster {

std::string shellQuote(const std::string& word)
{
    if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                                "_-+=./:,@%") == std::string::npos)
        return word;
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string shellJoin(const std::vector<std::string>& argv)
{
    std::string out;
    for (const auto& a : argv)
        out += (out.empty() ? "" : " ") + shellQuote(a);
    return out;
}

std::string markerPath(const JobScript& job, int task)
{
    return job.markerDir + "/" + job.markerPrefix + std::to_string(task) + ".exit";
}

std::string taskLogPath(const std::string& outputPattern, int task, const std::string& jobId)
{
    std::string out;
    for (size_t i = 0; i < outputPattern.size(); ++i) {
        if (outputPattern[i] == '%' && i + 1 < outputPattern.size()) {
            const char c = outputPattern[i + 1];
            if (c == 'a') {
                out += std::to_string(task);
                ++i;
                continue;
            }
            if ((c == 'A' || c == 'j') && !jobId.empty()) {
                out += jobId;
                ++i;
                continue;
            }
        }
        out += outputPattern[i];
    }
    return out;
}

std::vector<std::string> withoutGpuArgs(const std::vector<std::string>& sbatchArgs)
{
    std::vector<std::string> out;
    for (const auto& a : sbatchArgs) {
        const bool gpu = a.rfind("--gres", 0) == 0 || a.rfind("--gpus", 0) == 0 || a.rfind("-G", 0) == 0 ||
                         a.rfind("--gpu-", 0) == 0 || a.rfind("--mem-per-gpu", 0) == 0 ||
                         a.rfind("--cpus-per-gpu", 0) == 0;
        if (!gpu)
            out.push_back(a);
    }
    return out;
}

std::string renderScript(const JobScript& job)
{
    std::string s = "#!/bin/bash\n";
    s += "#SBATCH --job-name=" + shellQuote(job.name) + "\n";
    if (job.array)
        s += "#SBATCH --array=0-" + std::to_string(job.tasks.empty() ? 0 : job.tasks.size() - 1) + "\n";
    s += "#SBATCH --output=" + job.output + "\n";
    if (!job.chdir.empty())
        s += "#SBATCH --chdir=" + job.chdir + "\n";
    // Slurm reads #SBATCH lines as words split at spaces: an argument with
    // spaces is written as is and left to sbatch to reject.
    for (const auto& a : job.sbatchArgs)
        s += "#SBATCH " + a + "\n";
    s += "# Written by fglens-cli " + programVersion() + "; submit with: sbatch --parsable THIS_FILE\n";
    s += "task=\"${SLURM_ARRAY_TASK_ID:-0}\"\n";
    // scancel sends SIGTERM to every process of the task: fglens-cli saves and
    // marks its run cancelled; this trap keeps the shell alive to record the
    // exit status instead of dying first.
    s += "trap 'echo \"fglens: task $task got SIGTERM\" >&2' TERM\n";
    s += "case \"$task\" in\n";
    for (size_t i = 0; i < job.tasks.size(); ++i)
        s += std::to_string(i) + ") " + shellJoin(job.tasks[i]) + "; rc=$? ;;\n";
    s += "*) echo \"fglens: no task $task in this job\" >&2; rc=2 ;;\nesac\n";
    s += "mkdir -p " + shellQuote(job.markerDir) + "\n";
    s += "echo \"$rc\" > " + shellQuote(job.markerDir + "/" + job.markerPrefix) + "\"$task.exit\"\n";
    s += "exit \"$rc\"\n";
    return s;
}

} // namespace fglens::cluster

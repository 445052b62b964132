#pragma once
// Child processes for the cluster commands: run a program to completion and
// capture its output (sbatch, squeue), or start one in the background with its
// output going to a file (a local sweep's training runs).
#include <string>
#include <vector>

namespace fglens::cluster {

struct ProcessResult {
    int exitCode = -1;       // 128 + signal when killed; -1 when it could not start
    std::string out, err;
};

// Runs argv[0] (searched in PATH) with stdin closed; waits for it.
ProcessResult runProcess(const std::vector<std::string>& argv);
// True when `program` is an executable in PATH.
bool haveProgram(const std::string& program);

// Starts argv[0] with stdout and stderr appended to `logPath`; returns its pid
// (throws fglens::Error when it cannot start).
int startProcess(const std::vector<std::string>& argv, const std::string& logPath);
// Waits for any started child; returns its pid and sets its exit code (128 +
// signal when killed); -1 when there is none.
int waitAnyProcess(int& exitCode);

// The absolute path of the running executable (/proc/self/exe).
std::string selfExecutable();

} // namespace fglens::cluster

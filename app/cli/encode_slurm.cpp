#include "encode_slurm.h"

#include "cluster/process.h"
#include "cluster/slurm_jobs.h"
#include "common/error.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace fglens::cli {

namespace fs = std::filesystem;
using namespace fglens::cluster;

int runEncodeOnSlurm(const EncodeSlurmPlan& plan, const SlurmArgs& slurm)
{
    const std::string cwd = fs::current_path().string();
    const std::string out = fs::absolute(plan.out).lexically_normal().string();
    // Beside the cache, on the filesystem the nodes share with the login node.
    const std::string dir = out + ".slurm";
    const std::string exe = selfExecutable();

    JobScript encode;
    encode.name = "fglens-encode";
    encode.chdir = cwd;
    encode.output = dir + "/task-%a.log";
    encode.sbatchArgs = slurm.sbatchArgs;
    encode.markerDir = dir;
    std::vector<std::string> shardFiles;
    for (int k = 0; k < plan.shards; ++k) {
        const std::string shardFile = dir + "/shard-" + std::to_string(k) + ".safetensors";
        shardFiles.push_back(shardFile);
        std::vector<std::string> argv{exe, "encode-benchmark"};
        argv.insert(argv.end(), plan.encodeArgs.begin(), plan.encodeArgs.end());
        argv.insert(argv.end(), {"--shard", std::to_string(k) + "/" + std::to_string(plan.shards), "--out", shardFile});
        encode.tasks.push_back(argv);
    }
    JobScript merge;
    merge.name = "fglens-merge";
    merge.chdir = cwd;
    merge.output = dir + "/merge.log";
    merge.sbatchArgs = withoutGpuArgs(slurm.sbatchArgs);
    merge.markerDir = dir;
    merge.markerPrefix = "merge-";
    merge.array = false;
    std::vector<std::string> mergeArgv{exe, "merge-caches", "--out", out};
    mergeArgv.insert(mergeArgv.end(), shardFiles.begin(), shardFiles.end());
    merge.tasks.push_back(mergeArgv);

    const std::string encodeScript = dir + "/encode-array.sh", mergeScript = dir + "/merge.sh";
    if (slurm.dryRun) {
        std::cout << "# " << encodeScript << "\n# submit: sbatch --parsable " << encodeScript << "\n"
                  << renderScript(encode) << "\n# " << mergeScript
                  << "\n# submit: sbatch --parsable --dependency=afterok:<array job id> " << mergeScript << "\n"
                  << renderScript(merge);
        return 0;
    }
    const std::string arrayJob = submitScript(encode, encodeScript);
    std::string mergeJob;
    try {
        mergeJob = submitScript(merge, mergeScript, {"--dependency=afterok:" + arrayJob});
    } catch (...) {
        cancelJob(arrayJob);
        throw;
    }
    std::printf("{\"array_job\": \"%s\", \"merge_job\": \"%s\", \"shards\": %d, \"out\": \"%s\", \"logs\": \"%s\"}\n",
                arrayJob.c_str(), mergeJob.c_str(), plan.shards, out.c_str(), dir.c_str());
    std::fflush(stdout);
    if (!slurm.wait)
        return 0;
    const auto w = waitForTasks(encode, arrayJob, slurm.pollSeconds, printProgress);
    if (!w.ok) {
        // The merge would wait forever on a dependency that can no longer be met.
        cancelJob(mergeJob);
        std::cerr << "fglens-cli encode-benchmark: " << describeFailure(w, arrayJob) << "\n";
        return 1;
    }
    const auto m = waitForTasks(merge, mergeJob, slurm.pollSeconds, printProgress);
    if (!m.ok) {
        std::cerr << "fglens-cli encode-benchmark: merge " << describeFailure(m, mergeJob) << "\n";
        return 1;
    }
    if (!fs::exists(out)) {
        std::cerr << "fglens-cli encode-benchmark: " << out << ": the merge job ended but wrote no cache; see "
                  << merge.output << "\n";
        return 1;
    }
    std::cerr << out << ": merged from " << plan.shards << " shards\n";
    return 0;
}

} // namespace fglens::cli

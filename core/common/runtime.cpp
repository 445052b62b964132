#include "common/runtime.h"

#include <cstdlib>
#include <unistd.h>

#include <ATen/Parallel.h>

#include <cstdlib>
#include <thread>

namespace fglens {

namespace build {
extern const char* const kGitCommit;
}

void configureTorchThreads(int threads)
{
    if (threads <= 0) {
        if (const char* env = std::getenv("FGLENS_THREADS"))
            threads = std::atoi(env);
    }
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

int torchThreads()
{
    return at::get_num_threads();
}

std::string programVersion()
{
    return FGLENS_VERSION;
}

std::string gitCommit()
{
    return build::kGitCommit;
}

void preferPassiveOpenMpWait(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv);
    // exec failed (no /proc): carry on with the default policy.
}

} // namespace fglens

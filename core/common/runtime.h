#pragma once
#include <string>

namespace fglens {

// LibTorch defaults its intra-op pool to the physical cores it detects, which
// is 1 on the 2-vCPU machines we run on; use every available core instead.
// threads <= 0 means "all available". Safe to call more than once.
void configureTorchThreads(int threads = 0);
int torchThreads();

// OpenMP threads that wait for work spin by default; when another program (or
// a second job) shares the cores, the spinning threads steal the cores the
// working ones need and training runs 5x slower (measured: 40 s against
// 7.6 s for three demo epochs next to a compiler). libgomp reads its wait
// policy once, when it is loaded, so this re-executes the program with
// OMP_WAIT_POLICY=PASSIVE unless the user chose a policy. Call first in main().
void preferPassiveOpenMpWait(char** argv);

std::string programVersion();
std::string gitCommit();

} // namespace fglens

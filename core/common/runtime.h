#pragma once
#include <string>

namespace fglens {

// LibTorch defaults its intra-op pool to the physical cores it detects, which
// is 1 on the 2-vCPU machines we run on; use every available core instead.
// threads <= 0 means "all available". Safe to call more than once.
void configureTorchThreads(int threads = 0);
int torchThreads();

std::string programVersion();
std::string gitCommit();

} // namespace fglens

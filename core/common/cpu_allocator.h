#pragma once
#include <cstddef>

namespace fglens {

// Large LibTorch temporaries (a ViT layer's 78 MB activations, a training
// step's projections) are above glibc's 32 MB mmap ceiling, so every one is a
// fresh mmap whose pages fault in on first touch and are unmapped on free:
// measured as a third of the CPU time of image encoding (sys time). This
// installs a CPU allocator that keeps freed blocks of 1 MiB and more in
// per-size free lists (up to a byte budget) and hands them back to the next
// request of the same rounded size; smaller blocks go straight to LibTorch's
// own aligned allocation. budgetBytes 0: an eighth of physical memory, at most
// 1 GiB; the environment variable FGLENS_CPU_CACHE_MB overrides it (0: keep
// LibTorch's allocator). Safe to call more than once; thread-safe.
void installCachingCpuAllocator(size_t budgetBytes = 0);

// Returns every cached block to the system (after a long job, so an idle
// workbench does not keep the job's peak resident).
void releaseCachedCpuMemory();

struct CpuCacheStats {
    size_t cachedBytes = 0;  // held in free lists now
    size_t hits = 0;         // allocations served from the free lists
    size_t misses = 0;       // large allocations that went to the system
};
CpuCacheStats cpuCacheStats();

} // namespace fglens

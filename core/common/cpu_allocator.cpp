#include "common/cpu_allocator.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <torch/version.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <unistd.h>

namespace fglens {
namespace {

constexpr size_t kMinCached = size_t(1) << 20;   // below this glibc's heap already reuses memory
constexpr size_t kGranule = size_t(1) << 20;     // round so near-equal requests share a list

size_t roundUp(size_t n)
{
    return (n + kGranule - 1) / kGranule * kGranule;
}

size_t defaultBudget()
{
    // An eighth of physical memory, at most 1 GiB: enough for a ViT-B/16
    // batch's working set, small beside the embeddings a project holds.
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    const size_t phys = pages > 0 && pageSize > 0 ? size_t(pages) * size_t(pageSize) : size_t(8) << 30;
    return std::min(phys / 8, size_t(1) << 30);
}

// LibTorch 2.3 made allocate() non-const and added copy_data(); CUDA builds
// for the GPU benchmarks use a newer LibTorch than Debian's 1.13.
#define FGLENS_TORCH_2_3 (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3))
#if FGLENS_TORCH_2_3
#define FGLENS_ALLOCATE_CONST
#else
#define FGLENS_ALLOCATE_CONST const
#endif

class CachingCpuAllocator final : public c10::Allocator {
public:
    static CachingCpuAllocator& instance()
    {
        static CachingCpuAllocator a;
        return a;
    }

#if FGLENS_TORCH_2_3
    void copy_data(void* dest, const void* src, size_t count) const override { std::memcpy(dest, src, count); }
#endif
    c10::DataPtr allocate(size_t n) FGLENS_ALLOCATE_CONST override
    {
        if (n < kMinCached) {
            void* p = c10::alloc_cpu(n);
            return {p, p, &c10::free_cpu, c10::Device(c10::DeviceType::CPU)};
        }
        void* p = const_cast<CachingCpuAllocator*>(this)->take(n);
        return {p, p, &release, c10::Device(c10::DeviceType::CPU)};
    }
    c10::DeleterFnPtr raw_deleter() const override { return &release; }

    void setBudget(size_t bytes)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        budget_ = bytes;
        trimTo(budget_);
    }
    void releaseAll()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        trimTo(0);
    }
    CpuCacheStats stats()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return stats_;
    }

private:
    CachingCpuAllocator() = default;

    void* take(size_t n)
    {
        const size_t size = roundUp(n);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = free_.find(size);
            if (it != free_.end() && !it->second.empty()) {
                void* p = it->second.back();
                it->second.pop_back();
                stats_.cachedBytes -= size;
                ++stats_.hits;
                live_[p] = size;
                return p;
            }
            ++stats_.misses;
        }
        void* p = c10::alloc_cpu(size);
        std::lock_guard<std::mutex> lock(mutex_);
        live_[p] = size;
        return p;
    }

    static void release(void* p)
    {
        if (p)
            instance().give(p);
    }

    void give(void* p)
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = live_.find(p);
            if (it != live_.end()) {
                const size_t size = it->second;
                live_.erase(it);
                if (stats_.cachedBytes + size <= budget_) {
                    free_[size].push_back(p);
                    stats_.cachedBytes += size;
                    return;
                }
            }
        }
        c10::free_cpu(p);
    }

    // Caller holds mutex_.
    void trimTo(size_t bytes)
    {
        for (auto& [size, list] : free_) {
            while (stats_.cachedBytes > bytes && !list.empty()) {
                c10::free_cpu(list.back());
                list.pop_back();
                stats_.cachedBytes -= size;
            }
        }
    }

    std::mutex mutex_;
    std::unordered_map<size_t, std::vector<void*>> free_;
    std::unordered_map<void*, size_t> live_;
    size_t budget_ = defaultBudget();
    CpuCacheStats stats_;
};

} // namespace

void installCachingCpuAllocator(size_t budgetBytes)
{
    // FGLENS_CPU_CACHE_MB=0 keeps LibTorch's allocator (for A/B timing).
    if (const char* env = std::getenv("FGLENS_CPU_CACHE_MB"); env && *env) {
        const long mb = std::atol(env);
        if (mb <= 0)
            return;
        budgetBytes = size_t(mb) << 20;
    }
    auto& a = CachingCpuAllocator::instance();
    if (budgetBytes)
        a.setBudget(budgetBytes);
    // Priority above LibTorch's default registration (0) so ours stays.
    c10::SetCPUAllocator(&a, 1);
}

void releaseCachedCpuMemory()
{
    CachingCpuAllocator::instance().releaseAll();
}

CpuCacheStats cpuCacheStats()
{
    return CachingCpuAllocator::instance().stats();
}

} // namespace fglens

// The caching CPU allocator: reuse of large blocks, the byte budget, release,
// and small blocks left to LibTorch's own allocation.
#include "testsupport.h"

#include "common/cpu_allocator.h"

#include <torch/torch.h>

using namespace fglens;

class TestCpuAllocator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("FGLENS_CPU_CACHE_MB", "");
        installCachingCpuAllocator(size_t(8) << 20);
        releaseCachedCpuMemory();
    }

    void largeBlocksAreReused()
    {
        const auto before = cpuCacheStats();
        const void* first = nullptr;
        {
            auto t = torch::empty({1 << 20});   // 4 MiB
            first = t.data_ptr();
        }
        QCOMPARE(cpuCacheStats().cachedBytes, size_t(4) << 20);
        auto again = torch::ones({1 << 20});
        QCOMPARE(static_cast<const void*>(again.data_ptr()), first);
        QCOMPARE(cpuCacheStats().hits, before.hits + 1);
        QCOMPARE(cpuCacheStats().cachedBytes, size_t(0));
        QCOMPARE(again.sum().item<double>(), double(1 << 20));   // a reused block holds what was written
    }

    void budgetBoundsTheCache()
    {
        releaseCachedCpuMemory();
        {
            std::vector<torch::Tensor> held;
            for (int i = 0; i < 3; ++i)
                held.push_back(torch::empty({1 << 20}));
        }
        QCOMPARE(cpuCacheStats().cachedBytes, size_t(8) << 20);   // the third went back to the system
        releaseCachedCpuMemory();
        QCOMPARE(cpuCacheStats().cachedBytes, size_t(0));
    }

    void smallBlocksBypassTheCache()
    {
        const auto before = cpuCacheStats();
        for (int i = 0; i < 100; ++i)
            torch::randn({64, 64}).sum();
        QCOMPARE(cpuCacheStats().hits + cpuCacheStats().misses, before.hits + before.misses);
        QCOMPARE(cpuCacheStats().cachedBytes, before.cachedBytes);
    }
};

QTEST_APPLESS_MAIN(TestCpuAllocator)
#include "test_cpu_allocator.moc"

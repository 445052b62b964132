// floatRows: gathering float16 cache rows widened to float32 must equal
// index_select(...).to(float32) bit for bit, whatever the row length (the
// vector loop's tail) and for special values; bad indices are an error.
#include "testsupport.h"

#include "common/error.h"
#include "common/float_rows.h"

#include <torch/torch.h>

#include <limits>

using namespace fglens;

namespace {

bool bitEqual(const torch::Tensor& a, const torch::Tensor& b)
{
    return a.sizes() == b.sizes() && a.scalar_type() == b.scalar_type() &&
           std::memcmp(a.data_ptr(), b.data_ptr(), static_cast<size_t>(a.nbytes())) == 0;
}

} // namespace

class TestFloatRows : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesIndexSelectForEveryTail()
    {
        torch::manual_seed(3);
        for (int64_t d : {1, 7, 8, 9, 15, 16, 17, 512, 515}) {
            auto x = (torch::randn({40, d}) * 100).to(torch::kFloat16);
            auto rows = torch::randint(0, 40, {75}, torch::kInt64);
            auto got = floatRows(x, rows);
            QVERIFY(got.is_contiguous());
            QVERIFY2(bitEqual(got, x.index_select(0, rows).to(torch::kFloat32)), qPrintable(QString::number(d)));
        }
    }

    void specialValues()
    {
        const float inf = std::numeric_limits<float>::infinity();
        // Subnormal, largest finite, signed zero, infinities and NaN widen exactly.
        auto x = torch::tensor({6e-8f, -6e-8f, 65504.0f, -0.0f, 0.0f, inf, -inf, std::nanf(""), 1.0f / 3, -2.5f,
                                1e-5f, 3.0f, 7.0f, 9.0f, -11.0f, 13.0f, 0.1f})
                     .to(torch::kFloat16)
                     .view({1, 17});
        auto rows = torch::tensor({0, 0}, torch::kInt64);
        QVERIFY(bitEqual(floatRows(x, rows), x.index_select(0, rows).to(torch::kFloat32)));
    }

    void otherTypesAndViews()
    {
        auto x = torch::randn({6, 10});
        auto rows = torch::tensor({5, 0, 5}, torch::kInt64);
        QVERIFY(bitEqual(floatRows(x, rows), x.index_select(0, rows)));
        // A non-contiguous float16 view and int32 indices.
        auto h = torch::randn({10, 6}).to(torch::kFloat16).t();
        auto r32 = torch::tensor({1, 4}, torch::kInt32);
        QVERIFY(bitEqual(floatRows(h, r32), h.index_select(0, r32.to(torch::kInt64)).to(torch::kFloat32).contiguous()));
        QCOMPARE(floatRows(h, torch::empty({0}, torch::kInt64)).sizes().vec(), (std::vector<int64_t>{0, 10}));
    }

    void outOfRangeIsAnError()
    {
        auto x = torch::zeros({4, 8}, torch::kFloat16);
        QVERIFY_THROWS_EXCEPTION(Error, floatRows(x, torch::tensor({0, 4}, torch::kInt64)));
        QVERIFY_THROWS_EXCEPTION(Error, floatRows(x, torch::tensor({-1}, torch::kInt64)));
    }
};

QTEST_APPLESS_MAIN(TestFloatRows)
#include "test_float_rows.moc"

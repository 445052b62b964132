// The statistics of core/analysis against SciPy on the same data: Wilcoxon
// signed-rank and exact binomial (McNemar) p-values, mean ranks, and the
// bootstrap intervals against a plain-Python re-implementation of the
// documented generator (stats_reference.py). No python3 with SciPy: FAIL.
#include "testsupport.h"

#include "analysis/bootstrap.h"
#include "analysis/paired_tests.h"
#include "analysis/run_comparison.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <random>

using namespace fglens::analysis;
using nlohmann::json;

namespace {

const char* const kPython = "/usr/bin/python3";

QString referenceScript()
{
    return QStringLiteral(FGLENS_TESTS_DIR "/core/stats_reference.py");
}

// Runs stats_reference.py on `request`; an empty object when it failed (the caller QFAILs).
json reference(const json& request, QString* error)
{
    QProcess py;
    py.start(QString::fromUtf8(kPython), {referenceScript()});
    if (!py.waitForStarted(30000)) {
        *error = QStringLiteral("cannot start %1").arg(kPython);
        return {};
    }
    py.write(QByteArray::fromStdString(request.dump()));
    py.closeWriteChannel();
    py.waitForFinished(600000);
    if (py.exitStatus() != QProcess::NormalExit || py.exitCode() != 0) {
        *error = QString::fromUtf8(py.readAllStandardError());
        return {};
    }
    return json::parse(py.readAllStandardOutput().toStdString());
}

bool close(double got, double want, double rel)
{
    if (got == want)
        return true;
    return std::fabs(got - want) <= rel * std::fabs(want);
}

#define COMPARE_REL(got, want, rel)                                                                      \
    QVERIFY2(close((got), (want), (rel)),                                                                \
             qPrintable(QStringLiteral("%1 = %2, reference %3").arg(#got).arg((got), 0, 'g', 17).arg((want), 0, 'g', 17)))

struct PairedCase {
    std::vector<int> a, b;
    bool bootstrap = true;
};

// Ranks 1..maxRank; B equals A where `keep` says so (zero differences) and
// leans better or worse by `lean`.
PairedCase makeCase(uint64_t seed, size_t n, int maxRank, double keep, int lean, bool bootstrap = true)
{
    std::mt19937_64 g(seed);
    auto rank = [&](int hi) { return 1 + static_cast<int>(g() % static_cast<uint64_t>(hi)); };
    PairedCase c;
    c.bootstrap = bootstrap;
    for (size_t i = 0; i < n; ++i) {
        const int a = rank(maxRank);
        int b = a;
        if (static_cast<double>(g() % 1000) / 1000.0 >= keep)
            b = std::clamp(rank(maxRank) + lean, 1, maxRank);
        c.a.push_back(a);
        c.b.push_back(b);
    }
    return c;
}

} // namespace

class TestStatistics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mt19937IsTheStandardOne()
    {
        // The C++ standard's check value; the Python generator must agree (below).
        std::mt19937_64 g;
        g.discard(9999);
        QCOMPARE(g(), uint64_t(9981545732273789042ULL));
    }

    void pairedStatisticsMatchScipy()
    {
        std::vector<PairedCase> cases = {
            makeCase(1, 300, 11, 0.3, -2),          // random ranks, B better
            makeCase(2, 257, 11, 0.0, 0),           // no systematic difference
            makeCase(3, 400, 3, 0.6, 1),            // tie-heavy: ranks 1..3, most differences zero
            makeCase(4, 120, 2, 0.5, 0),            // Transparency-like: ranks 1..2
            makeCase(5, 12, 8, 0.2, -3),            // small
            makeCase(6, 1, 11, 0.0, 0),             // one object
            makeCase(7, 50000, 11, 0.2, -1, false), // large: p underflows to 0 (SciPy's erfc flushes)
            makeCase(8, 3000, 11, 0.2, -1, false),  // p far in the tail but a normal double
        };
        // Every difference the same size: one tie group holds all ranks.
        PairedCase same;
        for (int i = 0; i < 40; ++i) {
            same.a.push_back(2);
            same.b.push_back(i % 3 == 0 ? 1 : 3);
        }
        cases.push_back(same);
        BootstrapOptions o;
        o.resamples = 400;   // the pure-Python reference draws slowly; the algorithm is the same
        o.seed = 97;
        json request;
        request["paired"] = json::array();
        for (const auto& c : cases)
            request["paired"].push_back(
                {{"a", c.a}, {"b", c.b}, {"seed", o.seed}, {"resamples", o.resamples}, {"level", o.level},
                 {"bootstrap", c.bootstrap}});
        QString error;
        const json ref = reference(request, &error);
        QVERIFY2(!ref.is_null(), qPrintable("python3 with SciPy is required: " + error));
        QCOMPARE(QString::fromStdString(ref["mt_10000th"].get<std::string>()), QStringLiteral("9981545732273789042"));
        for (size_t i = 0; i < cases.size(); ++i) {
            const auto& c = cases[i];
            const json& r = ref["paired"][i];
            qInfo("case %zu: %zu objects, SciPy's Wilcoxon p %g", i, c.a.size(), r.value("wilcoxon_p", -1.0));
            const PairedComparison p = comparePaired(c.a, c.b, o);
            QCOMPARE(p.objects, int64_t(c.a.size()));
            QCOMPARE(p.meanRankA, r["mean_a"].get<double>());   // exact: integer sums, one division
            QCOMPARE(p.meanRankB, r["mean_b"].get<double>());
            QCOMPARE(p.diff, r["diff"].get<double>());
            QCOMPARE(p.top1OnlyA, r["only_a"].get<int64_t>());
            QCOMPARE(p.top1OnlyB, r["only_b"].get<int64_t>());
            if (r.contains("wilcoxon_p")) {
                QCOMPARE(p.wilcoxon.statistic, r["wilcoxon_statistic"].get<double>());
                COMPARE_REL(p.wilcoxon.p, r["wilcoxon_p"].get<double>(), 1e-12);
            } else {
                QCOMPARE(p.wilcoxon.nonZero, int64_t(0));
                QCOMPARE(p.wilcoxon.p, 1.0);
            }
            if (r.contains("mcnemar_p"))
                COMPARE_REL(p.mcnemarP, r["mcnemar_p"].get<double>(), 1e-12);
            else
                QCOMPARE(p.mcnemarP, 1.0);
            if (c.bootstrap) {
                // Same draws, same integer sums, NumPy's lerp: equal to the last bit.
                COMPARE_REL(p.diffCi.lo, r["diff_ci"][0].get<double>(), 0.0);
                COMPARE_REL(p.diffCi.hi, r["diff_ci"][1].get<double>(), 0.0);
                const Interval mb = bootstrapMeanInterval(c.b, o);
                COMPARE_REL(mb.lo, r["mean_b_ci"][0].get<double>(), 0.0);
                COMPARE_REL(mb.hi, r["mean_b_ci"][1].get<double>(), 0.0);
            }
        }
        // The cases must exercise what they claim to.
        QVERIFY(ref["paired"][0]["wilcoxon_p"].get<double>() < 1e-3);
        QCOMPARE(ref["paired"][6]["wilcoxon_p"].get<double>(), 0.0);
        QVERIFY(ref["paired"][7]["wilcoxon_p"].get<double>() < 1e-20);
        QVERIFY(ref["paired"][1]["wilcoxon_p"].get<double>() > 1e-3);   // no systematic difference
        QVERIFY(ref["paired"][0]["mcnemar_p"].get<double>() < 1e-3);
    }

    void binomialTestMatchesScipy()
    {
        std::vector<std::pair<int64_t, int64_t>> cases;
        for (int64_t n = 1; n <= 40; ++n)
            for (int64_t k = 0; k <= n; ++k)
                cases.push_back({k, n});
        for (int64_t n : {97, 1000, 4099, 100000})
            for (int64_t k : {int64_t(0), int64_t(1), int64_t(7), n / 3, n / 2 - 40, n / 2 - 1, n / 2, n / 2 + 1,
                              n - 25, n})
                if (k >= 0 && k <= n)
                    cases.push_back({k, n});
        cases.push_back({600, 3000});   // p ~ 1e-260: far in the tail, still a normal double
        json request;
        request["binomial"] = json::array();
        for (const auto& [k, n] : cases)
            request["binomial"].push_back({k, n});
        QString error;
        const json ref = reference(request, &error);
        QVERIFY2(!ref.is_null(), qPrintable("python3 with SciPy is required: " + error));
        for (size_t i = 0; i < cases.size(); ++i) {
            const auto [k, n] = cases[i];
            const double want = ref["binomial"][i].get<double>();
            const double got = binomialTwoSidedHalf(k, n);
            if (want < 1e-300) {
                // Below the normal range both are 0 or denormal: nothing to compare relatively.
                QVERIFY2(got < 1e-300, qPrintable(QStringLiteral("k=%1 n=%2: %3").arg(k).arg(n).arg(got)));
                continue;
            }
            QVERIFY2(close(got, want, 1e-12), qPrintable(QStringLiteral("binomtest(%1, %2): %3, SciPy %4")
                                                             .arg(k)
                                                             .arg(n)
                                                             .arg(got, 0, 'g', 17)
                                                             .arg(want, 0, 'g', 17)));
        }
        QCOMPARE(binomialTwoSidedHalf(0, 0), 1.0);   // no discordant pairs
        QCOMPARE(mcnemarExact(0, 0), 1.0);
    }

    void allDifferencesZero()
    {
        // SciPy raises here; FG-Lens reports p = 1 (documented).
        const auto w = wilcoxonSignedRank({0.0, 0.0, 0.0});
        QCOMPARE(w.nonZero, int64_t(0));
        QCOMPARE(w.p, 1.0);
        const auto c = comparePaired({1, 2, 3}, {1, 2, 3});
        QCOMPARE(c.diff, 0.0);
        QCOMPARE(c.diffCi.lo, 0.0);
        QCOMPARE(c.diffCi.hi, 0.0);
        QCOMPARE(c.mcnemarP, 1.0);
    }

    void bootstrapIsReproducibleAndSeeded()
    {
        std::vector<int> v;
        for (int i = 0; i < 500; ++i)
            v.push_back(1 + (i * 7919) % 11);
        const auto a = bootstrapMeans(v), b = bootstrapMeans(v);
        QCOMPARE(a.size(), size_t(2000));   // the default
        QVERIFY(a == b);
        BootstrapOptions other;
        other.seed = 1;
        QVERIFY(bootstrapMeans(v, other) != a);
        const Interval ci = bootstrapMeanInterval(v);
        double mean = 0;
        for (int x : v)
            mean += x;
        mean /= static_cast<double>(v.size());
        QVERIFY(ci.lo < mean && mean < ci.hi);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapMeanInterval({}));
    }

    void linearQuantileIsNumpys()
    {
        const std::vector<double> s = {1.0, 2.0, 4.0, 8.0};
        QCOMPARE(linearQuantile(s, 0.0), 1.0);
        QCOMPARE(linearQuantile(s, 1.0), 8.0);
        QCOMPARE(linearQuantile(s, 0.5), 3.0);        // index 1.5
        QCOMPARE(linearQuantile(s, 0.25), 1.75);      // index 0.75, counted back from 2
        QCOMPARE(linearQuantile({5.0}, 0.975), 5.0);
    }

    void samplerIsUnbiasedOnSmallRanges()
    {
        IndexSampler s(3);
        std::vector<int> counts(3, 0);
        for (int i = 0; i < 30000; ++i)
            ++counts[s.below(3)];
        for (int c : counts)
            QVERIFY(c > 9500 && c < 10500);
        QCOMPARE(IndexSampler(3).below(1), uint32_t(0));
    }
};

QTEST_APPLESS_MAIN(TestStatistics)
#include "test_statistics.moc"

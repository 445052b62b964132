// Rank and retrieval metrics on hand-checked cases, and the FG-OVD evaluation
// against a direct per-object computation.
#include "testsupport.h"

#include "common/error.h"
#include "data/fgclip_cache.h"
#include "eval/fgovd_eval.h"
#include "eval/ranks.h"
#include "eval/retrieval.h"

#include <torch/torch.h>

using namespace fglens;

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ranksCountTiesAgainstThePositive()
    {
        const float a[] = {0.5f, 0.1f, 0.2f};
        QCOMPARE(positiveRank(a, 3), 1);
        const float b[] = {0.5f, 0.5f, 0.7f, 0.1f};
        QCOMPARE(positiveRank(b, 4), 3);
        QCOMPARE(positiveRank(b, 2), 2);
    }

    void medianIsTheUpperMedian()
    {
        const auto s = summarizeRanks({1, 2, 3, 4});
        QCOMPARE(s.meanRank, 2.5);
        QCOMPARE(s.medianRank, 3.0);
        QCOMPARE(summarizeRanks({5, 1, 3}).medianRank, 3.0);
        QCOMPARE(summarizeRanks({}).objects, int64_t(0));
    }

    void retrievalRecall()
    {
        // 2 images x 2 captions each. Image 0's best caption ranks 1st (0-based 0);
        // image 1's best own caption has two captions above it.
        auto s = torch::tensor({0.9f, 0.1f, 0.2f, 0.3f,
                                0.8f, 0.7f, 0.6f, 0.2f}).view({2, 4});
        const auto r = retrievalFromScores(s, blockCaptionImages(2, 2));
        QCOMPARE(r.i2t.r1, 50.0);
        QCOMPARE(r.i2t.r5, 100.0);
        // t2i: c0 -> img0 (0.9 > 0.8) rank 0; c1 -> img0 (0.1 < 0.7) rank 1;
        // c2 -> img1 (0.6 > 0.2) rank 0; c3 -> img1 (0.2 < 0.3) rank 1.
        QCOMPARE(r.t2i.r1, 50.0);
        QCOMPARE(r.t2i.r5, 100.0);
        QCOMPARE(r.rsum(), 500.0);
    }

    void columnNormQuirkDiffersFromCosine()
    {
        torch::manual_seed(4);
        auto im = torch::randn({20, 16}) + 2.0, tx = torch::randn({100, 16}) + 2.0;
        auto head = makeHead(HeadKind::Cosine);
        const auto cap = blockCaptionImages(20, 5);
        const auto correct = evaluateRetrieval(*head, im, tx, cap);
        RetrievalOptions q;
        q.referenceColumnNorm = true;
        const auto quirk = evaluateRetrieval(*head, im, tx, cap, q);
        auto direct = torch::nn::functional::normalize(im, torch::nn::functional::NormalizeFuncOptions().dim(1));
        auto directT = torch::nn::functional::normalize(tx, torch::nn::functional::NormalizeFuncOptions().dim(1));
        const auto byHand = retrievalFromScores(torch::mm(direct, directT.t()), cap);
        QCOMPARE(correct.rsum(), byHand.rsum());
        // Quirk 2 by hand: each feature column divided by its norm over all
        // items, plain dot products (NumPy reference values: test_reference_values).
        const auto colIm = im / im.pow(2).sum(0, true).sqrt(), colTx = tx / tx.pow(2).sum(0, true).sqrt();
        const auto quirkByHand = retrievalFromScores(torch::mm(colIm, colTx.t()), cap);
        QCOMPARE(quirk.i2t.r1, quirkByHand.i2t.r1);
        QCOMPARE(quirk.t2i.r1, quirkByHand.t2i.r1);
        QCOMPARE(quirk.rsum(), quirkByHand.rsum());
        QVERIFY(quirk.rsum() != correct.rsum());   // the data is chosen so that the quirk matters
        QVERIFY_THROWS_EXCEPTION(Error, evaluateRetrieval(*makeHead(HeadKind::Linear), im, tx, cap, q));
    }

    void fgovdEvaluationMatchesDirectLoop()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        const auto c = loadFgclipCache(test::fixtureStd("fgclip-cache/pattern.pt"));
        auto head = makeHead(HeadKind::Cosine);
        FgEvalOptions opt;
        opt.negatives = 7;
        opt.batch = 100;   // several batches
        const auto r = evaluateFgovd(*head, c.benchmark, c.objectFeatures, c.captionFeatures, opt);
        QCOMPARE(r.summary.objects, int64_t(467));
        QCOMPARE(r.perNegatives.size(), size_t(7));
        // Direct computation, one object at a time, for n = 3.
        std::vector<int> ranks;
        for (const auto& o : c.benchmark.objects) {
            if (o.negativeIndices.size() < 3)
                continue;
            auto v = c.objectFeatures[&o - &c.benchmark.objects[0]].to(torch::kFloat32);
            std::vector<float> s;
            for (int j = 0; j <= 3; ++j) {
                auto t = c.captionFeatures[j == 0 ? o.positiveIndex : o.negativeIndices[j - 1]].to(torch::kFloat32);
                s.push_back(torch::sigmoid(torch::cosine_similarity(v, t, 0)).item<float>());
            }
            ranks.push_back(positiveRank(s.data(), 4));
        }
        const auto direct = summarizeRanks(ranks);
        QCOMPARE(r.perNegatives.at(3).objects, direct.objects);
        QVERIFY(std::abs(r.perNegatives.at(3).meanRank - direct.meanRank) < 1e-12);
        QCOMPARE(r.perNegatives.at(3).medianRank, direct.medianRank);
        // Reference quirk 3: fp16 scores make ties; NumPy's rank sums over the
        // 467 objects at N = 7 (tests/core/quirks_reference.py): 2156 in fp32, 2167 in fp16.
        QCOMPARE(std::llround(r.summary.meanRank * 467), 2156LL);
        opt.fp16Scores = true;
        const auto q = evaluateFgovd(*head, c.benchmark, c.objectFeatures, c.captionFeatures, opt);
        QCOMPARE(std::llround(q.summary.meanRank * 467), 2167LL);
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"

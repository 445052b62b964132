// Golden-data tests for the six similarity heads against the reference
// (FG-CLIP src/model.py) fixtures, and the attention head's factorised path
// against the plain per-pair MultiheadAttention.
#include "testsupport.h"

#include "common/error.h"
#include "data/npy.h"
#include "data/state_dict.h"
#include "eval/ranks.h"
#include "heads/attention_head.h"
#include "heads/head.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace fglens;

namespace {

constexpr double kScoreTol = 1e-5;

torch::Tensor npy(const QString& rel)
{
    return loadNpyTensor(test::fixtureStd(rel)).to(torch::kFloat32);
}

nlohmann::json expected()
{
    std::ifstream in(test::fixtureStd("heads/expected.json"));
    return nlohmann::json::parse(in);
}

SimilarityHead fixtureHead(const std::string& kind)
{
    return loadHead(test::fixtureStd(QString::fromStdString("heads/" + kind + ".pt")), parseHeadKind(kind));
}

double maxAbs(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

std::vector<int> ranksOf(const torch::Tensor& scores)
{
    auto s = scores.contiguous();
    std::vector<int> out;
    for (int64_t i = 0; i < s.size(0); ++i)
        out.push_back(positiveRank(s[i].data_ptr<float>(), static_cast<int>(s.size(1))));
    return out;
}

} // namespace

class TestHeads : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Only the golden-data tests need ../shared; the rest run in a bare checkout.
    void initTestCase() { torch::set_num_threads(2); }

    void fixtureScores_data()
    {
        QTest::addColumn<QString>("kind");
        for (HeadKind k : allHeadKinds())
            QTest::newRow(headKindName(k).c_str()) << QString::fromStdString(headKindName(k));
    }
    void fixtureScores()
    {
        QFETCH(QString, kind);
        FGLENS_REQUIRE_FIXTURE("heads/expected.json");
        torch::NoGradGuard g;
        auto head = fixtureHead(kind.toStdString());
        const auto v = npy("heads/visual.npy"), tp = npy("heads/text_pairs.npy"), tv = npy("heads/text_vocab.npy");
        QVERIFY(maxAbs(head->scoreVocab(v, tv, TextNorm::PerCaption), npy("heads/" + kind + "_vocab_scores.npy")) <= kScoreTol);
        QVERIFY(maxAbs(head->scoreMatrix(v, tp), npy("heads/" + kind + "_simmat.npy")) <= kScoreTol);
        QVERIFY(maxAbs(head->scorePairs(v, tp), npy("heads/" + kind + "_simmat.npy").diagonal()) <= kScoreTol);
        QVERIFY(maxAbs(head->scoreVocab(v, tv, TextNorm::AcrossCaptions),
                       npy("heads/" + kind + "_vocab_scores_reference_train_path.npy")) <= kScoreTol);

        // The indexed path (whole-benchmark evaluation) on shuffled, flattened
        // captions: encoded once, scored in two object batches.
        const int64_t b = tv.size(0), c = tv.size(1);
        torch::manual_seed(2);
        const auto perm = torch::randperm(b * c);
        const auto shuffled = tv.reshape({b * c, -1}).index_select(0, perm);
        const auto vocab = torch::argsort(perm).view({b, c});
        const auto wantVocab = npy("heads/" + kind + "_vocab_scores.npy");
        const auto encoded = head->encodeCaptions(shuffled);
        const int64_t half = b / 2;
        const auto batched = torch::cat({head->scoreEncoded(v.narrow(0, 0, half), encoded, vocab.narrow(0, 0, half)),
                                         head->scoreEncoded(v.narrow(0, half, b - half), encoded, vocab.narrow(0, half, b - half))});
        QVERIFY(maxAbs(batched, wantVocab) <= kScoreTol);
        {
            torch::AutoGradMode withGrad(true);   // the tensor-operator path
            QVERIFY(maxAbs(head->scoreIndexed(v, shuffled, vocab).detach(), wantVocab) <= kScoreTol);
        }

        const auto e = expected()["heads"][kind.toStdString()];
        const auto ranks = ranksOf(head->scoreVocab(v, tv, TextNorm::PerCaption));
        QCOMPARE(ranks, e["ranks"].get<std::vector<int>>());
        QVERIFY(std::abs(summarizeRanks(ranks).meanRank - e["mean_rank"].get<double>()) < 1e-12);
        QCOMPARE(head->parameterCount(), e["params"].get<int64_t>());
    }

    void releasedCheckpoints()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-checkpoints/fg-ovd_linear-mlp.pt");
        FGLENS_REQUIRE_FIXTURE("heads/expected.json");
        torch::NoGradGuard g;
        const auto v = npy("heads/visual.npy"), tv = npy("heads/text_vocab.npy");
        for (const auto& [name, info] : expected()["heads"]["released_checkpoints"].items()) {
            const auto keep = info["keep_embeds"].get<std::vector<bool>>();
            const HeadKind want = keep[0] ? HeadKind::LinearText : keep[1] ? HeadKind::LinearVisual : HeadKind::Linear;
            auto head = loadHead(test::fixtureStd(QString::fromStdString("fgclip-checkpoints/" + info["file"].get<std::string>())));
            QCOMPARE(int(head->kind()), int(want));
            auto s = head->scoreVocab(v, tv, TextNorm::PerCaption);
            QVERIFY2(maxAbs(s, npy(QString::fromStdString("heads/released_" + name + "_vocab_scores.npy"))) <= kScoreTol, name.c_str());
            QCOMPARE(ranksOf(s), info["ranks"].get<std::vector<int>>());
        }
    }

    void attentionFactorisedEqualsPerPair()
    {
        torch::manual_seed(3);
        auto head = std::make_shared<AttentionHeadImpl>(512, 64);
        torch::NoGradGuard g;
        for (double scale : {1.0, 10.0}) {
            const auto v = torch::randn({7, 512}) * scale, t = torch::randn({5, 512}) * scale;
            auto matrix = head->scoreMatrix(v, t);
            auto pv = v.repeat_interleave(5, 0), pt = t.repeat({7, 1});
            auto reference = head->scorePairsReference(pv, pt).view({7, 5});
            QVERIFY(maxAbs(matrix, reference) <= kScoreTol);
            QVERIFY(maxAbs(head->scorePairs(pv, pt), reference.view({-1})) <= kScoreTol);
            auto tv = t.unsqueeze(0).expand({7, 5, 512});
            QVERIFY(maxAbs(head->scoreVocab(v, tv, TextNorm::PerCaption), reference) <= kScoreTol);
        }
    }

    void attentionStablePathOnLargeLogits()
    {
        // Logits beyond exp's fp32 range must take the softmax path and still agree.
        // PyTorch's default init, as the fixture's head: no fixture needed.
        torch::manual_seed(4);
        auto head = std::make_shared<AttentionHeadImpl>(512, 64);
        torch::NoGradGuard g;
        torch::manual_seed(5);
        const auto v = torch::randn({4, 512}) * 400, t = torch::randn({3, 512}) * 400;
        auto reference = head->scorePairsReference(v.repeat_interleave(3, 0), t.repeat({4, 1})).view({4, 3});
        QVERIFY(maxAbs(head->scoreMatrix(v, t), reference) <= kScoreTol);
    }

    void attentionGradientsAgree()
    {
        torch::manual_seed(11);
        auto head = std::make_shared<AttentionHeadImpl>(512, 64);
        const auto v = torch::randn({6, 512}), t = torch::randn({6, 512});
        auto grads = [&](bool reference) {
            head->zero_grad();
            auto s = reference ? head->scorePairsReference(v, t) : head->scorePairs(v, t);
            (s * torch::arange(1, 7, torch::kFloat32)).sum().backward();
            std::vector<torch::Tensor> out;
            for (auto& p : head->parameters())
                out.push_back(p.grad().clone());
            return out;
        };
        const auto a = grads(false), b = grads(true);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(maxAbs(a[i], b[i]) <= 1e-5 * std::max(1.0, b[i].abs().max().item<double>()));
    }

    void stateDictRoundTrip()
    {
        QTemporaryDir dir;
        for (HeadKind k : allHeadKinds()) {
            torch::manual_seed(1);
            auto head = makeHead(k);
            const std::string path = (dir.path() + "/h.pt").toStdString();
            saveStateDict(path, headStateDict(*head));
            auto back = loadHead(path, k);
            const auto a = headStateDict(*head), b = headStateDict(*back);
            QCOMPARE(a.size(), b.size());
            for (size_t i = 0; i < a.size(); ++i) {
                QCOMPARE(a[i].first, b[i].first);
                QVERIFY(torch::equal(a[i].second, b[i].second));
            }
        }
    }

    void wrongShapesAreRejected()
    {
        StateDict d = headStateDict(*makeHead(HeadKind::Linear));
        d[0].second = torch::zeros({512, 256});
        try {
            loadHeadWeights(*makeHead(HeadKind::Linear), d, "bad.pt");
            QFAIL("wrong shape accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("bad.pt"));
            QVERIFY(QString(e.what()).contains("[512, 256]"));
        }
        StateDict missing(d.begin() + 1, d.end());
        QVERIFY_THROWS_EXCEPTION(Error, loadHeadWeights(*makeHead(HeadKind::Linear), missing, "m.pt"));
        // An MLP state dict read as a linear head is refused.
        QTemporaryDir dir;
        const std::string mlp = (dir.path() + "/mlp.pt").toStdString();
        saveStateDict(mlp, headStateDict(*makeHead(HeadKind::Mlp)));
        QVERIFY_THROWS_EXCEPTION(Error, loadHead(mlp, HeadKind::Linear));
    }
};

QTEST_APPLESS_MAIN(TestHeads)
#include "test_heads.moc"

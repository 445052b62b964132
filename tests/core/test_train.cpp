// The training engine: losses against the reference fixtures, a finite-
// difference gradient check, determinism, cancel and resume, NaN handling.
#include "testsupport.h"

#include "common/error.h"
#include "data/npy.h"
#include "heads/head.h"
#include "train/losses.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>

using namespace fglens;

namespace {

torch::Tensor npy(const QString& rel)
{
    return loadNpyTensor(test::fixtureStd(rel)).to(torch::kFloat32);
}

// 120 images with 5 noisy captions each (warm-up) and 120 objects with an
// 11-caption vocabulary whose positive is the closest (fine-tune).
TrainData syntheticData(uint64_t seed)
{
    torch::manual_seed(seed);
    TrainData d;
    auto makePairs = [](int64_t images) {
        PairSet p;
        p.images = torch::randn({images, 512});
        p.captions = p.images.repeat_interleave(5, 0) + 0.8 * torch::randn({images * 5, 512});
        for (int64_t c = 0; c < images * 5; ++c)
            p.captionImage.push_back(c / 5);
        return p;
    };
    auto makeVocab = [](int64_t objects) {
        VocabSet v;
        v.name = "synthetic";
        v.objects = torch::randn({objects, 512});
        v.captions = torch::cat({v.objects + 0.9 * torch::randn({objects, 512}), torch::randn({objects * 10, 512})});
        std::vector<int64_t> voc;
        for (int64_t i = 0; i < objects; ++i) {
            voc.push_back(i);
            for (int j = 0; j < 10; ++j)
                voc.push_back(objects + i * 10 + j);
        }
        v.vocab = torch::tensor(voc).view({objects, 11});
        return v;
    };
    d.trainPairs = makePairs(120);
    d.valPairs = makePairs(30);
    d.trainVocab = makeVocab(120);
    d.valVocab = makeVocab(30);
    d.valBenchmarks.push_back(*d.valVocab);
    return d;
}

TrainConfig smallConfig(HeadKind kind, Stage stage)
{
    TrainConfig c = presetConfig("released", kind, stage);
    c.epochs = 2;
    c.batch = 64;
    c.lr = 1e-3;
    return c;
}

bool sameWeights(const SimilarityHead& a, const SimilarityHead& b)
{
    const auto x = headStateDict(*a), y = headStateDict(*b);
    for (size_t i = 0; i < x.size(); ++i)
        if (!torch::equal(x[i].second, y[i].second))
            return false;
    return x.size() == y.size();
}

} // namespace

class TestTrain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void lossesMatchReference_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* k : {"linear", "linear-visual", "linear-text", "mlp", "attention"})
            QTest::newRow(k) << QString(k);
    }
    void lossesMatchReference()
    {
        FGLENS_REQUIRE_FIXTURE("heads/expected.json");
        QFETCH(QString, kind);
        std::ifstream in(test::fixtureStd("heads/expected.json"));
        const auto e = nlohmann::json::parse(in)["heads"][kind.toStdString()]["losses"];
        auto head = loadHead(test::fixtureStd("heads/" + kind + ".pt"));
        torch::NoGradGuard g;
        const auto v = npy("heads/visual.npy"), tp = npy("heads/text_pairs.npy"), tv = npy("heads/text_vocab.npy");
        for (const auto& [margin, losses] : e.items()) {
            const double m = std::stod(margin);
            auto check = [&](double got, const char* key) {
                const double want = losses[key].get<double>();
                QVERIFY2(std::abs(got - want) <= 1e-4 * std::abs(want), qPrintable(QString("%1 %2 m=%3: %4 vs %5")
                                                                                     .arg(kind, key, margin.c_str())
                                                                                     .arg(got).arg(want)));
            };
            check(cocoTripletLoss(head->scoreMatrix(v, tp), m).item<double>(), "coco_triplet");
            check(fgovdTripletLoss(head->scoreVocab(v, tv, TextNorm::PerCaption), m).item<double>(), "fgovd_triplet");
            check(fgovdTripletLoss(head->scoreVocab(v, tv, TextNorm::AcrossCaptions), m).item<double>(),
                  "fgovd_triplet_reference_train_path");
        }
    }

    void finiteDifferenceGradients_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("linear") << "linear";
        QTest::newRow("mlp") << "mlp";
        QTest::newRow("attention") << "attention";
    }
    void finiteDifferenceGradients()
    {
        FGLENS_REQUIRE_FIXTURE("heads/visual.npy");
        QFETCH(QString, kind);
        auto head = loadHead(test::fixtureStd("heads/" + kind + ".pt"));
        head->to(torch::kFloat64);
        const auto v = npy("heads/visual.npy").to(torch::kFloat64), tv = npy("heads/text_vocab.npy").to(torch::kFloat64);
        const auto tp = npy("heads/text_pairs.npy").to(torch::kFloat64);
        auto loss = [&] {
            return fgovdTripletLoss(head->scoreVocab(v, tv, TextNorm::PerCaption), 0.05) +
                   cocoTripletLoss(head->scoreMatrix(v, tp), 0.2);
        };
        head->zero_grad();
        loss().backward();
        auto param = head->parameters().front();
        const auto grad = param.grad().clone();
        torch::NoGradGuard g;
        const double h = 1e-6;
        for (int64_t k : {int64_t(0), int64_t(7), param.numel() / 2, param.numel() - 1}) {
            auto flat = param.view({-1});
            const double orig = flat[k].item<double>();
            flat[k] = orig + h;
            const double up = loss().item<double>();
            flat[k] = orig - h;
            const double down = loss().item<double>();
            flat[k] = orig;
            const double numeric = (up - down) / (2 * h);
            const double analytic = grad.view({-1})[k].item<double>();
            QVERIFY2(std::abs(numeric - analytic) <= 1e-6 + 1e-4 * std::abs(analytic),
                     qPrintable(QString("%1 vs %2").arg(numeric).arg(analytic)));
        }
    }

    void deterministicAndImproves()
    {
        QTemporaryDir a, b;
        const auto data = syntheticData(1);
        Trainer ta(smallConfig(HeadKind::Linear, Stage::Warmup), data, a.path().toStdString());
        Trainer tb(smallConfig(HeadKind::Linear, Stage::Warmup), data, b.path().toStdString());
        QCOMPARE(int(ta.run({})), int(Trainer::Status::Finished));
        QCOMPARE(int(tb.run({})), int(Trainer::Status::Finished));
        QVERIFY(sameWeights(ta.head(), tb.head()));
        QCOMPARE(ta.history().size(), size_t(2));
        for (size_t i = 0; i < 2; ++i) {
            QCOMPARE(ta.history()[i].trainLoss, tb.history()[i].trainLoss);
            QCOMPARE(ta.history()[i].valLoss, tb.history()[i].valLoss);
            QCOMPARE(ta.history()[i].metrics, tb.history()[i].metrics);
        }
        QVERIFY(ta.history()[1].trainLoss < ta.history()[0].trainLoss);
        QVERIFY(ta.history()[0].metrics.count("i2t_r1"));
        QVERIFY(ta.history()[0].metrics.count("mean_rank/synthetic"));
        QVERIFY(QFileInfo::exists(a.path() + "/best.pt"));
        auto best = loadHead((a.path() + "/best.pt").toStdString(), HeadKind::Linear);
        QVERIFY(best);
    }

    void cancelThenResumeMatchesUninterrupted_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("attention-finetune") << int(HeadKind::Attention);
        QTest::newRow("mlp-finetune") << int(HeadKind::Mlp);
    }
    void cancelThenResumeMatchesUninterrupted()
    {
        QFETCH(int, kind);
        const auto data = syntheticData(2);
        const auto config = smallConfig(HeadKind(kind), Stage::Finetune);
        QTemporaryDir whole, parts;
        Trainer uninterrupted(config, data, whole.path().toStdString());
        uninterrupted.run({});

        JobContext ctx;
        int steps = 0;
        {
            Trainer first(config, data, parts.path().toStdString());
            // Cancel mid-epoch 1 (the epoch has 2 steps); the step in flight completes.
            const auto status = first.run(ctx, {}, [&](const StepReport&) {
                if (++steps == 1)
                    ctx.cancel.cancel();
            });
            QCOMPARE(int(status), int(Trainer::Status::Cancelled));
        }
        ctx.cancel.reset();
        Trainer second(config, data, parts.path().toStdString());
        QVERIFY(second.resumed());
        QCOMPARE(int(second.run(ctx)), int(Trainer::Status::Finished));
        QVERIFY(sameWeights(second.head(), uninterrupted.head()));
        QCOMPARE(second.history().back().valLoss, uninterrupted.history().back().valLoss);
    }

    void nanLossStopsAndKeepsLastGoodCheckpoint()
    {
        auto data = syntheticData(3);
        QTemporaryDir dir;
        auto config = smallConfig(HeadKind::Linear, Stage::Warmup);
        Trainer t(config, data, dir.path().toStdString());
        int epochs = 0;
        try {
            t.run({}, [&](const EpochReport&) {
                // Poison the (shared) training captions after the first epoch.
                if (++epochs == 1)
                    data.trainPairs->captions.fill_(std::nan(""));
            });
            QFAIL("a NaN loss did not stop training");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("diverged"));
            QVERIFY(QString(e.what()).contains("epoch 1"));
        }
        auto last = loadHead((dir.path() + "/last.pt").toStdString(), HeadKind::Linear);
        for (const auto& p : last->parameters())
            QVERIFY(torch::isfinite(p).all().item<bool>());
        // The checkpoint still resumes from the end of epoch 1.
        Trainer again(config, syntheticData(3), dir.path().toStdString());
        QVERIFY(again.resumed());
        QCOMPARE(again.history().size(), size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestTrain)
#include "test_train.moc"

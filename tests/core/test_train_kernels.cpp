// The fused training kernels against the LibTorch operators they replace:
// the COCO warm-up loss of projection heads (value and gradients, including
// a zero feature row) and Adam's update (values, checkpoints, fallbacks).
#include "testsupport.h"

#include "heads/head.h"
#include "train/coco_loss_kernel.h"
#include "train/fused_adam.h"
#include "train/losses.h"

#include <torch/torch.h>

using namespace fglens;
namespace F = torch::nn::functional;

namespace {

// Largest element-wise difference relative to the largest magnitude.
double relDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    const double scale = std::max(b.abs().max().item<double>(), 1e-30);
    return (a - b).abs().max().item<double>() / scale;
}

torch::Tensor referenceLoss(const torch::Tensor& a, const torch::Tensor& b, double margin)
{
    auto s = torch::sigmoid(torch::mm(F::normalize(a, F::NormalizeFuncOptions().dim(1)),
                                      F::normalize(b, F::NormalizeFuncOptions().dim(1)).t()));
    return cocoTripletLoss(s, margin);
}

} // namespace

class TestTrainKernels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void lossAndGradientsMatchOperators_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("margin");
        QTest::newRow("256, margin 0.2 (most hinges open)") << 256 << 0.2;
        QTest::newRow("64, margin 0.01 (few hinges open)") << 64 << 0.01;
        QTest::newRow("3") << 3 << 0.2;
    }
    void lossAndGradientsMatchOperators()
    {
        QFETCH(int, batch);
        QFETCH(double, margin);
        torch::manual_seed(1);
        auto a = torch::randn({batch, 512}), b = torch::randn({batch, 512}) + 0.3 * a;
        a[batch / 2].zero_();   // a clamped norm: F.normalize divides by eps
        auto a1 = a.clone().requires_grad_(), b1 = b.clone().requires_grad_();
        auto a2 = a.clone().requires_grad_(), b2 = b.clone().requires_grad_();
        auto fused = cosineCocoTripletLoss(a1, b1, margin);
        auto ref = referenceLoss(a2, b2, margin);
        QVERIFY(ref.item<double>() > 0);
        QVERIFY2(std::abs(fused.item<double>() - ref.item<double>()) <= 1e-5 * ref.item<double>(),
                 qPrintable(QStringLiteral("fused %1, operators %2").arg(fused.item<double>()).arg(ref.item<double>())));
        (2.5 * fused).backward();
        (2.5 * ref).backward();
        QVERIFY2(relDiff(a1.grad(), a2.grad()) < 1e-5, qPrintable(QString::number(relDiff(a1.grad(), a2.grad()))));
        QVERIFY2(relDiff(b1.grad(), b2.grad()) < 1e-5, qPrintable(QString::number(relDiff(b1.grad(), b2.grad()))));
        QVERIFY(a1.grad()[batch / 2].abs().sum().item<double>() > 0);
    }

    // The trainer stops on a non-finite loss; the fused kernel must not hide one.
    void nanFeaturesGiveNanLoss()
    {
        torch::manual_seed(5);
        auto a = torch::randn({16, 512}), b = torch::randn({16, 512});
        b[3][7] = std::nan("");
        QVERIFY(std::isnan(referenceLoss(a, b, 0.2).item<double>()));
        QVERIFY(std::isnan(cosineCocoTripletLoss(a, b, 0.2).item<double>()));
    }

    void warmupLossOfEveryTrainableHead_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* k : {"linear", "linear-visual", "linear-text", "mlp", "attention"})
            QTest::newRow(k) << k;
    }
    void warmupLossOfEveryTrainableHead()
    {
        QFETCH(QString, kind);
        torch::manual_seed(2);
        auto h1 = makeHead(*parseHeadKind(kind.toStdString())), h2 = makeHead(*parseHeadKind(kind.toStdString()));
        {
            torch::NoGradGuard g;
            for (size_t i = 0; i < h1->parameters().size(); ++i)
                h2->parameters()[i].copy_(h1->parameters()[i]);
        }
        const auto v = torch::randn({32, 512}), t = torch::randn({32, 512});
        auto fused = warmupLoss(*h1, v, t, 0.2);
        auto ref = cocoTripletLoss(h2->scoreMatrix(v, t), 0.2);
        QVERIFY(std::abs(fused.item<double>() - ref.item<double>()) <= 1e-5 * ref.item<double>());
        fused.backward();
        ref.backward();
        QVERIFY(!h1->parameters().empty());
        for (size_t i = 0; i < h1->parameters().size(); ++i)
            QVERIFY2(relDiff(h1->parameters()[i].grad(), h2->parameters()[i].grad()) < 1e-5,
                     qPrintable(QStringLiteral("parameter %1").arg(i)));
    }

    void fusedAdamMatchesAdam_data()
    {
        QTest::addColumn<double>("weightDecay");
        QTest::newRow("fused") << 0.0;
        QTest::newRow("weight decay: Adam's own step") << 0.01;
    }
    void fusedAdamMatchesAdam()
    {
        QFETCH(double, weightDecay);
        torch::manual_seed(3);
        std::vector<torch::Tensor> p1{torch::randn({512, 512}), torch::randn({512}), torch::randn({7, 3})};
        std::vector<torch::Tensor> p2;
        for (auto& p : p1) {
            p.requires_grad_();
            p2.push_back(p.detach().clone().requires_grad_());
        }
        const auto initial = p1[0].detach().clone();
        const auto opts = torch::optim::AdamOptions(1e-3).weight_decay(weightDecay);
        FusedAdam fused(p1, opts);
        torch::optim::Adam adam(p2, opts);
        for (int step = 0; step < 5; ++step) {
            for (size_t i = 0; i < p1.size(); ++i) {
                auto g = torch::randn(p1[i].sizes()) * (step + 1);
                p1[i].mutable_grad() = g.clone();
                p2[i].mutable_grad() = g.clone();
            }
            fused.step();
            adam.step();
        }
        for (size_t i = 0; i < p1.size(); ++i)
            QVERIFY2(relDiff(p1[i], p2[i]) < 1e-6, qPrintable(QString::number(relDiff(p1[i], p2[i]))));
        // The parameters moved: an optimiser that did nothing would pass the check above.
        QVERIFY(relDiff(p1[0], initial) > 1e-4);
    }

    // A checkpoint written by the fused optimiser continues under Adam (and
    // back) exactly as if nothing had changed.
    void checkpointsInterchangeWithAdam()
    {
        torch::manual_seed(4);
        auto w = torch::randn({64, 64}).requires_grad_();
        auto w2 = w.detach().clone().requires_grad_();
        FusedAdam fused({w}, torch::optim::AdamOptions(1e-2));
        for (int i = 0; i < 3; ++i) {
            w.mutable_grad() = torch::randn({64, 64});
            fused.step();
        }
        std::stringstream buf;
        {
            torch::serialize::OutputArchive out;
            fused.save(out);
            out.save_to(buf);
        }
        {
            torch::NoGradGuard g;
            w2.copy_(w);
        }
        torch::optim::Adam adam({w2}, torch::optim::AdamOptions(1e-2));
        torch::serialize::InputArchive in;
        in.load_from(buf);
        adam.load(in);
        const auto g = torch::randn({64, 64});
        w.mutable_grad() = g.clone();
        w2.mutable_grad() = g.clone();
        fused.step();
        adam.step();
        QVERIFY(relDiff(w, w2) < 1e-6);
        const auto& st = static_cast<torch::optim::AdamParamState&>(
            *adam.state().at(c10::guts::to_string(w2.unsafeGetTensorImpl())));
        QCOMPARE(st.step(), int64_t(4));
    }
};

QTEST_APPLESS_MAIN(TestTrainKernels)
#include "test_train_kernels.moc"

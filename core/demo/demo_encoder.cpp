#include "demo/demo_encoder.h"

#include "data/image_source.h"
#include "demo/descriptor.h"
#include "demo/renderer.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <thread>

namespace fglens::demo {

namespace {

// The encoder is one fixed model: its constants do not depend on any project seed.
constexpr uint64_t kModelSeed = 0x0f91e25d3e40c0deULL;
constexpr int kCalibrationScenes = 320;

// Text side.
constexpr float kCategoryWord = 1.0f;
constexpr float kAttributeWord = 0.45f;
constexpr float kOtherWord = 0.06f;
constexpr float kCaptionJitter = 0.12f;
// Image side.
constexpr float kCategoryPart = 1.0f;
constexpr std::array<float, kAttrCount> kAlignedPart = {0.12f, 0.08f, 0.08f, 0.08f};
constexpr float kMixedPart = 0.5f;
constexpr float kNuisancePart = 0.25f;

std::vector<float> gaussianUnit(uint64_t seed, int n)
{
    Rng r(seed);
    std::vector<float> v(static_cast<size_t>(n));
    double norm = 0;
    for (float& x : v) {
        x = static_cast<float>(r.normal());
        norm += static_cast<double>(x) * x;
    }
    const float k = static_cast<float>(1.0 / std::sqrt(std::max(norm, 1e-12)));
    for (float& x : v)
        x *= k;
    return v;
}

void addScaled(std::vector<float>& dst, const std::vector<float>& src, float k)
{
    for (size_t i = 0; i < dst.size(); ++i)
        dst[i] += k * src[i];
}

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text) {
        if (std::isalpha(static_cast<unsigned char>(ch))) {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

struct Sample {
    std::vector<float> descriptor;
    std::array<int, 1 + kAttrCount> labels{};
};

std::vector<Sample> calibrationSamples(int threads)
{
    std::vector<std::vector<Sample>> perScene(kCalibrationScenes);
    auto work = [&perScene](int first, int step) {
        for (int i = first; i < kCalibrationScenes; i += step) {
            Rng r(mixSeed(kModelSeed, static_cast<uint64_t>(i)));
            std::vector<ObjectSpec> specs(static_cast<size_t>(1 + r.below(3)));
            for (auto& s : specs)
                s = randomSpec(r);
            const Scene scene = renderScene(specs, r.next());
            for (const auto& o : scene.objects) {
                const cv::Mat crop = cropRgb(scene.rgb, referenceCropBox(o.bbox, scene.rgb.cols, scene.rgb.rows));
                Sample s;
                s.descriptor = describe(segment(crop));
                s.labels[0] = o.spec.category;
                for (int a = 0; a < kAttrCount; ++a)
                    s.labels[static_cast<size_t>(a + 1)] = o.spec.attr[static_cast<size_t>(a)];
                perScene[static_cast<size_t>(i)].push_back(std::move(s));
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work, t, threads);
    work(0, threads);
    for (auto& t : pool)
        t.join();
    std::vector<Sample> all;
    for (auto& v : perScene)
        for (auto& s : v)
            all.push_back(std::move(s));
    return all;
}

std::vector<int> range(int from, int to)
{
    std::vector<int> r;
    for (int i = from; i < to; ++i)
        r.push_back(i);
    return r;
}

// Multinomial logistic regression by full-batch gradient descent with
// momentum and a little L2; deterministic and quick at this size.
template <class Det>
void fitSoftmaxImpl(Det& det, const std::vector<int>& dims, int classes, const std::vector<Sample>& samples,
                    size_t group)
{
    const int n = static_cast<int>(samples.size()), nd = static_cast<int>(dims.size());
    cv::Mat x(n, nd + 1, CV_32F), y = cv::Mat::zeros(n, classes, CV_32F);
    for (int i = 0; i < n; ++i) {
        const auto& s = samples[static_cast<size_t>(i)];
        for (int k = 0; k < nd; ++k)
            x.at<float>(i, k) = s.descriptor[static_cast<size_t>(dims[static_cast<size_t>(k)])];
        x.at<float>(i, nd) = 1.0f;
        y.at<float>(i, s.labels[group]) = 1.0f;
    }
    cv::Mat w = cv::Mat::zeros(nd + 1, classes, CV_32F), velocity = w.clone(), logits, grad;
    const float lr = 0.5f, momentum = 0.9f, l2 = 2e-3f;
    for (int it = 0; it < 400; ++it) {
        cv::gemm(x, w, 1.0, cv::noArray(), 0.0, logits);
        for (int i = 0; i < n; ++i) {
            float* row = logits.ptr<float>(i);
            const float top = *std::max_element(row, row + classes);
            float sum = 0;
            for (int c = 0; c < classes; ++c)
                sum += (row[c] = std::exp(row[c] - top));
            for (int c = 0; c < classes; ++c)
                row[c] /= sum;
        }
        cv::gemm(x, logits - y, 1.0 / n, w, l2, grad, cv::GEMM_1_T);
        velocity = momentum * velocity - lr * grad;
        w += velocity;
    }
    det.dims = dims;
    det.weights.resize(static_cast<size_t>(classes * nd));
    det.bias.resize(static_cast<size_t>(classes));
    for (int c = 0; c < classes; ++c) {
        for (int k = 0; k < nd; ++k)
            det.weights[static_cast<size_t>(c * nd + k)] = w.at<float>(k, c);
        det.bias[static_cast<size_t>(c)] = w.at<float>(nd, c);
    }
}

} // namespace

std::vector<float> wordVector(const std::string& word)
{
    return gaussianUnit(mixSeed(kModelSeed, hashText(word)), kEmbedDim);
}

std::vector<float> DemoEncoder::Detector::scores(const std::vector<float>& f) const
{
    const size_t classes = bias.size(), nd = dims.size();
    std::vector<double> logit(classes);
    for (size_t c = 0; c < classes; ++c) {
        double z = bias[c];
        for (size_t k = 0; k < nd; ++k)
            z += weights[c * nd + k] * f[static_cast<size_t>(dims[k])];
        logit[c] = z;
    }
    const double top = *std::max_element(logit.begin(), logit.end());
    double sum = 0;
    for (double& l : logit)
        sum += (l = std::exp(l - top));
    std::vector<float> p(classes);
    for (size_t c = 0; c < classes; ++c)
        p[c] = static_cast<float>(logit[c] / sum);
    return p;
}

DemoEncoder::DemoEncoder(int threads)
{
    for (const auto& w : categoryWords())
        categoryVectors_.push_back(wordVector(w));
    int scoreCount = 0;
    for (int a = 0; a < kAttrCount; ++a) {
        for (const auto& w : attributeWords(static_cast<Attr>(a)))
            attrVectors_[static_cast<size_t>(a)].push_back(wordVector(w));
        scoreCount += attributeCount(static_cast<Attr>(a));
    }
    Rng r(mixSeed(kModelSeed, 7));
    const float ms = 1.0f / std::sqrt(static_cast<float>(kEmbedDim));
    mixing_.resize(static_cast<size_t>(kEmbedDim * scoreCount));
    for (float& x : mixing_)
        x = static_cast<float>(r.normal()) * ms;
    nuisance_.resize(static_cast<size_t>(kEmbedDim * DescriptorLayout::kSize));
    for (float& x : nuisance_)
        x = static_cast<float>(r.normal()) * ms / std::sqrt(static_cast<float>(DescriptorLayout::kSize));
    calibrate(std::max(1, threads));
}

void DemoEncoder::calibrate(int threads)
{
    using L = DescriptorLayout;
    std::vector<Sample> samples = calibrationSamples(threads);
    const size_t nf = L::kSize;
    featMean_.assign(nf, 0.0f);
    featStd_.assign(nf, 0.0f);
    for (const auto& s : samples)
        for (size_t d = 0; d < nf; ++d)
            featMean_[d] += s.descriptor[d] / static_cast<float>(samples.size());
    for (const auto& s : samples)
        for (size_t d = 0; d < nf; ++d)
            featStd_[d] += std::pow(s.descriptor[d] - featMean_[d], 2.0f) / static_cast<float>(samples.size());
    for (float& v : featStd_)
        v = std::sqrt(v) + 1e-4f;
    for (auto& s : samples)
        for (size_t d = 0; d < nf; ++d)
            s.descriptor[d] = (s.descriptor[d] - featMean_[d]) / featStd_[d];

    const std::array<std::vector<int>, 1 + kAttrCount> dims = {
        range(L::kShape, L::kShapeEnd), range(L::kColour, L::kTextureEnd), range(L::kTexture, L::kSeeThroughEnd),
        range(L::kTexture, L::kSeeThroughEnd), range(L::kTexture, L::kSeeThroughEnd)};
    for (size_t g = 0; g < detectors_.size(); ++g) {
        const int classes = g == 0 ? static_cast<int>(categoryWords().size())
                                   : attributeCount(static_cast<Attr>(g - 1));
        fitSoftmaxImpl(detectors_[g], dims[g], classes, samples, g);
    }
}

ConceptScores DemoEncoder::detectDescriptor(const std::vector<float>& raw) const
{
    std::vector<float> f(raw.size());
    for (size_t d = 0; d < f.size(); ++d)
        f[d] = (raw[d] - featMean_[d]) / featStd_[d];
    ConceptScores c;
    c.category = detectors_[0].scores(f);
    for (size_t a = 0; a < kAttrCount; ++a)
        c.attr[a] = detectors_[a + 1].scores(f);
    return c;
}

ConceptScores DemoEncoder::detect(const cv::Mat& cropRgb) const
{
    return detectDescriptor(describe(segment(cropRgb)));
}

std::vector<float> DemoEncoder::embedDescriptor(const std::vector<float>& raw) const
{
    const ConceptScores c = detectDescriptor(raw);
    std::vector<float> v(kEmbedDim, 0.0f);
    for (size_t k = 0; k < c.category.size(); ++k)
        addScaled(v, categoryVectors_[k], kCategoryPart * c.category[k]);
    std::vector<float> centred;
    for (size_t a = 0; a < kAttrCount; ++a) {
        const auto& p = c.attr[a];
        for (size_t k = 0; k < p.size(); ++k) {
            addScaled(v, attrVectors_[a][k], kAlignedPart[a] * p[k]);
            centred.push_back(p[k] - 1.0f / static_cast<float>(p.size()));
        }
    }
    const size_t nq = centred.size(), nf = raw.size();
    for (size_t i = 0; i < kEmbedDim; ++i) {
        double mixed = 0, nuisance = 0;
        for (size_t k = 0; k < nq; ++k)
            mixed += mixing_[i * nq + k] * centred[k];
        for (size_t k = 0; k < nf; ++k)
            nuisance += nuisance_[i * nf + k] * (raw[k] - featMean_[k]) / featStd_[k];
        v[i] += kMixedPart * static_cast<float>(mixed) + kNuisancePart * static_cast<float>(nuisance);
    }
    return v;
}

std::vector<float> DemoEncoder::encodeObject(const cv::Mat& cropRgb) const
{
    return embedDescriptor(describe(segment(cropRgb)));
}

std::vector<float> DemoEncoder::encodeScene(const cv::Mat& rgb) const
{
    const Segmentation s = segment(rgb);
    const auto regions = objectRegions(s, std::max(64, rgb.cols * rgb.rows / 200));
    if (regions.empty())
        return embedDescriptor(describe(s));
    std::vector<float> v(kEmbedDim, 0.0f);
    for (const auto& r : regions)
        addScaled(v, embedDescriptor(describe(s, r)), 1.0f);
    return v;
}

const std::vector<float>& DemoEncoder::cachedWord(const std::string& w) const
{
    std::lock_guard<std::mutex> lock(wordMutex_);
    auto it = words_.find(w);
    if (it == words_.end())
        it = words_.emplace(w, wordVector(w)).first;
    return it->second;   // unordered_map never moves its elements
}

std::vector<float> DemoEncoder::encodeText(const std::string& caption) const
{
    std::vector<float> t(kEmbedDim, 0.0f);
    const auto& cats = categoryWords();
    for (const auto& w : words(caption)) {
        float k = kOtherWord;
        if (std::find(cats.begin(), cats.end(), w) != cats.end()) {
            k = kCategoryWord;
        } else {
            for (int a = 0; a < kAttrCount; ++a) {
                const auto& aw = attributeWords(static_cast<Attr>(a));
                if (std::find(aw.begin(), aw.end(), w) != aw.end())
                    k = kAttributeWord;
            }
        }
        addScaled(t, cachedWord(w), k);
    }
    addScaled(t, gaussianUnit(mixSeed(kModelSeed ^ 0x7e57ULL, hashText(caption)), kEmbedDim), kCaptionJitter);
    return t;
}

} // namespace fglens::demo

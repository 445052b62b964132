#include "eval/detector_ranks.h"

#include "common/error.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace fglens {
namespace {

using Box = std::array<float, 4>;

// FG-OVD's IoU threshold (ranks.py's default iou=0.5).
constexpr double kIou = 0.5;

float area(const Box& b)
{
    return (b[2] - b[0]) * (b[3] - b[1]);
}

// torchvision's CPU kernel, operation for operation in float32, with `a` the
// box visited first: the float rounding decides borderline overlaps, so the
// order of the operations matters (this file is built with -ffp-contract=off).
bool suppresses(const Box& a, float areaA, const Box& b, float areaB, double iou)
{
    const float xx1 = std::max(a[0], b[0]);
    const float yy1 = std::max(a[1], b[1]);
    const float xx2 = std::min(a[2], b[2]);
    const float yy2 = std::min(a[3], b[3]);
    const float w = std::max(0.0f, xx2 - xx1);
    const float h = std::max(0.0f, yy2 - yy1);
    const float inter = w * h;
    const float ovr = inter / (areaA + areaB - inter);
    return ovr > iou;
}

struct ImagePositive {
    int32_t image;
    int64_t positive;
    bool operator==(const ImagePositive& o) const { return image == o.image && positive == o.positive; }
};

struct ImagePositiveHash {
    size_t operator()(const ImagePositive& k) const
    {
        return std::hash<int64_t>()(k.positive) * 1000003u ^ std::hash<int32_t>()(k.image);
    }
};

} // namespace

std::vector<size_t> nmsKeep(const std::vector<Box>& boxes, const std::vector<float>& scores, double iou)
{
    const size_t n = boxes.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
    std::vector<float> areas(n);
    for (size_t i = 0; i < n; ++i)
        areas[i] = area(boxes[i]);
    std::vector<char> suppressed(n, 0);
    std::vector<size_t> keep;
    for (size_t oi = 0; oi < n; ++oi) {
        const size_t i = order[oi];
        if (suppressed[i])
            continue;
        keep.push_back(i);
        for (size_t oj = oi + 1; oj < n; ++oj) {
            const size_t j = order[oj];
            if (!suppressed[j] && suppresses(boxes[i], areas[i], boxes[j], areas[j], iou))
                suppressed[j] = 1;
        }
    }
    return keep;
}

namespace {

// The prediction an object's box takes, as ranks.py finds it: NMS over the
// group's kept boxes plus the object's box with score 1, the first survivor
// dropped (ranks.py assumes it is the object's box), and the lowest kept index
// among the boxes left out is the match. `kept` lists the group's boxes after
// the first NMS, in its visiting order. Returns the position in `kept`, -1
// when nothing matched, or kAssertionFails.
constexpr long kAssertionFails = -2;

long matchObject(const DetectorGroup& g, const std::vector<size_t>& kept, const std::vector<float>& keptAreas,
                 const Box& gt)
{
    const float gtArea = area(gt);
    float top = -std::numeric_limits<float>::infinity();
    for (size_t k : kept)
        top = std::max(top, g.scores[k]);
    if (top < 1.0f) {
        // The usual case: the object's box is visited first and suppresses
        // exactly the kept boxes it overlaps by more than the threshold (kept
        // boxes never suppress one another: the first NMS already compared
        // every such pair the same way), so the first of those in visiting
        // order is the match.
        for (size_t p = 0; p < kept.size(); ++p)
            if (suppresses(gt, gtArea, g.boxes[kept[p]], keptAreas[p], kIou))
                return static_cast<long>(p);
        return -1;
    }
    // A prediction scores 1 or more: run ranks.py's steps literally.
    std::vector<Box> boxes;
    std::vector<float> scores;
    for (size_t k : kept) {
        boxes.push_back(g.boxes[k]);
        scores.push_back(g.scores[k]);
    }
    boxes.push_back(gt);
    scores.push_back(1.0f);
    const auto keep2 = nmsKeep(boxes, scores, kIou);
    std::vector<char> survived(kept.size() + 1, 0);
    for (size_t i = 1; i < keep2.size(); ++i)
        survived[keep2[i]] = 1;
    for (size_t p = 0; p < kept.size(); ++p)
        if (!survived[p]) {
            // ranks.py asserts that the match overlaps the object (its own
            // IoU, with +1 on widths and heights) and stops when it does not.
            const Box& m = g.boxes[kept[p]];
            const double iw = std::max(0.0, std::min<double>(m[2], gt[2]) - std::max<double>(m[0], gt[0]) + 1);
            const double ih = std::max(0.0, std::min<double>(m[3], gt[3]) - std::max<double>(m[1], gt[1]) + 1);
            const double inter = iw * ih;
            const double areaM = (double(m[2]) - m[0] + 1) * (double(m[3]) - m[1] + 1);
            const double areaG = (double(gt[2]) - gt[0] + 1) * (double(gt[3]) - gt[1] + 1);
            if (inter / (areaM + areaG - inter) < kIou)
                return kAssertionFails;
            return static_cast<long>(p);
        }
    return -1;
}

} // namespace

DetectorRanks rankDetector(const FgBenchmark& b, const DetectorPredictions& pred, int negatives)
{
    if (negatives < 0)
        fail(pred.path, "the number of negatives must not be negative");
    const size_t vocab = static_cast<size_t>(negatives) + 1;

    // Both lookups hashed, so ranking stays linear in the benchmark's size
    // (ranks.py scans every annotation for every image).
    std::unordered_map<std::string, std::vector<int32_t>> imagesByFile;
    for (size_t i = 0; i < b.images.size(); ++i)
        imagesByFile[b.images[i].fileName].push_back(static_cast<int32_t>(i));
    std::vector<std::vector<size_t>> groupsByImage(b.images.size());
    for (size_t gi = 0; gi < pred.groups.size(); ++gi) {
        const auto& g = pred.groups[gi];
        const std::string where = "group " + std::to_string(gi) + " (" + g.imageFile + ")";
        const auto it = imagesByFile.find(g.imageFile);
        if (it == imagesByFile.end())
            fail(pred.path, where + ": image_filepath is not an image of " + b.path);
        if (g.vocabulary.size() < vocab)
            fail(pred.path, where + ": vocabulary has " + std::to_string(g.vocabulary.size()) +
                                " captions, fewer than the positive and " + std::to_string(negatives) + " negatives");
        for (int32_t image : it->second)
            groupsByImage[static_cast<size_t>(image)].push_back(gi);
    }
    std::unordered_map<ImagePositive, std::vector<size_t>, ImagePositiveHash> objectsOf;
    for (size_t o = 0; o < b.objects.size(); ++o) {
        const auto& obj = b.objects[o];
        if (obj.negativeIds.size() >= static_cast<size_t>(negatives))
            objectsOf[{obj.imageIndex, obj.positiveId}].push_back(o);
    }

    DetectorRanks out;
    out.negatives = negatives;
    for (size_t image = 0; image < b.images.size(); ++image) {
        for (size_t gi : groupsByImage[image]) {
            const auto& g = pred.groups[gi];
            const auto found = objectsOf.find({static_cast<int32_t>(image), g.categoryId});
            if (found == objectsOf.end())
                continue;
            const auto kept = nmsKeep(g.boxes, g.scores, kIou);
            std::vector<float> keptAreas;
            for (size_t k : kept)
                keptAreas.push_back(area(g.boxes[k]));
            for (size_t o : found->second) {
                const auto& obj = b.objects[o];
                // COCO [x, y, w, h] to corners in double, then float32, as
                // ranks.py converts in Python before building its tensor.
                const Box gt = {static_cast<float>(obj.bbox[0]), static_cast<float>(obj.bbox[1]),
                                static_cast<float>(obj.bbox[0] + obj.bbox[2]),
                                static_cast<float>(obj.bbox[1] + obj.bbox[3])};
                DetectorObjectRank r;
                r.object = o;
                r.annotationId = obj.id;
                r.group = gi;
                const long p = matchObject(g, kept, keptAreas, gt);
                if (p == kAssertionFails)
                    fail(pred.path, "group " + std::to_string(gi) + " (" + g.imageFile + "): a box scoring 1 or more "
                                    "outranks the box of object " + std::to_string(obj.id) +
                                    " and ranks.py's own assertion fails there: scores must be below 1");
                if (p >= 0) {
                    const size_t k = kept[static_cast<size_t>(p)];
                    r.matched = true;
                    r.box = g.boxes[k];
                    r.scores.assign(g.totalScoresOf(k), g.totalScoresOf(k) + vocab);
                } else {
                    r.scores.assign(vocab, 0.0f);
                    ++out.unmatched;
                }
                // Ties count against the positive, which counts itself.
                r.rank = static_cast<int>(
                    std::count_if(r.scores.begin(), r.scores.end(), [&](float s) { return s >= r.scores[0]; }));
                out.objects.push_back(std::move(r));
            }
        }
    }

    const size_t n = out.objects.size();
    if (n > 0) {
        std::vector<int> ranks;
        int64_t sum = 0;
        for (const auto& r : out.objects) {
            ranks.push_back(r.rank);
            sum += r.rank;
        }
        std::sort(ranks.begin(), ranks.end());
        out.meanRank = static_cast<double>(sum) / static_cast<double>(n);
        out.medianRank = ranks[n / 2];
        if (n / 2 + 1 < n)
            out.medianRankFgovd = ranks[n / 2 + 1];
    }
    return out;
}

} // namespace fglens

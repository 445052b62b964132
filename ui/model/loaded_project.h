#pragma once
// What opening a project produces on the worker thread and hands to the GUI
// thread in one piece. Torch-free: the tensors stay behind ProjectData.
#include "model/result_set.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace fglens {
class FgBenchmark;
class ImageSource;
struct ProjectData;
}

namespace fglens::ui {

struct BenchView {
    std::string key;                                 // "hard", "color", ...
    std::shared_ptr<const FgBenchmark> benchmark;
    std::vector<bool> captionPresent;                // captions that have an embedding
    int negatives = 0;                               // the protocol's N
    std::vector<uint32_t> attributes;                // AttributeType mask per object
    std::unordered_map<int64_t, int32_t> objectIndexById;
};

struct ProjectSummary {
    QString name, manifest, imageRoot, logPath, encoder;
    qint64 objects = 0;
    qint64 images = 0, imagesPresent = 0, imagesMissing = 0;
    QStringList firstMissingImages;
    qint64 captionsWithoutEmbedding = 0;
    QStringList unavailable;                         // e.g. "COCO training set (warm-up)"
    bool hasCocoTrain = false, hasFgovdTrain = false;
    // Why a stage cannot train (empty when it can), said where the user looks
    // (the training form), and whether Encode with CLIP… would fix something.
    QString warmupMissing, finetuneMissing;
    bool warmupEncodable = false, finetuneEncodable = false;   // named, not yet encoded
    qint64 benchmarksEncoded = 0, benchmarksUnencoded = 0;
    bool encodable = false;
};

struct LoadedProject {
    std::shared_ptr<const ProjectData> data;
    std::shared_ptr<const ImageSource> images;       // null when the root is not a directory
    std::vector<BenchView> benchmarks;
    ProjectSummary summary;
    std::shared_ptr<ResultSet> baseline;             // CLIP cosine, evaluated live
};

} // namespace fglens::ui

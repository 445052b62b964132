#include "data/coco_captions.h"

#include "common/error.h"
#include "data/json_file.h"

#include <algorithm>
#include <unordered_map>

namespace fglens {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::string where(const char* list, size_t i)
{
    return std::string(list) + "[" + std::to_string(i) + "]";
}

std::string textField(const std::string& path, const std::string& at, const object& o, const char* key)
{
    std::string_view s;
    if (o[key].get(s))
        fail(path, at + ": missing or non-string field '" + key + "'");
    return std::string(s);
}

int64_t intField(const std::string& path, const std::string& at, const object& o, const char* key)
{
    element e;
    if (o[key].get(e))
        fail(path, at + ": missing field '" + key + "'");
    int64_t v;
    if (e.is_int64() && !e.get(v))
        return v;
    if (e.is_uint64())
        return static_cast<int64_t>(e.get_uint64().value());
    fail(path, at + ": field '" + key + "' must be an integer");
}

void loadKarpathy(const std::string& path, const array& images, const std::vector<std::string>& splits,
                  CaptionSet& set)
{
    size_t i = 0;
    for (element e : images) {
        const std::string at = where("images", i++);
        object o;
        if (e.get(o))
            fail(path, at + " must be an object");
        if (!splits.empty()) {
            const std::string split = textField(path, at, o, "split");
            if (std::find(splits.begin(), splits.end(), split) == splits.end())
                continue;
        }
        std::string file = textField(path, at, o, "filename");
        std::string_view dir;
        if (!o["filepath"].get(dir) && !dir.empty())
            file = std::string(dir) + "/" + file;
        int64_t id = static_cast<int64_t>(i - 1);
        element idElem;
        if (!o["cocoid"].get(idElem))
            id = intField(path, at, o, "cocoid");
        array sentences;
        if (o["sentences"].get(sentences))
            fail(path, at + ": missing array 'sentences'");
        const int64_t row = set.imageCount();
        set.imageFiles.push_back(std::move(file));
        set.imageIds.push_back(id);
        size_t k = 0;
        for (element s : sentences) {
            object so;
            if (s.get(so))
                fail(path, at + ".sentences[" + std::to_string(k) + "] must be an object");
            set.captions.push_back(textField(path, at + ".sentences[" + std::to_string(k++) + "]", so, "raw"));
            set.captionImage.push_back(row);
        }
    }
}

void loadOfficial(const std::string& path, const array& images, const object& root, CaptionSet& set)
{
    std::unordered_map<int64_t, int64_t> rowOf;
    size_t i = 0;
    for (element e : images) {
        const std::string at = where("images", i++);
        object o;
        if (e.get(o))
            fail(path, at + " must be an object");
        const int64_t id = intField(path, at, o, "id");
        rowOf.emplace(id, set.imageCount());
        set.imageIds.push_back(id);
        set.imageFiles.push_back(textField(path, at, o, "file_name"));
    }
    array annotations;
    if (root["annotations"].get(annotations))
        fail(path, "missing top-level array 'annotations'");
    i = 0;
    for (element e : annotations) {
        const std::string at = where("annotations", i++);
        object o;
        if (e.get(o))
            fail(path, at + " must be an object");
        const int64_t imageId = intField(path, at, o, "image_id");
        auto it = rowOf.find(imageId);
        if (it == rowOf.end())
            fail(path, at + ": image_id " + std::to_string(imageId) + " is not in images[]");
        set.captions.push_back(textField(path, at, o, "caption"));
        set.captionImage.push_back(it->second);
    }
}

} // namespace

CaptionSet loadCaptionSet(const std::string& path, const std::vector<std::string>& splits, const JobContext* ctx)
{
    const auto json = readJsonFile(path, ctx);
    simdjson::dom::parser parser;
    const object root = parseJsonObject(parser, json, path);
    array images;
    if (root["images"].get(images))
        fail(path, "missing top-level array 'images'");
    CaptionSet set;
    set.path = path;
    bool karpathy = false;
    for (element e : images) {
        object o;
        karpathy = !e.get(o) && o["sentences"].error() == simdjson::SUCCESS;
        break;
    }
    if (karpathy)
        loadKarpathy(path, images, splits, set);
    else
        loadOfficial(path, images, root, set);
    if (set.captions.empty())
        fail(path, splits.empty() ? "holds no captions" : "holds no captions in the requested splits");
    return set;
}

} // namespace fglens

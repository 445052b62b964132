#include "data/fgovd.h"

#include "common/error.h"
#include "data/json_file.h"

#include <simdjson.h>

#include <filesystem>
#include <fstream>

namespace fglens {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

class EntryReader {
public:
    EntryReader(const std::string& path, const std::string& where) : path_(path), where_(where) {}

    element field(const object& o, const char* key) const
    {
        element e;
        if (o[key].get(e))
            fail(path_, where_ + ": missing field '" + key + "'");
        return e;
    }
    int64_t integer(const object& o, const char* key) const
    {
        element e = field(o, key);
        if (e.is_int64())
            return e.get_int64().value();
        if (e.is_uint64())
            return static_cast<int64_t>(e.get_uint64().value());
        if (e.is_double()) {
            const double d = e.get_double().value();
            if (d == static_cast<double>(static_cast<int64_t>(d)))
                return static_cast<int64_t>(d);
        }
        fail(path_, where_ + ": field '" + key + "' must be an integer");
    }
    std::string text(const object& o, const char* key) const
    {
        std::string_view s;
        if (field(o, key).get(s))
            fail(path_, where_ + ": field '" + key + "' must be a string");
        return std::string(s);
    }
    double number(const element& e, const char* key) const
    {
        double d;
        if (e.is_double())
            return e.get_double().value();
        if (e.is_int64())
            return static_cast<double>(e.get_int64().value());
        if (e.is_uint64())
            return static_cast<double>(e.get_uint64().value());
        if (!e.get(d))
            return d;
        fail(path_, where_ + ": field '" + key + "' must hold numbers");
    }
    // An image side in pixels: a hostile 1e300 must not reach an int cast.
    int dimension(const element& e, const char* key) const
    {
        const double d = number(e, key);
        if (!(d >= 0 && d <= 1e9))
            fail(path_, where_ + ": field '" + key + "' must be a size in pixels (0 to 1e9)");
        return static_cast<int>(d);
    }
    simdjson::dom::array array(const object& o, const char* key) const
    {
        simdjson::dom::array a;
        if (field(o, key).get(a))
            fail(path_, where_ + ": field '" + key + "' must be an array");
        return a;
    }

private:
    const std::string& path_;
    std::string where_;
};

simdjson::dom::array topArray(const std::string& path, const object& root, const char* key)
{
    simdjson::dom::array a;
    element e;
    if (root[key].get(e))
        fail(path, std::string("missing top-level field '") + key + "'");
    if (e.get(a))
        fail(path, std::string("top-level field '") + key + "' must be an array");
    return a;
}

std::string entryName(const char* list, size_t i)
{
    return std::string(list) + "[" + std::to_string(i) + "]";
}

} // namespace

FgBenchmark FgBenchmark::load(const std::string& path, const JobContext* ctx)
{
    namespace fs = std::filesystem;
    const auto json = readJsonFile(path, ctx);

    simdjson::dom::parser parser;
    const object root = parseJsonObject(parser, json, path);

    FgBenchmark b;
    b.path = path;
    b.name = fs::path(path).stem().string();

    auto images = topArray(path, root, "images");
    b.images.reserve(images.size());
    size_t i = 0;
    for (element e : images) {
        EntryReader r(path, entryName("images", i++));
        object o;
        if (e.get(o))
            fail(path, entryName("images", i - 1) + " must be an object");
        FgImage im;
        im.id = r.integer(o, "id");
        im.fileName = r.text(o, "file_name");
        element w, h;
        if (!o["width"].get(w))
            im.width = r.dimension(w, "width");
        if (!o["height"].get(h))
            im.height = r.dimension(h, "height");
        b.images.push_back(std::move(im));
    }

    auto cats = topArray(path, root, "categories");
    b.captions.reserve(cats.size());
    i = 0;
    for (element e : cats) {
        EntryReader r(path, entryName("categories", i++));
        object o;
        if (e.get(o))
            fail(path, entryName("categories", i - 1) + " must be an object");
        b.captions.push_back(FgCaption{r.integer(o, "id"), r.text(o, "name")});
    }

    auto anns = topArray(path, root, "annotations");
    const int64_t total = static_cast<int64_t>(anns.size());
    b.objects.reserve(anns.size());
    i = 0;
    for (element e : anns) {
        const std::string where = entryName("annotations", i++);
        EntryReader r(path, where);
        object o;
        if (e.get(o))
            fail(path, where + " must be an object");
        FgObject ob;
        ob.id = r.integer(o, "id");
        ob.imageId = r.integer(o, "image_id");
        ob.positiveId = r.integer(o, "category_id");
        auto box = r.array(o, "bbox");
        if (box.size() != 4)
            fail(path, where + ": field 'bbox' must hold 4 numbers [x, y, w, h]");
        size_t k = 0;
        for (element v : box)
            ob.bbox[k++] = r.number(v, "bbox");
        for (element v : r.array(o, "neg_category_ids")) {
            int64_t id;
            if (v.get(id))
                fail(path, where + ": field 'neg_category_ids' must hold integers");
            ob.negativeIds.push_back(id);
        }
        b.objects.push_back(std::move(ob));
        if (ctx && (i % 4096 == 0)) {
            ctx->checkCancelled();
            ctx->report("parse", static_cast<int64_t>(i), total);
        }
    }
    b.link();
    if (ctx)
        ctx->report("parse", total, total);
    return b;
}

void FgBenchmark::link()
{
    captionById_.clear();
    imageById_.clear();
    for (size_t i = 0; i < captions.size(); ++i)
        if (!captionById_.emplace(captions[i].id, static_cast<int32_t>(i)).second)
            fail(path, "categories[" + std::to_string(i) + "]: duplicate caption id " + std::to_string(captions[i].id));
    for (size_t i = 0; i < images.size(); ++i)
        imageById_.emplace(images[i].id, static_cast<int32_t>(i));

    for (size_t i = 0; i < objects.size(); ++i) {
        FgObject& o = objects[i];
        const std::string where = "annotations[" + std::to_string(i) + "] (id " + std::to_string(o.id) + ")";
        o.imageIndex = imageIndex(o.imageId);
        if (o.imageIndex < 0)
            fail(path, where + ": image_id " + std::to_string(o.imageId) + " is not in images[]");
        o.positiveIndex = captionIndex(o.positiveId);
        if (o.positiveIndex < 0)
            fail(path, where + ": category_id " + std::to_string(o.positiveId) + " is not in categories[]");
        o.negativeIndices.clear();
        o.negativeIndices.reserve(o.negativeIds.size());
        for (int64_t id : o.negativeIds) {
            const int32_t c = captionIndex(id);
            if (c < 0)
                fail(path, where + ": caption id " + std::to_string(id) + " in neg_category_ids is not in categories[]");
            o.negativeIndices.push_back(c);
        }
    }
}

int32_t FgBenchmark::captionIndex(int64_t id) const
{
    auto it = captionById_.find(id);
    return it == captionById_.end() ? -1 : it->second;
}

int32_t FgBenchmark::imageIndex(int64_t id) const
{
    auto it = imageById_.find(id);
    return it == imageById_.end() ? -1 : it->second;
}

std::map<int, int64_t> FgBenchmark::negativesHistogram() const
{
    std::map<int, int64_t> h;
    for (const auto& o : objects)
        ++h[static_cast<int>(o.negativeIds.size())];
    return h;
}

std::vector<int32_t> FgBenchmark::vocabulary(size_t object, int n) const
{
    const FgObject& o = objects.at(object);
    std::vector<int32_t> v{o.positiveIndex};
    const size_t count = n < 0 ? o.negativeIndices.size() : std::min<size_t>(n, o.negativeIndices.size());
    v.insert(v.end(), o.negativeIndices.begin(), o.negativeIndices.begin() + static_cast<long>(count));
    return v;
}

const std::vector<std::string>& benchmarkKeys()
{
    static const std::vector<std::string> keys = {"trivial", "easy", "medium", "hard",
                                                  "color", "material", "pattern", "transparency"};
    return keys;
}

std::string benchmarkKey(const std::string& stem)
{
    if (stem == "shuffle_negatives") return "trivial";
    if (stem == "3_attributes") return "easy";
    if (stem == "2_attributes") return "medium";
    if (stem == "1_attributes") return "hard";
    return stem;
}

int protocolNegatives(const std::string& key)
{
    if (key == "pattern") return 7;
    if (key == "transparency") return 2;
    return 10;
}

} // namespace fglens

#include "data/fgclip_cache.h"

#include "common/error.h"
#include "data/torch_pickle.h"

#include <torch/torch.h>

#include <filesystem>

namespace fglens {

namespace {

class CacheReader {
public:
    explicit CacheReader(const std::string& path) : path_(path) {}

    const PyValue& list(const PyValue& root, const char* key) const
    {
        const PyValue* v = root.get(key);
        if (!v || v->type != PyValue::Type::List)
            fail(path_, std::string("cache has no list '") + key + "'");
        return *v;
    }
    const PyValue& field(const PyValue& o, const char* key, const std::string& where) const
    {
        const PyValue* v = o.get(key);
        if (!v)
            fail(path_, where + ": missing field '" + key + "'");
        return *v;
    }
    int64_t integer(const PyValue& o, const char* key, const std::string& where) const
    {
        const PyValue& v = field(o, key, where);
        if (v.type != PyValue::Type::Int)
            fail(path_, where + ": field '" + key + "' must be an integer, found " + v.typeName());
        return v.integer;
    }
    at::Tensor features(const PyValue& o, const std::string& where, int64_t dim) const
    {
        const PyValue& v = field(o, "features", where);
        if (v.type != PyValue::Type::Tensor)
            fail(path_, where + ": 'features' is a " + v.typeName() + ", not a tensor");
        auto t = v.tensor.reshape({-1});
        if (dim > 0 && t.size(0) != dim)
            fail(path_, where + ": 'features' has " + std::to_string(t.size(0)) + " values, expected " +
                            std::to_string(dim));
        return t;
    }

private:
    const std::string& path_;
};

} // namespace

BenchmarkFeatures loadFgclipCache(const std::string& path, const JobContext* ctx)
{
    if (ctx)
        ctx->report("read cache", 0, 0);
    PyRef root = loadTorchPickle(path);
    if (root->type != PyValue::Type::Dict)
        fail(path, std::string("expected a benchmark dict, found a ") + root->typeName());
    CacheReader r(path);
    BenchmarkFeatures out;
    FgBenchmark& b = out.benchmark;
    b.path = path;
    b.name = std::filesystem::path(path).stem().string();

    const PyValue& images = r.list(*root, "images");
    for (size_t i = 0; i < images.items.size(); ++i) {
        const std::string where = "images[" + std::to_string(i) + "]";
        const PyValue& im = *images.items[i];
        FgImage img;
        img.id = r.integer(im, "id", where);
        const PyValue& name = r.field(im, "file_name", where);
        img.fileName = name.text;
        if (const PyValue* w = im.get("width"))
            img.width = static_cast<int>(w->number());
        if (const PyValue* h = im.get("height"))
            img.height = static_cast<int>(h->number());
        b.images.push_back(std::move(img));
    }

    const PyValue& anns = r.list(*root, "annotations");
    std::vector<at::Tensor> objectRows;
    int64_t dim = -1;
    for (size_t i = 0; i < anns.items.size(); ++i) {
        const std::string where = "annotations[" + std::to_string(i) + "]";
        const PyValue& a = *anns.items[i];
        FgObject o;
        o.id = r.integer(a, "id", where);
        o.imageId = r.integer(a, "image_id", where);
        o.positiveId = r.integer(a, "category_id", where);
        const PyValue& box = r.field(a, "bbox", where);
        if (box.items.size() != 4)
            fail(path, where + ": 'bbox' must hold 4 numbers");
        // The extraction script already turned [x, y, w, h] into [x1, y1, x2, y2].
        const double x1 = box.items[0]->number(), y1 = box.items[1]->number();
        o.bbox = {x1, y1, box.items[2]->number() - x1, box.items[3]->number() - y1};
        for (const auto& n : r.field(a, "neg_category_ids", where).items)
            o.negativeIds.push_back(n->integer);
        auto f = r.features(a, where, dim);
        dim = f.size(0);
        objectRows.push_back(f);
        b.objects.push_back(std::move(o));
    }

    const PyValue& cats = r.list(*root, "categories");
    std::vector<at::Tensor> captionRows;
    for (size_t i = 0; i < cats.items.size(); ++i) {
        const std::string where = "categories[" + std::to_string(i) + "]";
        const PyValue& c = *cats.items[i];
        FgCaption cap;
        cap.id = r.integer(c, "id", where);
        cap.text = r.field(c, "name", where).text;
        b.captions.push_back(std::move(cap));
        if (c.get("features")) {
            auto f = r.features(c, where, dim);
            dim = f.size(0);
            captionRows.push_back(f);
            out.captionHasFeatures.push_back(true);
        } else {
            captionRows.push_back(at::Tensor());
            out.captionHasFeatures.push_back(false);
        }
    }
    b.link();
    if (dim < 0)
        fail(path, "cache holds no features");
    auto dtype = objectRows.empty() ? torch::kFloat16 : objectRows.front().scalar_type();
    for (auto& row : captionRows)
        if (!row.defined())
            row = torch::zeros({dim}, torch::TensorOptions().dtype(dtype));
    out.objectFeatures = objectRows.empty() ? torch::zeros({0, dim}, torch::TensorOptions().dtype(dtype))
                                            : torch::stack(objectRows);
    out.captionFeatures = captionRows.empty() ? torch::zeros({0, dim}, torch::TensorOptions().dtype(dtype))
                                              : torch::stack(captionRows);
    // Every caption an object uses must have been encoded.
    for (size_t i = 0; i < b.objects.size(); ++i) {
        const auto& o = b.objects[i];
        auto check = [&](int32_t c) {
            if (!out.captionHasFeatures[static_cast<size_t>(c)])
                fail(path, "annotations[" + std::to_string(i) + "]: caption " + std::to_string(b.captions[c].id) +
                               " has no features in the cache");
        };
        check(o.positiveIndex);
        for (int32_t c : o.negativeIndices)
            check(c);
    }
    if (ctx)
        ctx->report("read cache", 1, 1);
    return out;
}

} // namespace fglens

#include "data/detector_predictions.h"

#include "common/error.h"
#include "data/torch_pickle.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>

namespace fglens {
namespace {

// A field's numbers flattened in C order with their shape: a NumPy array,
// a number, or (nested) lists of those, rectangular.
struct Numbers {
    std::vector<double> values;
    std::vector<int64_t> shape;
};

// Predictions nest at most three levels (groups > boxes > coordinates); deeper
// input is refused before it can exhaust the stack.
constexpr int kMaxFieldDepth = 4;

class FieldError {
public:
    std::string what;
};

// Merges the children of a list into one Numbers, checking that they agree in shape.
void appendChild(Numbers& out, const Numbers& child, size_t index)
{
    if (index == 0) {
        out.shape.insert(out.shape.end(), child.shape.begin(), child.shape.end());
    } else if (!std::equal(child.shape.begin(), child.shape.end(), out.shape.begin() + 1, out.shape.end()) ||
               child.shape.size() + 1 != out.shape.size()) {
        throw FieldError{"ragged: item " + std::to_string(index) + " differs in shape from item 0"};
    }
    out.values.insert(out.values.end(), child.values.begin(), child.values.end());
}

Numbers numbersOf(const PyValue& v, int depth)
{
    if (depth > kMaxFieldDepth)
        throw FieldError{"nested too deeply"};
    Numbers out;
    if (v.type == PyValue::Type::Array) {
        if (!v.array)
            throw FieldError{"a NumPy array without data"};
        out.values = v.array->values();
        out.shape = v.array->shape;
        return out;
    }
    if (v.isNumber()) {
        out.values.push_back(v.number());
        return out;
    }
    if (v.type != PyValue::Type::List && v.type != PyValue::Type::Tuple)
        throw FieldError{std::string("expected numbers, found a ") + v.typeName()};
    out.shape.push_back(static_cast<int64_t>(v.items.size()));
    for (size_t i = 0; i < v.items.size(); ++i)
        appendChild(out, numbersOf(*v.items[i], depth + 1), i);
    return out;
}

Numbers numbersOf(const nlohmann::json& v, int depth)
{
    if (depth > kMaxFieldDepth)
        throw FieldError{"nested too deeply"};
    Numbers out;
    if (v.is_number()) {
        out.values.push_back(v.get<double>());
        return out;
    }
    if (v.is_boolean()) {
        out.values.push_back(v.get<bool>() ? 1.0 : 0.0);
        return out;
    }
    if (!v.is_array())
        throw FieldError{std::string("expected numbers, found ") + v.type_name()};
    out.shape.push_back(static_cast<int64_t>(v.size()));
    for (size_t i = 0; i < v.size(); ++i)
        appendChild(out, numbersOf(v[i], depth + 1), i);
    return out;
}

// Prefixes a field's problem with the field's name.
template <typename F>
Numbers named(const char* key, F&& read)
{
    try {
        return read();
    } catch (const FieldError& e) {
        throw FieldError{std::string("'") + key + "': " + e.what};
    }
}

// One group's fields, from either format.
class PickleGroup {
public:
    explicit PickleGroup(const PyValue& v) : v_(v) {}
    bool isObject() const { return v_.type == PyValue::Type::Dict; }
    bool has(const char* key) const { return v_.get(key) != nullptr; }
    std::string text(const char* key) const
    {
        const PyValue* f = v_.get(key);
        if (f->type != PyValue::Type::Str)
            throw FieldError{std::string("'") + key + "' must be a string, found a " + f->typeName()};
        return f->text;
    }
    Numbers numbers(const char* key) const { return named(key, [&] { return numbersOf(*v_.get(key), 0); }); }

private:
    const PyValue& v_;
};

class JsonGroup {
public:
    explicit JsonGroup(const nlohmann::json& v) : v_(v) {}
    bool isObject() const { return v_.is_object(); }
    bool has(const char* key) const { return v_.contains(key) && !v_.at(key).is_null(); }
    std::string text(const char* key) const
    {
        const auto& f = v_.at(key);
        if (!f.is_string())
            throw FieldError{std::string("'") + key + "' must be a string, found " + f.type_name()};
        return f.get<std::string>();
    }
    Numbers numbers(const char* key) const { return named(key, [&] { return numbersOf(v_.at(key), 0); }); }

private:
    const nlohmann::json& v_;
};

std::string shapeText(const std::vector<int64_t>& s)
{
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

std::vector<int64_t> integers(const Numbers& n, const char* key)
{
    std::vector<int64_t> out;
    out.reserve(n.values.size());
    for (double d : n.values) {
        if (!(std::abs(d) < 9.0e15) || d != std::floor(d))
            throw FieldError{std::string("'") + key + "' must hold integers"};
        out.push_back(static_cast<int64_t>(d));
    }
    return out;
}

// Every score and coordinate must be a real number: NaN would make the NMS
// order and every comparison meaningless.
std::vector<float> finiteFloats(const Numbers& n, const char* key)
{
    std::vector<float> out;
    out.reserve(n.values.size());
    for (size_t i = 0; i < n.values.size(); ++i) {
        const double d = n.values[i];
        if (!std::isfinite(d) || std::abs(d) > std::numeric_limits<float>::max())
            throw FieldError{std::string("'") + key + "' holds " +
                             (std::isnan(d) ? "NaN" : "a value that is not a finite float32") + " (element " +
                             std::to_string(i) + ")"};
        out.push_back(static_cast<float>(d));
    }
    return out;
}

template <typename Group>
DetectorGroup readGroup(const Group& g)
{
    if (!g.isObject())
        throw FieldError{"not a dict"};
    for (const char* key : {"image_filepath", "category_id", "vocabulary", "boxes", "scores", "total_scores"})
        if (!g.has(key))
            throw FieldError{std::string("no '") + key + "'"};
    DetectorGroup out;
    out.imageFile = g.text("image_filepath");
    const Numbers cat = g.numbers("category_id");
    if (!cat.shape.empty() || cat.values.size() != 1)
        throw FieldError{"'category_id' must be one integer"};
    out.categoryId = integers(cat, "category_id")[0];
    const Numbers vocab = g.numbers("vocabulary");
    if (vocab.shape.size() != 1 || vocab.values.empty())
        throw FieldError{"'vocabulary' must be a non-empty list of caption ids"};
    out.vocabulary = integers(vocab, "vocabulary");

    const Numbers boxes = g.numbers("boxes");
    const bool noBoxes = boxes.values.empty() && boxes.shape.size() <= 2 && !boxes.shape.empty() && boxes.shape[0] == 0;
    if (!noBoxes && (boxes.shape.size() != 2 || boxes.shape[1] != 4))
        throw FieldError{"'boxes' must be a list of [x1, y1, x2, y2], found shape " + shapeText(boxes.shape)};
    const size_t k = noBoxes ? 0 : static_cast<size_t>(boxes.shape[0]);
    const auto coords = finiteFloats(boxes, "boxes");
    out.boxes.resize(k);
    for (size_t i = 0; i < k; ++i)
        for (size_t c = 0; c < 4; ++c)
            out.boxes[i][c] = coords[i * 4 + c];

    const Numbers scores = g.numbers("scores");
    if (scores.shape.size() != 1 || static_cast<size_t>(scores.shape[0]) != k)
        throw FieldError{"'scores' has shape " + shapeText(scores.shape) + ", expected one score for each of the " +
                         std::to_string(k) + " boxes"};
    out.scores = finiteFloats(scores, "scores");

    if (g.has("labels")) {
        const Numbers labels = g.numbers("labels");
        if (labels.shape.size() != 1 || static_cast<size_t>(labels.shape[0]) != k)
            throw FieldError{"'labels' has shape " + shapeText(labels.shape) + ", expected one label for each of the " +
                             std::to_string(k) + " boxes"};
        out.labels = integers(labels, "labels");
    }

    const Numbers total = g.numbers("total_scores");
    const size_t v = out.vocabulary.size();
    const bool noRows = k == 0 && total.values.empty() && !total.shape.empty() && total.shape[0] == 0;
    if (!noRows) {
        if (total.shape.size() != 2 || static_cast<size_t>(total.shape[0]) != k)
            throw FieldError{"'total_scores' has shape " + shapeText(total.shape) + ", expected " + std::to_string(k) +
                             " rows (one per box) of " + std::to_string(v) + " vocabulary scores"};
        if (static_cast<size_t>(total.shape[1]) != v)
            throw FieldError{"'total_scores' rows hold " + std::to_string(total.shape[1]) +
                             " scores but the vocabulary has " + std::to_string(v) + " captions"};
        out.totalScores = finiteFloats(total, "total_scores");
    }
    return out;
}

std::string groupName(size_t index, const std::string& image)
{
    return "group " + std::to_string(index) + (image.empty() ? std::string() : " (" + image + ")");
}

template <typename Group, typename Item>
void readGroups(DetectorPredictions& out, const std::vector<Item>& items, const std::function<Group(const Item&)>& wrap,
                const std::function<std::string(const Item&)>& imageOf)
{
    out.groups.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        try {
            out.groups.push_back(readGroup(wrap(items[i])));
        } catch (const FieldError& e) {
            fail(out.path, groupName(i, imageOf(items[i])) + ": " + e.what);
        }
    }
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open file");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        fail(path, "cannot read file");
    return bytes;
}

} // namespace

DetectorPredictions loadDetectorPredictions(const std::string& path)
{
    DetectorPredictions out;
    out.path = path;
    std::ifstream probe(path, std::ios::binary);
    if (!probe)
        fail(path, "cannot open file");
    const int first = probe.get();
    probe.close();
    if (first == 0x80) {
        const PyRef root = loadPickleFile(path);
        if (root->type != PyValue::Type::List && root->type != PyValue::Type::Tuple)
            fail(path, std::string("expected a list of prediction groups, found a ") + root->typeName());
        readGroups<PickleGroup, PyRef>(
            out, root->items, [](const PyRef& v) { return PickleGroup(*v); },
            [](const PyRef& v) {
                const PyValue* f = v->get("image_filepath");
                return f && f->type == PyValue::Type::Str ? f->text : std::string();
            });
        return out;
    }
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(readAll(path));
    } catch (const nlohmann::json::exception& e) {
        fail(path, std::string("neither a pickle nor valid JSON: ") + e.what());
    }
    if (!root.is_array())
        fail(path, std::string("expected a JSON list of prediction groups, found ") + root.type_name());
    std::vector<const nlohmann::json*> items;
    for (const auto& g : root)
        items.push_back(&g);
    readGroups<JsonGroup, const nlohmann::json*>(
        out, items, [](const nlohmann::json* g) { return JsonGroup(*g); },
        [](const nlohmann::json* g) {
            return g->is_object() && g->contains("image_filepath") && g->at("image_filepath").is_string()
                       ? g->at("image_filepath").get<std::string>()
                       : std::string();
        });
    return out;
}

} // namespace fglens

#include "data/cache_shards.h"

#include "common/error.h"
#include "common/runtime.h"
#include "data/safetensors.h"

#include <torch/torch.h>

#include <set>

namespace fglens {
namespace {

// Feature tensors (row-masked) and the tensors every shard holds whole, per kind.
struct Layout {
    std::vector<std::string> features, shared;
};

const Layout& layoutOf(const std::string& kind, const std::string& path)
{
    static const Layout benchmark{{"object_features", "caption_features"}, {"object_ids", "caption_ids"}};
    static const Layout captions{{"image_features", "caption_features"}, {"caption_image"}};
    if (kind == "benchmark")
        return benchmark;
    if (kind == "captions")
        return captions;
    fail(path, "shard of an unknown cache kind '" + kind + "'");
}

std::string joinRows(const std::vector<int64_t>& rows)
{
    std::string out;
    for (int64_t r : rows)
        out += (out.empty() ? "" : ",") + std::to_string(r);
    return out;
}

} // namespace

std::string shardSpec(int index, int count)
{
    return std::to_string(index) + "/" + std::to_string(count);
}

bool parseShardSpec(const std::string& text, int& index, int& count)
{
    const size_t slash = text.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 >= text.size())
        return false;
    const std::string a = text.substr(0, slash), b = text.substr(slash + 1);
    auto digits = [](const std::string& s) { return s.size() < 7 && s.find_first_not_of("0123456789") == std::string::npos; };
    if (!digits(a) || !digits(b))
        return false;
    index = std::stoi(a);
    count = std::stoi(b);
    return count >= 1 && index < count;
}

void saveShardCache(const std::string& path, const ShardCache& s)
{
    SafeTensors st;
    st.metadata = s.identity.toMetadata();
    st.metadata["fglens_shard_of"] = s.kind;
    st.metadata["fglens_shard"] = shardSpec(s.index, s.count);
    st.metadata["created_by"] = "fglens " + programVersion();
    for (const auto& [name, t] : s.tensors)
        st.tensors[name] = t.contiguous();
    for (const auto& [name, t] : s.done)
        st.tensors["done/" + name] = t.to(torch::kUInt8).contiguous();
    st.tensors["failed"] = s.failed.to(torch::kUInt8).contiguous();
    writeSafeTensors(path, st);
}

std::string shardOfFile(const std::string& path, std::string* kind)
{
    const auto meta = readSafeTensorsMetadata(path);
    auto of = meta.find("fglens_shard_of"), spec = meta.find("fglens_shard");
    if (of == meta.end() || spec == meta.end())
        return {};
    if (kind)
        *kind = of->second;
    return spec->second;
}

ShardCache loadShardCache(const std::string& path)
{
    const auto st = readSafeTensors(path);
    auto of = st.metadata.find("fglens_shard_of"), spec = st.metadata.find("fglens_shard");
    if (of == st.metadata.end() || spec == st.metadata.end()) {
        if (st.metadata.count("fglens_cache"))
            fail(path, "is a whole feature cache, not a shard (made with encode-benchmark --shard K/N)");
        fail(path, "not an FG-Lens shard cache (made with encode-benchmark --shard K/N)");
    }
    ShardCache s;
    s.kind = of->second;
    if (!parseShardSpec(spec->second, s.index, s.count))
        fail(path, "malformed shard '" + spec->second + "' in its metadata");
    s.identity = CacheIdentity::fromMetadata(st.metadata);
    const Layout& layout = layoutOf(s.kind, path);
    auto need = [&](const std::string& name) -> const at::Tensor& {
        auto it = st.tensors.find(name);
        if (it == st.tensors.end())
            fail(path, "shard cache has no tensor '" + name + "'");
        return it->second;
    };
    for (const auto& name : layout.shared)
        s.tensors[name] = need(name);
    for (const auto& name : layout.features) {
        s.tensors[name] = need(name);
        s.done[name] = need("done/" + name).to(torch::kUInt8);
        if (s.done[name].dim() != 1 || s.tensors[name].dim() != 2 || s.done[name].size(0) != s.tensors[name].size(0))
            fail(path, "tensor 'done/" + name + "' does not match '" + name + "'");
    }
    s.failed = need("failed").to(torch::kUInt8);
    return s;
}

void saveWholeCache(const std::string& path, const std::string& kind, const CacheIdentity& identity,
                    const std::map<std::string, at::Tensor>& tensors, const at::Tensor& failed)
{
    std::vector<int64_t> missing;
    const auto* f = failed.data_ptr<uint8_t>();
    std::string key;
    if (kind == "benchmark") {
        BenchmarkCache c{identity, tensors.at("object_ids"), tensors.at("object_features"), tensors.at("caption_ids"),
                         tensors.at("caption_features")};
        saveBenchmarkCache(path, c);
        const auto* ids = c.objectIds.data_ptr<int64_t>();
        for (int64_t i = 0; i < failed.numel(); ++i)
            if (f[i])
                missing.push_back(ids[i]);
        key = "missing_object_ids";
    } else {
        CaptionSetCache c{identity, tensors.at("image_features"), tensors.at("caption_features"),
                          tensors.at("caption_image")};
        saveCaptionSetCache(path, c);
        for (int64_t i = 0; i < failed.numel(); ++i)
            if (f[i])
                missing.push_back(i);
        key = "missing_image_rows";
    }
    if (!missing.empty()) {
        // As the encoders write it: the cache first, then its list of missing rows.
        auto st = readSafeTensors(path);
        st.metadata[key] = joinRows(missing);
        writeSafeTensors(path, st);
    }
}

MergeSummary mergeShardCaches(const std::vector<std::string>& shardPaths, const std::string& outPath)
{
    if (shardPaths.empty())
        fail(outPath, "no shards to merge");
    std::vector<ShardCache> shards;
    std::map<int, std::string> seen;
    for (const auto& path : shardPaths) {
        ShardCache s = loadShardCache(path);
        if (!shards.empty()) {
            const ShardCache& first = shards.front();
            const std::string& firstPath = shardPaths.front();
            if (s.kind != first.kind)
                fail(path, "is a shard of a " + s.kind + " cache, but " + firstPath + " is one of a " + first.kind +
                               " cache");
            const std::string why = s.identity.mismatch(first.identity);
            if (!why.empty())
                fail(path, "is not a shard of the same encoding as " + firstPath + ": " + why);
            if (s.count != first.count)
                fail(path, "is shard " + shardSpec(s.index, s.count) + " but " + firstPath + " is one of " +
                               std::to_string(first.count) + " shards");
        }
        auto [it, fresh] = seen.emplace(s.index, path);
        if (!fresh)
            fail(path, "duplicate of shard " + shardSpec(s.index, s.count) + " (already given as " + it->second + ")");
        shards.push_back(std::move(s));
    }
    const ShardCache& first = shards.front();
    std::vector<std::string> missing;
    for (int k = 0; k < first.count; ++k)
        if (!seen.count(k))
            missing.push_back(shardSpec(k, first.count));
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing)
            list += (list.empty() ? "" : ", ") + m;
        fail(outPath, "cannot merge: shard" + std::string(missing.size() > 1 ? "s " : " ") + list +
                          (missing.size() > 1 ? " are" : " is") + " missing (give all " +
                          std::to_string(first.count) + " shards)");
    }

    const Layout& layout = layoutOf(first.kind, shardPaths.front());
    std::map<std::string, at::Tensor> out;
    MergeSummary sum;
    sum.kind = first.kind;
    sum.shards = first.count;
    for (const auto& name : layout.shared) {
        out[name] = first.tensors.at(name);
        for (size_t i = 1; i < shards.size(); ++i)
            if (!torch::equal(shards[i].tensors.at(name), out[name]))
                fail(shardPaths[i], "its '" + name + "' differ from those of " + shardPaths.front());
    }
    at::Tensor failed = torch::zeros_like(first.failed);
    for (const auto& name : layout.features) {
        at::Tensor merged = torch::zeros_like(first.tensors.at(name));
        at::Tensor owner = torch::full({merged.size(0)}, -1, torch::kInt64);
        for (size_t i = 0; i < shards.size(); ++i) {
            const at::Tensor& t = shards[i].tensors.at(name);
            if (t.sizes() != merged.sizes() || t.scalar_type() != merged.scalar_type())
                fail(shardPaths[i], "its '" + name + "' has shape " + shapeString(t.sizes().vec()) + ", " +
                                        shardPaths.front() + " has " + shapeString(merged.sizes().vec()));
            const at::Tensor rows = shards[i].done.at(name).nonzero().flatten();
            if (rows.numel() == 0)
                continue;
            const at::Tensor taken = owner.index_select(0, rows).ge(0);
            if (taken.any().item<bool>()) {
                const int64_t row = rows.masked_select(taken)[0].item<int64_t>();
                fail(shardPaths[i], "holds row " + std::to_string(row) + " of '" + name + "' that " +
                                        shardPaths[owner[row].item<int64_t>()] + " holds too");
            }
            owner.index_fill_(0, rows, static_cast<int64_t>(i));
            merged.index_copy_(0, rows, t.index_select(0, rows));
        }
        const at::Tensor holes = owner.lt(0).nonzero().flatten();
        if (holes.numel() > 0)
            fail(outPath, "cannot merge: row " + std::to_string(holes[0].item<int64_t>()) + " of '" + name +
                              "' is in no shard (" + std::to_string(holes.numel()) +
                              " rows missing; was a shard cut short?)");
        sum.rows += merged.size(0);
        out[name] = merged;
    }
    for (const auto& s : shards) {
        if (s.failed.sizes() != failed.sizes())
            fail(outPath, "shards disagree on the number of rows that can fail");
        failed.bitwise_or_(s.failed);
    }
    saveWholeCache(outPath, first.kind, first.identity, out, failed);
    return sum;
}

} // namespace fglens

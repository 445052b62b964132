#pragma once
// Shard caches: one of N disjoint parts of a feature cache, written by
// `encode-benchmark --shard K/N` (see clip/encode_job.h) and merged into the
// whole cache by `merge-caches`. A shard holds the whole cache's tensors at
// full size with only its own rows filled, a done mask per row-tensor, and the
// same identity as the whole cache plus its shard, so that shards of another
// model, preprocessing or dataset are never merged together.
//
// Tensors: the cache's own ("object_ids", "object_features", ...), "done/<name>"
// uint8 [rows] for each feature tensor, "failed" uint8 over object (benchmark)
// or image (caption set) rows. Metadata: the cache identity, "fglens_shard_of"
// ("benchmark" | "captions"), "fglens_shard" ("K/N", K from 0), "created_by".
#include "data/feature_cache.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <string>
#include <vector>

namespace fglens {

struct ShardCache {
    std::string kind;                              // "benchmark" | "captions"
    CacheIdentity identity;
    int index = 0, count = 1;
    std::map<std::string, at::Tensor> tensors;     // the whole cache's tensors; other shards' rows zero
    std::map<std::string, at::Tensor> done;        // feature tensor name -> uint8 [rows]
    at::Tensor failed;                             // uint8 [objects or images]
};

// "K/N".
std::string shardSpec(int index, int count);
// Parses "K/N" with 0 <= K < N; false when malformed.
bool parseShardSpec(const std::string& text, int& index, int& count);

void saveShardCache(const std::string& path, const ShardCache& s);
ShardCache loadShardCache(const std::string& path);
// The shard (kind and spec) a file's metadata says it is, or empty when it is
// not a shard cache; cheap (header only).
std::string shardOfFile(const std::string& path, std::string* kind = nullptr);

struct MergeSummary {
    std::string kind;
    int shards = 0;
    int64_t rows = 0;     // feature rows merged (all tensors)
};

// Merges shards into the whole cache at `outPath`, written exactly as an
// unsharded encoding writes it. Refuses (fglens::Error naming the shard or the
// output) shards of different identities or counts, duplicates, missing parts
// and rows no shard or two shards hold.
MergeSummary mergeShardCaches(const std::vector<std::string>& shardPaths, const std::string& outPath);

// Writes a whole cache of `kind` from full tensors, with the metadata of rows
// that failed ("missing_object_ids" / "missing_image_rows"), as the encoders do.
void saveWholeCache(const std::string& path, const std::string& kind, const CacheIdentity& identity,
                    const std::map<std::string, at::Tensor>& tensors, const at::Tensor& failed);

} // namespace fglens

#include "command.h"

#include "data/cache_shards.h"

#include <cstdio>

namespace fglens::cli {
namespace {

int runMergeCaches(Args& args)
{
    const std::string out = args.required("out");
    args.finish();
    const auto& shards = args.positional();
    if (shards.empty())
        throw UsageError{"give the shard caches to merge"};
    const auto sum = mergeShardCaches(shards, out);
    std::printf("{\"out\": \"%s\", \"kind\": \"%s\", \"shards\": %d, \"rows\": %lld}\n", out.c_str(), sum.kind.c_str(),
                sum.shards, static_cast<long long>(sum.rows));
    return 0;
}

const Registrar reg{Command{
    "merge-caches", "merge the shard caches of encode-benchmark --shard K/N into one feature cache",
    "Usage: fglens-cli merge-caches --out CACHE.safetensors SHARD.safetensors...\n\n"
    "  Every shard 0/N .. N-1/N of one encoding, once each: shards of another model, preprocessing\n"
    "  or dataset, of another N, duplicates and missing parts are refused. The merged cache is the\n"
    "  one an unsharded encode-benchmark writes, tensor for tensor. Prints a JSON summary.\n",
    runMergeCaches}};

} // namespace
} // namespace fglens::cli

#include "command.h"

#include "data/fgovd.h"
#include "data/image_source.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fglens::cli {
namespace {

int runInfo(Args& args)
{
    const std::string path = args.positionalAt(0, "BENCHMARK.json");
    const auto root = args.optional("image-root");
    args.finish();
    // Validate the root before the (possibly long) parse.
    std::unique_ptr<ImageSource> images;
    if (root)
        images = std::make_unique<ImageSource>(*root);
    const FgBenchmark b = FgBenchmark::load(path);

    nlohmann::ordered_json out;
    out["images"] = b.images.size();
    out["annotations"] = b.objects.size();
    out["captions"] = b.captions.size();
    nlohmann::ordered_json hist = nlohmann::ordered_json::object();
    for (const auto& [negs, count] : b.negativesHistogram())
        hist[std::to_string(negs)] = count;
    out["negatives_histogram"] = hist;
    if (images) {
        const auto scan = images->scan(b);
        out["missing_images"] = scan.missing;
        if (scan.missing)
            std::cerr << "note: " << scan.missing << " of " << b.images.size() << " images missing under "
                      << *root << " (first: " << scan.firstMissing.front() << ")\n";
    } else {
        out["missing_images"] = nullptr;
    }
    std::cout << out.dump(2) << "\n";
    return 0;
}

const Registrar reg{Command{
    "info", "summarise an FG-OVD benchmark file (counts, negatives histogram, missing images)",
    "Usage: fglens-cli info BENCHMARK.json [--image-root DIR]\n\n"
    "Prints JSON: {\"images\", \"annotations\", \"captions\", \"negatives_histogram\": {\"<negatives>\": objects},\n"
    "\"missing_images\": n or null}. missing_images counts images[] entries not found under --image-root.\n",
    runInfo}};

} // namespace
} // namespace fglens::cli

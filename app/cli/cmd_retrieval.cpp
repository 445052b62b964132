#include "command.h"
#include "head_args.h"

#include "common/error.h"
#include "data/npy.h"
#include "eval/retrieval.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <iostream>

namespace fglens::cli {
namespace {

int runRetrieval(Args& args)
{
    const std::string imagesPath = args.required("images");
    const std::string captionsPath = args.required("captions");
    const long perImage = args.integer("captions-per-image", 5);
    RetrievalOptions opt;
    opt.referenceColumnNorm = args.flag("reference-column-norm");
    auto head = headFromArgs(args);
    args.finish();
    if (perImage < 1)
        throw UsageError{"--captions-per-image must be at least 1"};

    const auto images = loadNpyTensor(imagesPath);
    const auto captions = loadNpyTensor(captionsPath);
    if (images.dim() != 2)
        fail(imagesPath, "expected [I, D] image embeddings, found shape " + shapeString(images.sizes().vec()));
    if (captions.dim() != 2 || captions.size(0) != images.size(0) * perImage || captions.size(1) != images.size(1))
        fail(captionsPath, "expected [" + std::to_string(images.size(0) * perImage) + ", " +
                               std::to_string(images.size(1)) + "] caption embeddings (" + std::to_string(perImage) +
                               " per image, image-major), found shape " + shapeString(captions.sizes().vec()));
    const auto r = evaluateRetrieval(*head, images, captions, blockCaptionImages(images.size(0), perImage), opt);
    nlohmann::ordered_json out;
    out["images"] = r.images;
    out["captions"] = r.captions;
    out["i2t"] = {r.i2t.r1, r.i2t.r5, r.i2t.r10};
    out["t2i"] = {r.t2i.r1, r.t2i.r5, r.t2i.r10};
    out["rsum"] = r.rsum();
    std::cout << out.dump(2) << "\n";
    return 0;
}

const Registrar reg{Command{
    "retrieval", "COCO-style image-text retrieval Recall@1/5/10 in both directions",
    std::string("Usage: fglens-cli retrieval --head KIND [--weights FILE] --images I.npy --captions T.npy\n"
                "                            [--captions-per-image 5] [--reference-column-norm]\n\n"
                "I [n, D]; T [n*k, D], the k captions of image i at rows i*k..i*k+k-1.\n"
                "Prints JSON {\"images\", \"captions\", \"i2t\": [r1, r5, r10], \"t2i\": [...], \"rsum\"} in percent.\n"
                "  --reference-column-norm  the reference CLIP baseline's axis-0 normalisation (quirk 2; cosine only)\n") +
        kHeadOptionsHelp,
    runRetrieval}};

} // namespace
} // namespace fglens::cli

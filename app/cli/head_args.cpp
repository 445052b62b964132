#include "head_args.h"

#include <torch/torch.h>

#include <iostream>

namespace fglens::cli {

const char* const kHeadOptionsHelp =
    "  --head KIND        cosine, linear, linear-visual, linear-text, mlp or attention\n"
    "  --weights FILE     the head's state dict (torch.save; FG-CLIP key names)\n"
    "  --seed N           initialisation seed when a trainable head has no --weights (default 0)\n";

SimilarityHead headFromArgs(Args& args)
{
    const std::string name = args.required("head");
    const auto kind = parseHeadKind(name);
    if (!kind)
        throw UsageError{"unknown head '" + name + "' (cosine, linear, linear-visual, linear-text, mlp, attention)"};
    const auto weights = args.optional("weights");
    const long seed = args.integer("seed", 0);
    if (weights)
        return loadHead(*weights, *kind);
    torch::manual_seed(static_cast<uint64_t>(seed));
    if (isTrainable(*kind))
        std::cerr << "note: no --weights given; the " << name << " head is randomly initialised (seed " << seed
                  << ")\n";
    auto head = makeHead(*kind);
    head->eval();
    return head;
}

} // namespace fglens::cli

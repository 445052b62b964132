#include "command.h"
#include "head_args.h"

#include "common/error.h"
#include "data/npy.h"

#include <torch/torch.h>

namespace fglens::cli {
namespace {

int runScore(Args& args)
{
    const std::string visualPath = args.required("visual");
    const std::string textPath = args.required("text");
    const std::string outPath = args.required("out");
    const bool matrix = args.flag("matrix");
    const bool acrossCaptions = args.flag("reference-text-norm");
    const long chunk = args.integer("chunk", 512);
    auto head = headFromArgs(args);
    args.finish();

    const auto v = loadNpyTensor(visualPath).to(torch::kFloat32);
    const auto t = loadNpyTensor(textPath).to(torch::kFloat32);
    if (v.dim() != 2)
        fail(visualPath, "expected [B, D] visual embeddings, found shape " + shapeString(v.sizes().vec()));
    const int64_t d = v.size(1);
    torch::NoGradGuard noGrad;
    torch::Tensor s;
    if (matrix) {
        if (t.dim() != 2 || t.size(1) != d)
            fail(textPath, "with --matrix expected [M, " + std::to_string(d) + "] text embeddings, found shape " +
                               shapeString(t.sizes().vec()));
        s = torch::empty({v.size(0), t.size(0)}, torch::kFloat32);
        for (int64_t r = 0; r < v.size(0); r += chunk) {
            const int64_t n = std::min<int64_t>(chunk, v.size(0) - r);
            s.narrow(0, r, n).copy_(head->scoreMatrix(v.narrow(0, r, n), t));
        }
    } else {
        if (t.dim() != 3 || t.size(0) != v.size(0) || t.size(2) != d)
            fail(textPath, "expected [" + std::to_string(v.size(0)) + ", C, " + std::to_string(d) +
                               "] text embeddings, found shape " + shapeString(t.sizes().vec()));
        s = head->scoreVocab(v, t, acrossCaptions ? TextNorm::AcrossCaptions : TextNorm::PerCaption);
    }
    saveNpyTensor(outPath, s.to(torch::kFloat32).contiguous());
    return 0;
}

const Registrar reg{Command{
    "score", "score images against captions with a similarity head (.npy in, .npy out)",
    std::string("Usage: fglens-cli score --head KIND [--weights FILE] --visual V.npy --text T.npy --out S.npy [--matrix]\n\n"
                "  V [B, D]; T [B, C, D] -> S [B, C] float32 = S(v_b, t_bc), each caption normalised on its own.\n"
                "  --matrix           T [M, D] -> S [B, M]: every image against every caption\n"
                "  --reference-text-norm  normalise text across the C captions as the reference fine-tune does\n"
                "  --chunk N          image rows per block with --matrix (default 512)\n") +
        kHeadOptionsHelp,
    runScore}};

} // namespace
} // namespace fglens::cli

#include "clip_args.h"

#include "clip/encode_job.h"
#include "clip/tokenizer.h"
#include "data/npy.h"

namespace fglens::cli {
namespace {

int runEncodeText(Args& args)
{
    const std::string vocab = args.required("vocab");
    const std::string input = args.required("input");
    const std::string out = args.required("out");
    const int64_t batch = batchFromArgs(args, 256);
    auto model = clipFromArgs(args);
    args.finish();
    const clip::Tokenizer tokenizer(vocab);
    saveNpyTensor(out, clip::encodeTexts(model, tokenizer, clip::readLines(input), batch, nullptr));
    return 0;
}

const Registrar reg{Command{
    "encode-text", "CLIP text embeddings of captions (.txt in, .npy out)",
    std::string("Usage: fglens-cli encode-text --clip MODEL.pt --vocab BPE.txt.gz --input CAPTIONS.txt --out EMB.npy [--batch N]\n\n"
                "  --vocab FILE       CLIP's bpe_simple_vocab_16e6.txt.gz\n"
                "  --input FILE       UTF-8, one caption a line (too long -> truncated as 'tokenize' does)\n"
                "  --out FILE         float32 [N, D]: encode_text, not normalised\n"
                "  --batch N          captions per forward pass (default 256)\n") +
        kClipOptionsHelp,
    runEncodeText}};

} // namespace
} // namespace fglens::cli

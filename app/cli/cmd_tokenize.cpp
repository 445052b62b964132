#include "command.h"

#include "clip/tokenizer.h"
#include "data/npy.h"

#include <ATen/core/Tensor.h>

namespace fglens::cli {
namespace {

int runTokenize(Args& args)
{
    const std::string vocab = args.required("vocab");
    const std::string input = args.required("input");
    const std::string out = args.required("out");
    const long context = args.integer("context", clip::kContextLength);
    args.finish();
    if (context < 2)
        throw UsageError{"--context must be at least 2"};
    const clip::Tokenizer tokenizer(vocab);
    saveNpyTensor(out, tokenizer.tokenize(clip::readLines(input), static_cast<int>(context)));
    return 0;
}

const Registrar reg{Command{
    "tokenize", "CLIP BPE token ids of captions (.txt in, .npy out)",
    "Usage: fglens-cli tokenize --vocab BPE.txt.gz --input CAPTIONS.txt --out TOKENS.npy [--context N]\n\n"
    "  --vocab FILE   CLIP's bpe_simple_vocab_16e6.txt.gz (gzip, read as it is)\n"
    "  --input FILE   UTF-8 text, one caption a line (empty lines are captions too)\n"
    "  --out FILE     int64 [N, context]: start token 49406, BPE ids, end token 49407, zero padding;\n"
    "                 a caption too long is truncated with the end token last\n"
    "  --context N    tokens per row (default 77)\n",
    runTokenize}};

} // namespace
} // namespace fglens::cli

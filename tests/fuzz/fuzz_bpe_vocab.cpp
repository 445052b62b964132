// libFuzzer harness: see fuzz_targets.h and run.sh.
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fglens::fuzz::runOrAbort("bpe_vocab", data, size);
}

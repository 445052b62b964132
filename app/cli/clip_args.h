#pragma once
#include "command.h"

#include "clip/clip_model.h"

namespace fglens::cli {

// --clip MODEL.pt [--device auto|cpu|cuda]: a CLIP model ready to encode.
clip::ClipModel clipFromArgs(Args& args);
// --batch N (default `fallback`), checked to be positive.
int64_t batchFromArgs(Args& args, int64_t fallback);
extern const char* const kClipOptionsHelp;

} // namespace fglens::cli

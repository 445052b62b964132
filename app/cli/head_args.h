#pragma once
#include "command.h"

#include "heads/head.h"

namespace fglens::cli {

// --head KIND [--weights FILE] [--seed N]: a head ready for scoring.
SimilarityHead headFromArgs(Args& args);
extern const char* const kHeadOptionsHelp;

} // namespace fglens::cli

#pragma once
#include "command.h"

namespace fglens::cli {

// fglens-cli runs import-fgclip --project DIR [--log LOG] FILE.pt...
int runImportFgclip(Args& args);

} // namespace fglens::cli

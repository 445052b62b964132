#pragma once
#include "command.h"

namespace fglens::cli {

// fglens-cli runs import-fgclip --project DIR [--log LOG] FILE.pt...
int runImportFgclip(Args& args);
// fglens-cli runs import --from LOG --into LOG [--runs 1,2]
int runImportLog(Args& args);

} // namespace fglens::cli

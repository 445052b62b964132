#pragma once
// Long CLI jobs: one progress line on stderr with rate and ETA (rewritten in
// place on a terminal, one line per stage otherwise), and Ctrl-C that cancels
// through the job's token so the job can save what it has.
#include "common/job.h"

namespace fglens::cli {

// The returned context prints progress unless `quiet`; while it is alive,
// SIGINT/SIGTERM cancel it instead of killing the process.
JobContext consoleJob(bool quiet);

} // namespace fglens::cli

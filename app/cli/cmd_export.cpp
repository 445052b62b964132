#include "command.h"
#include "log_args.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "store/experiment_log.h"
#include "store/export.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fglens::cli {
namespace {

void writeFile(const std::filesystem::path& p, const std::string& text)
{
    writeFileAtomic(p.string(), text, false);
    std::printf("%s\n", p.string().c_str());
}

int runExport(Args& args)
{
    const std::string logPath = args.required("log");
    const std::filesystem::path out = args.required("out");
    std::vector<int64_t> ids;
    for (const auto& item : args.list("runs"))
        ids.push_back(parseRunId(item, "--runs"));
    const int decimals = static_cast<int>(args.integer("decimals", 2));
    args.finish();
    // Opened after the options are checked: a usage error must not create a log.
    ExperimentLog log(logPath);
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec)
        fail(out.string(), "cannot create directory: " + ec.message());
    writeFile(out / "runs.csv", runsCsv(log));
    writeFile(out / "metrics.csv", metricsCsv(log));
    const Table t1 = tableOne(log, ids), tb = benchmarkTable(log, ids);
    writeFile(out / "table1.csv", tableCsv(t1));
    writeFile(out / "table1.tex", tableLatex(t1, decimals));
    writeFile(out / "benchmarks.csv", tableCsv(tb));
    writeFile(out / "benchmarks.tex", tableLatex(tb, decimals));
    return 0;
}

const Registrar reg{Command{
    "export", "export runs, metrics and the paper's tables (CSV, LaTeX booktabs) from a log",
    "Usage: fglens-cli export --log LOG.sqlite --out DIR [--runs 1,2,3] [--decimals N]\n\n"
    "  Writes runs.csv, metrics.csv, table1.{csv,tex} (COCO R@K against Mean Rank Sum) and\n"
    "  benchmarks.{csv,tex} (Mean Rank per benchmark). Runs that differ only by a seed suffix\n"
    "  in their name form one row, reported as mean ± std. Default: every finished run.\n",
    runExport}};

} // namespace
} // namespace fglens::cli

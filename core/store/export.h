#pragma once
// Tables for papers from the experiment log: runs and metrics as CSV, Table I
// (COCO R@K against Mean Rank Sum) and the per-benchmark Mean Rank table as
// CSV and LaTeX (booktabs). Runs of one configuration (same name apart from
// the seed) are grouped and reported as mean ± std.
#include <cstdint>
#include <string>
#include <vector>

namespace fglens {

class ExperimentLog;

struct TableRow {
    std::string label;                     // "linear / finetune"
    std::vector<int64_t> runIds;
    std::vector<double> mean, std;         // per column; std 0 with one run; NaN when absent
};

struct Table {
    std::string title;
    std::vector<std::string> columns;      // header labels
    std::vector<std::string> metricNames;  // metric behind each column
    std::vector<TableRow> rows;
};

// runIds empty = every finished run.
Table tableOne(const ExperimentLog& log, const std::vector<int64_t>& runIds = {});
Table benchmarkTable(const ExperimentLog& log, const std::vector<int64_t>& runIds = {});

std::string tableCsv(const Table& t);
std::string tableLatex(const Table& t, int decimals = 2);
// Aligned plain text for a terminal.
std::string tableText(const Table& t, int decimals = 2);
std::string runsCsv(const ExperimentLog& log);
std::string metricsCsv(const ExperimentLog& log);

} // namespace fglens

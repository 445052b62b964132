#include "store/export.h"

#include "data/fgovd.h"
#include "store/experiment_log.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fglens {
namespace {

// Runs that differ only by seed share a row: "linear/finetune seed=7" and
// "linear/finetune seed=8" both become "linear/finetune".
std::string groupLabel(const RunRecord& r)
{
    static const std::regex seedSuffix("[ _/-]*seed[=_ -]?[0-9]+$");
    return std::regex_replace(r.name, seedSuffix, "");
}

Table buildTable(const ExperimentLog& log, const std::vector<int64_t>& runIds, std::string title,
                 std::vector<std::string> columns, std::vector<std::string> metricNames)
{
    Table t{std::move(title), std::move(columns), std::move(metricNames), {}};
    std::vector<RunRecord> runs = log.runs();
    std::reverse(runs.begin(), runs.end());   // oldest first: the protocol's order
    const std::set<int64_t> wanted(runIds.begin(), runIds.end());
    std::map<std::string, size_t> rowOf;
    std::vector<std::vector<std::vector<double>>> values;   // row -> column -> samples
    for (const auto& r : runs) {
        if (wanted.empty() ? r.status != RunStatus::Finished : !wanted.count(r.id))
            continue;
        const auto finals = log.finalMetrics(r.id);
        bool any = false;
        for (const auto& m : t.metricNames)
            any = any || finals.count(m);
        if (!any)
            continue;
        const std::string label = groupLabel(r);
        auto it = rowOf.find(label);
        if (it == rowOf.end()) {
            it = rowOf.emplace(label, t.rows.size()).first;
            t.rows.push_back(TableRow{label, {}, {}, {}});
            values.emplace_back(t.metricNames.size());
        }
        t.rows[it->second].runIds.push_back(r.id);
        for (size_t c = 0; c < t.metricNames.size(); ++c) {
            auto f = finals.find(t.metricNames[c]);
            if (f != finals.end() && std::isfinite(f->second))
                values[it->second][c].push_back(f->second);
        }
    }
    for (size_t i = 0; i < t.rows.size(); ++i) {
        for (const auto& v : values[i]) {
            if (v.empty()) {
                t.rows[i].mean.push_back(std::nan(""));
                t.rows[i].std.push_back(std::nan(""));
                continue;
            }
            double mean = 0;
            for (double x : v)
                mean += x / static_cast<double>(v.size());
            double var = 0;
            for (double x : v)
                var += (x - mean) * (x - mean);
            t.rows[i].mean.push_back(mean);
            t.rows[i].std.push_back(v.size() > 1 ? std::sqrt(var / static_cast<double>(v.size() - 1)) : 0.0);
        }
    }
    return t;
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(double v, int decimals)
{
    if (!std::isfinite(v))
        return {};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string latexEscape(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (std::string("&%$#_{}").find(c) != std::string::npos)
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace

Table tableOne(const ExperimentLog& log, const std::vector<int64_t>& runIds)
{
    return buildTable(log, runIds, "Table I: COCO retrieval against FG-OVD Mean Rank Sum",
                      {"i2t R@1", "i2t R@5", "i2t R@10", "t2i R@1", "t2i R@5", "t2i R@10", "Mean Rank Sum"},
                      {"i2t_r1", "i2t_r5", "i2t_r10", "t2i_r1", "t2i_r5", "t2i_r10", "mean_rank_sum"});
}

Table benchmarkTable(const ExperimentLog& log, const std::vector<int64_t>& runIds)
{
    std::vector<std::string> columns, metrics;
    for (const auto& k : benchmarkKeys()) {
        std::string label = k;
        label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
        columns.push_back(label);
        metrics.push_back("mean_rank/" + k);
    }
    columns.push_back("Sum");
    metrics.push_back("mean_rank_sum");
    return buildTable(log, runIds, "Mean Rank per FG-OVD benchmark", columns, metrics);
}

std::string tableCsv(const Table& t)
{
    std::ostringstream out;
    out << "run";
    for (const auto& c : t.columns)
        out << ',' << csvField(c) << ',' << csvField(c + " std");
    out << ",runs\n";
    for (const auto& r : t.rows) {
        out << csvField(r.label);
        for (size_t c = 0; c < t.columns.size(); ++c)
            out << ',' << number(r.mean[c], 6) << ',' << number(r.std[c], 6);
        out << ',' << r.runIds.size() << '\n';
    }
    return out.str();
}

std::string tableLatex(const Table& t, int decimals)
{
    std::ostringstream out;
    out << "% " << t.title << " (FG-Lens; mean \\pm std over seeds where a row has several runs)\n";
    out << "\\begin{tabular}{l" << std::string(t.columns.size(), 'r') << "}\n\\toprule\n";
    out << "Run";
    for (const auto& c : t.columns)
        out << " & " << latexEscape(c);
    out << " \\\\\n\\midrule\n";
    for (const auto& r : t.rows) {
        out << latexEscape(r.label);
        for (size_t c = 0; c < t.columns.size(); ++c) {
            out << " & ";
            if (!std::isfinite(r.mean[c]))
                out << "--";
            else if (r.runIds.size() > 1)
                out << "$" << number(r.mean[c], decimals) << " \\pm " << number(r.std[c], decimals) << "$";
            else
                out << number(r.mean[c], decimals);
        }
        out << " \\\\\n";
    }
    out << "\\bottomrule\n\\end{tabular}\n";
    return out.str();
}

std::string tableText(const Table& t, int decimals)
{
    std::vector<std::vector<std::string>> cells;
    cells.push_back({"run"});
    for (const auto& c : t.columns)
        cells.back().push_back(c);
    for (const auto& r : t.rows) {
        cells.push_back({r.label});
        for (size_t c = 0; c < t.columns.size(); ++c) {
            std::string v = std::isfinite(r.mean[c]) ? number(r.mean[c], decimals) : "-";
            if (r.runIds.size() > 1 && std::isfinite(r.mean[c]))
                v += "±" + number(r.std[c], decimals);
            cells.back().push_back(v);
        }
    }
    std::vector<size_t> width(t.columns.size() + 1, 0);
    for (const auto& row : cells)
        for (size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    std::ostringstream out;
    out << t.title << "\n";
    for (const auto& row : cells) {
        for (size_t c = 0; c < row.size(); ++c) {
            const std::string pad(width[c] - row[c].size(), ' ');
            out << (c == 0 ? row[c] + pad : "  " + pad + row[c]);
        }
        out << "\n";
    }
    return out.str();
}

std::string runsCsv(const ExperimentLog& log)
{
    std::ostringstream out;
    out << "id,name,head_kind,stage,parent_id,seed,status,started_at,ended_at,program_version,git_commit,"
           "weights_path,notes,tags,error,config_json,data_identity\n";
    for (const auto& r : log.runs())
        out << r.id << ',' << csvField(r.name) << ',' << r.headKind << ',' << r.stage << ','
            << (r.parentId ? std::to_string(*r.parentId) : std::string()) << ',' << r.seed << ','
            << runStatusName(r.status) << ',' << r.startedAt << ',' << r.endedAt << ',' << csvField(r.programVersion)
            << ',' << r.gitCommit << ',' << csvField(r.weightsPath) << ',' << csvField(r.notes) << ','
            << csvField(r.tags) << ',' << csvField(r.error) << ',' << csvField(r.configJson) << ','
            << csvField(r.dataIdentity) << '\n';
    return out.str();
}

std::string metricsCsv(const ExperimentLog& log)
{
    std::ostringstream out;
    out << "run_id,name,step,value\n";
    char buf[64];
    for (const auto& r : log.runs())
        for (const auto& m : log.metrics(r.id)) {
            std::snprintf(buf, sizeof buf, "%.9g", m.value);
            out << r.id << ',' << csvField(m.name) << ',' << m.step << ',' << (std::isfinite(m.value) ? buf : "")
                << '\n';
        }
    return out.str();
}

} // namespace fglens

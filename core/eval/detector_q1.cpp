#include "eval/detector_q1.h"

#include "data/fgovd.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace fglens {

std::vector<Q1Row> detectorQ1(const std::vector<ObjectResult>& detector, const std::vector<ObjectResult>& clip)
{
    std::map<std::string, std::unordered_map<int64_t, int>> clipRank;
    for (const auto& r : clip)
        clipRank[r.benchmark][r.objectId] = r.rank;
    std::map<std::string, Q1Row> rows;
    for (const auto& d : detector) {
        Q1Row& row = rows[d.benchmark];
        row.benchmark = d.benchmark;
        const auto bench = clipRank.find(d.benchmark);
        const int* clipRankOf = nullptr;
        if (bench != clipRank.end())
            if (const auto c = bench->second.find(d.objectId); c != bench->second.end())
                clipRankOf = &c->second;
        if (!clipRankOf) {
            ++row.withoutClip;
            continue;
        }
        ++row.objects;
        if (!q1Wrong(d.rank))
            continue;
        ++row.detectorWrong;
        if (q1Wrong(*clipRankOf))
            ++row.clipAlsoWrong;
        if (!d.box)
            ++row.unmatched;
    }
    std::vector<Q1Row> out;
    for (const auto& key : benchmarkKeys())
        if (auto it = rows.find(key); it != rows.end()) {
            out.push_back(it->second);
            rows.erase(it);
        }
    for (auto& [key, row] : rows)   // std::map: alphabetical
        out.push_back(row);
    return out;
}

std::string q1Json(const std::vector<Q1Row>& rows, int64_t detectorRun, int64_t clipRun)
{
    nlohmann::ordered_json j;
    j["detector_run"] = detectorRun;
    j["clip_run"] = clipRun;
    nlohmann::ordered_json b = nlohmann::ordered_json::object();
    for (const auto& r : rows)
        b[r.benchmark] = {{"objects", r.objects},
                          {"detector_wrong", r.detectorWrong},
                          {"clip_also_wrong", r.clipAlsoWrong},
                          {"unmatched", r.unmatched},
                          {"without_clip_result", r.withoutClip}};
    j["benchmarks"] = b;
    return j.dump(2);
}

std::string q1Csv(const std::vector<Q1Row>& rows)
{
    std::string out = "benchmark,objects,detector_wrong,clip_also_wrong,unmatched,without_clip_result\n";
    for (const auto& r : rows)
        out += r.benchmark + "," + std::to_string(r.objects) + "," + std::to_string(r.detectorWrong) + "," +
               std::to_string(r.clipAlsoWrong) + "," + std::to_string(r.unmatched) + "," +
               std::to_string(r.withoutClip) + "\n";
    return out;
}

namespace {

std::string latexEscape(const std::string& s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            out += '\\';
            out += c;
            break;
        case '~': out += "\\textasciitilde{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        case '\\': out += "\\textbackslash{}"; break;
        default: out += c;
        }
    }
    return out;
}

// "12 (40.0\%)": a count and its share of the detector's wrong objects.
std::string countShare(int64_t n, int64_t of)
{
    char buf[64];
    if (of > 0)
        std::snprintf(buf, sizeof buf, "%lld (%.1f\\%%)", static_cast<long long>(n), 100.0 * n / of);
    else
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
    return buf;
}

} // namespace

std::string q1Latex(const std::vector<Q1Row>& rows, const std::string& detectorName)
{
    std::string out = "% Q1: objects " + detectorName + " ranks wrong, and how many CLIP on the crop also ranks wrong\n";
    out += "\\begin{tabular}{lrrrr}\n\\toprule\n";
    out += "Benchmark & Objects & " + latexEscape(detectorName) + " wrong & CLIP also wrong & Unmatched \\\\\n\\midrule\n";
    for (const auto& r : rows)
        out += latexEscape(r.benchmark) + " & " + std::to_string(r.objects) + " & " + std::to_string(r.detectorWrong) +
               " & " + countShare(r.clipAlsoWrong, r.detectorWrong) + " & " + countShare(r.unmatched, r.detectorWrong) +
               " \\\\\n";
    out += "\\bottomrule\n\\end{tabular}\n";
    return out;
}

} // namespace fglens

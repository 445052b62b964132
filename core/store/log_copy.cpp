#include "store/log_copy.h"

#include "common/error.h"
#include "store/experiment_log.h"

#include <algorithm>
#include <map>
#include <set>

namespace fglens {

std::vector<CopiedRun> copyRuns(const ExperimentLog& from, ExperimentLog& into, const std::vector<int64_t>& runIds)
{
    std::vector<RunRecord> runs = from.runs();
    std::reverse(runs.begin(), runs.end());   // oldest first
    const std::set<int64_t> wanted(runIds.begin(), runIds.end());
    for (int64_t id : wanted)
        if (std::none_of(runs.begin(), runs.end(), [id](const RunRecord& r) { return r.id == id; }))
            fail(from.path(), "no run " + std::to_string(id) + " to import");
    std::map<int64_t, int64_t> newId;
    std::vector<CopiedRun> out;
    for (RunRecord r : runs) {
        if (!wanted.empty() && !wanted.count(r.id))
            continue;
        if (r.parentId) {
            const auto p = newId.find(*r.parentId);
            r.parentId = p == newId.end() ? std::nullopt : std::optional<int64_t>(p->second);
        }
        const int64_t id = into.copyRun(r, from.metrics(r.id), from.objectResults(r.id));
        newId[r.id] = id;
        out.push_back({r.id, id});
    }
    return out;
}

} // namespace fglens

#include "model/project_session.h"

#include "data/fgovd.h"
#include "data/image_source.h"

namespace fglens {
// ProjectData is only ever held through shared_ptr here; its definition (and
// LibTorch) stays in the translation units that build it.
struct ProjectData;
}

namespace fglens::ui {

ProjectSession::ProjectSession(QObject* parent)
    : QObject(parent)
{
}

ProjectSession::~ProjectSession() = default;

void ProjectSession::setProject(LoadedProject project)
{
    auto baseline = std::move(project.baseline);
    loaded_ = std::move(project);
    sets_.clear();
    if (baseline)
        sets_.push_back(index(std::move(baseline)));
    Q_EMIT projectChanged();
    Q_EMIT resultSetsChanged();
}

void ProjectSession::close()
{
    loaded_ = LoadedProject{};
    sets_.clear();
    Q_EMIT projectChanged();
    Q_EMIT resultSetsChanged();
}

int ProjectSession::benchmarkIndex(const std::string& key) const
{
    for (size_t i = 0; i < loaded_.benchmarks.size(); ++i)
        if (loaded_.benchmarks[i].key == key)
            return static_cast<int>(i);
    return -1;
}

ResultSetPtr ProjectSession::resultSet(int index) const
{
    if (index < 0 || index >= resultSetCount())
        return nullptr;
    return sets_[static_cast<size_t>(index)].set;
}

int ProjectSession::indexOfResultSet(const QString& key) const
{
    for (size_t i = 0; i < sets_.size(); ++i)
        if (sets_[i].set->key == key)
            return static_cast<int>(i);
    return -1;
}

ProjectSession::Indexed ProjectSession::index(std::shared_ptr<ResultSet> set) const
{
    Indexed ix;
    ix.byBench.assign(loaded_.benchmarks.size(), nullptr);
    for (size_t b = 0; b < loaded_.benchmarks.size(); ++b) {
        const BenchView& view = loaded_.benchmarks[b];
        auto it = set->benches.find(view.key);
        if (it == set->benches.end())
            continue;
        ResultSet::Bench& rb = it->second;
        rb.rowOfObject.assign(view.benchmark->objects.size(), -1);
        for (size_t r = 0; r < rb.objectIds.size(); ++r) {
            auto o = view.objectIndexById.find(rb.objectIds[r]);
            if (o != view.objectIndexById.end())
                rb.rowOfObject[static_cast<size_t>(o->second)] = static_cast<int32_t>(r);
        }
        ix.byBench[b] = &rb;
    }
    ix.set = std::move(set);
    return ix;
}

void ProjectSession::addResultSet(std::shared_ptr<ResultSet> set)
{
    if (!set)
        return;
    Indexed ix = index(std::move(set));
    const int existing = indexOfResultSet(ix.set->key);
    if (existing >= 0)
        sets_[static_cast<size_t>(existing)] = std::move(ix);
    else
        sets_.push_back(std::move(ix));
    Q_EMIT resultSetsChanged();
}

void ProjectSession::removeResultSet(const QString& key)
{
    const int i = indexOfResultSet(key);
    if (i < 0)
        return;
    sets_.erase(sets_.begin() + i);
    Q_EMIT resultSetsChanged();
}

ProjectSession::Score ProjectSession::score(int set, int bench, int object) const
{
    Score s;
    if (set < 0 || set >= resultSetCount() || bench < 0)
        return s;
    const Indexed& ix = sets_[static_cast<size_t>(set)];
    if (static_cast<size_t>(bench) >= ix.byBench.size() || !ix.byBench[static_cast<size_t>(bench)])
        return s;
    const ResultSet::Bench& rb = *ix.byBench[static_cast<size_t>(bench)];
    if (object < 0 || static_cast<size_t>(object) >= rb.rowOfObject.size())
        return s;
    const int32_t row = rb.rowOfObject[static_cast<size_t>(object)];
    if (row < 0)
        return s;
    s.rank = rb.ranks[static_cast<size_t>(row)];
    s.width = rb.width();
    s.scores = rb.row(static_cast<size_t>(row));
    s.margin = scoreMargin(s.scores, s.width);
    if (static_cast<size_t>(row) < rb.matched.size()) {
        s.detector = true;
        if (rb.matched[static_cast<size_t>(row)])
            s.box = &rb.boxes[static_cast<size_t>(row)];
    }
    return s;
}

} // namespace fglens::ui

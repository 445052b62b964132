#include "cluster/sweep_plan.h"

#include "common/error.h"

#include <cstdio>
#include <functional>
#include <sstream>

namespace fglens::cluster {
namespace {

std::string number(double x)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    // Shortest text that reads back as the same double.
    for (int p = 1; p <= 17; ++p) {
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", p, x);
        if (std::stod(shorter) == x)
            return shorter;
    }
    return buf;
}

std::vector<std::string> splitTags(const std::string& tags)
{
    std::vector<std::string> out;
    std::istringstream in(tags);
    for (std::string t; std::getline(in, t, ',');)
        if (!t.empty())
            out.push_back(t);
    return out;
}

} // namespace

TrainConfig SweepPoint::config() const
{
    const auto kind = parseHeadKind(head);
    if (!kind || !isTrainable(*kind))
        fail("sweep", "--heads: '" + head + "' is not a trainable head (linear, linear-visual, linear-text, mlp, attention)");
    TrainConfig c = presetConfig(preset, *kind, stage == "finetune" ? Stage::Finetune : Stage::Warmup);
    if (epochs)
        c.epochs = *epochs;
    if (lr)
        c.lr = *lr;
    if (margin)
        c.margin = *margin;
    c.seed = seed;
    return c;
}

std::string SweepPoint::label() const
{
    std::string s = head + "/" + stage + " seed=" + std::to_string(seed);
    if (lr)
        s += " lr=" + number(*lr);
    if (margin)
        s += " margin=" + number(*margin);
    return s;
}

std::vector<SweepPoint> sweepGrid(const SweepGridOptions& o)
{
    std::vector<SweepPoint> out;
    const std::vector<std::optional<double>> lrs = o.lrs.empty() ? std::vector<std::optional<double>>{std::nullopt}
                                                                 : std::vector<std::optional<double>>(o.lrs.begin(), o.lrs.end());
    const std::vector<std::optional<double>> margins =
        o.margins.empty() ? std::vector<std::optional<double>>{std::nullopt}
                          : std::vector<std::optional<double>>(o.margins.begin(), o.margins.end());
    for (const auto& head : o.heads)
        for (const auto& lr : lrs)
            for (const auto& margin : margins)
                for (uint64_t seed : o.seeds) {
                    SweepPoint p;
                    p.head = head;
                    p.stage = o.stage;
                    p.from = o.from;
                    p.seed = seed;
                    p.lr = lr;
                    p.margin = margin;
                    p.epochs = o.epochs;
                    p.preset = o.preset;
                    p.config();   // rejects a head that cannot be trained, before anything runs
                    out.push_back(p);
                }
    return out;
}

bool runMatches(const RunRecord& run, const SweepPoint& p)
{
    if (run.stage != p.stage || run.headKind != p.head || run.parentId != p.from)
        return false;
    TrainConfig have;
    try {
        have = TrainConfig::fromJson(run.configJson, "run " + std::to_string(run.id));
    } catch (const Error&) {
        return false;
    }
    const TrainConfig want = p.config();
    return have.head == want.head && have.stage == want.stage && have.preset == want.preset &&
           have.epochs == want.epochs && have.batch == want.batch && have.lr == want.lr &&
           have.margin == want.margin && have.seed == want.seed;
}

std::vector<PointPlan> planSweep(const std::vector<SweepPoint>& grid, const std::vector<RunRecord>& runs,
                                 const std::function<bool(const std::string&)>& alive)
{
    std::vector<PointPlan> out;
    for (const auto& p : grid) {
        PointPlan plan;
        plan.point = p;
        plan.status = "new";
        const RunRecord* finished = nullptr;
        const RunRecord* unfinished = nullptr;
        // runs() is newest first: the first unfinished match is the latest.
        for (const auto& r : runs) {
            if (!runMatches(r, p))
                continue;
            if (r.status == RunStatus::Finished) {
                if (!finished)
                    finished = &r;
            } else if (!unfinished) {
                unfinished = &r;
            }
        }
        if (finished) {
            plan.action = PointAction::Done;
            plan.runId = finished->id;
            plan.status = "finished";
        } else if (unfinished) {
            plan.runId = unfinished->id;
            plan.status = runStatusName(unfinished->status);
            plan.action = PointAction::Resume;
            if (unfinished->status == RunStatus::Running) {
                // Running in a job that Slurm still lists (or in a live local
                // process: the log marks dead local ones failed when opened).
                const std::string job = slurmJobOfTags(unfinished->tags);
                if (job.empty() || !alive || alive(job))
                    plan.action = PointAction::Busy;
            }
        }
        out.push_back(plan);
    }
    return out;
}

std::vector<std::string> trainArgs(const PointPlan& p, const std::string& project, const std::string& log)
{
    std::vector<std::string> a{"--project", project, "--log", log, "--quiet"};
    if (p.action == PointAction::Resume && p.runId) {
        a.insert(a.end(), {"--resume", std::to_string(*p.runId)});
        return a;
    }
    const SweepPoint& s = p.point;
    a.insert(a.end(), {"--head", s.head, "--stage", s.stage, "--seed", std::to_string(s.seed), "--preset", s.preset,
                       "--name", s.label()});
    if (s.from)
        a.insert(a.end(), {"--from", std::to_string(*s.from)});
    if (s.epochs)
        a.insert(a.end(), {"--epochs", std::to_string(*s.epochs)});
    if (s.lr)
        a.insert(a.end(), {"--lr", number(*s.lr)});
    if (s.margin)
        a.insert(a.end(), {"--margin", number(*s.margin)});
    return a;
}

std::string slurmJobOfTags(const std::string& tags)
{
    for (const auto& t : splitTags(tags))
        if (t.rfind("slurm=", 0) == 0)
            return t.substr(6);
    return {};
}

std::string withSlurmJob(const std::string& tags, const std::string& job)
{
    std::string out;
    for (const auto& t : splitTags(tags))
        if (t.rfind("slurm=", 0) != 0)
            out += (out.empty() ? "" : ",") + t;
    if (!job.empty())
        out += (out.empty() ? "" : ",") + std::string("slurm=") + job;
    return out;
}

} // namespace fglens::cluster

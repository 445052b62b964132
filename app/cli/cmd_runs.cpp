#include "command.h"
#include "log_args.h"
#include "runs_import.h"

#include "store/experiment_log.h"

#include <cstdio>

namespace fglens::cli {
namespace {

int runRuns(Args& args)
{
    if (!args.positional().empty() && args.positional().front() == "import-fgclip")
        return runImportFgclip(args);
    if (!args.positional().empty() && args.positional().front() == "import")
        return runImportLog(args);
    if (!args.positional().empty())
        throw UsageError{"unknown runs subcommand '" + args.positional().front() + "' (import, import-fgclip)"};
    const std::string logPath = args.required("log");
    const auto show = args.optional("show");
    const auto note = args.optional("note");
    const std::string text = args.value("text", "");
    const std::string tags = args.value("tags", "");
    args.finish();
    const int64_t noteId = note ? parseRunId(*note, "--note") : 0;
    const int64_t showId = show ? parseRunId(*show, "--show") : 0;
    // Opened after the options are checked: a usage error must not create a log.
    ExperimentLog log(logPath);
    if (note) {
        const int64_t id = noteId;
        if (!log.run(id))
            throw UsageError{"no run " + *note};
        log.setNotes(id, text, tags);
        return 0;
    }
    if (show) {
        const auto r = log.run(showId);
        if (!r)
            throw UsageError{"no run " + *show};
        std::printf("run %lld  %s  %s/%s  %s\nconfig %s\ndata %s\nstarted %s  ended %s  version %s (%s)\n",
                    static_cast<long long>(r->id), r->name.c_str(), r->headKind.c_str(), r->stage.c_str(),
                    runStatusName(r->status).c_str(), r->configJson.c_str(), r->dataIdentity.c_str(),
                    r->startedAt.c_str(), r->endedAt.c_str(), r->programVersion.c_str(), r->gitCommit.c_str());
        if (!r->error.empty())
            std::printf("error %s\n", r->error.c_str());
        if (!r->tags.empty())
            std::printf("tags %s\n", r->tags.c_str());
        if (!r->weightsPath.empty())
            std::printf("weights %s\n", r->weightsPath.c_str());
        for (const auto& m : log.metrics(r->id))
            std::printf("%-28s %4lld  %.6g\n", m.name.c_str(), static_cast<long long>(m.step), m.value);
        return 0;
    }
    std::printf("%5s  %-24s %-13s %-8s %-9s %6s %8s  %s\n", "id", "name", "head", "stage", "status", "parent",
                "MR sum", "started");
    for (const auto& r : log.runs()) {
        const auto f = log.finalMetrics(r.id);
        const auto sum = f.find("mean_rank_sum");
        char mr[32] = "-";
        if (sum != f.end())
            std::snprintf(mr, sizeof mr, "%.2f", sum->second);
        std::printf("%5lld  %-24s %-13s %-8s %-9s %6s %8s  %s\n", static_cast<long long>(r.id), r.name.c_str(),
                    r.headKind.c_str(), r.stage.c_str(), runStatusName(r.status).c_str(),
                    r.parentId ? std::to_string(*r.parentId).c_str() : "-", mr, r.startedAt.c_str());
    }
    return 0;
}

const Registrar reg{Command{"runs", "list, show and annotate the runs of an experiment log",
                            "Usage: fglens-cli runs --log LOG.sqlite [--show RUN] [--note RUN --text T [--tags a,b]]\n"
                            "       fglens-cli runs import --from LOG --into LOG [--runs 1,2,3]\n"
                            "       fglens-cli runs import-fgclip --project DIR [--log LOG] FILE.pt...\n\n"
                            "  LOG is a SQLite file or a PostgreSQL URI postgresql://user@host:port/dbname (the\n"
                            "  password from ~/.pgpass, PGPASSWORD or a service file; never printed).\n"
                            "  Without options: one line per run (newest first) with its Mean Rank Sum.\n"
                            "  --show RUN   config, data identity, status and every metric of a run\n"
                            "  --note RUN   set a run's notes (--text) and tags (--tags)\n"
                            "  import       copies runs (all, or --runs) from one log into another with their\n"
                            "               metrics and per-object results: new ids, parents remapped, weights\n"
                            "               paths kept; prints {\"from\", \"into\", \"runs\": [{\"from\", \"to\"}, ...]}\n"
                            "  import-fgclip  FG-CLIP's released head checkpoints (triplet_* = warm-up, fg-ovd_* =\n"
                            "               fine-tune; the head kind from the keys) evaluated on the project's\n"
                            "               benchmarks as runs of the log, each with its file's SHA-256 in the\n"
                            "               config; prints {\"runs\": [{\"run\", \"file\", \"sha256\", \"head\",\n"
                            "               \"stage\", \"result\"}, ...]}\n",
                            runRuns}};

} // namespace
} // namespace fglens::cli

#include "command.h"
#include "progress.h"
#include "project_args.h"

#include "cluster/slurm_jobs.h"
#include "cluster/sweep_plan.h"
#include "common/error.h"
#include "store/experiment_log.h"
#include "train/experiment.h"

#include <cstdio>

namespace fglens::cli {
namespace {

int runTrain(Args& args)
{
    const auto pa = projectFromArgs(args);
    const auto resume = args.optional("resume");
    const std::string headText = args.value("head", "linear");
    const auto parsedKind = parseHeadKind(headText);
    if (!parsedKind || !isTrainable(*parsedKind))
        throw UsageError{"--head must be one of linear, linear-visual, linear-text, mlp, attention (got '" + headText +
                         "')"};
    const HeadKind kind = *parsedKind;
    const std::string stageText = args.value("stage", "warmup");
    if (stageText != "warmup" && stageText != "finetune")
        throw UsageError{"--stage must be warmup or finetune"};
    const Stage stage = stageText == "warmup" ? Stage::Warmup : Stage::Finetune;
    TrainConfig c = presetConfig(args.value("preset", "released"), kind, stage);
    c.epochs = static_cast<int>(args.integer("epochs", c.epochs));
    c.batch = args.integer("batch", c.batch);
    c.lr = args.real("lr", c.lr);
    c.margin = args.real("margin", c.margin);
    c.seed = static_cast<uint64_t>(args.integer("seed", static_cast<long>(c.seed)));
    if (args.flag("reference-text-norm"))
        c.textNorm = TextNorm::AcrossCaptions;
    const auto from = args.optional("from");
    const auto fromName = args.optional("from-name");
    const std::string name = args.value("name", headKindName(kind) + "/" + stageText);
    const bool quiet = args.flag("quiet");
    args.finish();
    if (c.epochs < 1 || c.batch < 2 || !(c.lr > 0))
        throw UsageError{"--epochs must be >= 1, --batch >= 2 and --lr > 0"};

    const JobContext ctx = consoleJob(quiet);
    const auto data = loadProjectData(pa.project, &ctx);
    ExperimentLog log(pa.logPath);
    std::optional<int64_t> parent, resumeId;
    if (from && fromName)
        throw UsageError{"give --from or --from-name, not both"};
    if (from)
        parent = std::stoll(*from);
    if (fromName) {
        // Newest first: the latest finished warm-up of that name (a Slurm
        // fine-tune whose run id was unknown when it was submitted).
        for (const auto& run : log.runs())
            if (run.name == *fromName && run.status == RunStatus::Finished && !run.weightsPath.empty()) {
                parent = run.id;
                break;
            }
        if (!parent)
            fail(log.path(), "no finished run named '" + *fromName + "' with weights to start from");
    }
    if (resume)
        resumeId = std::stoll(*resume);
    auto onEpoch = [quiet](const EpochReport& e) {
        if (!quiet)
            std::fprintf(stderr, "epoch %d: train loss %.4f, val loss %.4f%s\n", e.epoch, e.trainLoss, e.valLoss,
                         e.best ? " (best)" : "");
    };
    // Inside a Slurm job the run carries the job's id (tag slurm=JOB_TASK), so
    // that a cancelled or killed task can be told apart and resumed by a sweep.
    const std::string slurmJob = cluster::currentSlurmJob();
    int64_t runId = 0;
    auto onRunCreated = [&](int64_t id) {
        runId = id;
        if (slurmJob.empty())
            return;
        if (const auto run = log.run(id))
            log.setNotes(id, run->notes, cluster::withSlurmJob(run->tags, slurmJob));
    };
    TrainJobResult r;
    try {
        r = trainLogged(data, log, c, name, parent, ctx, onEpoch, {}, resumeId, onRunCreated);
    } catch (const Error& e) {
        if (runId > 0 && !slurmJob.empty())
            log.finishRun(runId, RunStatus::Failed, e.problem() + " (Slurm job " + slurmJob + ")");
        throw;
    }
    if (r.status == Trainer::Status::Cancelled) {
        if (!slurmJob.empty())
            log.finishRun(r.runId, RunStatus::Cancelled,
                          "cancelled in Slurm job " + slurmJob + " (scancel, time limit or preemption)");
        std::fprintf(stderr, "run %lld cancelled; resume with --resume %lld\n", static_cast<long long>(r.runId),
                     static_cast<long long>(r.runId));
        return 3;   // as for any cancelled job (main.cpp)
    }
    std::printf("{\"run\": %lld, \"weights\": \"%s\", \"result\": %s}\n", static_cast<long long>(r.runId),
                r.weightsPath.c_str(), evalSummaryJson(r.summary).c_str());
    return 0;
}

const Registrar reg{Command{
    "train", "train a similarity head on a project's embeddings, logged as a run",
    "Usage: fglens-cli train --project DIR [--log LOG.sqlite] --head KIND --stage warmup|finetune\n"
    "                        [--from RUN | --from-name NAME] [--preset released|paper|demo]\n"
    "                        [--epochs N] [--batch N] [--lr X] [--margin X] [--seed N]\n"
    "                        [--name NAME] [--resume RUN] [--quiet]\n\n"
    "  warmup: in-batch hinge triplet loss on the project's COCO-style pairs (coco_train);\n"
    "  finetune: positive-anchored hinge loss on FG-OVD vocabularies (fgovd_train), usually\n"
    "  --from the warm-up run (--from-name: the latest finished run of that name). Adam;\n"
    "  a checkpoint of model and optimizer after every epoch under LOG.runs/<id>; the best\n"
    "  epoch by validation loss is evaluated on every benchmark and on retrieval and logged.\n"
    "  Ctrl-C cancels after the current step and saves; --resume RUN continues a cancelled or\n"
    "  crashed run exactly. Inside a Slurm job (SLURM_JOB_ID set) the run is tagged\n"
    "  slurm=JOB[_TASK]; SIGTERM (scancel) cancels like Ctrl-C.\n"
    "  Prints {\"run\": id, \"weights\": path, \"result\": {...}}.\n",
    runTrain}};

} // namespace
} // namespace fglens::cli

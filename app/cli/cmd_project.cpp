#include "project_subcommands.h"

#include "data/project_init.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fglens::cli {

std::map<std::string, ProjectSubcommand>& projectSubcommands()
{
    static std::map<std::string, ProjectSubcommand> subs;
    return subs;
}

namespace {

nlohmann::ordered_json entryJson(const ProjectEntry& e)
{
    nlohmann::ordered_json j;
    j["file"] = e.file;
    j["features"] = e.features.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(e.features);
    if (!e.splits.empty())
        j["splits"] = e.splits;
    return j;
}

int runInit(Args& args)
{
    ProjectInitOptions o;
    o.outDir = args.required("out");
    o.name = args.value("name", "");
    o.fgovdDir = args.value("fgovd", "");
    o.benchmarkFiles = args.all("benchmark");
    // `--benchmark a.json b.json`: the files after the first arrive as positionals.
    const auto& pos = args.positional();
    o.benchmarkFiles.insert(o.benchmarkFiles.end(), pos.begin() + 1, pos.end());
    if (!o.benchmarkFiles.empty() && args.all("benchmark").empty())
        throw UsageError{"unexpected argument '" + pos[1] + "'"};
    o.imageRoot = args.value("image-root", "");
    o.captions = args.value("captions", "");
    o.clipModel = args.value("clip", "");
    o.clipVocab = args.value("vocab", "");
    for (const std::string& spec : args.all("fgclip-cache")) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos)
            o.fgclipCaches.emplace_back(std::string(), spec);
        else
            o.fgclipCaches.emplace_back(spec.substr(0, eq), spec.substr(eq + 1));
    }
    o.overwrite = args.flag("force");
    args.finish();
    if (o.fgovdDir.empty() && o.benchmarkFiles.empty() && o.fgclipCaches.empty())
        throw UsageError{"give --fgovd DIR, --benchmark FILE or --fgclip-cache KEY=FILE"};
    const std::string manifest = initProject(o);
    const Project p = Project::load(manifest);
    nlohmann::ordered_json out;
    out["manifest"] = p.manifestPath;
    out["name"] = p.name;
    out["image_root"] = p.imageRoot.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(p.imageRoot);
    nlohmann::ordered_json benches = nlohmann::ordered_json::object();
    for (const auto& b : p.benchmarks)
        benches[b.key] = entryJson(b);
    out["benchmarks"] = benches;
    for (const auto* slot : {&p.fgovdTrain, &p.fgovdVal, &p.cocoTrain, &p.cocoVal, &p.cocoTest})
        if (*slot)
            out[(*slot)->key] = entryJson(**slot);
    if (!p.clipModel.empty())
        out["clip"] = {{"model", p.clipModel}, {"vocab", p.clipVocab}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

const ProjectSubRegistrar initReg{"init", runInit};

int runProject(Args& args)
{
    if (args.positional().empty())
        throw UsageError{"give a subcommand: init or encode"};
    const auto it = projectSubcommands().find(args.positional().front());
    if (it == projectSubcommands().end())
        throw UsageError{"unknown subcommand '" + args.positional().front() + "'"};
    return it->second(args);
}

const char* const kUsage =
    "Usage: fglens-cli project init (--fgovd DIR | --benchmark B.json...) [--fgclip-cache KEY=FILE]...\n"
    "                               [--image-root R] [--captions C.json] [--clip M.pt --vocab V.txt.gz]\n"
    "                               [--name N] [--force] --out DIR\n"
    "       fglens-cli project encode DIR [--clip M.pt --vocab V.txt.gz] [--device D] [--batch N] [--restart] [--quiet]\n\n"
    "init writes DIR/project.json (paths of files under DIR relative) and prints what it holds as JSON.\n"
    "  --fgovd DIR            FG-OVD's folder: benchmarks/ by FG-OVD's file names (shuffle_negatives -> trivial,\n"
    "                         3_attributes -> easy, 2_attributes -> medium, 1_attributes -> hard, color, material,\n"
    "                         pattern, transparency); training_sets/ and validation_sets/ 1_attributes.json\n"
    "                         for the fine-tune (the only file there otherwise)\n"
    "  --benchmark FILE...    single benchmark files, named as FG-OVD names them\n"
    "  --fgclip-cache KEY=FILE  FG-CLIP's own feature cache (.pt) as the features of benchmark KEY (hard,\n"
    "                         pattern, ... or a file stem); with no benchmark file for KEY the cache is the\n"
    "                         benchmark too. Repeat for more caches.\n"
    "  --image-root DIR       the COCO root the benchmarks' file names are relative to\n"
    "  --captions FILE        Karpathy dataset_coco.json (train+restval, val, test) or an official captions_*.json\n"
    "                         (warm-up set)\n"
    "  --clip FILE --vocab F  the CLIP checkpoint and BPE vocabulary that `project encode` uses\n"
    "  --force                replace an existing project.json\n\n"
    "encode encodes every benchmark, training set and caption set of the project that has no feature cache\n"
    "into DIR/features/KEY.safetensors, one after the other; each cache is written into project.json as soon\n"
    "as it is complete. Resumable: after Ctrl-C (exit 3) run it again. --clip/--vocab override the project's.\n"
    "Prints {\"encoded\": [{\"key\", \"file\", \"features\", \"images\", \"images_failed\", \"captions\"}, ...]}.\n";

const Registrar reg{Command{"project", "make a project from FG-OVD files (init) and encode what it lacks (encode)",
                            kUsage, runProject}};

} // namespace
} // namespace fglens::cli

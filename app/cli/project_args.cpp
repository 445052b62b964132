#include "project_args.h"

namespace fglens::cli {

ProjectArgs projectFromArgs(Args& args)
{
    ProjectArgs p;
    p.project = Project::load(args.required("project"));
    p.logPath = args.value("log", p.project.logPath);
    return p;
}

} // namespace fglens::cli

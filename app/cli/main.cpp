// fglens-cli: the headless front end. Every error ends as one line on stderr
// and a non-zero exit code below 128.
#include "command.h"

#include "common/error.h"
#include "common/cpu_allocator.h"
#include "common/runtime.h"
#include "store/experiment_log.h"

#include <csignal>
#include <cstdio>
#include <iostream>

using namespace fglens::cli;

static void printOverview()
{
    std::cout << "fglens-cli " << fglens::programVersion()
              << " - FG-Lens headless engine\n\nUsage: fglens-cli <command> [options]\n\nCommands:\n";
    for (const auto& [name, c] : registry())
        std::printf("  %-16s %s\n", name.c_str(), c.summary.c_str());
    std::cout << "\nRun 'fglens-cli <command> --help' for a command's options.\n";
}

static std::string oneLine(std::string s)
{
    if (auto nl = s.find('\n'); nl != std::string::npos)
        s = s.substr(0, nl);
    return s;
}

int main(int argc, char** argv)
{
    fglens::preferPassiveOpenMpWait(argv);
    // Past a file-size limit (ulimit -f) a write then fails with EFBIG and
    // ends as one clear line, instead of SIGXFSZ killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        printOverview();
        return argc < 2 ? 2 : 0;
    }
    if (std::string(argv[1]) == "--version") {
        std::cout << "fglens-cli " << fglens::programVersion() << " (" << fglens::gitCommit() << ")\n";
        return 0;
    }
    const std::string name = argv[1];
    auto it = registry().find(name);
    if (it == registry().end()) {
        std::cerr << "fglens-cli: unknown command '" << name << "' (see fglens-cli --help)\n";
        return 2;
    }
    Args args(name, std::vector<std::string>(argv + 2, argv + argc));
    if (args.wantsHelp()) {
        std::cout << it->second.usage;
        return 0;
    }
    // Warnings about the log a command opens (a SQLite file on NFS) go to stderr, once.
    fglens::setExperimentLogWarningHandler([](const std::string& w) { std::cerr << w << "\n"; });
    try {
        fglens::configureTorchThreads();
        fglens::installCachingCpuAllocator();
        return it->second.run(args);
    } catch (const UsageError& e) {
        std::cerr << "fglens-cli " << name << ": " << e.message << " (see --help)\n";
        return 2;
    } catch (const fglens::Cancelled&) {
        std::cerr << "fglens-cli " << name << ": cancelled\n";
        return 3;
    } catch (const fglens::Error& e) {
        std::cerr << "fglens-cli " << name << ": " << oneLine(e.what()) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "fglens-cli " << name << ": " << oneLine(e.what()) << "\n";
        return 1;
    }
}

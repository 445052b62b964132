#include "progress.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>

namespace fglens::cli {
namespace {

CancelToken interruptToken;

extern "C" void onInterrupt(int)
{
    interruptToken.cancel();
}

struct LineState {
    std::mutex mutex;
    std::string stage;
    std::chrono::steady_clock::time_point stageStart, lastPrint;
    bool tty = isatty(STDERR_FILENO) != 0;
    bool open = false;
};

std::string duration(double s)
{
    char buf[32];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%.0fs", s);
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
    else
        std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(s) / 3600, (static_cast<int>(s) / 60) % 60);
    return buf;
}

void print(LineState& st, const ProgressEvent& e)
{
    std::lock_guard<std::mutex> lock(st.mutex);
    const auto now = std::chrono::steady_clock::now();
    if (e.stage != st.stage) {
        if (st.open)
            std::fputc('\n', stderr);
        st.open = false;
        st.stage = e.stage;
        st.stageStart = now;
    }
    const bool last = e.total > 0 && e.done >= e.total;
    // A terminal gets ten updates a second; a log file one line per stage.
    if (!last && (st.tty ? now - st.lastPrint < std::chrono::milliseconds(100) : st.open))
        return;
    st.lastPrint = now;
    const double elapsed = std::chrono::duration<double>(now - st.stageStart).count();
    std::string line = e.stage;
    if (e.total > 0)
        line += " " + std::to_string(e.done) + "/" + std::to_string(e.total);
    // Jobs that resume report their own rate and ETA (over this run's work only).
    const bool ownRate = e.message.find("ETA") != std::string::npos;
    if (!ownRate && e.done > 0 && elapsed > 0.5) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "  %.1f/s", static_cast<double>(e.done) / elapsed);
        line += buf;
        if (e.total > e.done)
            line += "  ETA " + duration(elapsed * static_cast<double>(e.total - e.done) / static_cast<double>(e.done));
    }
    if (!e.message.empty())
        line += "  " + e.message;
    std::fprintf(stderr, st.tty ? "\r%s\033[K" : "%s", line.c_str());
    st.open = true;
    if (last || !st.tty) {
        std::fputc('\n', stderr);
        st.open = false;
    }
    std::fflush(stderr);
}

} // namespace

JobContext consoleJob(bool quiet)
{
    JobContext ctx;
    ctx.cancel = interruptToken;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    if (!quiet) {
        auto st = std::make_shared<LineState>();
        ctx.progress = [st](const ProgressEvent& e) { print(*st, e); };
    }
    return ctx;
}

} // namespace fglens::cli

#include "common/atomic_file.h"

#include "common/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fglens {
namespace {

namespace fs = std::filesystem;

void syncPath(const std::string& p, bool directory)
{
    const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

// The process's umask, read without changing it (umask(2) can only be read by
// setting it, which races with other threads creating files).
mode_t currentUmask()
{
    static const mode_t mask = [] {
        std::ifstream status("/proc/self/status");
        for (std::string line; std::getline(status, line);)
            if (line.rfind("Umask:", 0) == 0)
                return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
        return static_cast<mode_t>(022);
    }();
    return mask;
}

} // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path))
{
    std::string templ = path_ + ".part-XXXXXX";
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    const int fd = ::mkstemp(buf.data());
    if (fd < 0)
        fail(path_, std::string("cannot write (") + std::strerror(errno) + ")");
    ::close(fd);
    temp_ = buf.data();
    // mkstemp makes the file 0600; give it the permissions a plain open would.
    ::chmod(temp_.c_str(), 0666 & ~currentUmask());
}

AtomicFile::~AtomicFile()
{
    if (!committed_)
        std::remove(temp_.c_str());
}

void AtomicFile::commit()
{
    syncPath(temp_, false);
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temp_.c_str());
        committed_ = true;
        fail(path_, "cannot replace the file (" + why + ")");
    }
    committed_ = true;
    const fs::path parent = fs::path(path_).parent_path();
    syncPath(parent.empty() ? std::string(".") : parent.string(), true);
}

void writeFileAtomic(const std::string& path, const std::function<void(std::ostream&)>& write, bool binary)
{
    AtomicFile file(path);
    {
        std::ofstream out(file.tempPath(), binary ? std::ios::binary | std::ios::trunc : std::ios::trunc);
        if (!out)
            fail(path, "cannot write (directory missing or not writable)");
        write(out);
        out.flush();
        if (!out)
            fail(path, "write failed (disk full or file too large?)");
        out.close();
        if (!out)
            fail(path, "write failed (disk full or file too large?)");
    }
    file.commit();
}

void writeFileAtomic(const std::string& path, const std::string& bytes, bool binary)
{
    writeFileAtomic(
        path, [&](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); },
        binary);
}

} // namespace fglens

#pragma once
// Every output FG-Lens writes (arrays, caches, checkpoints, state dicts,
// exported tables, reproduce's JSON, manifests) goes through here: the bytes
// are written to a uniquely named temporary file beside the target
// ("PATH.part-XXXXXX"), flushed to disk, and renamed over PATH. An interrupted
// or failed write (kill -9, a full disk, a file-size limit) therefore never
// leaves a half-written file under the final name, and the previous PATH, if
// any, stays intact. Errors are one fglens::Error naming PATH.
#include <functional>
#include <iosfwd>
#include <string>

namespace fglens {

// For writers that need a file name (LibTorch archives, zip writers): write
// to tempPath(), then commit(). Destroyed without commit() (an exception), the
// temporary file is removed.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& path() const { return path_; }
    const std::string& tempPath() const { return temp_; }
    // fsyncs the temporary file, renames it over path() and fsyncs the
    // directory. Throws fglens::Error naming path() on failure.
    void commit();

private:
    std::string path_;
    std::string temp_;
    bool committed_ = false;
};

// Writes through a std::ostream; a stream error (disk full, file size limit)
// becomes "PATH: write failed (disk full or file too large?)".
void writeFileAtomic(const std::string& path, const std::function<void(std::ostream&)>& write, bool binary = true);
void writeFileAtomic(const std::string& path, const std::string& bytes, bool binary = true);

} // namespace fglens

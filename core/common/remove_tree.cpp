#include "common/remove_tree.h"

#include <ftw.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

namespace fglens {
namespace {

int removeEntry(const char* path, const struct stat*, int, struct FTW*)
{
    return std::remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

} // namespace

bool removeTree(const std::string& path)
{
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0)
        return errno == ENOENT;
    // Depth first, children before their directory; FTW_PHYS: links are not followed.
    return ::nftw(path.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

} // namespace fglens

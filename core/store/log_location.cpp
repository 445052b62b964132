#include "store/log_location.h"

#include <sys/vfs.h>

#include <filesystem>

namespace fglens {

bool isPostgresUri(const std::string& location)
{
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string redactedLocation(const std::string& location)
{
    if (!isPostgresUri(location))
        return location;
    const size_t schemeEnd = location.find("://") + 3;
    std::string out = location;
    // userinfo ends at the last '@' before the path: a password may itself hold '@'.
    const size_t pathStart = out.find_first_of("/?", schemeEnd);
    const size_t authorityEnd = pathStart == std::string::npos ? out.size() : pathStart;
    const size_t at = out.rfind('@', authorityEnd == 0 ? 0 : authorityEnd - 1);
    if (at != std::string::npos && at >= schemeEnd) {
        const size_t colon = out.find(':', schemeEnd);
        if (colon != std::string::npos && colon < at)
            out.erase(colon, at - colon);
    }
    // Query parameters: password=... (and its URI-encoded spellings) dropped.
    const size_t q = out.find('?');
    if (q != std::string::npos) {
        std::string kept;
        size_t start = q + 1;
        while (start <= out.size()) {
            size_t end = out.find('&', start);
            if (end == std::string::npos)
                end = out.size();
            const std::string param = out.substr(start, end - start);
            std::string key = param.substr(0, param.find('='));
            for (char& c : key)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (!param.empty() && key != "password")
                kept += (kept.empty() ? "" : "&") + param;
            start = end + 1;
        }
        out = out.substr(0, q) + (kept.empty() ? "" : "?" + kept);
    }
    return out;
}

std::optional<std::string> networkFilesystemName(unsigned long fType)
{
    // Magic numbers from linux/magic.h and the file systems' own headers.
    switch (fType) {
    case 0x6969UL: return "NFS";
    case 0x517BUL: return "SMB";
    case 0xFF534D42UL: return "CIFS";
    case 0xFE534D42UL: return "SMB2";
    case 0x0BD00BD0UL: return "Lustre";
    case 0x00C36400UL: return "Ceph";
    case 0x5346414FUL: return "AFS";
    case 0x6B414653UL: return "AFS";
    case 0x73757245UL: return "Coda";
    case 0x01161970UL: return "GFS2";
    case 0x7461636FUL: return "OCFS2";
    case 0x47504653UL: return "GPFS";
    case 0x19830326UL: return "BeeGFS";
    case 0xAAD7AAEAUL: return "PanFS";
    case 0x01021997UL: return "9P";
    default: return std::nullopt;
    }
}

std::optional<std::string> networkFilesystemOf(const std::string& path)
{
    if (path.empty() || isPostgresUri(path))
        return std::nullopt;
    std::filesystem::path p(path);
    std::error_code ec;
    // A log about to be created: its folder decides.
    while (!p.empty() && !std::filesystem::exists(p, ec))
        p = p.has_parent_path() && p.parent_path() != p ? p.parent_path() : std::filesystem::path();
    if (p.empty())
        p = ".";
    struct statfs st {};
    if (statfs(p.c_str(), &st) != 0)
        return std::nullopt;
    return networkFilesystemName(static_cast<unsigned long>(st.f_type) & 0xFFFFFFFFUL);
}

std::string networkFilesystemWarning(const std::string& location)
{
    const auto fs = networkFilesystemOf(location);
    if (!fs)
        return {};
    return location + ": warning: this SQLite log is on a network file system (" + *fs +
           "), where SQLite's file locking cannot be trusted and concurrent writers may corrupt it;"
           " use a PostgreSQL log (--log postgresql://user@host/dbname, see docs/CLUSTER.md) to share runs";
}

} // namespace fglens

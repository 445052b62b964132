#pragma once
// Where an experiment log lives: a SQLite file path, or a PostgreSQL server
// named by a libpq URI (postgresql://user@host:port/dbname). Passwords belong
// in ~/.pgpass, PGPASSWORD or a service file; a password given in the URI is
// used to connect but never printed or stored: redactedLocation() is the form
// for messages, run records, exported files and window titles.
#include <optional>
#include <string>

namespace fglens {

bool isPostgresUri(const std::string& location);
// The URI without its password (user:secret@ -> user@, password=... query
// parameters dropped); any other location unchanged.
std::string redactedLocation(const std::string& location);

// The file system type when `fType` (statfs f_type) is one on which SQLite's
// file locking cannot be trusted (NFS, SMB/CIFS, Lustre, Ceph, ...).
std::optional<std::string> networkFilesystemName(unsigned long fType);
// The network file system a SQLite log at `path` (or, before it exists, its
// folder) is on; nothing for local file systems and server URIs.
std::optional<std::string> networkFilesystemOf(const std::string& path);
// One line for the user when the log is a SQLite file on a network file
// system, empty otherwise.
std::string networkFilesystemWarning(const std::string& location);

} // namespace fglens

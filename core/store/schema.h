#pragma once
// The experiment log's schema, one migration per version step. The version is
// kept in PRAGMA user_version so `sqlite3 LOG .schema` tools see plain tables.
#include <string>
#include <vector>

namespace fglens::sql {

// statements that take a database at version i to version i + 1 (index i).
const std::vector<std::vector<std::string>>& schemaMigrations();

} // namespace fglens::sql

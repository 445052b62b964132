#include "store/schema.h"

namespace fglens::sql {

const std::vector<std::vector<std::string>>& schemaMigrations()
{
    static const std::vector<std::vector<std::string>> steps = {
        // 0 -> 1: runs and their metrics.
        {"CREATE TABLE runs ("
         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
         " name TEXT NOT NULL,"
         " head_kind TEXT NOT NULL,"
         " stage TEXT NOT NULL,"
         " config_json TEXT NOT NULL DEFAULT '{}',"
         " seed INTEGER NOT NULL DEFAULT 0,"
         " status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled')),"
         " started_at TEXT NOT NULL,"
         " ended_at TEXT,"
         " notes TEXT NOT NULL DEFAULT '')",
         "CREATE TABLE metrics ("
         " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
         " name TEXT NOT NULL,"
         " step INTEGER NOT NULL,"
         " value REAL,"
         " PRIMARY KEY (run_id, name, step))"},
        // 1 -> 2: lineage, provenance, crash recovery, per-object results.
        {"ALTER TABLE runs ADD COLUMN parent_id INTEGER REFERENCES runs(id) ON DELETE SET NULL",
         "ALTER TABLE runs ADD COLUMN data_identity TEXT NOT NULL DEFAULT '{}'",
         "ALTER TABLE runs ADD COLUMN program_version TEXT NOT NULL DEFAULT ''",
         "ALTER TABLE runs ADD COLUMN git_commit TEXT NOT NULL DEFAULT ''",
         "ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT ''",
         "ALTER TABLE runs ADD COLUMN weights_path TEXT NOT NULL DEFAULT ''",
         "ALTER TABLE runs ADD COLUMN error TEXT NOT NULL DEFAULT ''",
         "ALTER TABLE runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0",
         "ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT ''",
         "CREATE TABLE object_results ("
         " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
         " benchmark TEXT NOT NULL,"
         " object_id INTEGER NOT NULL,"
         " rank INTEGER NOT NULL,"
         " scores TEXT NOT NULL,"   // JSON array: positive first, then the negatives
         " PRIMARY KEY (run_id, benchmark, object_id))",
         "CREATE INDEX metrics_by_name ON metrics(name)"},
        // 2 -> 3: detector runs keep the box that matched each object: JSON
        // [x1, y1, x2, y2] in pixels, NULL for heads and unmatched objects.
        {"ALTER TABLE object_results ADD COLUMN box TEXT"},
    };
    return steps;
}

} // namespace fglens::sql

#!/bin/sh
# How tests/data/experiments_v1.sqlite was made (once; the file is committed).
# No build of FG-Lens with schema version 1 exists in this repository's history
# (the first commit already migrated to version 2), so the file was written
# with the sqlite3 shell from the version-1 DDL, copied verbatim from
# core/store/schema.cpp's first migration step, plus rows as that version
# wrote them: runs with status/notes/seed, metrics per epoch (step >= 1) and
# final results (step 0). core.strengthened's migratesCommittedV1Log opens a
# copy and checks every row after the migration to the current schema.
set -e
out=${1:-experiments_v1.sqlite}
rm -f "$out"
sqlite3 "$out" <<'SQL'
CREATE TABLE runs ( id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, head_kind TEXT NOT NULL, stage TEXT NOT NULL, config_json TEXT NOT NULL DEFAULT '{}', seed INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled')), started_at TEXT NOT NULL, ended_at TEXT, notes TEXT NOT NULL DEFAULT '');
CREATE TABLE metrics ( run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL, step INTEGER NOT NULL, value REAL, PRIMARY KEY (run_id, name, step));
BEGIN;
INSERT INTO runs (name, head_kind, stage, config_json, seed, status, started_at, ended_at, notes) VALUES
 ('cosine', 'cosine', 'eval', '{}', 0, 'finished', '2025-03-01T09:00:00Z', '2025-03-01T09:00:05Z', ''),
 ('linear/warmup', 'linear', 'warmup', '{"lr":5e-05,"margin":0.2,"epochs":3}', 123, 'finished', '2025-03-01T09:01:00Z', '2025-03-01T09:30:00Z', 'from v1, with a comma, and "quotes"'),
 ('mlp/warmup', 'mlp', 'warmup', '{"lr":5e-05,"margin":0.2,"epochs":3}', 7, 'cancelled', '2025-03-01T10:00:00Z', '2025-03-01T10:02:00Z', ''),
 ('attention/warmup', 'attention', 'warmup', '{"lr":5e-05}', 123, 'failed', '2025-03-01T11:00:00Z', '2025-03-01T11:00:01Z', 'NaN loss');
INSERT INTO metrics (run_id, name, step, value) VALUES
 (1, 'mean_rank/hard', 0, 4.125), (1, 'mean_rank_sum', 0, 27.9), (1, 'i2t_r1', 0, 31.5),
 (2, 'train_loss', 1, 12.5), (2, 'val_loss', 1, 11.0),
 (2, 'train_loss', 2, 9.25), (2, 'val_loss', 2, 10.5),
 (2, 'train_loss', 3, 8.0), (2, 'val_loss', 3, 10.75),
 (2, 'mean_rank/hard', 0, 2.5), (2, 'mean_rank_sum', 0, 19.75), (2, 'i2t_r1', 0, 28.0),
 (3, 'train_loss', 1, 15.0),
 (4, 'train_loss', 1, NULL);
COMMIT;
PRAGMA user_version = 1;
SQL

// Schema v1 and the migration runner.
#include "core/workspace/schema.h"

#include <array>
#include <chrono>
#include <string>

#include "core/base/file_io.h"

namespace offsite::workspace {
namespace {

// Schema v1. Times are Unix milliseconds (UTC). Hashes are lowercase hex SHA-256. Files live in the content
// store under their hash; store_files is the only table that names them and every other table reaches a file
// through a foreign key to it, so the reconciler has one place to look.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE publishers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    created_at INTEGER NOT NULL
);
CREATE TABLE publisher_keys (
    id INTEGER PRIMARY KEY,
    publisher_id INTEGER NOT NULL REFERENCES publishers(id),
    algorithm TEXT NOT NULL CHECK (length(algorithm) > 0),
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL UNIQUE,
    pinned_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX publisher_keys_by_publisher ON publisher_keys(publisher_id);

CREATE TABLE store_files (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size >= 0),
    state TEXT NOT NULL CHECK (state IN ('present', 'missing')),
    added_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    publisher_id INTEGER REFERENCES publishers(id),
    manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
    content_sha256 TEXT NOT NULL REFERENCES store_files(sha256),
    imported_at INTEGER NOT NULL,
    UNIQUE (name, version)
);
CREATE TABLE package_import_log (
    id INTEGER PRIMARY KEY,
    package_id INTEGER REFERENCES packages(id),
    source_path TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'rejected')),
    message TEXT NOT NULL,
    at INTEGER NOT NULL,
    CHECK ((outcome = 'imported') = (package_id IS NOT NULL))
);

CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    format TEXT NOT NULL,
    task TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    statistics_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(statistics_json)),
    validation_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(validation_json)),
    created_at INTEGER NOT NULL
);

CREATE TABLE run_state_transitions (
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    PRIMARY KEY (from_state, to_state)
) WITHOUT ROWID;
INSERT INTO run_state_transitions VALUES
    ('created', 'running'), ('created', 'failed'), ('created', 'cancelled'),
    ('running', 'paused'), ('running', 'completed'), ('running', 'failed'), ('running', 'cancelled'),
    ('paused', 'running'), ('paused', 'failed'), ('paused', 'cancelled');

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    package_id INTEGER REFERENCES packages(id),
    dataset_id INTEGER REFERENCES datasets(id),
    config_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config_json)),
    state TEXT NOT NULL
        CHECK (state IN ('created', 'running', 'paused', 'completed', 'failed', 'cancelled')),
    state_message TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TRIGGER runs_start_created BEFORE INSERT ON runs WHEN NEW.state <> 'created'
BEGIN
    SELECT RAISE(ABORT, 'a new run must start in the created state');
END;
CREATE TRIGGER runs_legal_transition BEFORE UPDATE OF state ON runs
WHEN NEW.state <> OLD.state AND NOT EXISTS (
    SELECT 1 FROM run_state_transitions WHERE from_state = OLD.state AND to_state = NEW.state)
BEGIN
    SELECT RAISE(ABORT, 'illegal run state transition');
END;

CREATE TABLE metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    name TEXT NOT NULL,
    step INTEGER NOT NULL CHECK (step >= 0),
    value REAL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, name, step)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    step INTEGER NOT NULL CHECK (step >= 0),
    folder TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL REFERENCES store_files(sha256),
    verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
    created_at INTEGER NOT NULL,
    UNIQUE (run_id, step)
);
CREATE INDEX checkpoints_by_manifest ON checkpoints(manifest_sha256);

CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    checkpoint_id INTEGER REFERENCES checkpoints(id),
    dataset_id INTEGER REFERENCES datasets(id),
    metrics_json TEXT NOT NULL CHECK (json_valid(metrics_json)),
    created_at INTEGER NOT NULL
);

CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    checkpoint_id INTEGER REFERENCES checkpoints(id),
    recipient TEXT NOT NULL,
    content_sha256 TEXT NOT NULL REFERENCES store_files(sha256),
    created_at INTEGER NOT NULL
);
CREATE INDEX exports_by_content ON exports(content_sha256);
CREATE TABLE export_receipts (
    id INTEGER PRIMARY KEY,
    export_id INTEGER NOT NULL REFERENCES exports(id),
    receipt_json TEXT NOT NULL CHECK (json_valid(receipt_json)),
    received_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details_json TEXT NOT NULL CHECK (json_valid(details_json)),
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
)sql";

// Schema v2: the trust store around imported packages (docs/WORKSPACE.md, issue 4). Pinned keys stay in
// publisher_keys; what v2 adds is what the importer must remember between imports: each package's signed
// facts and the folder it was extracted to, the newest version seen per (publisher, model) for rollback and
// equivocation checks (PKG-5), and the trusted time floor (PKG-6). Both only grow, enforced by triggers.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE package_trust (
    package_id INTEGER PRIMARY KEY REFERENCES packages(id),
    publisher_key_id INTEGER NOT NULL REFERENCES publisher_keys(id),
    model_id TEXT NOT NULL,
    package_version INTEGER NOT NULL CHECK (package_version >= 1),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    architecture TEXT NOT NULL,
    split TEXT NOT NULL,
    export_recipient TEXT NOT NULL,
    folder TEXT NOT NULL UNIQUE CHECK (length(folder) > 0)
);
CREATE TABLE package_lineage (
    publisher_id INTEGER NOT NULL REFERENCES publishers(id),
    model_id TEXT NOT NULL,
    max_version INTEGER NOT NULL CHECK (max_version >= 1),
    manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
    package_id INTEGER NOT NULL REFERENCES packages(id),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (publisher_id, model_id)
) WITHOUT ROWID;
CREATE TRIGGER package_lineage_only_grows BEFORE UPDATE ON package_lineage
WHEN NEW.max_version <= OLD.max_version
BEGIN
    SELECT RAISE(ABORT, 'a package lineage can only move to a higher version');
END;
CREATE TABLE trust_time_floor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    floor_seconds INTEGER NOT NULL CHECK (floor_seconds >= 0),
    updated_at INTEGER NOT NULL
);
CREATE TRIGGER trust_time_floor_only_grows BEFORE UPDATE ON trust_time_floor
WHEN NEW.floor_seconds < OLD.floor_seconds
BEGIN
    SELECT RAISE(ABORT, 'the trusted time floor can only grow');
END;
)sql";

// Schema v3: signed publisher key changes (PKG-8, docs/TRUST.md). Each accepted key change of a publisher is
// kept with its exact signed document; a publisher's trust-root version is the highest row (1 when there is
// none: the key pinned at first trust). Versions only follow one another; rows are never changed or removed.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE publisher_roots (
    publisher_id INTEGER NOT NULL REFERENCES publishers(id),
    version INTEGER NOT NULL CHECK (version >= 2),
    threshold INTEGER NOT NULL CHECK (threshold >= 1),
    document_sha256 TEXT NOT NULL CHECK (length(document_sha256) = 64),
    document TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (publisher_id, version)
) WITHOUT ROWID;
CREATE TRIGGER publisher_roots_in_order BEFORE INSERT ON publisher_roots
WHEN NEW.version <> coalesce((SELECT max(version) FROM publisher_roots WHERE publisher_id = NEW.publisher_id), 1) + 1
BEGIN
    SELECT RAISE(ABORT, 'a publisher key change must follow the current version');
END;
CREATE TRIGGER publisher_roots_no_update BEFORE UPDATE ON publisher_roots
BEGIN
    SELECT RAISE(ABORT, 'publisher key changes are never changed');
END;
CREATE TRIGGER publisher_roots_no_delete BEFORE DELETE ON publisher_roots
BEGIN
    SELECT RAISE(ABORT, 'publisher key changes are never removed');
END;
)sql";

constexpr std::array<Migration, 3> kMigrations = {{
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3},
}};

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::span<const Migration> schemaMigrations() {
    return kMigrations;
}

Result<MigrationReport> migrateDatabase(Database& db, const std::filesystem::path& backupFolder,
                                        std::span<const Migration> migrations) {
    const std::int64_t latest = migrations.empty() ? 0 : migrations.back().toVersion;
    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t current, db.queryInt("PRAGMA user_version"));
    MigrationReport report{current, current, std::nullopt};
    if (current > latest) {
        return makeError(ErrorKind::Unsupported,
                         "the workspace database " + db.path().string() +
                             " was created by a newer version of Offsite Studio (schema version " +
                             std::to_string(current) + "; this version understands up to " +
                             std::to_string(latest) +
                             "). Update Offsite Studio to open it; it was left unchanged");
    }
    if (current < 0) {
        return makeError(ErrorKind::Integrity, "the workspace database " + db.path().string() +
                                                   " has an invalid schema version " +
                                                   std::to_string(current));
    }
    if (current == latest) return report;

    // A brand-new database (version 0, nothing in it) has nothing to lose; anything else is copied first.
    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t objects, db.queryInt("SELECT count(*) FROM sqlite_schema"));
    if (current > 0 || objects > 0) {
        std::error_code ec;
        std::filesystem::create_directories(backupFolder, ec);
        if (ec) {
            return makeError(ErrorKind::Io, backupFolder.string() + ": cannot create the backups folder (" +
                                                ec.message() + "); check the workspace folder's permissions");
        }
        const std::filesystem::path backup = backupFolder / ("workspace-v" + std::to_string(current) + "-" +
                                                             std::to_string(nowMs()) + ".sqlite");
        Status copied = db.backupTo(backup);
        if (!copied.ok()) return copied.error().withContext("backing up before upgrading the workspace");
        report.backup = backup;
    }

    for (const Migration& m : migrations) {
        if (m.toVersion <= current) continue;
        OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db.begin());
        // Re-read inside the write lock: another process may have migrated meanwhile.
        OFFSITE_ASSIGN_OR_RETURN(const std::int64_t now, db.queryInt("PRAGMA user_version"));
        if (now >= m.toVersion) continue;
        if (now != m.toVersion - 1) {
            return makeError(ErrorKind::Integrity, "the workspace database " + db.path().string() +
                                                       " is at schema version " + std::to_string(now) +
                                                       ", expected " + std::to_string(m.toVersion - 1));
        }
        Status applied = db.exec(m.sql);
        if (!applied.ok()) {
            return applied.error().withContext("upgrading the workspace to schema version " +
                                               std::to_string(m.toVersion) + " (nothing was changed)");
        }
        OFFSITE_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.toVersion)));
        OFFSITE_ASSIGN_OR_RETURN(const std::vector<std::string> fk,
                                 db.queryTextColumn("PRAGMA foreign_key_check"));
        if (!fk.empty()) {
            return makeError(ErrorKind::Integrity, "upgrading the workspace to schema version " +
                                                       std::to_string(m.toVersion) +
                                                       " would break references in table " + fk.front() +
                                                       "; nothing was changed. Please report this");
        }
        OFFSITE_TRY(tx.commit());
        report.toVersion = m.toVersion;
    }
    return report;
}

}  // namespace offsite::workspace

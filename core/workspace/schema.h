// The workspace database schema and its migrations, keyed on PRAGMA user_version (DB-4). Each migration is
// one transaction that includes the user_version bump, so a crash leaves the old or the new version, never a
// mix; a backup is taken with the SQLite backup API before the first migration of an existing database; a
// database from a newer Offsite Studio is refused, never "downgraded".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

#include "core/base/result.h"
#include "core/workspace/database.h"

namespace offsite::workspace {

// The schema version this build writes and understands.
inline constexpr std::int64_t kLatestSchemaVersion = 3;

struct Migration {
    std::int64_t toVersion = 0;  // runs on a database at toVersion - 1
    std::string_view sql;
};

// The product's migrations, in order (v0 -> v1, ...). Never edit a released entry; add a new one.
[[nodiscard]] std::span<const Migration> schemaMigrations();

struct MigrationReport {
    std::int64_t fromVersion = 0;
    std::int64_t toVersion = 0;
    std::optional<std::filesystem::path> backup;  // set when a backup was taken
};

// Brings `db` to the last version in `migrations` (the product passes schemaMigrations(); tests pass their
// own lists to exercise backups and failing migrations). Backups go to backupFolder as
// "workspace-v<from>-<unix ms>.sqlite". A database newer than the list knows is refused with
// ErrorKind::Unsupported.
[[nodiscard]] Result<MigrationReport> migrateDatabase(Database& db, const std::filesystem::path& backupFolder,
                                                      std::span<const Migration> migrations);

}  // namespace offsite::workspace

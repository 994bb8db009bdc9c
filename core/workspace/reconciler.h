// The start-up reconciler between the content store and the store_files table (DB-6). Files are made durable
// before the rows that point at them commit, so after a crash the store can hold files nobody references
// (removed) and, after manual damage, rows whose files are gone (marked missing, never silently deleted).
// The walk is sorted, so the same disk state always gives the same report; changes are audit-logged.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/workspace/database.h"
#include "core/workspace/file_store.h"

namespace offsite::workspace {

// Quick compares names and sizes; Full also re-hashes every file (slow on large stores).
enum class ReconcileMode { Quick = 1, Full };

struct ReconcileReport {
    std::vector<std::string> orphansRemoved;  // hashes of files no row referenced
    std::vector<std::string> adopted;         // rows marked missing whose verified file is back
    std::vector<std::string> markedMissing;   // rows whose file is gone
    std::vector<std::string> quarantined;     // files whose size or content does not match the name
    std::vector<std::filesystem::path> leftoversRemoved;  // temp files of interrupted writes, stray names
    [[nodiscard]] bool changedAnything() const {
        return !orphansRemoved.empty() || !adopted.empty() || !markedMissing.empty() ||
               !quarantined.empty() || !leftoversRemoved.empty();
    }
    // One line per change, for logs and `offsite workspace check`.
    [[nodiscard]] std::vector<std::string> describe() const;
};

// Must run while no other process writes the store (Workspace holds an exclusive lock on the folder).
[[nodiscard]] Result<ReconcileReport> reconcileStore(Database& db, const FileStore& store, ReconcileMode mode,
                                                     std::int64_t nowMs);

}  // namespace offsite::workspace

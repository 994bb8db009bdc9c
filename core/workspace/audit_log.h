// The append-only, hash-chained audit log. Each row stores hash = SHA-256(prev_hash || canonical content),
// where the canonical content is the deterministic JSON of (id, at, actor, action, subject, details) and the
// first row's prev_hash is 64 zeros. Editing, inserting or deleting a row in the middle breaks the chain at
// that row; verifyAuditChain() names the first row that does not verify. (Cutting rows off the end is not
// detectable from the log alone; the newest hash can be exported with a receipt to pin it.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/workspace/database.h"

namespace offsite::workspace {

struct AuditEntry {
    std::string actor;               // "user", "reconciler", "trainer", ...
    std::string action;              // "package.imported", "run.state", ...
    std::string subject;             // "package:3", "run:7"
    std::string detailsJson = "{}";  // a JSON object
};

struct AuditVerification {
    std::int64_t rowsChecked = 0;
    std::optional<std::int64_t> firstBadId;  // the first row whose hash or link does not verify
    std::string reason;                      // plain words for firstBadId
    [[nodiscard]] bool intact() const { return !firstBadId.has_value(); }
};

// The hash input for a row: the canonical JSON of its content (exposed for tests).
[[nodiscard]] std::string canonicalAuditContent(std::int64_t id, std::int64_t at, const AuditEntry& entry);

// Appends inside the caller's open transaction, so the entry commits (or not) with the change it describes.
[[nodiscard]] Result<std::int64_t> appendAuditEntry(Database& db, const AuditEntry& entry, std::int64_t atMs);

[[nodiscard]] Result<AuditVerification> verifyAuditChain(Database& db);

}  // namespace offsite::workspace

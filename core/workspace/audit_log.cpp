// Hash chain over the audit_log table: canonical content, append, verification.
#include "core/workspace/audit_log.h"

#include "core/crypto/sha256.h"
#include "core/json/json.h"

namespace offsite::workspace {
namespace {

const std::string kGenesisHash(crypto::kSha256HexLength, '0');

std::string chainHash(const std::string& prevHash, const std::string& canonical) {
    return crypto::sha256Hex(prevHash + canonical);
}

}  // namespace

std::string canonicalAuditContent(std::int64_t id, std::int64_t at, const AuditEntry& entry) {
    json::Value v = json::Value::object();
    v.set("id", json::Value::integer(id));
    v.set("at", json::Value::integer(at));
    v.set("actor", json::Value::string(entry.actor));
    v.set("action", json::Value::string(entry.action));
    v.set("subject", json::Value::string(entry.subject));
    // The details are hashed as stored (byte for byte), so a re-serialisation cannot mask an edit.
    v.set("details", json::Value::string(entry.detailsJson));
    return json::serialize(v, json::Style::Compact);
}

Result<std::int64_t> appendAuditEntry(Database& db, const AuditEntry& entry, std::int64_t atMs) {
    if (!db.inTransaction()) {
        return makeError(ErrorKind::Internal, "audit entries must be written inside a transaction (a bug)");
    }
    std::string prevHash = kGenesisHash;
    std::int64_t id = 1;
    {
        OFFSITE_ASSIGN_OR_RETURN(Statement last,
                                 db.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, last.step());
        if (r == StepResult::Row) {
            id = last.columnInt(0) + 1;
            prevHash = last.columnText(1);
        }
    }
    const std::string hash = chainHash(prevHash, canonicalAuditContent(id, atMs, entry));
    OFFSITE_ASSIGN_OR_RETURN(
        Statement insert, db.prepare("INSERT INTO audit_log (id, at, actor, action, subject, details_json, "
                                     "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    OFFSITE_TRY(insert.bindAll(id, atMs, entry.actor, entry.action, entry.subject, entry.detailsJson,
                               prevHash, hash));
    OFFSITE_TRY(insert.run());
    return id;
}

Result<AuditVerification> verifyAuditChain(Database& db) {
    AuditVerification out;
    OFFSITE_ASSIGN_OR_RETURN(
        Statement rows, db.prepare("SELECT id, at, actor, action, subject, details_json, prev_hash, hash "
                                   "FROM audit_log ORDER BY id"));
    std::string expectedPrev = kGenesisHash;
    std::int64_t expectedId = 1;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, rows.step());
        if (r == StepResult::Done) break;
        const std::int64_t id = rows.columnInt(0);
        AuditEntry entry{rows.columnText(2), rows.columnText(3), rows.columnText(4), rows.columnText(5)};
        const std::string prevHash = rows.columnText(6);
        const std::string hash = rows.columnText(7);
        ++out.rowsChecked;
        if (id != expectedId) {
            out.firstBadId = id;
            out.reason = "audit entry " + std::to_string(expectedId) + " is missing before entry " +
                         std::to_string(id);
            return out;
        }
        if (prevHash != expectedPrev) {
            out.firstBadId = id;
            out.reason = "audit entry " + std::to_string(id) + " does not link to the entry before it";
            return out;
        }
        if (chainHash(prevHash, canonicalAuditContent(id, rows.columnInt(1), entry)) != hash) {
            out.firstBadId = id;
            out.reason = "audit entry " + std::to_string(id) + " was changed after it was written";
            return out;
        }
        expectedPrev = hash;
        ++expectedId;
    }
    return out;
}

}  // namespace offsite::workspace

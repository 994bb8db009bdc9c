// The importer and the trust store: see import.h for the order of checks.
#include "core/trust/import.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>

#include "core/base/file_io.h"
#include "core/crypto/encoding.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/sha256.h"
#include "core/json/json.h"
#include "core/workspace/packages.h"

namespace offsite::trust {
namespace {

namespace fs = std::filesystem;
using workspace::Database;
using workspace::Statement;
using workspace::StepResult;

constexpr std::string_view kIncomingPrefix = ".incoming-";

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The bare minisign key line ("RW..."), as publisher_keys.public_key stores it.
std::string keyLine(const crypto::MinisignPublicKey& key) {
    crypto::Bytes blob = {'E', 'd'};
    blob.insert(blob.end(), key.keyId.bytes.begin(), key.keyId.bytes.end());
    blob.insert(blob.end(), key.key.begin(), key.key.end());
    return crypto::base64Encode(blob, crypto::Base64Padding::Padded);
}

std::string refusal(const fs::path& packagePath, const std::string& what) {
    return "package " + displayName(packagePath) + " refused: " + what;
}

struct PinnedRow {
    std::int64_t keyRowId = 0;
    std::int64_t publisherRowId = 0;
    std::string publisher;
    crypto::MinisignPublicKey key;
    // A row whose key does not parse (damaged, or written by hand) verifies nothing, but still counts as the
    // publisher's pinned key, so it cannot be replaced by presenting another one.
    bool usable = true;
};

Result<std::vector<PinnedRow>> pinnedRows(Database& db) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db.prepare("SELECT k.id, p.id, p.name, k.public_key FROM publisher_keys k JOIN publishers p "
                   "ON p.id = k.publisher_id WHERE k.revoked_at IS NULL AND "
                   "k.algorithm = 'minisign-ed25519' ORDER BY k.id"));
    std::vector<PinnedRow> rows;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        auto key = crypto::parseMinisignPublicKey(st.columnText(3));
        PinnedRow row{st.columnInt(0), st.columnInt(1), st.columnText(2), {}, key.ok()};
        if (key.ok()) row.key = *key;
        rows.push_back(std::move(row));
    }
    return rows;
}

struct Lineage {
    std::int64_t maxVersion = 0;
    std::string manifestSha256;
    std::int64_t packageId = 0;
    std::string exportRecipient;
    std::string architecture;
    std::string split;
};

Result<std::optional<Lineage>> lineageOf(Database& db, const std::string& publisher,
                                         const std::string& modelId) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db.prepare(
            "SELECT l.max_version, l.manifest_sha256, l.package_id, t.export_recipient, t.architecture, "
            "t.split FROM package_lineage l JOIN publishers p ON p.id = l.publisher_id LEFT JOIN "
            "package_trust t ON t.package_id = l.package_id WHERE p.name = ? AND l.model_id = ?"));
    OFFSITE_TRY(st.bindAll(publisher, modelId));
    OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
    if (r != StepResult::Row) return std::optional<Lineage>();
    return std::optional<Lineage>(Lineage{st.columnInt(0), st.columnText(1), st.columnInt(2),
                                          st.columnText(3), st.columnText(4), st.columnText(5)});
}

Result<std::vector<std::string>> otherPublishersOf(Database& db, const std::string& publisher,
                                                   const std::string& modelId) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db.prepare("SELECT p.name FROM package_lineage l JOIN publishers p ON p.id = "
                                 "l.publisher_id WHERE l.model_id = ? AND p.name <> ? ORDER BY p.name"));
    OFFSITE_TRY(st.bindAll(modelId, publisher));
    std::vector<std::string> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back(st.columnText(0));
    }
    return out;
}

// A signed key change (PKG-8) checked against the workspace's trust root, to be recorded in the import's
// transaction, before the package row that it lets verify.
struct PendingRotation {
    std::int64_t publisherRowId = 0;
    package::KeyRotation rotation;
    std::string documentBytes;
    std::string documentSha256;
    std::vector<crypto::MinisignPublicKey> revoked;  // keys of the version before that this one drops
    std::vector<crypto::MinisignPublicKey> added;    // keys this one brings
    std::vector<crypto::MinisignPublicKey> authorisedBy;  // the keys of the version before, which signed it
};

bool hasKey(const std::vector<crypto::MinisignPublicKey>& keys, const crypto::MinisignPublicKey& key) {
    return std::any_of(keys.begin(), keys.end(), [&](const crypto::MinisignPublicKey& k) {
        return k.keyId == key.keyId && k.key == key.key;
    });
}

// Checks the key changes a package carries against the trust roots in the workspace, in version order, and
// rewrites `pinned` to the keys they lead to (new keys with keyRowId 0: not recorded yet). Changes for a
// publisher with no pinned key here are not needed (its first key is trusted by the first-trust ceremony);
// changes the workspace already holds are skipped, unless their bytes differ (two different documents for one
// version: refused).
Result<std::vector<PendingRotation>> planKeyRotations(Database& db, const fs::path& packagePath,
                                                      const std::vector<package::SignedKeyRotation>& carried,
                                                      std::vector<PinnedRow>& pinned) {
    std::vector<PendingRotation> pending;
    std::map<std::string, package::TrustRoot> roots;
    std::map<std::string, std::int64_t> publisherRows;
    for (const package::SignedKeyRotation& signedRotation : carried) {
        // Read unauthenticated only to find whose keys it concerns; verifyKeyRotation checks the signatures
        // of the current keys on the raw bytes before it trusts a field.
        auto claimed = package::parseKeyRotation(signedRotation.documentBytes, signedRotation.documentName);
        if (!claimed.ok()) {
            const Error& e = claimed.error();
            return makeError(e.kind, refusal(packagePath, "key change check failed: " + e.message +
                                                              ". The key change is damaged or was not made by "
                                                              "`offsite owner rotate-key`; ask the publisher for "
                                                              "the package again"));
        }
        const std::string& publisher = claimed->publisherId;
        if (!roots.contains(publisher)) {
            package::TrustRoot root;
            root.publisherId = publisher;
            std::int64_t publisherRow = 0;
            for (const PinnedRow& row : pinned) {
                if (row.publisher != publisher) continue;
                publisherRow = row.publisherRowId;
                if (row.usable) root.keys.push_back(row.key);
            }
            if (root.keys.empty()) continue;  // not pinned here: nothing to change
            OFFSITE_ASSIGN_OR_RETURN(
                Statement st, db.prepare("SELECT version, threshold FROM publisher_roots WHERE publisher_id = ? "
                                         "ORDER BY version DESC LIMIT 1"));
            OFFSITE_TRY(st.bindAll(publisherRow));
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
            if (r == StepResult::Row) {
                root.version = st.columnInt(0);
                root.threshold = st.columnInt(1);
            }
            roots[publisher] = std::move(root);
            publisherRows[publisher] = publisherRow;
        }
        package::TrustRoot& root = roots[publisher];
        const std::string sha = crypto::sha256Hex(signedRotation.documentBytes);
        if (claimed->version <= root.version) {
            OFFSITE_ASSIGN_OR_RETURN(
                Statement st, db.prepare("SELECT document_sha256 FROM publisher_roots WHERE publisher_id = ? AND "
                                         "version = ?"));
            OFFSITE_TRY(st.bindAll(publisherRows[publisher], claimed->version));
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
            const bool knownOther = r == StepResult::Row && st.columnText(0) != sha;
            const bool pendingOther = std::any_of(pending.begin(), pending.end(), [&](const PendingRotation& p) {
                return p.rotation.publisherId == publisher && p.rotation.version == claimed->version &&
                       p.documentSha256 != sha;
            });
            if (knownOther || pendingOther) {
                return makeError(ErrorKind::Integrity,
                                 refusal(packagePath,
                                         signedRotation.documentName +
                                             ": key change check failed: this workspace holds a different "
                                             "key change with the same version " +
                                             std::to_string(claimed->version) + " for publisher \"" + publisher +
                                             "\". A publisher never signs two; report this to the publisher"));
            }
            continue;  // already part of the trust root
        }
        auto verified = package::verifyKeyRotation(signedRotation, root);
        if (!verified.ok()) return verified.error().withContext(refusal(packagePath, "key change refused"));
        PendingRotation change;
        change.publisherRowId = publisherRows[publisher];
        change.documentBytes = signedRotation.documentBytes;
        change.documentSha256 = sha;
        change.authorisedBy = root.keys;
        for (const auto& key : root.keys) {
            if (!hasKey(verified->keys, key)) change.revoked.push_back(key);
        }
        for (const auto& key : verified->keys) {
            if (hasKey(root.keys, key)) continue;
            // A key is pinned for one publisher once: never again after it was dropped, never for two.
            OFFSITE_ASSIGN_OR_RETURN(
                Statement st, db.prepare("SELECT p.name, k.revoked_at IS NOT NULL FROM publisher_keys k JOIN "
                                         "publishers p ON p.id = k.publisher_id WHERE k.public_key = ? OR "
                                         "k.key_id = ?"));
            OFFSITE_TRY(st.bindAll(keyLine(key), key.keyId.display()));
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
            if (r == StepResult::Row) {
                const bool wasRevoked = st.columnInt(1) != 0;
                return makeError(
                    ErrorKind::Integrity,
                    refusal(packagePath, signedRotation.documentName + ": key change check failed: new key " +
                                             key.keyId.display() +
                                             (wasRevoked ? " was dropped from publisher \"" + st.columnText(0) +
                                                               "\" before; a dropped key is never trusted again"
                                                         : " is already pinned for publisher \"" +
                                                               st.columnText(0) + "\"") +
                                             ". Ask the publisher to make a new key (offsite keygen)"));
            }
            change.added.push_back(key);
        }
        change.rotation = *verified;
        root.version = verified->version;
        root.threshold = verified->threshold;
        root.keys = verified->keys;
        pending.push_back(std::move(change));
    }
    // The keys that verify from now on in this import: the pinned ones the changes keep, and the new ones.
    for (const auto& entry : roots) {
        // Named, not structured bindings: lambdas below capture them (clang before 16 cannot capture bindings).
        const std::string& publisher = entry.first;
        const package::TrustRoot& root = entry.second;
        if (std::none_of(pending.begin(), pending.end(),
                         [&](const PendingRotation& p) { return p.rotation.publisherId == publisher; }))
            continue;
        std::erase_if(pinned, [&](const PinnedRow& row) {
            return row.publisher == publisher && (!row.usable || !hasKey(root.keys, row.key));
        });
        for (const auto& key : root.keys) {
            const bool present = std::any_of(pinned.begin(), pinned.end(), [&](const PinnedRow& row) {
                return row.publisher == publisher && row.usable && row.key.keyId == key.keyId;
            });
            if (!present) pinned.push_back(PinnedRow{0, publisherRows[publisher], publisher, key, true});
        }
    }
    return pending;
}

// Records one checked key change: drops the keys it does not keep, pins the new ones, keeps the document.
Status recordKeyRotation(Database& db, const PendingRotation& change, const std::string& actor, std::int64_t now) {
    const package::KeyRotation& r = change.rotation;
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st,
            db.prepare("SELECT coalesce(max(version), 1) FROM publisher_roots WHERE publisher_id = ?"));
        OFFSITE_TRY(st.bindAll(change.publisherRowId));
        OFFSITE_ASSIGN_OR_RETURN(const StepResult step, st.step());
        if (step != StepResult::Row || st.columnInt(0) != r.version - 1) {
            return makeError(ErrorKind::Integrity, "publisher \"" + r.publisherId +
                                                       "\"'s keys changed meanwhile (another import); "
                                                       "nothing was imported, try again");
        }
    }
    json::Value revoked = json::Value::array();
    for (const auto& key : change.revoked) {
        OFFSITE_ASSIGN_OR_RETURN(Statement st,
                                 db.prepare("UPDATE publisher_keys SET revoked_at = ? WHERE publisher_id = ? AND "
                                            "public_key = ? AND revoked_at IS NULL"));
        OFFSITE_TRY(st.bindAll(now, change.publisherRowId, keyLine(key)));
        OFFSITE_TRY(st.run());
        revoked.push(json::Value::string(key.keyId.display()));
    }
    json::Value added = json::Value::array();
    for (const auto& key : change.added) {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("INSERT INTO publisher_keys (publisher_id, algorithm, key_id, public_key, "
                                     "pinned_at) VALUES (?, 'minisign-ed25519', ?, ?, ?)"));
        OFFSITE_TRY(st.bindAll(change.publisherRowId, key.keyId.display(), keyLine(key), now));
        OFFSITE_TRY(st.run());
        json::Value entry = json::Value::object();
        entry.set("key_id", json::Value::string(key.keyId.display()));
        entry.set("fingerprint", json::Value::string(crypto::keyFingerprint(key)));
        added.push(std::move(entry));
    }
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("INSERT INTO publisher_roots (publisher_id, version, threshold, "
                                     "document_sha256, document, applied_at) VALUES (?, ?, ?, ?, ?, ?)"));
        OFFSITE_TRY(st.bindAll(change.publisherRowId, r.version, r.threshold, change.documentSha256,
                               change.documentBytes, now));
        OFFSITE_TRY(st.run());
    }
    json::Value fields = json::Value::object();
    fields.set("version", json::Value::integer(r.version));
    fields.set("threshold", json::Value::integer(r.threshold));
    fields.set("document_sha256", json::Value::string(change.documentSha256));
    fields.set("revoked", std::move(revoked));
    fields.set("added", std::move(added));
    OFFSITE_TRY(workspace::appendAuditEntry(
        db, {actor, "key.rotated", "publisher:" + std::to_string(change.publisherRowId), json::serialize(fields)},
        now));
    return {};
}

std::string details(std::initializer_list<std::pair<const char*, json::Value>> fields) {
    json::Value v = json::Value::object();
    for (const auto& [key, value] : fields) v.set(key, value);
    return json::serialize(v);
}

// What the checks before the payloads decided.
struct Decisions {
    bool pinPresentedKey = false;
    std::vector<std::string> confirmedChanges;
    std::optional<ImportOutcome> stop;  // NeedsFirstTrust / NeedsConfirmation
};

Status renameNoReplace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
        return makeError(ErrorKind::Io, "cannot move the verified package into " + to.string() + " (" +
                                            std::strerror(errno) + "); nothing was imported");
    }
    return {};
}

struct CommitInput {
    const package::VerifiedPackage* verified = nullptr;
    std::string manifestSha256;
    std::string folderName;
    const crypto::MinisignPublicKey* signer = nullptr;
    bool pinKey = false;
    const std::vector<PendingRotation>* rotations = nullptr;  // recorded first, in order
    std::vector<std::string> confirmedChanges;
    std::string sourcePath;
    std::string actor;
    std::string expiryOverrideReason;
    std::int64_t systemClock = 0;
    std::int64_t timeFloor = 0;
};

Result<std::int64_t> commitImport(workspace::Workspace& ws, const CommitInput& in) {
    Database& db = ws.database();
    const package::Manifest& m = in.verified->manifest;
    // The signed manifest is the package's record in the content store (durable before the row commits).
    OFFSITE_ASSIGN_OR_RETURN(const workspace::StoredFile stored, ws.store().put(in.verified->manifestBytes));
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(workspace::Transaction tx, db.begin());
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("INSERT INTO store_files (sha256, size, state, added_at) VALUES (?, ?, "
                                     "'present', ?) ON CONFLICT (sha256) DO UPDATE SET state = 'present'"));
        OFFSITE_TRY(st.bindAll(stored.sha256, static_cast<std::int64_t>(stored.size), now));
        OFFSITE_TRY(st.run());
    }
    std::int64_t publisherRow = 0;
    {
        OFFSITE_ASSIGN_OR_RETURN(Statement st, db.prepare("SELECT id FROM publishers WHERE name = ?"));
        OFFSITE_TRY(st.bindAll(m.publisherId));
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Row) publisherRow = st.columnInt(0);
    }
    if (publisherRow == 0) {
        OFFSITE_ASSIGN_OR_RETURN(Statement st,
                                 db.prepare("INSERT INTO publishers (name, created_at) VALUES (?, ?)"));
        OFFSITE_TRY(st.bindAll(m.publisherId, now));
        OFFSITE_TRY(st.run());
        publisherRow = db.lastInsertRowId();
        OFFSITE_TRY(workspace::appendAuditEntry(
            db,
            {in.actor, "publisher.added", "publisher:" + std::to_string(publisherRow),
             details({{"name", json::Value::string(m.publisherId)}})},
            now));
    }
    if (in.rotations != nullptr) {
        for (const PendingRotation& change : *in.rotations) OFFSITE_TRY(recordKeyRotation(db, change, in.actor, now));
    }
    const std::string keyId = in.signer->keyId.display();
    std::int64_t keyRow = 0;
    if (in.pinKey) {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("INSERT INTO publisher_keys (publisher_id, algorithm, key_id, "
                                     "public_key, pinned_at) VALUES (?, 'minisign-ed25519', ?, ?, ?)"));
        OFFSITE_TRY(st.bindAll(publisherRow, keyId, keyLine(*in.signer), now));
        OFFSITE_TRY(st.run());
        keyRow = db.lastInsertRowId();
        OFFSITE_TRY(workspace::appendAuditEntry(
            db,
            {in.actor, "key.pinned", "publisher:" + std::to_string(publisherRow),
             details({{"key_id", json::Value::string(keyId)},
                      {"fingerprint", json::Value::string(crypto::keyFingerprint(*in.signer))},
                      {"algorithm", json::Value::string("minisign-ed25519")}})},
            now));
    } else {
        // Re-read inside the write transaction: the key must still be pinned, unrevoked, for this publisher.
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("SELECT id FROM publisher_keys WHERE public_key = ? AND publisher_id = ? "
                                     "AND revoked_at IS NULL"));
        OFFSITE_TRY(st.bindAll(keyLine(*in.signer), publisherRow));
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r != StepResult::Row) {
            return makeError(ErrorKind::Integrity, "the signing key is no longer pinned for publisher \"" +
                                                       m.publisherId + "\"; nothing was imported");
        }
        keyRow = st.columnInt(0);
    }
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("INSERT INTO packages (name, version, publisher_id, manifest_sha256, "
                                     "content_sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?)"));
        OFFSITE_TRY(st.bindAll(m.publisherId + "/" + m.modelId, std::to_string(m.packageVersion),
                               publisherRow, in.manifestSha256, stored.sha256, now));
        OFFSITE_TRY(st.run());
    }
    const std::int64_t packageId = db.lastInsertRowId();
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st,
            db.prepare(
                "INSERT INTO package_trust (package_id, publisher_key_id, model_id, package_version, "
                "created_at, expires_at, architecture, split, export_recipient, folder) VALUES (?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?)"));
        OFFSITE_TRY(st.bindAll(packageId, keyRow, m.modelId, m.packageVersion, m.createdAt, m.expiresAt,
                               m.architecture, m.split, m.exportRecipient,
                               std::string(workspace::kPackagesFolderName) + "/" + in.folderName));
        OFFSITE_TRY(st.run());
    }
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st,
            db.prepare(
                "INSERT INTO package_lineage (publisher_id, model_id, max_version, manifest_sha256, "
                "package_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (publisher_id, model_id) DO "
                "UPDATE SET max_version = excluded.max_version, manifest_sha256 = excluded.manifest_sha256, "
                "package_id = excluded.package_id, updated_at = excluded.updated_at"));
        OFFSITE_TRY(st.bindAll(publisherRow, m.modelId, m.packageVersion, in.manifestSha256, packageId, now));
        OFFSITE_TRY(st.run());
    }
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st,
            db.prepare(
                "INSERT INTO trust_time_floor (id, floor_seconds, updated_at) VALUES (1, ?, ?) ON CONFLICT "
                "(id) DO UPDATE SET floor_seconds = max(floor_seconds, excluded.floor_seconds), updated_at "
                "= excluded.updated_at"));
        OFFSITE_TRY(st.bindAll(m.createdAt, now));
        OFFSITE_TRY(st.run());
    }
    {
        OFFSITE_ASSIGN_OR_RETURN(
            Statement st, db.prepare("INSERT INTO package_import_log (package_id, source_path, outcome, "
                                     "message, at) VALUES (?, ?, 'imported', ?, ?)"));
        OFFSITE_TRY(st.bindAll(packageId, in.sourcePath,
                               "imported " + m.modelId + " version " + std::to_string(m.packageVersion) +
                                   " from " + m.publisherId,
                               now));
        OFFSITE_TRY(st.run());
    }
    if (in.verified->acceptedExpiredAt != 0) {
        OFFSITE_TRY(workspace::appendAuditEntry(
            db,
            {in.actor, "package.expiry_overridden", "package:" + std::to_string(packageId),
             details({{"reason", json::Value::string(in.expiryOverrideReason)},
                      {"expires_at", json::Value::integer(m.expiresAt)},
                      {"clock", json::Value::integer(in.systemClock)},
                      {"time_floor", json::Value::integer(in.timeFloor)},
                      {"manifest_sha256", json::Value::string(in.manifestSha256)}})},
            now));
    }
    if (!in.confirmedChanges.empty()) {
        json::Value list = json::Value::array();
        for (const auto& change : in.confirmedChanges) list.push(json::Value::string(change));
        OFFSITE_TRY(workspace::appendAuditEntry(
            db,
            {in.actor, "package.changes_confirmed", "package:" + std::to_string(packageId),
             details({{"changes", std::move(list)}})},
            now));
    }
    OFFSITE_TRY(
        workspace::appendAuditEntry(db,
                                    {in.actor, "package.imported", "package:" + std::to_string(packageId),
                                     details({{"publisher", json::Value::string(m.publisherId)},
                                              {"model_id", json::Value::string(m.modelId)},
                                              {"package_version", json::Value::integer(m.packageVersion)},
                                              {"manifest_sha256", json::Value::string(in.manifestSha256)},
                                              {"key_id", json::Value::string(keyId)}})},
                                    now));
    OFFSITE_TRY(tx.commit());
    return packageId;
}

}  // namespace

Result<package::TrustedKeys> trustedKeys(workspace::Workspace& ws) {
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<PinnedRow> rows, pinnedRows(ws.database()));
    package::TrustedKeys keys;
    for (const PinnedRow& row : rows) {
        if (row.usable) keys.keys.push_back(package::PinnedKey{row.publisher, row.key});
    }
    return keys;
}

Result<std::int64_t> trustedTimeFloor(workspace::Workspace& ws) {
    return ws.database().queryInt("SELECT coalesce(max(floor_seconds), 0) FROM trust_time_floor");
}

Result<std::vector<fs::path>> cleanUpPackageFolders(workspace::Workspace& ws) {
    const fs::path root = ws.folder() / workspace::kPackagesFolderName;
    std::vector<fs::path> removed;
    std::error_code ec;
    if (!fs::exists(root, ec)) return removed;
    OFFSITE_ASSIGN_OR_RETURN(
        const std::vector<std::string> referenced,
        ws.database().queryTextColumn("SELECT folder FROM package_trust ORDER BY folder"));
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(root, ec)) entries.push_back(entry.path());
    if (ec)
        return makeError(ErrorKind::Io,
                         root.string() + ": cannot list the packages folder (" + ec.message() + ")");
    std::sort(entries.begin(), entries.end());
    for (const fs::path& path : entries) {
        const std::string name = path.filename().string();
        const bool staging = name.rfind(kIncomingPrefix, 0) == 0;
        const bool orphan =
            crypto::isSha256Hex(name) &&
            std::find(referenced.begin(), referenced.end(),
                      std::string(workspace::kPackagesFolderName) + "/" + name) == referenced.end();
        if (!staging && !orphan) continue;
        fs::remove_all(path, ec);
        if (ec)
            return makeError(ErrorKind::Io,
                             path.string() + ": cannot remove a leftover of an interrupted import");
        removed.push_back(path);
    }
    if (!removed.empty()) OFFSITE_TRY(syncDirectory(root));
    return removed;
}

namespace {
std::vector<std::string> fingerprints(const std::vector<crypto::MinisignPublicKey>& keys) {
    std::vector<std::string> out;
    out.reserve(keys.size());
    for (const auto& key : keys) out.push_back(crypto::keyFingerprint(key));
    return out;
}

SignedFacts signedFacts(const package::VerifiedPackage& signedPart, const package::TrustedKeys& keys,
                        const std::vector<PendingRotation>& rotations) {
    SignedFacts facts;
    facts.signedPart = signedPart;
    if (const package::PinnedKey* signer = keys.findByKeyId(signedPart.keyId)) {
        facts.keyFingerprint = crypto::keyFingerprint(signer->key);
    }
    for (const PendingRotation& change : rotations) {
        facts.keyChanges.push_back(KeyChangeFacts{change.rotation.publisherId, change.rotation.version,
                                                  fingerprints(change.authorisedBy), fingerprints(change.added),
                                                  fingerprints(change.revoked)});
    }
    return facts;
}
}  // namespace

Result<ImportOutcome> importPackage(workspace::Workspace& ws, const fs::path& packagePath,
                                    const ImportOptions& options) {
    Database& db = ws.database();
    const std::int64_t now = options.now != 0 ? options.now : static_cast<std::int64_t>(std::time(nullptr));
    {
        auto cleaned = cleanUpPackageFolders(ws);
        if (!cleaned.ok()) return cleaned.error();
    }

    OFFSITE_ASSIGN_OR_RETURN(std::vector<PinnedRow> pinned, pinnedRows(db));
    // PKG-8: key changes carried by the package, checked before the manifest's signature that they may let
    // verify; recorded in the import's transaction.
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<package::SignedKeyRotation> carried,
                             package::readKeyRotations(packagePath));
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<PendingRotation> rotations,
                             planKeyRotations(db, packagePath, carried, pinned));
    package::TrustedKeys keys;
    for (const PinnedRow& row : pinned) {
        if (row.usable) keys.keys.push_back(package::PinnedKey{row.publisher, row.key});
    }
    bool presentedIsNew = false;
    if (options.presentedKey) {
        const crypto::MinisignPublicKey& presented = *options.presentedKey;
        const auto same = std::find_if(pinned.begin(), pinned.end(), [&](const PinnedRow& r) {
            return r.usable && r.key.keyId == presented.keyId;
        });
        if (same != pinned.end() && same->key.key != presented.key) {
            return makeError(
                ErrorKind::Integrity,
                refusal(packagePath, "the key you gave has id " + presented.keyId.display() +
                                         ", but a different key with that id is pinned for publisher \"" +
                                         same->publisher + "\"; do not trust the key you were given"));
        }
        if (same == pinned.end()) {
            // Accepted for whichever publisher the signed manifest names; the decisions below bind it.
            keys.keys.push_back(package::PinnedKey{"", presented});
            presentedIsNew = true;
        }
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t floor, trustedTimeFloor(ws));

    Decisions decisions;
    package::VerifyParams params;
    params.trustedKeys = &keys;
    params.now = now;
    params.trustedTimeFloor = floor;
    if (options.expiryOverrideReason) {
        const std::string& reason = *options.expiryOverrideReason;
        if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > 1000) {
            return makeError(ErrorKind::InvalidInput,
                             refusal(packagePath, "the expiry override needs a reason (1 to 1000 characters) for "
                                                  "the audit log, e.g. --override-expiry \"publisher confirmed by "
                                                  "phone that version 3 is still current\""));
        }
        params.expiry = package::ExpiryPolicy::AcceptExpired;
    }
    params.progress = options.progress;
    params.beforePayloads = [&](const package::VerifiedPackage& signedPart) -> Status {
        const package::Manifest& m = signedPart.manifest;
        if (options.onSigned) options.onSigned(signedFacts(signedPart, keys, rotations));
        const bool byPresented = presentedIsNew && signedPart.keyId == options.presentedKey->keyId;
        if (byPresented) {
            // PKG-7: one key per publisher; a second key is a key change, which needs a signed rotation.
            for (const PinnedRow& row : pinned) {
                if (row.publisher == m.publisherId) {
                    return makeError(
                        ErrorKind::Integrity,
                        ("publisher \"" + m.publisherId + "\" is pinned to key " + row.key.keyId.display() +
                         " in this workspace, but the package is signed by key " + signedPart.keyId.display() +
                         " and carries no key change signed by the pinned key. A publisher that changes keys "
                         "signs the change with its old key (`offsite owner rotate-key`) and packs it with "
                         "the package (`offsite owner pack --key-change`); ask the publisher, over another "
                         "channel, for such a package. Do not trust the new key otherwise"));
                }
            }
            if (options.keyDecision != KeyDecision::TrustPresentedKey) {
                ImportOutcome outcome;
                outcome.status = ImportStatus::NeedsFirstTrust;
                outcome.firstTrust = FirstTrustRequest{m.publisherId, signedPart.keyId.display(),
                                                       crypto::keyFingerprint(*options.presentedKey)};
                decisions.stop = std::move(outcome);
                return makeError(ErrorKind::Cancelled, "first trust of a key needs the person's decision");
            }
            decisions.pinPresentedKey = true;
        }
        // PKG-5: rollback and equivocation.
        OFFSITE_ASSIGN_OR_RETURN(const std::optional<Lineage> lineage,
                                 lineageOf(db, m.publisherId, m.modelId));
        const std::string manifestSha = crypto::sha256Hex(signedPart.manifestBytes);
        std::vector<std::string> changes;
        if (lineage) {
            const std::string name = "\"" + m.modelId + "\" from \"" + m.publisherId + "\"";
            if (m.packageVersion < lineage->maxVersion) {
                return makeError(
                    ErrorKind::Integrity,
                    ("rollback check failed: it is version " + std::to_string(m.packageVersion) + " of " +
                     name + ", older than version " + std::to_string(lineage->maxVersion) +
                     " already imported. Older versions are refused so "
                     "that fixed problems cannot come back; ask the "
                     "publisher for the current package"));
            }
            if (m.packageVersion == lineage->maxVersion) {
                if (manifestSha == lineage->manifestSha256) {
                    return makeError(ErrorKind::InvalidInput,
                                     ("version " + std::to_string(m.packageVersion) + " of " + name +
                                      " is already imported (package " + std::to_string(lineage->packageId) +
                                      "); nothing to do"));
                }
                return makeError(ErrorKind::Integrity, ("equivocation check failed: version " +
                                                        std::to_string(m.packageVersion) + " of " + name +
                                                        " was already imported with different contents. A "
                                                        "publisher never signs two different packages with "
                                                        "the same version; report this to the publisher"));
            }
            // PKG-9: what changed since the version imported before.
            if (!lineage->exportRecipient.empty() && lineage->exportRecipient != m.exportRecipient) {
                changes.push_back("exports will now be encrypted to a different key: " + m.exportRecipient +
                                  " (version " + std::to_string(lineage->maxVersion) + " used " +
                                  lineage->exportRecipient + ")");
            }
            if (!lineage->architecture.empty() &&
                (lineage->architecture != m.architecture || lineage->split != m.split)) {
                changes.push_back("the model changed shape: " + m.architecture + " split " + m.split +
                                  " (version " + std::to_string(lineage->maxVersion) + " was " +
                                  lineage->architecture + " split " + lineage->split + ")");
            }
        }
        OFFSITE_ASSIGN_OR_RETURN(const std::vector<std::string> others,
                                 otherPublishersOf(db, m.publisherId, m.modelId));
        for (const std::string& other : others) {
            changes.push_back("model \"" + m.modelId + "\" was imported from publisher \"" + other +
                              "\" before; this package comes from publisher \"" + m.publisherId + "\"");
        }
        if (!changes.empty()) {
            if (options.changeDecision != ChangeDecision::Confirmed) {
                ImportOutcome outcome;
                outcome.status = ImportStatus::NeedsConfirmation;
                outcome.confirmation = ConfirmationRequest{changes};
                decisions.stop = std::move(outcome);
                return makeError(ErrorKind::Cancelled, "changes need the person's confirmation");
            }
            decisions.confirmedChanges = changes;
        }
        if (options.scope == ImportScope::DecisionsOnly) {
            return makeError(ErrorKind::Cancelled, "every decision before the payload passed; stopped there as asked");
        }
        return {};
    };

    const fs::path packagesRoot = ws.folder() / workspace::kPackagesFolderName;
    std::error_code ec;
    fs::create_directories(packagesRoot, ec);
    if (ec) {
        return makeError(ErrorKind::Io, packagesRoot.string() + ": cannot create the packages folder (" +
                                            ec.message() + ")");
    }
    std::string pattern = (packagesRoot / (std::string(kIncomingPrefix) + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return makeError(ErrorKind::Io, "cannot create a staging folder in " + packagesRoot.string() + " (" +
                                            std::strerror(errno) + ")");
    }
    ScopedFolder staging{fs::path(pattern)};
    const fs::path extracted = staging.path() / "model";
    auto verified = package::extractPackage(packagePath, extracted, params);
    if (!verified.ok()) {
        if (decisions.stop) return std::move(*decisions.stop);
        const Error& error = verified.error();
        if (error.message.find("unknown key id") != std::string::npos) {
            for (const PendingRotation& change : rotations) {
                for (const auto& dropped : change.revoked) {
                    if (error.message.find("unknown key id " + dropped.keyId.display()) == std::string::npos) continue;
                    return makeError(error.kind,
                                     error.message + ". The key change the package carries (" +
                                         package::keyRotationDocumentName(change.rotation.version) +
                                         ") drops that key, so the package must be signed with the new key; ask "
                                         "the publisher to sign it again (offsite owner pack --key NEW)");
                }
            }
            OFFSITE_ASSIGN_OR_RETURN(
                Statement st,
                db.prepare("SELECT p.name, (SELECT coalesce(max(version), 1) FROM publisher_roots r WHERE "
                           "r.publisher_id = p.id) FROM publisher_keys k JOIN publishers p ON p.id = "
                           "k.publisher_id WHERE k.revoked_at IS NOT NULL AND instr(?, k.key_id) > 0"));
            OFFSITE_TRY(st.bindAll(error.message));
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
            if (r == StepResult::Row) {
                return makeError(error.kind,
                                 error.message + ". That key was dropped by publisher \"" + st.columnText(0) +
                                     "\" in a signed key change (its keys are at version " +
                                     std::to_string(st.columnInt(1)) +
                                     "), so packages it signs are refused; ask the publisher for a package "
                                     "signed with its current key");
            }
            return makeError(error.kind,
                             error.message +
                                 ". If this is a publisher you have not imported from before, get "
                                 "their public key (.pub file) and present it (--publisher-key)");
        }
        return error;
    }
    const std::string manifestSha = crypto::sha256Hex(verified->manifestBytes);
    const fs::path finalFolder = packagesRoot / manifestSha;
    OFFSITE_TRY(renameNoReplace(extracted, finalFolder));
    OFFSITE_TRY(syncDirectory(packagesRoot));

    const crypto::MinisignPublicKey* signer = nullptr;
    for (const auto& key : keys.keys) {
        if (key.key.keyId == verified->keyId) signer = &key.key;
    }
    if (signer == nullptr) {
        return makeError(ErrorKind::Internal,
                         "the verified signature's key is not among the trusted keys; please report this");
    }
    CommitInput input;
    input.rotations = &rotations;
    input.verified = &*verified;
    input.manifestSha256 = manifestSha;
    input.folderName = manifestSha;
    input.signer = signer;
    input.pinKey = decisions.pinPresentedKey;
    input.confirmedChanges = decisions.confirmedChanges;
    input.sourcePath = packagePath.string();
    input.actor = options.actor;
    input.expiryOverrideReason = options.expiryOverrideReason.value_or("");
    input.systemClock = now;
    input.timeFloor = floor;
    auto packageId = commitImport(ws, input);
    if (!packageId.ok()) {
        fs::remove_all(finalFolder, ec);
        return packageId.error().withContext(refusal(packagePath, "recording the import failed"));
    }
    ImportOutcome outcome;
    outcome.status = ImportStatus::Imported;
    outcome.imported = ImportedPackage{*packageId,  finalFolder, verified->manifest, manifestSha,
                                       decisions.pinPresentedKey, {}, verified->acceptedExpiredAt != 0};
    for (const PendingRotation& change : rotations) {
        outcome.imported->keyChanges.push_back(
            "publisher \"" + change.rotation.publisherId + "\" changed its keys to version " +
            std::to_string(change.rotation.version) + " (signed by its previous keys)");
    }
    return outcome;
}

}  // namespace offsite::trust

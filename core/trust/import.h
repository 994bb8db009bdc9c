// Importing a signed .otpkg package into the workspace, with the trust store (docs/TRUST.md; PKG-1..PKG-7,
// PKG-9, PKG-10). One call does, in this order and stopping at the first refusal:
//   1. signature over the raw manifest with a key pinned for the manifest's publisher (or a key the caller
//      presents for first trust), then the manifest schema and expiry against max(clock, time floor);
//   2. the trust decisions: first trust of a key (stops with NeedsFirstTrust), rollback and equivocation
//      (refused), changes of export recipient, publisher or lineage (stops with NeedsConfirmation);
//   3. every payload streamed through SHA-256 into a private staging folder inside the workspace;
//   4. one rename to packages/<manifest sha256>/, then one transaction: package row, signed facts, key pin,
//      lineage (rollback history), time floor, import log and audit entries.
// A refusal or a stop changes nothing in the database or the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/minisign.h"
#include "core/package/manifest.h"
#include "core/package/package.h"
#include "core/workspace/workspace.h"

namespace offsite::trust {

// PKG-7's ceremony: a key not yet pinned is trusted only when the caller says the person compared its
// fingerprint over another channel.
enum class KeyDecision { AskFirst = 1, TrustPresentedKey };
// PKG-9: a change of export recipient, publisher or lineage needs the person's explicit confirmation.
enum class ChangeDecision { AskFirst = 1, Confirmed };
// How far an import goes: all the way, or every check and decision that comes before the payload and then a
// stop with ErrorKind::Cancelled before the first payload byte is read (nothing read, nothing changed; a front
// end's check before it shows the licence).
enum class ImportScope { Everything = 1, DecisionsOnly };

// A signed key change (PKG-8) the package carries and this workspace would record: the publisher's keys from
// `version` on, authorised by the signatures of the keys it had before (checked against the trust root here).
struct KeyChangeFacts {
    std::string publisherId;
    std::int64_t version = 0;
    std::vector<std::string> authorisedBy;  // fingerprints of the keys trusted before the change
    std::vector<std::string> addedKeys;     // fingerprints of the keys it adds
    std::vector<std::string> droppedKeys;   // fingerprints of the keys it drops
};

// What is signed and by which key, known before any payload byte is read.
struct SignedFacts {
    package::VerifiedPackage signedPart;  // the manifest, its exact bytes, the publisher, the key id
    std::string keyFingerprint;           // crypto::keyFingerprint of the key that signed the manifest
    std::vector<KeyChangeFacts> keyChanges;  // oldest first
};

struct ImportOptions {
    // The publisher's public key as the person received it (a minisign .pub file); needed only the first
    // time.
    std::optional<crypto::MinisignPublicKey> presentedKey;
    KeyDecision keyDecision = KeyDecision::AskFirst;
    ChangeDecision changeDecision = ChangeDecision::AskFirst;
    std::int64_t now = 0;  // Unix seconds; 0 means the system clock
    std::string actor = "user";
    // PKG-6's admin override: an expired package is imported only when this holds the administrator's reason
    // (not blank). The audit log records actor, reason, expires_at and the clock and floor it was judged by.
    std::optional<std::string> expiryOverrideReason;
    // Bytes of payload streamed so far; returning false cancels (ErrorKind::Cancelled, nothing changed).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
    ImportScope scope = ImportScope::Everything;
    // Called once the signature (with the key changes the package carries), the schema and the expiry have
    // passed, before the trust decisions and before any payload byte is read.
    std::function<void(const SignedFacts&)> onSigned;
};

enum class ImportStatus { Imported = 1, NeedsFirstTrust, NeedsConfirmation };

struct ImportedPackage {
    std::int64_t packageId = 0;
    std::filesystem::path modelFolder;  // usable as a trainer model folder
    package::Manifest manifest;
    std::string manifestSha256;
    bool keyPinned = false;  // this import pinned the publisher's key (first trust)
    // Signed key changes (PKG-8) the package carried and this import recorded, one sentence each.
    std::vector<std::string> keyChanges;
    bool expiryOverridden = false;  // expired, imported under ImportOptions::expiryOverrideReason (logged)
};

struct FirstTrustRequest {
    std::string publisherId;  // as the signed manifest claims it
    std::string keyId;        // minisign key id, 16 hex digits
    std::string fingerprint;  // crypto::keyFingerprint, to compare over another channel
};

struct ConfirmationRequest {
    std::vector<std::string> changes;  // one plain sentence per change
};

struct ImportOutcome {
    ImportStatus status = ImportStatus::Imported;
    std::optional<ImportedPackage> imported;          // status Imported
    std::optional<FirstTrustRequest> firstTrust;      // status NeedsFirstTrust
    std::optional<ConfirmationRequest> confirmation;  // status NeedsConfirmation
};

[[nodiscard]] Result<ImportOutcome> importPackage(workspace::Workspace& workspace,
                                                  const std::filesystem::path& packagePath,
                                                  const ImportOptions& options);

// The workspace's pinned, unrevoked publisher keys, as package verification wants them.
[[nodiscard]] Result<package::TrustedKeys> trustedKeys(workspace::Workspace& workspace);
// The latest created_at of any accepted manifest (PKG-6); 0 before the first import.
[[nodiscard]] Result<std::int64_t> trustedTimeFloor(workspace::Workspace& workspace);

// Removes what an interrupted import left in <workspace>/packages: staging folders, and package folders no
// row refers to (a crash between the rename and the commit). Returns the removed paths, sorted.
[[nodiscard]] Result<std::vector<std::filesystem::path>> cleanUpPackageFolders(
    workspace::Workspace& workspace);

}  // namespace offsite::trust

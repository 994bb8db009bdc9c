// Packing, verifying and extracting .otpkg packages (docs/PACKAGE_FORMAT.md). Verification runs in a fixed
// order: signature over the manifest's raw bytes with a key pinned for the publisher, then the manifest
// schema, then every payload streamed through SHA-256 against its signed size and hash, then the expiry.
// Extraction writes into a private staging folder next to the destination and publishes it with one rename
// only when every check has passed, so a refused package changes nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/minisign.h"
#include "core/package/key_rotation.h"
#include "core/package/manifest.h"

namespace offsite::package {

// Publisher keys pinned per publisher namespace (PKG-7): a key is trusted only for the publisher it is
// pinned to.
struct PinnedKey {
    // Empty: a key the caller was handed for this one check (`offsite verify --publisher-key`), accepted for
    // whatever publisher the signed manifest names; the verdict then reports that publisher as claimed.
    std::string publisherId;
    crypto::MinisignPublicKey key;
};

struct TrustedKeys {
    std::vector<PinnedKey> keys;
    [[nodiscard]] const PinnedKey* findByKeyId(const crypto::KeyId& keyId) const;
};

struct PackParams {
    std::filesystem::path inputFolder;  // flat folder of payload files (a split model folder)
    std::filesystem::path outputPath;   // the .otpkg to write (atomically)
    const crypto::SigningKey* signingKey = nullptr;
    std::string publisherId;
    std::string modelId;
    std::int64_t packageVersion = 1;
    std::int64_t createdAt = 0;  // Unix seconds, UTC
    std::int64_t expiresAt = 0;  // Unix seconds, UTC
    std::string minAppVersion = "0.1.0";
    std::string architecture;
    std::string split;            // "l-k-r"
    std::string exportRecipient;  // "age1..."
    std::string licence;
    // Signed key changes (PKG-8) to carry right after the signature, for data owners who pinned an earlier
    // key of this publisher; each is checked again before it is written.
    std::vector<SignedKeyRotation> keyRotations;
};

// The role a payload file gets from its name; an error for names we do not ship (code, pickles, ...).
[[nodiscard]] Result<FileRole> roleForFileName(std::string_view name);

// Writes the package: manifest.json, manifest.json.minisig, then the payloads in name order. Safetensors
// payloads are validated first, so a publisher cannot ship a pickle by mistake.
[[nodiscard]] Result<Manifest> writePackage(const PackParams& params);

struct VerifiedPackage {
    Manifest manifest;
    std::string manifestBytes;  // exactly the signed bytes
    std::string publisherId;    // the publisher the signing key is pinned to
    crypto::KeyId keyId;
    // Non-zero when the package had expired at this (effective) time and was accepted only because the caller
    // asked for ExpiryPolicy::AcceptExpired (PKG-6's explicit override; the importer logs it).
    std::int64_t acceptedExpiredAt = 0;
};

// PKG-6: expired packages are refused; an administrator's explicit override accepts them (and is logged).
enum class ExpiryPolicy { Refuse = 1, AcceptExpired };

struct VerifyParams {
    const TrustedKeys* trustedKeys = nullptr;
    std::int64_t now = 0;               // the system clock, Unix seconds
    std::int64_t trustedTimeFloor = 0;  // the latest created_at of any accepted manifest (PKG-6)
    ExpiryPolicy expiry = ExpiryPolicy::Refuse;
    // Called as payload bytes stream past; returning false stops with ErrorKind::Cancelled (not a failure:
    // nothing was published).
    std::function<bool(std::uint64_t bytesDone, std::uint64_t bytesTotal)> progress;
    // Called once the signature, schema, publisher binding and expiry have passed and before any payload is
    // read or staged (the importer's rollback, trust and lineage checks); an error stops verification there.
    std::function<Status(const VerifiedPackage& signedPart)> beforePayloads;
};


[[nodiscard]] Result<VerifiedPackage> verifyPackage(const std::filesystem::path& packagePath,
                                                    const VerifyParams& params);
// The same checks over bytes in memory (tests, the fuzzer).
[[nodiscard]] Result<VerifiedPackage> verifyPackageBytes(std::string_view packageBytes,
                                                         const VerifyParams& params);

// The key-change files (publisher-keys.v*) the package carries right after manifest.json.minisig, grouped
// per document. Nothing else is read: the importer checks them against the workspace's trust root before it
// verifies the manifest's signature with the keys they introduce (PKG-8).
[[nodiscard]] Result<std::vector<SignedKeyRotation>> readKeyRotations(const std::filesystem::path& packagePath);

// Verifies and extracts into `destination`, which must not exist yet; its parent must. Payloads, the manifest
// and its signature are written into a private staging folder in the parent (same filesystem), then the
// staging folder is renamed to `destination` in one step. On any refusal the staging folder is removed and
// `destination` is not created.
[[nodiscard]] Result<VerifiedPackage> extractPackage(const std::filesystem::path& packagePath,
                                                     const std::filesystem::path& destination,
                                                     const VerifyParams& params);

}  // namespace offsite::package

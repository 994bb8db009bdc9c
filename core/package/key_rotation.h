// Signed publisher key changes (PKG-8; docs/TRUST.md "Key rotation"). A publisher's trusted keys form a
// numbered trust root: version 1 is the key pinned at first trust (threshold 1). A key change is a small JSON
// document, publisher-keys.v<N>.json, that names the keys of version N and the threshold the next change will
// need. It is accepted only as the change from version N-1 (never skipping a version), and only when it is
// signed by at least the threshold of the version N-1 keys AND by at least its own threshold of the version N
// keys; a key id counts once however many signature files it made. Every signature is a stock minisign "ED"
// signature in its own file, publisher-keys.v<N>.json.<KEYID>.minisig, so `minisign -V` checks each one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/minisign.h"

namespace offsite::package {

constexpr std::string_view kKeyRotationPrefix = "publisher-keys.v";
constexpr std::size_t kKeyRotationMaxBytes = 64 * 1024;  // the document; far more than 16 keys need
constexpr std::size_t kKeyRotationMaxKeys = 16;
constexpr std::size_t kKeyRotationMaxFiles = 64;  // documents and signature files in one package

struct KeyRotation {
    std::string publisherId;
    std::int64_t version = 2;    // the trust-root version this document establishes (the first pin is 1)
    std::int64_t threshold = 1;  // signatures by distinct keys of this set that the next change needs
    std::vector<crypto::MinisignPublicKey> keys;
    std::int64_t createdAt = 0;  // Unix seconds
};

// Strict schema (unknown fields, duplicate keys, bad key lines, threshold outside 1..keys refused).
// Messages start with `source`.
[[nodiscard]] Result<KeyRotation> parseKeyRotation(std::string_view bytes,
                                                   std::string_view source = "publisher-keys.json");
// Deterministic pretty JSON that parses back to the same rotation.
[[nodiscard]] Result<std::string> serializeKeyRotation(const KeyRotation& rotation);
// What every signature's trusted comment must be: binds the signature to publisher and version.
[[nodiscard]] std::string keyRotationTrustedComment(std::string_view publisherId, std::int64_t version);
[[nodiscard]] std::string keyRotationDocumentName(std::int64_t version);  // publisher-keys.v<N>.json
[[nodiscard]] std::string keyRotationSignatureName(std::int64_t version, const crypto::KeyId& keyId);
// Whether a package entry name belongs to a key change (a document or one of its signatures).
[[nodiscard]] bool isKeyRotationFileName(std::string_view name);

// One key change as carried: the document's exact bytes and the signature files made over them.
struct SignedKeyRotation {
    std::string documentName;
    std::string documentBytes;
    std::vector<std::pair<std::string, std::string>> signatures;  // file name, minisign signature text
};

// Groups key-change files (name, bytes) into documents with their signatures, in version order. A signature
// without its document, a name that does not follow the rules, or too many files is refused.
[[nodiscard]] Result<std::vector<SignedKeyRotation>> groupKeyRotationFiles(
    std::vector<std::pair<std::string, std::string>> files);
// The document at `documentPath` and every sibling `<document name>.*.minisig` (owner side, `owner pack`).
[[nodiscard]] Result<SignedKeyRotation> readKeyRotationFiles(const std::filesystem::path& documentPath);
// Signs the document with each key (owner side, `offsite owner rotate-key`).
[[nodiscard]] Result<SignedKeyRotation> signKeyRotation(const KeyRotation& rotation,
                                                        const std::vector<const crypto::SigningKey*>& signers);

// A publisher's keys as the verifier trusts them now.
struct TrustRoot {
    std::string publisherId;
    std::int64_t version = 1;
    std::int64_t threshold = 1;
    std::vector<crypto::MinisignPublicKey> keys;
};

// Checks `rotation` as the change from `current` to version current.version + 1: the signatures of the
// current keys are checked on the raw bytes before the document is parsed; then the document's publisher and
// version, then the signatures of the new keys. Refusals name the file, the check and what to do.
[[nodiscard]] Result<KeyRotation> verifyKeyRotation(const SignedKeyRotation& rotation,
                                                    const TrustRoot& current);

}  // namespace offsite::package

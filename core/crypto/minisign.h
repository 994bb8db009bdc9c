// minisign-compatible signatures (PKG-3): public key and signature files in minisign's text format, signing
// and verification of the prehashed "ED" algorithm (Ed25519 over BLAKE2b-512 of the file). Legacy "Ed"
// signatures (Ed25519 over the raw file) are parsed only so that they can be refused with a clear message.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/crypto/primitives.h"
#include "core/crypto/secret_bytes.h"

namespace offsite::crypto {

constexpr std::size_t kMinisignTrustedCommentMaxBytes = 8192;
constexpr std::size_t kMinisignUntrustedCommentMaxBytes = 1024;
constexpr std::size_t kMinisignSignatureFileMaxBytes = 16 * 1024;

struct KeyId {
    std::array<std::uint8_t, 8> bytes{};
    // As minisign prints it: the 8 bytes as a little-endian 64-bit number in upper-case hex.
    [[nodiscard]] std::string display() const;
    friend bool operator==(const KeyId&, const KeyId&) = default;
};

struct MinisignPublicKey {
    KeyId keyId;
    Ed25519PublicKey key{};
};

// Accepts a whole ".pub" file (untrusted comment line + key line) or the bare base64 key line.
[[nodiscard]] Result<MinisignPublicKey> parseMinisignPublicKey(std::string_view text);
[[nodiscard]] std::string formatMinisignPublicKey(const MinisignPublicKey& key);
[[nodiscard]] Result<MinisignPublicKey> readMinisignPublicKeyFile(const std::filesystem::path& path);

enum class SignatureAlgorithm {
    Prehashed = 1,  // "ED": Ed25519(BLAKE2b-512(file)), the only one we verify or produce
    Legacy,         // "Ed": Ed25519(file), refused
};

struct MinisignSignature {
    SignatureAlgorithm algorithm = SignatureAlgorithm::Prehashed;
    KeyId keyId;
    Ed25519Signature signature{};
    std::string untrustedComment;  // without the "untrusted comment: " prefix
    std::string trustedComment;    // without the "trusted comment: " prefix; covered by globalSignature
    Ed25519Signature globalSignature{};
};

// Parses the four-line signature file strictly (canonical base64, comment limits, nothing after line 4).
[[nodiscard]] Result<MinisignSignature> parseMinisignSignature(std::string_view text);
[[nodiscard]] std::string formatMinisignSignature(const MinisignSignature& signature);
// Refuses files over 16 KiB before reading them.
[[nodiscard]] Result<MinisignSignature> readMinisignSignatureFile(const std::filesystem::path& path);

struct VerifiedSignature {
    KeyId keyId;
    std::string trustedComment;
};

[[nodiscard]] Result<VerifiedSignature> verifyDigest(const Blake2b512& digest,
                                                     const MinisignSignature& signature,
                                                     const MinisignPublicKey& publicKey);
[[nodiscard]] Result<VerifiedSignature> verifyBytes(ByteSpan message, const MinisignSignature& signature,
                                                    const MinisignPublicKey& publicKey);
// Reads the signature file (bounded), then hashes the signed file in a stream.
[[nodiscard]] Result<VerifiedSignature> verifyFile(const std::filesystem::path& file,
                                                   const std::filesystem::path& signatureFile,
                                                   const MinisignPublicKey& publicKey);

struct SignatureComments {
    std::string trusted;  // e.g. "timestamp:1700000000\tfile:manifest.json\thashed"
    std::string untrusted = "signature from offsite secret key";
};

// An Ed25519 signing key with its minisign key id; the secret half stays in guarded memory.
class SigningKey {
public:
    [[nodiscard]] static Result<SigningKey> generate();
    // `secretKey` is libsodium's 64-byte form (seed || public key).
    [[nodiscard]] static Result<SigningKey> fromSecret(const KeyId& keyId, SecretBytes secretKey);

    [[nodiscard]] const KeyId& keyId() const { return publicKey_.keyId; }
    [[nodiscard]] const MinisignPublicKey& publicKey() const { return publicKey_; }
    [[nodiscard]] const SecretBytes& secretKey() const { return secret_; }

    [[nodiscard]] Result<MinisignSignature> signDigest(const Blake2b512& digest,
                                                       const SignatureComments& comments) const;
    [[nodiscard]] Result<MinisignSignature> signBytes(ByteSpan message,
                                                      const SignatureComments& comments) const;
    [[nodiscard]] Result<MinisignSignature> signFile(const std::filesystem::path& file,
                                                     const SignatureComments& comments) const;

private:
    SigningKey(MinisignPublicKey publicKey, SecretBytes secret)
        : publicKey_(publicKey), secret_(std::move(secret)) {}
    MinisignPublicKey publicKey_;
    SecretBytes secret_;
};

// Reads minisign's own secret key file when it is not passphrase-protected (`minisign -G -W`); encrypted
// minisign keys (scrypt) are refused with a message saying so.
[[nodiscard]] Result<SigningKey> parseUnencryptedMinisignSecretKey(std::string_view text);

}  // namespace offsite::crypto

// The RFC primitives the formats are built from, as thin checked wrappers over libsodium 1.0.18:
// HKDF-SHA-256 (RFC 5869, built on HMAC because 1.0.18 has no crypto_kdf_hkdf), BLAKE2b-512 (RFC 7693, also
// streaming over files), Ed25519 (RFC 8032), ChaCha20-Poly1305 IETF (RFC 8439) and X25519 (RFC 7748).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::crypto {

using Bytes = std::vector<std::uint8_t>;
using ByteSpan = std::span<const std::uint8_t>;

[[nodiscard]] inline ByteSpan asBytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// HKDF-SHA-256: Extract(salt, ikm) then Expand(info, length); length <= 255 * 32.
[[nodiscard]] Result<Bytes> hkdfSha256(ByteSpan ikm, ByteSpan salt, ByteSpan info, std::size_t length);
[[nodiscard]] std::array<std::uint8_t, 32> hmacSha256(ByteSpan key, ByteSpan message);

using Blake2b512 = std::array<std::uint8_t, 64>;
[[nodiscard]] Blake2b512 blake2b512(ByteSpan message);

// Streaming BLAKE2b-512 for inputs that do not fit in memory.
class Blake2bHasher {
public:
    Blake2bHasher();
    void update(ByteSpan bytes);
    [[nodiscard]] Blake2b512 finish();

private:
    alignas(64) std::array<std::uint8_t, 384> state_{};  // >= sizeof(crypto_generichash_state)
};

// Hashes a file in 64 KiB reads (never the whole file in memory).
[[nodiscard]] Result<Blake2b512> blake2b512File(const std::filesystem::path& path);

constexpr std::size_t kEd25519PublicKeyBytes = 32;
constexpr std::size_t kEd25519SecretKeyBytes = 64;  // libsodium layout: seed || public key
constexpr std::size_t kEd25519SignatureBytes = 64;
using Ed25519PublicKey = std::array<std::uint8_t, kEd25519PublicKeyBytes>;
using Ed25519Signature = std::array<std::uint8_t, kEd25519SignatureBytes>;

// Derives the 64-byte libsodium secret key and the public key from a 32-byte RFC 8032 seed.
[[nodiscard]] Status ed25519FromSeed(ByteSpan seed, std::span<std::uint8_t, kEd25519SecretKeyBytes> secretKey,
                                     Ed25519PublicKey& publicKey);
[[nodiscard]] Ed25519Signature ed25519Sign(ByteSpan message,
                                           std::span<const std::uint8_t, kEd25519SecretKeyBytes> secretKey);
// crypto_sign_verify_detached: rejects non-canonical signatures and small-order public keys (1.0.16+).
[[nodiscard]] bool ed25519Verify(ByteSpan message, const Ed25519Signature& signature,
                                 const Ed25519PublicKey& publicKey);

constexpr std::size_t kAeadKeyBytes = 32;
constexpr std::size_t kAeadNonceBytes = 12;
constexpr std::size_t kAeadTagBytes = 16;

// ChaCha20-Poly1305 IETF: returns ciphertext || tag.
[[nodiscard]] Bytes aeadEncrypt(ByteSpan plaintext, ByteSpan associatedData,
                                std::span<const std::uint8_t, kAeadNonceBytes> nonce,
                                std::span<const std::uint8_t, kAeadKeyBytes> key);
// Fails with ErrorKind::Integrity when the tag does not verify; `plaintext` is resized to the output.
[[nodiscard]] Status aeadDecrypt(ByteSpan ciphertextAndTag, ByteSpan associatedData,
                                 std::span<const std::uint8_t, kAeadNonceBytes> nonce,
                                 std::span<const std::uint8_t, kAeadKeyBytes> key, Bytes& plaintext);

// X25519 (RFC 7748). scalarMult fails on an all-zero shared secret (a low-order point).
[[nodiscard]] Status x25519Base(std::span<const std::uint8_t, 32> scalar, std::span<std::uint8_t, 32> point);
[[nodiscard]] Status x25519(std::span<const std::uint8_t, 32> scalar, std::span<const std::uint8_t, 32> point,
                            std::span<std::uint8_t, 32> shared);

void randomBytes(std::span<std::uint8_t> out);
[[nodiscard]] bool constantTimeEqual(ByteSpan a, ByteSpan b);

}  // namespace offsite::crypto

// Passphrase-protected secret signing key files (KEY-1). The Ed25519 secret key is sealed with
// XChaCha20-Poly1305 under a key from Argon2id (crypto_pwhash with the explicit ALG_ARGON2ID13, never
// ALG_DEFAULT); salt, limits, algorithm and format version are stored and authenticated, so a wrong
// passphrase or any edited byte is an authentication failure rather than a silently wrong key.
//
// File (text): "untrusted comment: offsite secret key <KEYID>\n" + base64(blob) + "\n", blob =
//   magic "OSSK" | version u8 (1) | kdf u8 (2 = Argon2id v1.3) | sig alg "Ed" | opslimit u64le | memlimit
//   u64le | salt[16] | nonce[24] | key id[8] | XChaCha20-Poly1305(secret key[64]) with tag[16]
// Everything before the ciphertext is the AEAD's associated data.
//
// Version 2 (a party's key pair, `offsite keygen`): the same layout with version u8 = 2 and the sealed
// plaintext Ed25519 secret key[64] || X25519 age secret key[32]. readSigningKeyFile opens both versions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/crypto/age.h"
#include "core/crypto/minisign.h"

namespace offsite::crypto {

struct KdfParams {
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimitBytes = 0;

    // libsodium's MODERATE (3 passes, 256 MiB): the default for keys people create.
    [[nodiscard]] static KdfParams moderate();
    // Test hook (KeePassXC's fastKdf): the smallest parameters Argon2id allows. Never for real keys.
    [[nodiscard]] static KdfParams fastForTestsOnly();
};

// Bounds on parameters read from a file, checked before any memory is allocated for the KDF.
constexpr std::uint64_t kKdfMaxMemLimitBytes = 4ull * 1024 * 1024 * 1024;
constexpr std::uint64_t kKdfMaxOpsLimit = 64;

[[nodiscard]] Result<std::string> sealSigningKey(const SigningKey& key, ByteSpan passphrase,
                                                 const KdfParams& params = KdfParams::moderate());
[[nodiscard]] Result<SigningKey> openSigningKey(std::string_view fileText, ByteSpan passphrase);

// File variants: written atomically, then restricted to the owner (0600), read with a size limit.
[[nodiscard]] Status writeSigningKeyFile(const std::filesystem::path& path, const SigningKey& key,
                                         ByteSpan passphrase,
                                         const KdfParams& params = KdfParams::moderate());
[[nodiscard]] Result<SigningKey> readSigningKeyFile(const std::filesystem::path& path, ByteSpan passphrase);

// Which side of the offsite cycle a key pair belongs to (the comment line of the file says so).
enum class KeyRole { ModelOwner = 1, DataOwner };
[[nodiscard]] std::string_view keyRoleName(KeyRole role);

// A party's keys: Ed25519 to sign (packages or exports, minisign format) and X25519 to receive age-encrypted
// exports. Both secret halves stay in guarded memory.
struct KeyPair {
    SigningKey signing;
    AgeIdentity encryption;
    [[nodiscard]] static Result<KeyPair> generate();
};

[[nodiscard]] Result<std::string> sealKeyPair(const KeyPair& pair, KeyRole role, ByteSpan passphrase,
                                              const KdfParams& params = KdfParams::moderate());
[[nodiscard]] Result<KeyPair> openKeyPair(std::string_view fileText, ByteSpan passphrase);
[[nodiscard]] Status writeKeyPairFile(const std::filesystem::path& path, const KeyPair& pair, KeyRole role,
                                      ByteSpan passphrase, const KdfParams& params = KdfParams::moderate());
[[nodiscard]] Result<KeyPair> readKeyPairFile(const std::filesystem::path& path, ByteSpan passphrase);

}  // namespace offsite::crypto

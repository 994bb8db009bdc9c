// Argon2id + XChaCha20-Poly1305 key files; see key_file.h for the layout.
#include "core/crypto/key_file.h"

#include <sodium.h>

#include <cstring>
#include <vector>

#include "core/base/file_io.h"
#include "core/crypto/encoding.h"

namespace offsite::crypto {
namespace {

constexpr std::string_view kMagic = "OSSK";
constexpr std::uint8_t kFormatVersion = 1;         // Ed25519 secret key only
constexpr std::uint8_t kKeyPairFormatVersion = 2;  // Ed25519 secret key || X25519 (age) secret key
constexpr std::size_t kX25519SecretBytes = 32;
constexpr std::uint8_t kKdfArgon2id13 = 2;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kHeaderBytes = 4 + 1 + 1 + 2 + 8 + 8 + kSaltBytes + kNonceBytes + 8;
constexpr std::size_t plaintextBytes(std::uint8_t version) {
    return version == kKeyPairFormatVersion ? kEd25519SecretKeyBytes + kX25519SecretBytes
                                            : kEd25519SecretKeyBytes;
}
constexpr std::size_t blobBytes(std::uint8_t version) {
    return kHeaderBytes + plaintextBytes(version) + crypto_aead_xchacha20poly1305_ietf_ABYTES;
}
constexpr std::size_t kKeyFileMaxBytes = 4096;
constexpr std::string_view kCommentPrefix = "untrusted comment: ";

static_assert(crypto_pwhash_ALG_ARGON2ID13 == kKdfArgon2id13, "stored algorithm id must be libsodium's");

void putLe64(Bytes& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint64_t getLe64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

Status checkParams(std::uint64_t ops, std::uint64_t mem) {
    if (mem > kKdfMaxMemLimitBytes || mem > crypto_pwhash_MEMLIMIT_MAX) {
        return makeError(ErrorKind::LimitExceeded,
                         "the key file asks for " + std::to_string(mem / (1024 * 1024)) +
                             " MiB of memory to derive its key, more than the 4096 MiB we allow; the file is "
                             "damaged or not from this application");
    }
    if (ops > kKdfMaxOpsLimit) {
        return makeError(ErrorKind::LimitExceeded, "the key file asks for " + std::to_string(ops) +
                                                       " Argon2id passes, more than the 64 we allow");
    }
    if (mem < crypto_pwhash_MEMLIMIT_MIN || ops < crypto_pwhash_OPSLIMIT_MIN) {
        return makeError(ErrorKind::InvalidInput, "the key file's Argon2id parameters are below the minimum");
    }
    return {};
}

Result<SecretBytes> deriveKey(ByteSpan passphrase, const std::uint8_t* salt, std::uint64_t ops,
                              std::uint64_t mem) {
    OFFSITE_TRY(checkParams(ops, mem));
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes key,
                             SecretBytes::allocate(crypto_aead_xchacha20poly1305_ietf_KEYBYTES));
    const SecretBytes::Access access(key);
    static const char kEmpty = 0;  // libsodium wants a non-null pointer even for an empty passphrase
    const char* pass = passphrase.empty() ? &kEmpty : reinterpret_cast<const char*>(passphrase.data());
    if (crypto_pwhash(access.data(), key.size(), pass, passphrase.size(), salt, ops,
                      static_cast<std::size_t>(mem), crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return makeError(ErrorKind::Internal, "deriving the key from the passphrase failed (out of memory?)");
    }
    return key;
}

// Seals `plaintext` (the secret key material of `version`) under a key derived from the passphrase.
Result<std::string> sealSecrets(std::uint8_t version, const KeyId& keyId, ByteSpan plaintext, ByteSpan passphrase,
                                const KdfParams& params, std::string_view comment) {
    OFFSITE_TRY(ensureSodium());
    Bytes blob(kMagic.begin(), kMagic.end());
    blob.push_back(version);
    blob.push_back(kKdfArgon2id13);
    blob.push_back('E');
    blob.push_back('d');
    putLe64(blob, params.opsLimit);
    putLe64(blob, params.memLimitBytes);
    const std::size_t saltOffset = blob.size();
    blob.resize(blob.size() + kSaltBytes + kNonceBytes);
    randomBytes(std::span<std::uint8_t>(blob.data() + saltOffset, kSaltBytes + kNonceBytes));
    blob.insert(blob.end(), keyId.bytes.begin(), keyId.bytes.end());
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes derived, deriveKey(passphrase, blob.data() + saltOffset,
                                                            params.opsLimit, params.memLimitBytes));
    blob.resize(blobBytes(version));
    unsigned long long cipherLen = 0;
    {
        const SecretBytes::Access keyAccess(derived);
        crypto_aead_xchacha20poly1305_ietf_encrypt(blob.data() + kHeaderBytes, &cipherLen, plaintext.data(),
                                                   plaintext.size(), blob.data(), kHeaderBytes, nullptr,
                                                   blob.data() + saltOffset + kSaltBytes, keyAccess.data());
    }
    return std::string(kCommentPrefix) + std::string(comment) + " " + keyId.display() +
           " (passphrase-protected)\n" + base64Encode(blob, Base64Padding::Padded) + "\n";
}

struct OpenedSecrets {
    std::uint8_t version = 0;
    KeyId keyId;
    SecretBytes secrets;  // plaintextBytes(version) bytes
};

Result<OpenedSecrets> openSecrets(std::string_view fileText, ByteSpan passphrase) {
    OFFSITE_TRY(ensureSodium());
    if (fileText.size() > kKeyFileMaxBytes) {
        return makeError(ErrorKind::LimitExceeded,
                         "the key file is larger than 4 KiB; it is not an offsite key");
    }
    const std::size_t nl = fileText.find('\n');
    if (fileText.substr(0, kCommentPrefix.size()) != kCommentPrefix || nl == std::string_view::npos) {
        return makeError(ErrorKind::InvalidInput,
                         "not an offsite secret key file (it must start with \"untrusted comment: \")");
    }
    std::string_view line = fileText.substr(nl + 1);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    auto decoded = base64Decode(line, Base64Padding::Padded);
    if (!decoded.ok()) return decoded.error().withContext("secret key file");
    const Bytes& blob = *decoded;
    if (blob.size() < 6 || std::memcmp(blob.data(), kMagic.data(), kMagic.size()) != 0) {
        return makeError(ErrorKind::InvalidInput, "not an offsite secret key file (wrong magic)");
    }
    const std::uint8_t version = blob[4];
    if (version != kFormatVersion && version != kKeyPairFormatVersion) {
        return makeError(ErrorKind::Unsupported, "secret key file format version " + std::to_string(blob[4]) +
                                                     " is not supported by this version of the application");
    }
    if (blob.size() != blobBytes(version)) {
        return makeError(ErrorKind::InvalidInput, "the secret key file is truncated or has extra bytes");
    }
    if (blob[5] != kKdfArgon2id13 || blob[6] != 'E' || blob[7] != 'd') {
        return makeError(ErrorKind::Unsupported,
                         "the secret key file uses an unknown key derivation or key type");
    }
    const std::uint64_t ops = getLe64(blob.data() + 8);
    const std::uint64_t mem = getLe64(blob.data() + 16);
    const std::uint8_t* salt = blob.data() + 24;
    const std::uint8_t* nonce = salt + kSaltBytes;
    KeyId keyId;
    std::memcpy(keyId.bytes.data(), nonce + kNonceBytes, keyId.bytes.size());
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes derived, deriveKey(passphrase, salt, ops, mem));
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::allocate(plaintextBytes(version)));
    int rc = 0;
    {
        const SecretBytes::Access keyAccess(derived);
        const SecretBytes::Access secretAccess(secret);
        unsigned long long plainLen = 0;
        rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
            secretAccess.data(), &plainLen, nullptr, blob.data() + kHeaderBytes, blob.size() - kHeaderBytes,
            blob.data(), kHeaderBytes, nonce, keyAccess.data());
    }
    sodium_stackzero(16 * 1024);
    if (rc != 0) {
        return makeError(ErrorKind::Integrity,
                         "wrong passphrase, or the key file was modified (authentication failed)");
    }
    return OpenedSecrets{version, keyId, std::move(secret)};
}

Result<SecretBytes> copyPart(const SecretBytes& from, std::size_t offset, std::size_t size) {
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes part, SecretBytes::allocate(size));
    const SecretBytes::Access src(from);
    const SecretBytes::Access dst(part);
    std::memcpy(dst.data(), src.data() + offset, size);
    return part;
}

Status restrictToOwner(const std::filesystem::path& path) {
    // Encrypted, but still nobody else's business: owner read/write only.
    std::error_code ec;
    std::filesystem::permissions(path,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
    if (ec)
        return makeError(ErrorKind::Io,
                         path.string() + ": cannot restrict permissions to the owner (" + ec.message() + ")");
    return {};
}

}  // namespace

KdfParams KdfParams::moderate() {
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfParams KdfParams::fastForTestsOnly() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> sealSigningKey(const SigningKey& key, ByteSpan passphrase, const KdfParams& params) {
    const SecretBytes::Access secretAccess(key.secretKey());
    return sealSecrets(kFormatVersion, key.keyId(), ByteSpan(secretAccess.data(), kEd25519SecretKeyBytes),
                       passphrase, params, "offsite secret key");
}

Result<SigningKey> openSigningKey(std::string_view fileText, ByteSpan passphrase) {
    OFFSITE_ASSIGN_OR_RETURN(OpenedSecrets opened, openSecrets(fileText, passphrase));
    if (opened.version == kFormatVersion) return SigningKey::fromSecret(opened.keyId, std::move(opened.secrets));
    // A key pair file also holds a signing key: its first 64 bytes.
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes signing, copyPart(opened.secrets, 0, kEd25519SecretKeyBytes));
    return SigningKey::fromSecret(opened.keyId, std::move(signing));
}

std::string_view keyRoleName(KeyRole role) {
    return role == KeyRole::ModelOwner ? "model owner" : "data owner";
}

Result<KeyPair> KeyPair::generate() {
    OFFSITE_ASSIGN_OR_RETURN(SigningKey signing, SigningKey::generate());
    OFFSITE_ASSIGN_OR_RETURN(AgeIdentity encryption, AgeIdentity::generate());
    return KeyPair{std::move(signing), std::move(encryption)};
}

Result<std::string> sealKeyPair(const KeyPair& pair, KeyRole role, ByteSpan passphrase, const KdfParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes both,
                             SecretBytes::allocate(kEd25519SecretKeyBytes + kX25519SecretBytes));
    {
        const SecretBytes::Access dst(both);
        const SecretBytes::Access signing(pair.signing.secretKey());
        const SecretBytes::Access encryption(pair.encryption.secret());
        std::memcpy(dst.data(), signing.data(), kEd25519SecretKeyBytes);
        std::memcpy(dst.data() + kEd25519SecretKeyBytes, encryption.data(), kX25519SecretBytes);
    }
    const SecretBytes::Access plain(both);
    return sealSecrets(kKeyPairFormatVersion, pair.signing.keyId(), plain.bytes(), passphrase, params,
                       "offsite " + std::string(keyRoleName(role)) + " key pair");
}

Result<KeyPair> openKeyPair(std::string_view fileText, ByteSpan passphrase) {
    OFFSITE_ASSIGN_OR_RETURN(OpenedSecrets opened, openSecrets(fileText, passphrase));
    if (opened.version != kKeyPairFormatVersion) {
        return makeError(ErrorKind::InvalidInput,
                         "this key file holds only a signing key, not a key pair with an encryption key; "
                         "make one with `offsite keygen`");
    }
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes signingSecret, copyPart(opened.secrets, 0, kEd25519SecretKeyBytes));
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes ageSecret,
                             copyPart(opened.secrets, kEd25519SecretKeyBytes, kX25519SecretBytes));
    OFFSITE_ASSIGN_OR_RETURN(SigningKey signing, SigningKey::fromSecret(opened.keyId, std::move(signingSecret)));
    OFFSITE_ASSIGN_OR_RETURN(AgeIdentity encryption, AgeIdentity::fromSecret(std::move(ageSecret)));
    return KeyPair{std::move(signing), std::move(encryption)};
}

Status writeKeyPairFile(const std::filesystem::path& path, const KeyPair& pair, KeyRole role, ByteSpan passphrase,
                        const KdfParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(std::string text, sealKeyPair(pair, role, passphrase, params));
    OFFSITE_TRY(writeFileAtomic(path, text));
    return restrictToOwner(path);
}

Result<KeyPair> readKeyPairFile(const std::filesystem::path& path, ByteSpan passphrase) {
    OFFSITE_ASSIGN_OR_RETURN(std::string text, readFile(path, kKeyFileMaxBytes));
    auto pair = openKeyPair(text, passphrase);
    if (!pair.ok()) return pair.error().withContext(displayName(path));
    return pair;
}

Status writeSigningKeyFile(const std::filesystem::path& path, const SigningKey& key, ByteSpan passphrase,
                           const KdfParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(std::string text, sealSigningKey(key, passphrase, params));
    OFFSITE_TRY(writeFileAtomic(path, text));
    return restrictToOwner(path);
}

Result<SigningKey> readSigningKeyFile(const std::filesystem::path& path, ByteSpan passphrase) {
    OFFSITE_ASSIGN_OR_RETURN(std::string text, readFile(path, kKeyFileMaxBytes));
    auto key = openSigningKey(text, passphrase);
    if (!key.ok()) return key.error().withContext(displayName(path));
    return key;
}

}  // namespace offsite::crypto

// minisign formats. Parsing is strict because the signature file is the one thing read before the signature
// check (PKG-2): fixed line structure, canonical base64, bounded comments, a bounded file size.
#include "core/crypto/minisign.h"

#include <sodium.h>

#include <cstring>
#include <vector>

#include "core/base/file_io.h"
#include "core/crypto/encoding.h"

namespace offsite::crypto {
namespace {

constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::size_t kSignatureBlobBytes = 2 + 8 + 64;
constexpr std::size_t kPublicKeyBlobBytes = 2 + 8 + 32;
constexpr std::size_t kMinisignSecretKeyBlobBytes = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;

Error invalid(std::string message) {
    return makeError(ErrorKind::InvalidInput, std::move(message));
}

// Splits into lines on '\n', tolerating a '\r' before it (files edited on Windows).
std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

bool isPrintableComment(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f) return false;
    }
    return true;
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

void copyBytes(std::span<std::uint8_t> out, const std::vector<std::uint8_t>& in, std::size_t offset) {
    std::memcpy(out.data(), in.data() + offset, out.size());
}

Status checkComments(std::string_view trusted, std::string_view untrusted) {
    if (trusted.size() > kMinisignTrustedCommentMaxBytes) {
        return makeError(ErrorKind::LimitExceeded, "the trusted comment is longer than 8192 bytes");
    }
    if (untrusted.size() > kMinisignUntrustedCommentMaxBytes) {
        return makeError(ErrorKind::LimitExceeded, "the untrusted comment is longer than 1024 bytes");
    }
    if (!isPrintableComment(trusted) || !isPrintableComment(untrusted)) {
        return invalid("a signature comment contains a line break or another control character");
    }
    return {};
}

Bytes globalMessage(const MinisignSignature& signature) {
    Bytes message(signature.signature.begin(), signature.signature.end());
    message.insert(message.end(), signature.trustedComment.begin(), signature.trustedComment.end());
    return message;
}

}  // namespace

std::string KeyId::display() const {
    std::array<std::uint8_t, 8> reversed{};
    for (std::size_t i = 0; i < 8; ++i) reversed[i] = bytes[7 - i];
    std::string hex = hexEncode(reversed);
    for (char& c : hex) {
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    }
    return hex;
}

Result<MinisignPublicKey> parseMinisignPublicKey(std::string_view text) {
    if (text.size() > kMinisignSignatureFileMaxBytes) {
        return makeError(ErrorKind::LimitExceeded,
                         "the public key file is larger than 16 KiB; it is not a key");
    }
    std::vector<std::string_view> lines = splitLines(text);
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    std::string_view keyLine;
    if (lines.size() == 2 && startsWith(lines[0], kUntrustedPrefix)) {
        keyLine = lines[1];
    } else if (lines.size() == 1) {
        keyLine = lines[0];
    } else {
        return invalid("not a minisign public key: expected an \"untrusted comment:\" line and one key line");
    }
    auto blob = base64Decode(keyLine, Base64Padding::Padded);
    if (!blob.ok()) return blob.error().withContext("minisign public key");
    if (blob->size() != kPublicKeyBlobBytes) {
        return invalid("minisign public key has the wrong length (" + std::to_string(blob->size()) +
                       " bytes instead of 42)");
    }
    if ((*blob)[0] != 'E' || (*blob)[1] != 'd') {
        return makeError(ErrorKind::Unsupported,
                         "minisign public key uses an unknown algorithm (not Ed25519)");
    }
    MinisignPublicKey key;
    copyBytes(key.keyId.bytes, *blob, 2);
    copyBytes(key.key, *blob, 10);
    return key;
}

std::string formatMinisignPublicKey(const MinisignPublicKey& key) {
    Bytes blob = {'E', 'd'};
    blob.insert(blob.end(), key.keyId.bytes.begin(), key.keyId.bytes.end());
    blob.insert(blob.end(), key.key.begin(), key.key.end());
    return std::string(kUntrustedPrefix) + "minisign public key " + key.keyId.display() + "\n" +
           base64Encode(blob, Base64Padding::Padded) + "\n";
}

Result<MinisignPublicKey> readMinisignPublicKeyFile(const std::filesystem::path& path) {
    auto text = readFile(path, kMinisignSignatureFileMaxBytes);
    if (!text.ok()) return text.error();
    auto key = parseMinisignPublicKey(*text);
    if (!key.ok()) return key.error().withContext(displayName(path));
    return key;
}

Result<MinisignSignature> parseMinisignSignature(std::string_view text) {
    if (text.size() > kMinisignSignatureFileMaxBytes) {
        return makeError(ErrorKind::LimitExceeded,
                         "the signature file is larger than 16 KiB; it is not a "
                         "minisign signature");
    }
    std::vector<std::string_view> lines = splitLines(text);
    if (lines.size() == 5 && lines[4].empty()) lines.pop_back();
    if (lines.size() != 4) {
        return invalid(
            "not a minisign signature: expected exactly 4 lines (untrusted comment, signature, "
            "trusted comment, global signature), found " +
            std::to_string(lines.size()));
    }
    if (!startsWith(lines[0], kUntrustedPrefix)) {
        return invalid("not a minisign signature: the first line must start with \"untrusted comment: \"");
    }
    if (!startsWith(lines[2], kTrustedPrefix)) {
        return invalid("not a minisign signature: the third line must start with \"trusted comment: \"");
    }
    MinisignSignature signature;
    signature.untrustedComment = std::string(lines[0].substr(kUntrustedPrefix.size()));
    signature.trustedComment = std::string(lines[2].substr(kTrustedPrefix.size()));
    OFFSITE_TRY(checkComments(signature.trustedComment, signature.untrustedComment));

    auto blob = base64Decode(lines[1], Base64Padding::Padded);
    if (!blob.ok()) return blob.error().withContext("minisign signature line");
    if (blob->size() != kSignatureBlobBytes) {
        return invalid("minisign signature line has the wrong length (" + std::to_string(blob->size()) +
                       " bytes instead of 74)");
    }
    const std::uint8_t a0 = (*blob)[0];
    const std::uint8_t a1 = (*blob)[1];
    if (a0 == 'E' && a1 == 'D') {
        signature.algorithm = SignatureAlgorithm::Prehashed;
    } else if (a0 == 'E' && a1 == 'd') {
        signature.algorithm = SignatureAlgorithm::Legacy;
    } else {
        return makeError(ErrorKind::Unsupported, "minisign signature uses an unknown algorithm");
    }
    copyBytes(signature.keyId.bytes, *blob, 2);
    copyBytes(signature.signature, *blob, 10);

    auto global = base64Decode(lines[3], Base64Padding::Padded);
    if (!global.ok()) return global.error().withContext("minisign global signature line");
    if (global->size() != kEd25519SignatureBytes) {
        return invalid("minisign global signature has the wrong length (" + std::to_string(global->size()) +
                       " bytes instead of 64)");
    }
    copyBytes(signature.globalSignature, *global, 0);
    return signature;
}

std::string formatMinisignSignature(const MinisignSignature& signature) {
    Bytes blob = {'E',
                  signature.algorithm == SignatureAlgorithm::Legacy ? std::uint8_t{'d'} : std::uint8_t{'D'}};
    blob.insert(blob.end(), signature.keyId.bytes.begin(), signature.keyId.bytes.end());
    blob.insert(blob.end(), signature.signature.begin(), signature.signature.end());
    return std::string(kUntrustedPrefix) + signature.untrustedComment + "\n" +
           base64Encode(blob, Base64Padding::Padded) + "\n" + std::string(kTrustedPrefix) +
           signature.trustedComment + "\n" + base64Encode(signature.globalSignature, Base64Padding::Padded) +
           "\n";
}

Result<MinisignSignature> readMinisignSignatureFile(const std::filesystem::path& path) {
    // readFile checks the size before it allocates or reads anything.
    auto text = readFile(path, kMinisignSignatureFileMaxBytes);
    if (!text.ok()) return text.error();
    auto signature = parseMinisignSignature(*text);
    if (!signature.ok()) return signature.error().withContext(displayName(path));
    return signature;
}

Result<VerifiedSignature> verifyDigest(const Blake2b512& digest, const MinisignSignature& signature,
                                       const MinisignPublicKey& publicKey) {
    OFFSITE_TRY(ensureSodium());
    if (signature.algorithm == SignatureAlgorithm::Legacy) {
        return makeError(
            ErrorKind::Unsupported,
            "this signature uses minisign's legacy format (\"Ed\", not prehashed), which is refused; "
            "ask the signer to sign again with a current minisign (without -l)");
    }
    if (!(signature.keyId == publicKey.keyId)) {
        return makeError(ErrorKind::Integrity,
                         "signature key id " + signature.keyId.display() + " does not match the public key " +
                             publicKey.keyId.display() + "; the file was signed by another key");
    }
    OFFSITE_TRY(checkComments(signature.trustedComment, signature.untrustedComment));
    if (!ed25519Verify(digest, signature.signature, publicKey.key)) {
        return makeError(ErrorKind::Integrity,
                         "signature verification failed: the file was modified after it was signed, or the "
                         "signature belongs to another file");
    }
    if (!ed25519Verify(globalMessage(signature), signature.globalSignature, publicKey.key)) {
        return makeError(ErrorKind::Integrity,
                         "the trusted comment does not match its signature: it was edited after signing");
    }
    return VerifiedSignature{signature.keyId, signature.trustedComment};
}

Result<VerifiedSignature> verifyBytes(ByteSpan message, const MinisignSignature& signature,
                                      const MinisignPublicKey& publicKey) {
    return verifyDigest(blake2b512(message), signature, publicKey);
}

Result<VerifiedSignature> verifyFile(const std::filesystem::path& file,
                                     const std::filesystem::path& signatureFile,
                                     const MinisignPublicKey& publicKey) {
    OFFSITE_ASSIGN_OR_RETURN(MinisignSignature signature, readMinisignSignatureFile(signatureFile));
    // Refuse a legacy or foreign-key signature before reading a possibly large file.
    if (signature.algorithm == SignatureAlgorithm::Legacy || !(signature.keyId == publicKey.keyId)) {
        auto early = verifyDigest(Blake2b512{}, signature, publicKey);
        return early.error().withContext(displayName(signatureFile));
    }
    OFFSITE_ASSIGN_OR_RETURN(Blake2b512 digest, blake2b512File(file));
    auto verified = verifyDigest(digest, signature, publicKey);
    if (!verified.ok()) return verified.error().withContext(displayName(file));
    return verified;
}

Result<SigningKey> SigningKey::generate() {
    OFFSITE_TRY(ensureSodium());
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::allocate(kEd25519SecretKeyBytes));
    MinisignPublicKey publicKey;
    randomBytes(publicKey.keyId.bytes);
    {
        const SecretBytes::Access access(secret);
        crypto_sign_keypair(publicKey.key.data(), access.data());
    }
    return SigningKey(publicKey, std::move(secret));
}

Result<SigningKey> SigningKey::fromSecret(const KeyId& keyId, SecretBytes secretKey) {
    OFFSITE_TRY(ensureSodium());
    if (secretKey.size() != kEd25519SecretKeyBytes) {
        return makeError(ErrorKind::InvalidInput, "an Ed25519 secret key must be 64 bytes");
    }
    MinisignPublicKey publicKey;
    publicKey.keyId = keyId;
    {
        const SecretBytes::Access access(secretKey);
        crypto_sign_ed25519_sk_to_pk(publicKey.key.data(), access.data());
        // libsodium's secret key embeds the public key; it must match the one derived from the seed.
        Ed25519PublicKey derived{};
        Bytes sk(kEd25519SecretKeyBytes);
        crypto_sign_seed_keypair(derived.data(), sk.data(), access.data());
        sodium_memzero(sk.data(), sk.size());
        if (sodium_memcmp(derived.data(), publicKey.key.data(), derived.size()) != 0) {
            return makeError(ErrorKind::Integrity,
                             "the secret key is damaged (its public half does not match)");
        }
    }
    return SigningKey(publicKey, std::move(secretKey));
}

Result<MinisignSignature> SigningKey::signDigest(const Blake2b512& digest,
                                                 const SignatureComments& comments) const {
    OFFSITE_TRY(ensureSodium());
    OFFSITE_TRY(checkComments(comments.trusted, comments.untrusted));
    MinisignSignature signature;
    signature.algorithm = SignatureAlgorithm::Prehashed;
    signature.keyId = publicKey_.keyId;
    signature.untrustedComment = comments.untrusted;
    signature.trustedComment = comments.trusted;
    const SecretBytes::Access access(secret_);
    const std::span<const std::uint8_t, kEd25519SecretKeyBytes> sk(access.data(), kEd25519SecretKeyBytes);
    signature.signature = ed25519Sign(digest, sk);
    signature.globalSignature = ed25519Sign(globalMessage(signature), sk);
    // Signing leaves key-derived values on the stack; wipe a generous slice of it (KEY-2).
    sodium_stackzero(16 * 1024);
    return signature;
}

Result<MinisignSignature> SigningKey::signBytes(ByteSpan message, const SignatureComments& comments) const {
    return signDigest(blake2b512(message), comments);
}

Result<MinisignSignature> SigningKey::signFile(const std::filesystem::path& file,
                                               const SignatureComments& comments) const {
    OFFSITE_ASSIGN_OR_RETURN(Blake2b512 digest, blake2b512File(file));
    return signDigest(digest, comments);
}

Result<SigningKey> parseUnencryptedMinisignSecretKey(std::string_view text) {
    OFFSITE_TRY(ensureSodium());
    std::vector<std::string_view> lines = splitLines(text);
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.size() != 2 || !startsWith(lines[0], kUntrustedPrefix)) {
        return invalid("not a minisign secret key: expected an \"untrusted comment:\" line and one key line");
    }
    auto blob = base64Decode(lines[1], Base64Padding::Padded);
    if (!blob.ok()) return blob.error().withContext("minisign secret key");
    Bytes& b = *blob;
    auto wipe = [&b] { sodium_memzero(b.data(), b.size()); };
    if (b.size() != kMinisignSecretKeyBlobBytes || b[0] != 'E' || b[1] != 'd' || b[4] != 'B' || b[5] != '2') {
        wipe();
        return invalid("not a minisign Ed25519 secret key (wrong length or algorithm)");
    }
    if (b[2] != 0 || b[3] != 0) {
        wipe();
        return makeError(
            ErrorKind::Unsupported,
            "this minisign secret key is protected by a password (scrypt), which we do not read; "
            "create the key with `minisign -G -W` or use an offsite key file");
    }
    // Layout: sig_alg[2] kdf_alg[2] chk_alg[2] salt[32] ops[8] mem[8] | keynum[8] sk[64] chk[32].
    constexpr std::size_t kKeynum = 2 + 2 + 2 + 32 + 8 + 8;
    std::array<std::uint8_t, 32> checksum{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, checksum.size());
    crypto_generichash_update(&state, b.data(), 2);
    crypto_generichash_update(&state, b.data() + kKeynum, 8 + 64);
    crypto_generichash_final(&state, checksum.data(), checksum.size());
    // minisign 0.11 leaves the checksum zero in unencrypted keys; SigningKey::fromSecret still checks that
    // the secret key's embedded public key matches its seed.
    const std::uint8_t* stored = b.data() + kKeynum + 8 + 64;
    const bool checksumAbsent = sodium_is_zero(stored, checksum.size()) == 1;
    if (!checksumAbsent && sodium_memcmp(checksum.data(), stored, checksum.size()) != 0) {
        wipe();
        return makeError(ErrorKind::Integrity, "the minisign secret key is damaged (checksum mismatch)");
    }
    KeyId keyId;
    std::memcpy(keyId.bytes.data(), b.data() + kKeynum, 8);
    auto secret = SecretBytes::copyOf(ByteSpan(b.data() + kKeynum + 8, 64));
    wipe();
    if (!secret.ok()) return secret.error();
    return SigningKey::fromSecret(keyId, std::move(secret).value());
}

}  // namespace offsite::crypto

// libsodium wrappers with RFC known-answer tests in tests/crypto/primitives_test.cpp.
#include "core/crypto/primitives.h"

#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/crypto/secret_bytes.h"

namespace offsite::crypto {
namespace {

static_assert(sizeof(crypto_generichash_state) <= 384, "Blake2bHasher::state_ is too small");

crypto_generichash_state* hashState(std::array<std::uint8_t, 384>& raw) {
    return reinterpret_cast<crypto_generichash_state*>(raw.data());
}

// libsodium declares its pointer arguments nonnull even with a zero length; an empty span may have a null
// data() (UBSan reports it), so empty inputs point at a dummy byte instead.
const std::uint8_t* nonNull(ByteSpan bytes) {
    static const std::uint8_t kDummy = 0;
    return bytes.empty() ? &kDummy : bytes.data();
}

void mustInit() {
    // ensureSodium fails only without an entropy source; the primitives below have no error channel for
    // it, and every format entry point checks ensureSodium first with a proper message.
    (void)ensureSodium();
}

}  // namespace

std::array<std::uint8_t, 32> hmacSha256(ByteSpan key, ByteSpan message) {
    mustInit();
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, nonNull(key), key.size());
    crypto_auth_hmacsha256_update(&state, nonNull(message), message.size());
    std::array<std::uint8_t, 32> mac{};
    crypto_auth_hmacsha256_final(&state, mac.data());
    sodium_memzero(&state, sizeof state);
    return mac;
}

Result<Bytes> hkdfSha256(ByteSpan ikm, ByteSpan salt, ByteSpan info, std::size_t length) {
    if (length > 255 * 32) {
        return makeError(ErrorKind::Internal, "HKDF-SHA-256 cannot produce more than 8160 bytes");
    }
    // Extract: an empty salt is HashLen zero bytes, which HMAC treats the same as an empty key.
    std::array<std::uint8_t, 32> prk = hmacSha256(salt, ikm);
    Bytes okm;
    okm.reserve(length);
    std::array<std::uint8_t, 32> block{};
    std::size_t blockSize = 0;
    for (std::uint8_t counter = 1; okm.size() < length; ++counter) {
        crypto_auth_hmacsha256_state state;
        crypto_auth_hmacsha256_init(&state, prk.data(), prk.size());
        crypto_auth_hmacsha256_update(&state, block.data(), blockSize);
        crypto_auth_hmacsha256_update(&state, nonNull(info), info.size());
        crypto_auth_hmacsha256_update(&state, &counter, 1);
        crypto_auth_hmacsha256_final(&state, block.data());
        sodium_memzero(&state, sizeof state);
        blockSize = block.size();
        const std::size_t take = std::min(block.size(), length - okm.size());
        okm.insert(okm.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(take));
    }
    sodium_memzero(prk.data(), prk.size());
    sodium_memzero(block.data(), block.size());
    return okm;
}

Blake2b512 blake2b512(ByteSpan message) {
    Blake2bHasher hasher;
    hasher.update(message);
    return hasher.finish();
}

Blake2bHasher::Blake2bHasher() {
    mustInit();
    crypto_generichash_init(hashState(state_), nullptr, 0, 64);
}

void Blake2bHasher::update(ByteSpan bytes) {
    crypto_generichash_update(hashState(state_), nonNull(bytes), bytes.size());
}

Blake2b512 Blake2bHasher::finish() {
    Blake2b512 out{};
    crypto_generichash_final(hashState(state_), out.data(), out.size());
    return out;
}

Result<Blake2b512> blake2b512File(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) {
        return makeError(errno == ENOENT ? ErrorKind::NotFound : ErrorKind::Io,
                         path.string() + ": cannot open the file to hash it (" + std::strerror(errno) + ")");
    }
    Blake2bHasher hasher;
    std::vector<std::uint8_t> buffer(64 * 1024);
    for (;;) {
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
        if (n > 0) hasher.update(ByteSpan(buffer.data(), n));
        if (n < buffer.size()) {
            if (std::ferror(file.get())) {
                return makeError(ErrorKind::Io, path.string() + ": read error while hashing the file");
            }
            break;
        }
    }
    return hasher.finish();
}

Status ed25519FromSeed(ByteSpan seed, std::span<std::uint8_t, kEd25519SecretKeyBytes> secretKey,
                       Ed25519PublicKey& publicKey) {
    OFFSITE_TRY(ensureSodium());
    if (seed.size() != crypto_sign_SEEDBYTES) {
        return makeError(ErrorKind::InvalidInput, "an Ed25519 seed must be 32 bytes");
    }
    crypto_sign_seed_keypair(publicKey.data(), secretKey.data(), seed.data());
    return {};
}

Ed25519Signature ed25519Sign(ByteSpan message,
                             std::span<const std::uint8_t, kEd25519SecretKeyBytes> secretKey) {
    mustInit();
    Ed25519Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, nonNull(message), message.size(), secretKey.data());
    return signature;
}

bool ed25519Verify(ByteSpan message, const Ed25519Signature& signature, const Ed25519PublicKey& publicKey) {
    mustInit();
    return crypto_sign_verify_detached(signature.data(), nonNull(message), message.size(),
                                       publicKey.data()) == 0;
}

Bytes aeadEncrypt(ByteSpan plaintext, ByteSpan associatedData,
                  std::span<const std::uint8_t, kAeadNonceBytes> nonce,
                  std::span<const std::uint8_t, kAeadKeyBytes> key) {
    mustInit();
    Bytes out(plaintext.size() + kAeadTagBytes);
    unsigned long long outLen = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &outLen, nonNull(plaintext), plaintext.size(),
                                              nonNull(associatedData), associatedData.size(), nullptr,
                                              nonce.data(), key.data());
    out.resize(static_cast<std::size_t>(outLen));
    return out;
}

Status aeadDecrypt(ByteSpan ciphertextAndTag, ByteSpan associatedData,
                   std::span<const std::uint8_t, kAeadNonceBytes> nonce,
                   std::span<const std::uint8_t, kAeadKeyBytes> key, Bytes& plaintext) {
    mustInit();
    if (ciphertextAndTag.size() < kAeadTagBytes) {
        return makeError(ErrorKind::Integrity, "encrypted data is shorter than its authentication tag");
    }
    // One spare byte so that data() is never null for an empty plaintext.
    plaintext.resize(ciphertextAndTag.size() - kAeadTagBytes + 1);
    unsigned long long outLen = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(plaintext.data(), &outLen, nullptr, ciphertextAndTag.data(),
                                                  ciphertextAndTag.size(), nonNull(associatedData),
                                                  associatedData.size(), nonce.data(), key.data()) != 0) {
        plaintext.clear();
        return makeError(ErrorKind::Integrity,
                         "authentication failed (the data was modified or the key is wrong)");
    }
    plaintext.resize(static_cast<std::size_t>(outLen));
    return {};
}

Status x25519Base(std::span<const std::uint8_t, 32> scalar, std::span<std::uint8_t, 32> point) {
    OFFSITE_TRY(ensureSodium());
    if (crypto_scalarmult_base(point.data(), scalar.data()) != 0) {
        return makeError(ErrorKind::InvalidInput, "X25519 secret key gives an invalid public key");
    }
    return {};
}

Status x25519(std::span<const std::uint8_t, 32> scalar, std::span<const std::uint8_t, 32> point,
              std::span<std::uint8_t, 32> shared) {
    OFFSITE_TRY(ensureSodium());
    // libsodium returns -1 for an all-zero output; check explicitly as well so the rule does not depend on
    // it.
    const int rc = crypto_scalarmult(shared.data(), scalar.data(), point.data());
    std::uint8_t any = 0;
    for (const std::uint8_t b : shared) any |= b;
    if (rc != 0 || any == 0) {
        sodium_memzero(shared.data(), shared.size());
        return makeError(
            ErrorKind::Integrity,
            "X25519 produced an all-zero shared secret (a low-order public key; the file is malicious "
            "or damaged)");
    }
    return {};
}

void randomBytes(std::span<std::uint8_t> out) {
    mustInit();
    randombytes_buf(out.data(), out.size());
}

bool constantTimeEqual(ByteSpan a, ByteSpan b) {
    return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace offsite::crypto

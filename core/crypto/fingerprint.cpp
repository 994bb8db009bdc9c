// Key fingerprints (SHA-256, grouped hex).
#include "core/crypto/fingerprint.h"

#include <sodium.h>

#include <array>

namespace offsite::crypto {
namespace {

std::string grouped(const Bytes& blob) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), blob.data(), blob.size());
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i > 0 && i % 2 == 0) out += ' ';
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 15];
    }
    return out;
}

}  // namespace

std::string keyFingerprint(const MinisignPublicKey& key) {
    Bytes blob = {'E', 'd'};
    blob.insert(blob.end(), key.keyId.bytes.begin(), key.keyId.bytes.end());
    blob.insert(blob.end(), key.key.begin(), key.key.end());
    return grouped(blob);
}

std::string keyFingerprint(const AgeRecipient& recipient) {
    Bytes blob = {'X', '2', '5', '5', '1', '9'};
    blob.insert(blob.end(), recipient.publicKey.begin(), recipient.publicKey.end());
    return grouped(blob);
}

}  // namespace offsite::crypto

#include "core/crypto/sha256.h"

#include <sodium.h>

namespace offsite::crypto {
namespace {

static_assert(sizeof(crypto_hash_sha256_state) <= 128 && alignof(crypto_hash_sha256_state) <= 16,
              "Sha256::state_ must hold libsodium's crypto_hash_sha256_state");

crypto_hash_sha256_state* state(std::array<unsigned char, 128>& bytes) {
    return reinterpret_cast<crypto_hash_sha256_state*>(bytes.data());
}

}  // namespace

Sha256::Sha256() { crypto_hash_sha256_init(state(state_)); }

Sha256::~Sha256() { sodium_memzero(state_.data(), state_.size()); }

void Sha256::update(const void* data, std::size_t size) {
    crypto_hash_sha256_update(state(state_), static_cast<const unsigned char*>(data), size);
}

std::string Sha256::finishHex() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(state(state_), digest.data());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (unsigned char byte : digest) {
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

std::string sha256Hex(std::string_view bytes) {
    Sha256 hasher;
    hasher.update(bytes);
    return hasher.finishHex();
}

}  // namespace offsite::crypto

// Streaming SHA-256 in lowercase hex, the spelling manifests, listings and provenance records use. One copy for
// the package reader and the export writer (libsodium's crypto_hash_sha256 underneath).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace offsite::crypto {

class Sha256 {
public:
    Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    ~Sha256();

    void update(const void* data, std::size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    // The digest of everything given so far; the hasher is spent afterwards.
    [[nodiscard]] std::string finishHex();

private:
    alignas(16) std::array<unsigned char, 128> state_{};  // a crypto_hash_sha256_state (checked in the .cpp)
};

// Lowercase hex of SHA-256(bytes).
[[nodiscard]] std::string sha256Hex(std::string_view bytes);

}  // namespace offsite::crypto

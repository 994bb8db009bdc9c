// Streaming SHA-256 in lowercase hex, the spelling manifests, listings, provenance records, the workspace's
// content store and its audit chain use. The one copy in the product (libsodium's crypto_hash_sha256 underneath).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/result.h"

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

inline constexpr std::size_t kSha256HexLength = 64;

// Lowercase hex of SHA-256(bytes).
[[nodiscard]] std::string sha256Hex(std::string_view bytes);

// True for exactly 64 lowercase hex digits (the only spelling the store and the database use).
[[nodiscard]] bool isSha256Hex(std::string_view text);

// Streams a file through SHA-256 (64 KiB reads); also reports its size.
struct FileDigest {
    std::string sha256;
    std::uint64_t size = 0;
};
[[nodiscard]] Result<FileDigest> sha256OfFile(const std::filesystem::path& path);

}  // namespace offsite::crypto

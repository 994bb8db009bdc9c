// SHA-256 for the workspace: content addresses of stored files and the audit log's hash chain. A thin wrapper
// over libsodium's crypto_hash_sha256 that speaks lowercase hex, the form stored in the database.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace offsite::workspace {

inline constexpr std::size_t kSha256HexLength = 64;

// Lowercase hex of SHA-256(bytes).
[[nodiscard]] std::string sha256Hex(std::string_view bytes);

// True for exactly 64 lowercase hex digits (the only spelling the store and the database use).
[[nodiscard]] bool isSha256Hex(std::string_view text);

// Incremental hashing for files too large to hold in memory.
class Sha256 {
public:
    Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    ~Sha256();

    void update(std::string_view bytes);
    [[nodiscard]] std::string finishHex();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Streams a file through SHA-256; also reports its size.
struct FileDigest {
    std::string sha256;
    std::uint64_t size = 0;
};
[[nodiscard]] Result<FileDigest> sha256OfFile(const std::filesystem::path& path);

}  // namespace offsite::workspace

#include "core/crypto/sha256.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

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

bool isSha256Hex(std::string_view text) {
    if (text.size() != kSha256HexLength) return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

Result<FileDigest> sha256OfFile(const std::filesystem::path& path) {
    int fd = -1;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int err = errno;
        return makeError(err == ENOENT ? ErrorKind::NotFound : ErrorKind::Io,
                         path.string() + ": opening for reading failed (" + std::strerror(err) + ")");
    }
    Sha256 hash;
    FileDigest out;
    std::vector<char> buffer(1u << 16);
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            return makeError(ErrorKind::Io, path.string() + ": reading failed (" + std::strerror(err) + ")");
        }
        if (n == 0) break;
        hash.update(buffer.data(), static_cast<std::size_t>(n));
        out.size += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    out.sha256 = hash.finishHex();
    return out;
}

}  // namespace offsite::crypto

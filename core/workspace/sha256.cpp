// libsodium-backed SHA-256 (crypto_hash_sha256), hex encoding, and streaming file digests.
#include "core/workspace/sha256.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace offsite::workspace {
namespace {

void ensureSodium() {
    // sodium_init() is idempotent and thread-safe; the hash itself does not need it, but it picks the
    // fastest implementation for this CPU.
    static const int initialised = sodium_init();
    (void)initialised;
}

std::string toHex(const unsigned char* digest) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(kSha256HexLength, '0');
    for (std::size_t i = 0; i < crypto_hash_sha256_BYTES; ++i) {
        hex[2 * i] = kDigits[digest[i] >> 4];
        hex[2 * i + 1] = kDigits[digest[i] & 0x0f];
    }
    return hex;
}

}  // namespace

std::string sha256Hex(std::string_view bytes) {
    ensureSodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return toHex(digest);
}

bool isSha256Hex(std::string_view text) {
    if (text.size() != kSha256HexLength) return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

struct Sha256::State {
    crypto_hash_sha256_state state;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    ensureSodium();
    crypto_hash_sha256_init(&state_->state);
}
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    crypto_hash_sha256_update(&state_->state, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
}

std::string Sha256::finishHex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_->state, digest);
    return toHex(digest);
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
        hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
        out.size += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    out.sha256 = hash.finishHex();
    return out;
}

}  // namespace offsite::workspace

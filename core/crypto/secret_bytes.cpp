// SecretBytes and ensureSodium on libsodium's guarded allocator.
#include "core/crypto/secret_bytes.h"

#include <sodium.h>

#include <cstring>
#include <mutex>

namespace offsite::crypto {

Status ensureSodium() {
    static std::once_flag once;
    static int rc = -1;
    std::call_once(once, [] { rc = sodium_init(); });
    // sodium_init returns 1 when already initialised (by another library in the process): that is fine.
    if (rc < 0) {
        return makeError(ErrorKind::Internal,
                         "the cryptography library (libsodium) could not initialise; the system may lack a "
                         "source of randomness (/dev/urandom or getrandom)");
    }
    return {};
}

Result<SecretBytes> SecretBytes::allocate(std::size_t size) {
    OFFSITE_TRY(ensureSodium());
    SecretBytes secret;
    // sodium_malloc(0) is valid but gives nothing useful; keep one byte so data_ is never null.
    void* data = sodium_malloc(size == 0 ? 1 : size);
    if (data == nullptr) {
        return makeError(ErrorKind::Internal, "could not allocate guarded memory for a secret key");
    }
    secret.data_ = static_cast<std::uint8_t*>(data);
    secret.size_ = size;
    sodium_memzero(secret.data_, size);
    // sodium_malloc already tries mlock; report whether it worked so callers can warn.
    secret.locked_ = sodium_mlock(secret.data_, size == 0 ? 1 : size) == 0;
    sodium_mprotect_noaccess(secret.data_);
    return secret;
}

Result<SecretBytes> SecretBytes::copyOf(std::span<const std::uint8_t> bytes) {
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes secret, allocate(bytes.size()));
    {
        const Access access(secret);
        if (!bytes.empty()) std::memcpy(access.data(), bytes.data(), bytes.size());
    }
    return secret;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(other.data_), size_(other.size_), locked_(other.locked_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        release();
        data_ = other.data_;
        size_ = other.size_;
        locked_ = other.locked_;
        other.data_ = nullptr;
        other.size_ = 0;
    }
    return *this;
}

SecretBytes::~SecretBytes() {
    release();
}

void SecretBytes::release() {
    if (data_ == nullptr) return;
    // sodium_free zeroes the buffer and munlocks it; it needs the pages accessible.
    sodium_mprotect_readwrite(data_);
    sodium_free(data_);
    data_ = nullptr;
    size_ = 0;
}

SecretBytes::Access::Access(const SecretBytes& secret) : data_(secret.data_), size_(secret.size_) {
    if (data_ != nullptr) sodium_mprotect_readwrite(data_);  // a moved-from SecretBytes has no buffer
}

SecretBytes::Access::~Access() {
    if (data_ != nullptr) sodium_mprotect_noaccess(data_);
}

}  // namespace offsite::crypto

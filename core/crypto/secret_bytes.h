// Guarded memory for secret keys (KEY-2) and the one-time libsodium initialisation (KEY-3). Secrets live in
// sodium_malloc'd pages (guard pages, canary, mlock where the limit allows) that are inaccessible
// (mprotect PROT_NONE) except inside a SecretBytes::Access scope, and are wiped when freed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/base/result.h"

namespace offsite::crypto {

// Initialises libsodium once per process (thread-safe); every public entry point of this module calls it.
// Fails only if the library cannot find a source of randomness.
[[nodiscard]] Status ensureSodium();

class SecretBytes {
public:
    [[nodiscard]] static Result<SecretBytes> allocate(std::size_t size);
    // Copies `bytes` into a new guarded buffer (the caller wipes its own copy).
    [[nodiscard]] static Result<SecretBytes> copyOf(std::span<const std::uint8_t> bytes);

    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    ~SecretBytes();

    [[nodiscard]] std::size_t size() const { return size_; }
    // Whether the pages could be locked in RAM (mlock fails silently under a low RLIMIT_MEMLOCK).
    [[nodiscard]] bool locked() const { return locked_; }

    // While an Access object lives, the buffer is readable and writable; afterwards it is PROT_NONE again.
    // Accesses do not nest on the same buffer.
    class Access {
    public:
        explicit Access(const SecretBytes& secret);
        Access(const Access&) = delete;
        Access& operator=(const Access&) = delete;
        ~Access();
        [[nodiscard]] std::span<std::uint8_t> bytes() const { return {data_, size_}; }
        [[nodiscard]] std::uint8_t* data() const { return data_; }

    private:
        std::uint8_t* data_;
        std::size_t size_;
    };

private:
    SecretBytes() = default;
    void release();
    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    bool locked_ = false;
};

}  // namespace offsite::crypto

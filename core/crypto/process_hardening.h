// Process-wide protection of secret keys in memory (KEY-2): no core dumps, so a crash never writes guarded
// key pages, passphrases or decrypted adapters to disk, and no ptrace attach by other processes of the same
// user (PR_SET_DUMPABLE 0 also forbids that). Called first thing by `offsite` and `offsite-studio` in release
// builds (KeePassXC's Bootstrap::disableCoreDumps).
#pragma once

#include "core/base/result.h"

namespace offsite::crypto {

// setrlimit(RLIMIT_CORE, 0) and, on Linux, prctl(PR_SET_DUMPABLE, 0). Fails if either call fails.
[[nodiscard]] Status disableCoreDumps();

// Whether this process can no longer dump core: RLIMIT_CORE is 0 (soft and hard) and, on Linux, the process
// is not dumpable.
[[nodiscard]] bool coreDumpsDisabled();

// True in release builds (NDEBUG), where the applications call disableCoreDumps() at start; debug builds keep
// core dumps for debugging.
[[nodiscard]] constexpr bool hardenProcessAtStart() {
#ifdef NDEBUG
    return true;
#else
    return false;
#endif
}

}  // namespace offsite::crypto

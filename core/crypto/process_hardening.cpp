// Core dumps off (KEY-2).
#include "core/crypto/process_hardening.h"

#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>
#include <string>

namespace offsite::crypto {

Status disableCoreDumps() {
    struct rlimit none {};
    none.rlim_cur = 0;
    none.rlim_max = 0;
    if (::setrlimit(RLIMIT_CORE, &none) != 0) {
        return makeError(ErrorKind::Internal, std::string("could not turn core dumps off (setrlimit: ") +
                                                  std::strerror(errno) + ")");
    }
#if defined(__linux__)
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        return makeError(
            ErrorKind::Internal,
            std::string("could not mark the process non-dumpable (prctl: ") + std::strerror(errno) + ")");
    }
#endif
    return {};
}

bool coreDumpsDisabled() {
    struct rlimit current {};
    if (::getrlimit(RLIMIT_CORE, &current) != 0) return false;
    if (current.rlim_cur != 0 || current.rlim_max != 0) return false;
#if defined(__linux__)
    if (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) return false;
#endif
    return true;
}

}  // namespace offsite::crypto

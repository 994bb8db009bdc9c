// Child process for the import fault harnesses: opens the workspace and imports one package, trusting the
// given key, printing "ready" once the workspace is open.
//   - kill harness: the parent SIGKILLs it at a random moment;
//   - disk-full harness, FAULT "enospc:N": from the N-th write on (write, pwrite, pwrite64: our files and
//     SQLite's), every write fails with ENOSPC, as on a disk that filled up during the import;
//   - FAULT "fsize:L": RLIMIT_FSIZE makes every write at or past byte L of any file fail (short writes first,
//     then EFBIG; SIGXFSZ ignored).
// The faults start after the workspace is open, so they land inside trust::importPackage.
// Usage: trust_import_child WORKSPACE PACKAGE PUBLISHER.pub [FAULT]
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/trust/import.h"

namespace {
std::atomic<long> gFailFrom{0};  // 0: no fault
std::atomic<long> gWrites{0};

bool diskFull(int fd) {
    if (fd <= 2 || gFailFrom.load() == 0) return false;
    return ++gWrites >= gFailFrom.load();
}
}  // namespace

// Interposed over libc's for this executable and the shared libraries it loads (SQLite included).
extern "C" ssize_t write(int fd, const void* buf, size_t count) {
    if (diskFull(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return ::syscall(SYS_write, fd, buf, count);
}
extern "C" ssize_t pwrite64(int fd, const void* buf, size_t count, off_t offset) {
    if (diskFull(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return ::syscall(SYS_pwrite64, fd, buf, count, offset);
}
extern "C" ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
    return pwrite64(fd, buf, count, offset);
}

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) return 2;
    auto ws = offsite::workspace::Workspace::open(argv[1]);
    if (!ws.ok()) return 3;
    auto key = offsite::crypto::readMinisignPublicKeyFile(argv[3]);
    if (!key.ok()) return 4;
    std::printf("ready\n");
    std::fflush(stdout);
    if (argc == 5) {
        const std::string_view fault = argv[4];
        if (fault.starts_with("fsize:")) {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{static_cast<rlim_t>(std::strtoull(argv[4] + 6, nullptr, 10)), RLIM_INFINITY};
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 6;
        } else if (fault.starts_with("enospc:")) {
            gFailFrom = std::strtol(argv[4] + 7, nullptr, 10);
        } else {
            return 2;
        }
    }
    offsite::trust::ImportOptions options;
    options.presentedKey = *key;
    options.keyDecision = offsite::trust::KeyDecision::TrustPresentedKey;
    options.now = 1'800'000'000;
    auto outcome = offsite::trust::importPackage(*ws, argv[2], options);
    gFailFrom = 0;
    if (!outcome.ok()) std::fprintf(stderr, "%s\n", outcome.error().message.c_str());
    std::fprintf(stderr, "writes: %ld\n", gWrites.load());
    return outcome.ok() && outcome->status == offsite::trust::ImportStatus::Imported ? 0 : 5;
}

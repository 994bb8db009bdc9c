// A test seam for DB-3: an SQLite VFS that forwards to the default one and fails the N-th write or sync with
// SQLITE_IOERR or SQLITE_FULL, once or from then on. Tests loop N = 1..max over a workload to show that every
// failure reaches the caller as a clear error, rolls back, and leaves a usable database.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/base/result.h"

namespace offsite::workspace {

enum class InjectedFault { IoError = 1, DiskFull };
enum class FaultPersistence { Once = 1, FromThenOn };

class FaultInjectionVfs {
public:
    // Registers a VFS called `name` (not the default one) that wraps SQLite's default VFS.
    [[nodiscard]] static Result<std::unique_ptr<FaultInjectionVfs>> create(const std::string& name);
    FaultInjectionVfs(const FaultInjectionVfs&) = delete;
    FaultInjectionVfs& operator=(const FaultInjectionVfs&) = delete;
    // Unregisters; every connection using it must be closed first.
    ~FaultInjectionVfs();

    [[nodiscard]] const std::string& name() const { return name_; }

    // From now on, count writes and syncs; the n-th (1-based) fails with `fault`.
    void arm(std::int64_t n, InjectedFault fault, FaultPersistence persistence);
    void disarm();
    // Writes and syncs seen since the last arm().
    [[nodiscard]] std::int64_t operations() const { return operations_.load(); }
    // Whether the armed failure has been delivered.
    [[nodiscard]] bool fired() const { return fired_.load(); }

    // Called by the VFS shims; answers SQLITE_OK or the injected error code.
    int onOperation(int ioErrorCode);

private:
    FaultInjectionVfs() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string name_;
    std::atomic<bool> armed_{false};
    std::atomic<std::int64_t> failAt_{0};
    std::atomic<std::int64_t> operations_{0};
    std::atomic<bool> fired_{false};
    std::atomic<int> fault_{static_cast<int>(InjectedFault::IoError)};
    std::atomic<int> persistence_{static_cast<int>(FaultPersistence::Once)};
};

}  // namespace offsite::workspace

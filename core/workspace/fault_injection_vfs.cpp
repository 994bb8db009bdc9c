// The fault-injection VFS: a shim sqlite3_vfs whose files wrap the default VFS's files; xWrite, xSync and
// xTruncate go through FaultInjectionVfs::onOperation, everything else is forwarded unchanged (including the
// WAL shared-memory methods).
#include "core/workspace/fault_injection_vfs.h"

#include <sqlite3.h>

#include <cstring>

namespace offsite::workspace {
namespace {

struct ShimFile {
    sqlite3_file base;  // must come first: SQLite casts between the two
    FaultInjectionVfs* owner;
    sqlite3_file* real;  // lives right after this struct in the same allocation
};

sqlite3_file* realOf(sqlite3_file* f) {
    return reinterpret_cast<ShimFile*>(f)->real;
}

int shimClose(sqlite3_file* f) {
    sqlite3_file* real = realOf(f);
    const int rc = real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
    f->pMethods = nullptr;
    return rc;
}
int shimRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
    return realOf(f)->pMethods->xRead(realOf(f), buf, amount, offset);
}
int shimWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
    const int injected = reinterpret_cast<ShimFile*>(f)->owner->onOperation(SQLITE_IOERR_WRITE);
    if (injected != SQLITE_OK) return injected;
    return realOf(f)->pMethods->xWrite(realOf(f), buf, amount, offset);
}
int shimTruncate(sqlite3_file* f, sqlite3_int64 size) {
    const int injected = reinterpret_cast<ShimFile*>(f)->owner->onOperation(SQLITE_IOERR_TRUNCATE);
    if (injected != SQLITE_OK) return injected;
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}
int shimSync(sqlite3_file* f, int flags) {
    const int injected = reinterpret_cast<ShimFile*>(f)->owner->onOperation(SQLITE_IOERR_FSYNC);
    if (injected != SQLITE_OK) return injected;
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int shimFileSize(sqlite3_file* f, sqlite3_int64* size) {
    return realOf(f)->pMethods->xFileSize(realOf(f), size);
}
int shimLock(sqlite3_file* f, int level) {
    return realOf(f)->pMethods->xLock(realOf(f), level);
}
int shimUnlock(sqlite3_file* f, int level) {
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}
int shimCheckReservedLock(sqlite3_file* f, int* out) {
    return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}
int shimFileControl(sqlite3_file* f, int op, void* arg) {
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
int shimSectorSize(sqlite3_file* f) {
    return realOf(f)->pMethods->xSectorSize(realOf(f));
}
int shimDeviceCharacteristics(sqlite3_file* f) {
    return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f));
}
int shimShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return realOf(f)->pMethods->xShmMap(realOf(f), page, size, extend, out);
}
int shimShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void shimShmBarrier(sqlite3_file* f) {
    realOf(f)->pMethods->xShmBarrier(realOf(f));
}
int shimShmUnmap(sqlite3_file* f, int deleteFlag) {
    return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag);
}
int shimFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    return realOf(f)->pMethods->xFetch(realOf(f), offset, amount, out);
}
int shimUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    return realOf(f)->pMethods->xUnfetch(realOf(f), offset, p);
}

// Version 3 methods; the shared-memory and mmap entries are only called when the real file has them, which
// shimOpen guarantees by copying the real file's iVersion.
const sqlite3_io_methods kShimMethodsV3 = {
    3,
    shimClose,
    shimRead,
    shimWrite,
    shimTruncate,
    shimSync,
    shimFileSize,
    shimLock,
    shimUnlock,
    shimCheckReservedLock,
    shimFileControl,
    shimSectorSize,
    shimDeviceCharacteristics,
    shimShmMap,
    shimShmLock,
    shimShmBarrier,
    shimShmUnmap,
    shimFetch,
    shimUnfetch,
};
const sqlite3_io_methods kShimMethodsV2 = {
    2,
    shimClose,
    shimRead,
    shimWrite,
    shimTruncate,
    shimSync,
    shimFileSize,
    shimLock,
    shimUnlock,
    shimCheckReservedLock,
    shimFileControl,
    shimSectorSize,
    shimDeviceCharacteristics,
    shimShmMap,
    shimShmLock,
    shimShmBarrier,
    shimShmUnmap,
    nullptr,
    nullptr,
};
const sqlite3_io_methods kShimMethodsV1 = {
    1,
    shimClose,
    shimRead,
    shimWrite,
    shimTruncate,
    shimSync,
    shimFileSize,
    shimLock,
    shimUnlock,
    shimCheckReservedLock,
    shimFileControl,
    shimSectorSize,
    shimDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

sqlite3_vfs* realVfsOf(sqlite3_vfs* vfs);
FaultInjectionVfs* ownerOf(sqlite3_vfs* vfs);

int shimOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
    sqlite3_vfs* real = realVfsOf(vfs);
    auto* shim = reinterpret_cast<ShimFile*>(file);
    shim->owner = ownerOf(vfs);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    std::memset(shim->real, 0, static_cast<std::size_t>(real->szOsFile));
    const int rc = real->xOpen(real, name, shim->real, flags, outFlags);
    if (shim->real->pMethods == nullptr) {
        file->pMethods = nullptr;
        return rc;
    }
    switch (shim->real->pMethods->iVersion) {
        case 1:
            file->pMethods = &kShimMethodsV1;
            break;
        case 2:
            file->pMethods = &kShimMethodsV2;
            break;
        default:
            file->pMethods = &kShimMethodsV3;
            break;
    }
    return rc;
}
int shimDelete(sqlite3_vfs* vfs, const char* name, int syncDir) {
    return realVfsOf(vfs)->xDelete(realVfsOf(vfs), name, syncDir);
}
int shimAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return realVfsOf(vfs)->xAccess(realVfsOf(vfs), name, flags, out);
}
int shimFullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    return realVfsOf(vfs)->xFullPathname(realVfsOf(vfs), name, size, out);
}
void* shimDlOpen(sqlite3_vfs* vfs, const char* name) {
    return realVfsOf(vfs)->xDlOpen(realVfsOf(vfs), name);
}
void shimDlError(sqlite3_vfs* vfs, int size, char* out) {
    realVfsOf(vfs)->xDlError(realVfsOf(vfs), size, out);
}
void (*shimDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return realVfsOf(vfs)->xDlSym(realVfsOf(vfs), handle, symbol);
}
void shimDlClose(sqlite3_vfs* vfs, void* handle) {
    realVfsOf(vfs)->xDlClose(realVfsOf(vfs), handle);
}
int shimRandomness(sqlite3_vfs* vfs, int size, char* out) {
    return realVfsOf(vfs)->xRandomness(realVfsOf(vfs), size, out);
}
int shimSleep(sqlite3_vfs* vfs, int micros) {
    return realVfsOf(vfs)->xSleep(realVfsOf(vfs), micros);
}
int shimCurrentTime(sqlite3_vfs* vfs, double* out) {
    return realVfsOf(vfs)->xCurrentTime(realVfsOf(vfs), out);
}
int shimGetLastError(sqlite3_vfs* vfs, int size, char* out) {
    return realVfsOf(vfs)->xGetLastError(realVfsOf(vfs), size, out);
}
int shimCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return realVfsOf(vfs)->xCurrentTimeInt64(realVfsOf(vfs), out);
}

struct VfsAppData {
    sqlite3_vfs* real;
    FaultInjectionVfs* owner;
};

sqlite3_vfs* realVfsOf(sqlite3_vfs* vfs) {
    return static_cast<VfsAppData*>(vfs->pAppData)->real;
}
FaultInjectionVfs* ownerOf(sqlite3_vfs* vfs) {
    return static_cast<VfsAppData*>(vfs->pAppData)->owner;
}

}  // namespace

struct FaultInjectionVfs::Impl {
    sqlite3_vfs vfs{};
    VfsAppData appData{};
    bool registered = false;
};

Result<std::unique_ptr<FaultInjectionVfs>> FaultInjectionVfs::create(const std::string& name) {
    if (sqlite3_initialize() != SQLITE_OK)
        return makeError(ErrorKind::Internal, "SQLite failed to initialise");
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    if (real == nullptr) return makeError(ErrorKind::Internal, "SQLite has no default VFS");
    if (sqlite3_vfs_find(name.c_str()) != nullptr) {
        return makeError(ErrorKind::InvalidInput, "an SQLite VFS called \"" + name + "\" already exists");
    }
    std::unique_ptr<FaultInjectionVfs> out(new FaultInjectionVfs());
    out->name_ = name;
    out->impl_ = std::make_unique<Impl>();
    Impl& impl = *out->impl_;
    impl.appData = VfsAppData{real, out.get()};
    sqlite3_vfs& v = impl.vfs;
    v.iVersion = 2;
    v.szOsFile = static_cast<int>(sizeof(ShimFile)) + real->szOsFile;
    v.mxPathname = real->mxPathname;
    v.zName = out->name_.c_str();
    v.pAppData = &impl.appData;
    v.xOpen = shimOpen;
    v.xDelete = shimDelete;
    v.xAccess = shimAccess;
    v.xFullPathname = shimFullPathname;
    v.xDlOpen = shimDlOpen;
    v.xDlError = shimDlError;
    v.xDlSym = shimDlSym;
    v.xDlClose = shimDlClose;
    v.xRandomness = shimRandomness;
    v.xSleep = shimSleep;
    v.xCurrentTime = shimCurrentTime;
    v.xGetLastError = shimGetLastError;
    v.xCurrentTimeInt64 = shimCurrentTimeInt64;
    if (sqlite3_vfs_register(&v, 0) != SQLITE_OK) {
        return makeError(ErrorKind::Internal, "could not register the SQLite VFS \"" + name + "\"");
    }
    impl.registered = true;
    return out;
}

FaultInjectionVfs::~FaultInjectionVfs() {
    if (impl_ && impl_->registered) sqlite3_vfs_unregister(&impl_->vfs);
}

void FaultInjectionVfs::arm(std::int64_t n, InjectedFault fault, FaultPersistence persistence) {
    armed_ = false;
    operations_ = 0;
    fired_ = false;
    failAt_ = n;
    fault_ = static_cast<int>(fault);
    persistence_ = static_cast<int>(persistence);
    armed_ = true;
}

void FaultInjectionVfs::disarm() {
    armed_ = false;
}

int FaultInjectionVfs::onOperation(int ioErrorCode) {
    if (!armed_.load()) return SQLITE_OK;
    const std::int64_t count = ++operations_;
    const bool failNow =
        count == failAt_.load() ||
        (count > failAt_.load() && persistence_.load() == static_cast<int>(FaultPersistence::FromThenOn));
    if (!failNow) return SQLITE_OK;
    fired_ = true;
    return fault_.load() == static_cast<int>(InjectedFault::DiskFull) ? SQLITE_FULL : ioErrorCode;
}

}  // namespace offsite::workspace

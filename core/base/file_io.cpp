// POSIX implementation of the shared file primitives: bounded whole-file reads, read-only memory maps,
// and durable atomic replacement (temp file beside the target, fsync, rename, fsync of the directory).
// Every system call's result is checked and turned into an Error that names the file and the step.
#include "core/base/file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

namespace offsite {
namespace {

std::string errnoText(int err) {
    return std::strerror(err);
}

Error ioError(const std::filesystem::path& path, const std::string& step, int err) {
    const ErrorKind kind = (err == ENOENT || err == ENOTDIR) ? ErrorKind::NotFound : ErrorKind::Io;
    std::string advice;
    if (err == ENOSPC || err == EDQUOT) advice = "; free some disk space and try again";
    if (err == EACCES || err == EPERM) advice = "; check the file's permissions";
    if (err == ENOENT) advice = "; check that the path is correct";
    return makeError(kind, path.string() + ": " + step + " failed (" + errnoText(err) + ")" + advice);
}

// Closes a descriptor on scope exit unless released.
class FdGuard {
public:
    explicit FdGuard(int fd) : fd_(fd) {}
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;
    ~FdGuard() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

int openReadOnly(const std::filesystem::path& path) {
    int fd = -1;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

// Only regular files: a FIFO or device would block forever or report a meaningless size.
Result<std::uint64_t> regularFileSize(int fd, const std::filesystem::path& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return ioError(path, "reading the file's size (fstat)", errno);
    if (!S_ISREG(st.st_mode)) {
        return makeError(ErrorKind::InvalidInput,
                         path.string() +
                             ": this is not a regular file (a folder, device or pipe); "
                             "choose the file itself");
    }
    return static_cast<std::uint64_t>(st.st_size);
}

Status writeAll(int fd, const std::byte* data, std::size_t size, const std::filesystem::path& path) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return ioError(path, "writing", errno);
        }
        if (n == 0) return ioError(path, "writing (no progress)", EIO);
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return {};
}

Status fsyncFd(int fd, const std::filesystem::path& path, const std::string& what) {
    int rc = 0;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    // A failed fsync means the data may be lost; retrying and trusting the second answer is wrong
    // (the kernel may have dropped the dirty pages), so the whole write fails.
    if (rc != 0) return ioError(path, what, errno);
    return {};
}

// umask() can only be read by setting it, which races with other threads; /proc reports it directly.
mode_t currentUmask() {
    constexpr mode_t kDefault = 022;
    const int raw = openReadOnly("/proc/self/status");  // procfs reports size 0, so read until EOF
    if (raw < 0) return kDefault;
    FdGuard fd(raw);
    std::string status;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof(buf));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || status.size() > (1u << 20)) break;
        status.append(buf, static_cast<std::size_t>(n));
    }
    const std::size_t at = status.find("\nUmask:");
    if (at == std::string::npos) return kDefault;
    return static_cast<mode_t>(std::strtoul(status.c_str() + at + 7, nullptr, 8) & 0777);
}

std::filesystem::path parentOrDot(const std::filesystem::path& path) {
    std::filesystem::path dir = path.parent_path();
    return dir.empty() ? std::filesystem::path(".") : dir;
}

}  // namespace

std::string displayName(const std::filesystem::path& path) {
    std::string name = path.filename().string();
    return name.empty() ? path.string() : name;
}

Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes) {
    const int raw = openReadOnly(path);
    if (raw < 0) return ioError(path, "opening for reading", errno);
    FdGuard fd(raw);
    OFFSITE_ASSIGN_OR_RETURN(const std::uint64_t size, regularFileSize(fd.get(), path));
    if (size > maxBytes) {
        return makeError(ErrorKind::LimitExceeded,
                         path.string() + ": the file is " + std::to_string(size) +
                             " bytes, more than the limit of " + std::to_string(maxBytes) +
                             " bytes for this kind of file; it is not the expected file or it is damaged");
    }
    std::string out;
    out.resize(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return ioError(path, "reading", errno);
        }
        if (n == 0) break;  // the file shrank while we read it
        done += static_cast<std::size_t>(n);
    }
    if (done != out.size()) {
        return makeError(ErrorKind::Io, path.string() + ": the file changed size while it was being read (" +
                                            std::to_string(done) + " of " + std::to_string(size) +
                                            " bytes); make sure no other program is writing it");
    }
    // A file that grew while we read it would be silently cut; check that we are at its end.
    char probe = 0;
    ssize_t extra = 0;
    do {
        extra = ::read(fd.get(), &probe, 1);
    } while (extra < 0 && errno == EINTR);
    if (extra < 0) return ioError(path, "reading", errno);
    if (extra > 0) {
        return makeError(ErrorKind::Io, path.string() +
                                            ": the file grew while it was being read; make sure "
                                            "no other program is writing it");
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// MappedFile

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
    const int raw = openReadOnly(path);
    if (raw < 0) return ioError(path, "opening for reading", errno);
    FdGuard fd(raw);
    OFFSITE_ASSIGN_OR_RETURN(const std::uint64_t size, regularFileSize(fd.get(), path));
    if (size > std::numeric_limits<std::size_t>::max()) {
        return makeError(ErrorKind::LimitExceeded, path.string() + ": the file is too large to map");
    }
    MappedFile file;
    file.path_ = path;
    if (size == 0) return file;  // mmap of length 0 is an error; an empty span says it all
    void* addr = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (addr == MAP_FAILED) return ioError(path, "mapping into memory (mmap)", errno);
    file.data_ = static_cast<const std::byte*>(addr);
    file.size_ = static_cast<std::size_t>(size);
    // The descriptor can close now: the mapping keeps the file's pages alive.
    return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(other.data_), size_(other.size_), path_(std::move(other.path_)) {
    other.data_ = nullptr;
    other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
        data_ = other.data_;
        size_ = other.size_;
        path_ = std::move(other.path_);
        other.data_ = nullptr;
        other.size_ = 0;
    }
    return *this;
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
}

// ---------------------------------------------------------------------------------------------------
// AtomicFileWriter

Result<AtomicFileWriter> AtomicFileWriter::create(const std::filesystem::path& path) {
    if (path.filename().empty()) {
        return makeError(ErrorKind::InvalidInput, path.string() + ": not a file name (it names a folder)");
    }
    // The temp file lives in the target's directory so that rename() is atomic (same file system).
    const std::filesystem::path dir = parentOrDot(path);
    std::string pattern = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = ::mkostemp(buf.data(), O_CLOEXEC);
    if (fd < 0) return ioError(path, "creating a temporary file in " + dir.string(), errno);
    AtomicFileWriter writer;
    writer.fd_ = fd;
    writer.target_ = path;
    writer.temp_ = std::filesystem::path(buf.data());
    // mkostemp creates 0600. A replaced file keeps its permissions; a new one gets 0644 minus the umask.
    mode_t mode = 0644 & ~currentUmask();
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0) mode = existing.st_mode & 07777;
    if (::fchmod(fd, mode) != 0) return ioError(writer.temp_, "setting permissions (fchmod)", errno);
    return writer;
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : fd_(other.fd_), target_(std::move(other.target_)), temp_(std::move(other.temp_)) {
    other.fd_ = -1;
    other.temp_.clear();
}

AtomicFileWriter::~AtomicFileWriter() {
    discard();
}

void AtomicFileWriter::discard() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!temp_.empty()) {
        ::unlink(temp_.c_str());  // best effort: nothing useful to do if cleanup itself fails
        temp_.clear();
    }
}

Status AtomicFileWriter::write(std::span<const std::byte> bytes) {
    if (fd_ < 0) {
        return makeError(ErrorKind::Internal,
                         target_.string() + ": write after commit or after a failed write (a bug)");
    }
    Status st = writeAll(fd_, bytes.data(), bytes.size(), temp_);
    if (!st.ok()) {
        discard();
        return st.error().withContext("writing " + target_.string());
    }
    return {};
}

Status AtomicFileWriter::write(std::string_view bytes) {
    return write(std::as_bytes(std::span<const char>(bytes.data(), bytes.size())));
}

Status AtomicFileWriter::commit() {
    if (fd_ < 0) {
        return makeError(ErrorKind::Internal,
                         target_.string() + ": commit after commit or after a failed write (a bug)");
    }
    Status synced = fsyncFd(fd_, temp_, "flushing to disk (fsync)");
    if (!synced.ok()) {
        discard();
        return synced.error().withContext("writing " + target_.string());
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        const int err = errno;
        const std::filesystem::path temp = temp_;
        discard();
        return ioError(temp, "closing", err);
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        discard();
        return ioError(target_, "replacing the file (rename)", err);
    }
    temp_.clear();  // published: nothing to clean up any more
    return syncDirectory(parentOrDot(target_));
}

Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes) {
    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::create(path));
    OFFSITE_TRY(writer.write(bytes));
    return writer.commit();
}

Status syncDirectory(const std::filesystem::path& dir) {
    int fd = -1;
    do {
        fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return ioError(dir, "opening the folder to flush it", errno);
    FdGuard guard(fd);
    return fsyncFd(fd, dir, "flushing the folder to disk (fsync)");
}

ScopedFolder::~ScopedFolder() {
    if (!path_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
}

Result<std::filesystem::path> makeSiblingFolder(const std::filesystem::path& destination, std::string_view tag) {
    namespace fs = std::filesystem;
    const fs::path parent = destination.parent_path().empty() ? fs::path(".") : destination.parent_path();
    std::string pattern =
        (parent / ("." + destination.filename().string() + "." + std::string(tag) + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return makeError(ErrorKind::Io, "cannot create a temporary folder next to " + destination.string() + ": " +
                                            std::strerror(errno) + "; check that the folder is writable");
    }
    // mkdtemp makes the folder private (0700); model folders are ordinary data (0755).
    std::error_code ec;
    fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec, ec);
    return fs::path(pattern);
}

}  // namespace offsite

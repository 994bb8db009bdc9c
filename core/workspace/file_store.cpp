// Content-addressed store: durable puts through AtomicFileWriter, folder creation made durable too, and a
// listing that separates content files from leftovers of interrupted writes.
#include "core/workspace/file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"

namespace offsite::workspace {
namespace fs = std::filesystem;
namespace {

Error fsError(const fs::path& path, const std::string& step, const std::error_code& ec) {
    std::string advice = "; check the workspace folder's permissions and free disk space";
    return makeError(ErrorKind::Io, path.string() + ": " + step + " failed (" + ec.message() + ")" + advice);
}

// mkdir that is durable: the new folder's entry is flushed in its parent.
Status ensureFolder(const fs::path& folder) {
    std::error_code ec;
    if (fs::is_directory(folder, ec)) return {};
    const fs::path parent = folder.parent_path();
    if (!parent.empty() && parent != folder) OFFSITE_TRY(ensureFolder(parent));
    fs::create_directory(folder, ec);
    if (ec && !fs::is_directory(folder)) return fsError(folder, "creating the folder", ec);
    return parent.empty() ? Status{} : syncDirectory(parent);
}

Status fsyncPath(const fs::path& path) {
    int fd = -1;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return makeError(ErrorKind::Io,
                         path.string() + ": opening to flush failed (" + std::strerror(errno) + ")");
    }
    int rc = 0;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    const int err = errno;
    ::close(fd);
    if (rc != 0) {
        return makeError(ErrorKind::Io, path.string() + ": flushing to disk (fsync) failed (" +
                                            std::strerror(err) + "); check the disk");
    }
    return {};
}

}  // namespace

Result<FileStore> FileStore::open(const fs::path& root) {
    OFFSITE_TRY(ensureFolder(root / "sha256"));
    FileStore store;
    store.root_ = root;
    return store;
}

fs::path FileStore::pathFor(std::string_view sha256) const {
    const std::string hex(sha256);
    return root_ / "sha256" / hex.substr(0, 2) / hex.substr(2);
}

Result<fs::path> FileStore::shardFolder(std::string_view sha256) const {
    if (!crypto::isSha256Hex(sha256)) {
        return makeError(ErrorKind::InvalidInput,
                         "\"" + std::string(sha256) + "\" is not a SHA-256 content address");
    }
    return root_ / "sha256" / std::string(sha256.substr(0, 2));
}

bool FileStore::contains(std::string_view sha256) const {
    if (!crypto::isSha256Hex(sha256)) return false;
    std::error_code ec;
    return fs::is_regular_file(pathFor(sha256), ec);
}

Status FileStore::makeExistingDurable(const fs::path& file) const {
    // The file may be a leftover of a put whose process died between rename and the folder fsync; flush both
    // before a row is allowed to point at it.
    OFFSITE_TRY(fsyncPath(file));
    OFFSITE_TRY(syncDirectory(file.parent_path()));
    return syncDirectory(file.parent_path().parent_path());
}

Result<StoredFile> FileStore::put(std::string_view bytes) {
    StoredFile out{crypto::sha256Hex(bytes), bytes.size()};
    OFFSITE_ASSIGN_OR_RETURN(const fs::path shard, shardFolder(out.sha256));
    OFFSITE_TRY(ensureFolder(shard));
    const fs::path target = pathFor(out.sha256);
    std::error_code ec;
    // Already stored: reuse it only if its content is still right (a damaged copy is replaced below).
    if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size() && !ec &&
        verify(out.sha256).ok()) {
        OFFSITE_TRY(makeExistingDurable(target));
        return out;
    }
    OFFSITE_TRY(writeFileAtomic(target, bytes));
    return out;
}

Result<StoredFile> FileStore::putFile(const fs::path& source) {
    OFFSITE_ASSIGN_OR_RETURN(const crypto::FileDigest first, crypto::sha256OfFile(source));
    OFFSITE_ASSIGN_OR_RETURN(const fs::path shard, shardFolder(first.sha256));
    OFFSITE_TRY(ensureFolder(shard));
    const fs::path target = pathFor(first.sha256);
    std::error_code ec;
    if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == first.size && !ec &&
        verify(first.sha256).ok()) {
        OFFSITE_TRY(makeExistingDurable(target));
        return StoredFile{first.sha256, first.size};
    }
    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::create(target));
    int fd = -1;
    do {
        fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return makeError(ErrorKind::Io,
                         source.string() + ": opening for reading failed (" + std::strerror(errno) + ")");
    }
    crypto::Sha256 hash;
    std::vector<char> buffer(1u << 16);
    std::uint64_t size = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorKind::Io,
                             source.string() + ": reading failed (" + std::strerror(err) + ")");
        }
        if (n == 0) break;
        const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        hash.update(chunk);
        size += chunk.size();
        Status written = writer.write(chunk);
        if (!written.ok()) {
            ::close(fd);
            return written.error();
        }
    }
    ::close(fd);
    if (hash.finishHex() != first.sha256 || size != first.size) {
        return makeError(ErrorKind::Io,
                         source.string() +
                             ": the file changed while it was being copied into the workspace; "
                             "make sure no other program is writing it and try again");
    }
    OFFSITE_TRY(writer.commit());
    return StoredFile{first.sha256, first.size};
}

Result<std::string> FileStore::read(std::string_view sha256, std::size_t maxBytes) const {
    OFFSITE_TRY(shardFolder(sha256));
    OFFSITE_ASSIGN_OR_RETURN(std::string bytes, readFile(pathFor(sha256), maxBytes));
    if (crypto::sha256Hex(bytes) != sha256) {
        return makeError(ErrorKind::Integrity,
                         pathFor(sha256).string() +
                             ": the stored file is damaged (its content no longer matches "
                             "its SHA-256 name); run `offsite workspace check`");
    }
    return bytes;
}

Status FileStore::verify(std::string_view sha256) const {
    OFFSITE_TRY(shardFolder(sha256));
    OFFSITE_ASSIGN_OR_RETURN(const crypto::FileDigest digest, crypto::sha256OfFile(pathFor(sha256)));
    if (digest.sha256 != sha256) {
        return makeError(ErrorKind::Integrity,
                         pathFor(sha256).string() +
                             ": the stored file is damaged (its content no longer matches "
                             "its SHA-256 name)");
    }
    return {};
}

Status FileStore::remove(std::string_view sha256) const {
    OFFSITE_TRY(shardFolder(sha256));
    return removeLeftover(pathFor(sha256));
}

Status FileStore::removeLeftover(const fs::path& path) const {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) return fsError(path, "removing", ec);
    return syncDirectory(path.parent_path());
}

Result<StoreListing> FileStore::list() const {
    StoreListing listing;
    std::error_code ec;
    const fs::path base = root_ / "sha256";
    std::vector<fs::path> shards;
    for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec))
        shards.push_back(it->path());
    if (ec) return fsError(base, "listing the store", ec);
    std::sort(shards.begin(), shards.end());
    for (const fs::path& shard : shards) {
        const std::string prefix = shard.filename().string();
        if (!fs::is_directory(shard) || prefix.size() != 2 || !crypto::isSha256Hex(prefix + std::string(62, '0'))) {
            listing.leftovers.push_back(shard);
            continue;
        }
        std::vector<fs::path> entries;
        for (fs::directory_iterator it(shard, ec), end; !ec && it != end; it.increment(ec)) {
            entries.push_back(it->path());
        }
        if (ec) return fsError(shard, "listing the store", ec);
        std::sort(entries.begin(), entries.end());
        for (const fs::path& entry : entries) {
            const std::string hex = prefix + entry.filename().string();
            std::error_code sizeEc;
            const bool regular = fs::is_regular_file(fs::symlink_status(entry, sizeEc));
            const std::uintmax_t size = regular ? fs::file_size(entry, sizeEc) : 0;
            if (regular && !sizeEc && crypto::isSha256Hex(hex)) {
                listing.files.push_back(StoredFile{hex, static_cast<std::uint64_t>(size)});
            } else {
                listing.leftovers.push_back(entry);
            }
        }
    }
    return listing;
}

}  // namespace offsite::workspace

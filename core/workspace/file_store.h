// The workspace's content-addressed file store: every artifact (package, checkpoint manifest, export) is
// kept once under store/sha256/ab/cdef... named by the SHA-256 of its bytes. put() returns only after the
// file, its name and its folders are on disk (temp + fsync + rename + fsync dir), so a database row that
// points at it can commit afterwards (DB-6). The store knows nothing of the database; the reconciler joins
// them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::workspace {

struct StoredFile {
    std::string sha256;
    std::uint64_t size = 0;
};

// What a scan of the store finds on disk.
struct StoreListing {
    std::vector<StoredFile> files;                 // well-named content files (size from stat)
    std::vector<std::filesystem::path> leftovers;  // temp files of interrupted writes, misnamed files
};

class FileStore {
public:
    // Uses (creating if needed) `root`, normally "<workspace>/store".
    [[nodiscard]] static Result<FileStore> open(const std::filesystem::path& root);

    [[nodiscard]] Result<StoredFile> put(std::string_view bytes);
    // Copies a file in, hashing it on the way; refuses a source that changes while it is being copied.
    [[nodiscard]] Result<StoredFile> putFile(const std::filesystem::path& source);

    [[nodiscard]] std::filesystem::path pathFor(std::string_view sha256) const;
    [[nodiscard]] bool contains(std::string_view sha256) const;
    // Reads a stored file and checks that its content still matches its name.
    [[nodiscard]] Result<std::string> read(std::string_view sha256, std::size_t maxBytes) const;
    // Re-hashes a stored file; ErrorKind::Integrity when the content no longer matches its name.
    [[nodiscard]] Status verify(std::string_view sha256) const;
    [[nodiscard]] Status remove(std::string_view sha256) const;
    [[nodiscard]] Status removeLeftover(const std::filesystem::path& path) const;

    [[nodiscard]] Result<StoreListing> list() const;
    [[nodiscard]] const std::filesystem::path& root() const { return root_; }

private:
    friend class Workspace;  // holds one as a member
    FileStore() = default;
    [[nodiscard]] Result<std::filesystem::path> shardFolder(std::string_view sha256) const;
    [[nodiscard]] Status makeExistingDurable(const std::filesystem::path& file) const;
    std::filesystem::path root_;
};

}  // namespace offsite::workspace

// File primitives every module shares: bounded reads, read-only memory maps, and durable atomic
// writes (temp file in the same directory, fsync, rename, fsync of the directory) so that a crash or
// a full disk never leaves a partial file at the destination.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace offsite {

// Reads a whole file, refusing (before allocating) files larger than maxBytes.
[[nodiscard]] Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes);

// A read-only memory map of a whole file. Empty files map to an empty span.
class MappedFile {
public:
    [[nodiscard]] static Result<MappedFile> open(const std::filesystem::path& path);
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    [[nodiscard]] std::span<const std::byte> bytes() const { return {data_, size_}; }
    [[nodiscard]] std::uint64_t size() const { return size_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    MappedFile() = default;
    const std::byte* data_ = nullptr;
    std::size_t size_ = 0;
    std::filesystem::path path_;
};

// Streams bytes into "<dir>/.<name>.tmp-XXXXXX" and publishes them at `path` only on commit():
// fsync(file), rename, fsync(dir). Destroying an uncommitted writer removes the temp file. Every
// system call's result is checked; a failed fsync fails the write (never retried and trusted).
class AtomicFileWriter {
public:
    [[nodiscard]] static Result<AtomicFileWriter> create(const std::filesystem::path& path);
    AtomicFileWriter(AtomicFileWriter&& other) noexcept;
    AtomicFileWriter& operator=(AtomicFileWriter&& other) = delete;
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    ~AtomicFileWriter();

    [[nodiscard]] Status write(std::span<const std::byte> bytes);
    [[nodiscard]] Status write(std::string_view bytes);
    [[nodiscard]] Status commit();

private:
    AtomicFileWriter() = default;
    void discard();
    int fd_ = -1;
    std::filesystem::path target_;
    std::filesystem::path temp_;
};

// Convenience: the whole content at once, atomically and durably.
[[nodiscard]] Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// fsync of a directory, so that a rename inside it is durable.
[[nodiscard]] Status syncDirectory(const std::filesystem::path& dir);

// A folder removed (with its contents) when destroyed unless release()d: the staging area of an output that is
// published by one rename, so a failure or a cancellation leaves nothing behind.
class ScopedFolder {
public:
    explicit ScopedFolder(std::filesystem::path path) : path_(std::move(path)) {}
    ScopedFolder(ScopedFolder&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
    ScopedFolder& operator=(ScopedFolder&&) = delete;
    ScopedFolder(const ScopedFolder&) = delete;
    ScopedFolder& operator=(const ScopedFolder&) = delete;
    ~ScopedFolder();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    void release() { path_.clear(); }

private:
    std::filesystem::path path_;
};

// Creates a fresh folder ".<name>.<tag>-XXXXXX" beside `destination` (same file system, so renaming it onto the
// destination is atomic), with ordinary data permissions (0755).
[[nodiscard]] Result<std::filesystem::path> makeSiblingFolder(const std::filesystem::path& destination,
                                                              std::string_view tag);

// "model.safetensors" style display name for messages.
[[nodiscard]] std::string displayName(const std::filesystem::path& path);

}  // namespace offsite

// The minimal POSIX ustar subset the .otpkg container uses (docs/PACKAGE_FORMAT.md): uncompressed, regular
// files only, flat names. The writer produces exactly that; the reader refuses everything else (links,
// devices, directories, unsafe names, setuid bits, bad checksums) before any entry data is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::package {

constexpr std::size_t kTarBlockBytes = 512;
constexpr std::size_t kTarNameMaxBytes = 99;                  // the ustar name field, NUL-terminated
constexpr std::uint64_t kTarEntryMaxBytes = 077777777777ULL;  // 11 octal digits: 8 GiB - 1

// The header fields the writer sets; everything else is fixed (uid/gid 0, mtime 0, no owner names).
struct TarHeaderFields {
    std::string name;
    std::uint64_t size = 0;
    char typeflag = '0';
    std::uint32_t mode = 0644;
    std::string linkname;  // only for hand-made test archives; our packages never contain links
};

// One 512-byte ustar header with a valid checksum. Refuses names/link names that do not fit the fields.
[[nodiscard]] Result<std::string> makeTarHeader(const TarHeaderFields& fields);
// The zero bytes that pad `size` bytes of entry data to a whole block.
[[nodiscard]] std::string tarPadding(std::uint64_t size);
// Two zero blocks: the end-of-archive marker.
[[nodiscard]] std::string tarEndOfArchive();

// Random access to the archive's bytes: a file (pread) or memory (tests, the fuzzer).
class ByteSource {
public:
    virtual ~ByteSource() = default;
    [[nodiscard]] virtual std::uint64_t size() const = 0;
    // Reads exactly out.size() bytes at offset, or fails.
    [[nodiscard]] virtual Status readAt(std::uint64_t offset, std::span<char> out) const = 0;
};

// Opens a regular file read-only without following a symbolic link at the last component.
[[nodiscard]] Result<std::unique_ptr<ByteSource>> openFileSource(const std::filesystem::path& path);
// Does not copy: `bytes` must outlive the source.
[[nodiscard]] std::unique_ptr<ByteSource> memorySource(std::string_view bytes);

struct TarEntry {
    std::string name;
    std::uint64_t size = 0;
    std::uint64_t dataOffset = 0;  // where the entry's data starts in the archive
    std::size_t index = 0;         // 0-based position in the archive
};

// Reads the archive entry by entry. Each header is checked (checksum, magic, type '0', mode, name rules,
// size within the archive, no case-folded duplicate) before next() returns it.
class TarReader {
public:
    explicit TarReader(const ByteSource& source) : source_(source) {}

    // The next entry, or an entry with an empty name at the end-of-archive marker. After the marker only
    // zero bytes may follow.
    [[nodiscard]] Result<TarEntry> next();
    // Streams the entry's data in chunks of at most 64 KiB, counting bytes; `sink` returning an error stops.
    [[nodiscard]] Status readData(const TarEntry& entry,
                                  const std::function<Status(std::string_view chunk)>& sink) const;
    // The whole entry, refusing (before reading) entries over maxBytes.
    [[nodiscard]] Result<std::string> readAll(const TarEntry& entry, std::size_t maxBytes,
                                              std::string_view what) const;

private:
    const ByteSource& source_;
    std::uint64_t offset_ = 0;
    std::size_t index_ = 0;
    bool ended_ = false;
    std::vector<std::string> foldedNames_;
};

// The payload name rule (also used by the manifest): 1..99 bytes of [A-Za-z0-9._-], not starting with '.',
// so no directories, no "..", no absolute paths, no backslashes, no control or non-ASCII characters.
[[nodiscard]] Status checkEntryName(std::string_view name);
// ASCII lower case, for case-folded duplicate detection.
[[nodiscard]] std::string foldCase(std::string_view name);

}  // namespace offsite::package

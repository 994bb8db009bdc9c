// The ustar subset of the .otpkg container: header writing, and a reader that checks every header field it
// relies on before returning an entry.
#include "core/package/tar.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

#include "core/base/file_io.h"

namespace offsite::package {
namespace {

constexpr std::size_t kNameOffset = 0;
constexpr std::size_t kModeOffset = 100;
constexpr std::size_t kUidOffset = 108;
constexpr std::size_t kGidOffset = 116;
constexpr std::size_t kSizeOffset = 124;
constexpr std::size_t kMtimeOffset = 136;
constexpr std::size_t kChecksumOffset = 148;
constexpr std::size_t kTypeflagOffset = 156;
constexpr std::size_t kLinknameOffset = 157;
constexpr std::size_t kMagicOffset = 257;
constexpr std::size_t kVersionOffset = 263;
constexpr std::size_t kPrefixOffset = 345;
constexpr std::size_t kChunkBytes = 64 * 1024;

Error invalid(std::string message) {
    return makeError(ErrorKind::InvalidInput, std::move(message));
}

void putOctal(std::string& block, std::size_t offset, std::size_t width, std::uint64_t value) {
    // width - 1 digits, zero-padded, then NUL.
    for (std::size_t i = width - 1; i-- > 0;) {
        block[offset + i] = static_cast<char>('0' + (value & 7));
        value >>= 3;
    }
    block[offset + width - 1] = '\0';
}

unsigned headerSum(std::string_view block) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < kTarBlockBytes; ++i) {
        const bool inChecksum = i >= kChecksumOffset && i < kChecksumOffset + 8;
        sum += inChecksum ? static_cast<unsigned>(' ') : static_cast<unsigned char>(block[i]);
    }
    return sum;
}

// Octal digits, optionally led by spaces and ended by NUL or space; nothing else.
std::optional<std::uint64_t> parseOctal(std::string_view field) {
    std::size_t i = 0;
    while (i < field.size() && field[i] == ' ') ++i;
    std::uint64_t value = 0;
    std::size_t digits = 0;
    for (; i < field.size() && field[i] >= '0' && field[i] <= '7'; ++i, ++digits) {
        if (digits >= 21) return std::nullopt;
        value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; i < field.size(); ++i) {
        if (field[i] != '\0' && field[i] != ' ') return std::nullopt;
    }
    return value;
}

std::string_view cString(std::string_view field) {
    const auto end = field.find('\0');
    return end == std::string_view::npos ? field : field.substr(0, end);
}

bool allZero(std::string_view bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

std::string printable(std::string_view name) {
    std::string out;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

class FileSource final : public ByteSource {
public:
    FileSource(int fd, std::uint64_t size, std::string name) : fd_(fd), size_(size), name_(std::move(name)) {}
    ~FileSource() override { ::close(fd_); }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    [[nodiscard]] std::uint64_t size() const override { return size_; }
    [[nodiscard]] Status readAt(std::uint64_t offset, std::span<char> out) const override {
        std::size_t done = 0;
        while (done < out.size()) {
            const ssize_t n =
                ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                return makeError(ErrorKind::Io, "reading " + name_ + " failed: " + std::strerror(errno));
            }
            if (n == 0) return invalid(name_ + " ended early (it changed while being read?)");
            done += static_cast<std::size_t>(n);
        }
        return {};
    }

private:
    int fd_;
    std::uint64_t size_;
    std::string name_;
};

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
    [[nodiscard]] std::uint64_t size() const override { return bytes_.size(); }
    [[nodiscard]] Status readAt(std::uint64_t offset, std::span<char> out) const override {
        if (offset > bytes_.size() || out.size() > bytes_.size() - offset) {
            return invalid("the package ended early");
        }
        std::memcpy(out.data(), bytes_.data() + offset, out.size());
        return {};
    }

private:
    std::string_view bytes_;
};

}  // namespace

Result<std::string> makeTarHeader(const TarHeaderFields& fields) {
    if (fields.name.empty() || fields.name.size() > kTarNameMaxBytes) {
        return invalid("tar entry name \"" + printable(fields.name) + "\" must be 1 to 99 bytes");
    }
    if (fields.linkname.size() > kTarNameMaxBytes) return invalid("tar link name is longer than 99 bytes");
    if (fields.size > kTarEntryMaxBytes) return invalid("tar entry " + fields.name + " is 8 GiB or larger");
    std::string block(kTarBlockBytes, '\0');
    std::memcpy(block.data() + kNameOffset, fields.name.data(), fields.name.size());
    putOctal(block, kModeOffset, 8, fields.mode & 07777);
    putOctal(block, kUidOffset, 8, 0);
    putOctal(block, kGidOffset, 8, 0);
    putOctal(block, kSizeOffset, 12, fields.size);
    putOctal(block, kMtimeOffset, 12, 0);
    block[kTypeflagOffset] = fields.typeflag;
    std::memcpy(block.data() + kLinknameOffset, fields.linkname.data(), fields.linkname.size());
    std::memcpy(block.data() + kMagicOffset, "ustar", 6);  // with its NUL
    std::memcpy(block.data() + kVersionOffset, "00", 2);
    const unsigned sum = headerSum(block);
    putOctal(block, kChecksumOffset, 7, sum);  // six digits and NUL ...
    block[kChecksumOffset + 7] = ' ';          // ... then a space, as POSIX tar writes it
    return block;
}

std::string tarPadding(std::uint64_t size) {
    const std::uint64_t rest = size % kTarBlockBytes;
    return std::string(rest == 0 ? 0 : kTarBlockBytes - rest, '\0');
}

std::string tarEndOfArchive() {
    return std::string(2 * kTarBlockBytes, '\0');
}

Result<std::unique_ptr<ByteSource>> openFileSource(const std::filesystem::path& path) {
    const std::string name = displayName(path);
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ELOOP) return invalid(name + " is a symbolic link; open the package file itself");
        return makeError(err == ENOENT ? ErrorKind::NotFound : ErrorKind::Io,
                         "cannot open " + name + ": " + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return invalid(name + " is not a regular file");
    }
    return std::unique_ptr<ByteSource>(
        std::make_unique<FileSource>(fd, static_cast<std::uint64_t>(st.st_size), name));
}

std::unique_ptr<ByteSource> memorySource(std::string_view bytes) {
    return std::make_unique<MemorySource>(bytes);
}

Status checkEntryName(std::string_view name) {
    const std::string shown = "\"" + printable(name) + "\"";
    if (name.empty()) return invalid("an entry has an empty name");
    if (name.size() > kTarNameMaxBytes) return invalid("the name " + shown + " is longer than 99 bytes");
    if (name.front() == '/') return invalid("the name " + shown + " is an absolute path");
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return invalid("the name " + shown + " contains a control character");
        if (c == '\\') return invalid("the name " + shown + " contains a backslash");
        if (c == '/') return invalid("the name " + shown + " contains a directory (only plain file names)");
        if (u >= 0x80) return invalid("the name " + shown + " contains a non-ASCII character");
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '.' || c == '_' || c == '-';
        if (!allowed) return invalid("the name " + shown + " contains the character '" + c + "'");
    }
    if (name == "." || name == "..") return invalid("the name " + shown + " is a relative path step");
    if (name.front() == '.') return invalid("the name " + shown + " is a hidden file name");
    return {};
}

std::string foldCase(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

Result<TarEntry> TarReader::next() {
    if (ended_) return TarEntry{};
    const std::uint64_t total = source_.size();
    if (total % kTarBlockBytes != 0) {
        return invalid("the package is not a whole number of 512-byte tar blocks (truncated or extended?)");
    }
    if (offset_ + kTarBlockBytes > total) {
        return invalid("the package ends without the tar end-of-archive marker (truncated?)");
    }
    std::string block(kTarBlockBytes, '\0');
    OFFSITE_TRY(source_.readAt(offset_, block));
    const std::string where = "tar entry " + std::to_string(index_ + 1);
    if (allZero(block)) {
        // End of archive: everything after must be zero (the second marker block and record padding).
        std::string rest(kTarBlockBytes, '\0');
        std::uint64_t pos = offset_ + kTarBlockBytes;
        if (pos >= total)
            return invalid("the package ends inside the tar end-of-archive marker (truncated?)");
        for (; pos < total; pos += kTarBlockBytes) {
            OFFSITE_TRY(source_.readAt(pos, rest));
            if (!allZero(rest)) return invalid("the package has data after the tar end-of-archive marker");
        }
        ended_ = true;
        return TarEntry{};
    }
    const std::string_view view(block);
    const auto checksum = parseOctal(view.substr(kChecksumOffset, 8));
    if (!checksum || *checksum != headerSum(block)) {
        return makeError(ErrorKind::Integrity,
                         where + ": the tar header checksum does not match (damaged file)");
    }
    if (view.substr(kMagicOffset, 6) != std::string_view("ustar\0", 6)) {
        return makeError(ErrorKind::Unsupported, where + ": not a POSIX ustar header");
    }
    const std::string_view rawName = view.substr(kNameOffset, 100);
    const std::string name(cString(rawName));
    if (name.size() == 100) return invalid(where + ": the name field is not terminated");
    const std::string shown = "\"" + printable(name) + "\"";
    if (!allZero(view.substr(kPrefixOffset, 155))) {
        return invalid(where + " " + shown +
                       ": uses the ustar prefix field (long or nested paths are refused)");
    }
    const char type = view[kTypeflagOffset];
    if (type != '0') {
        std::string kind = "a special entry";
        if (type == '1') kind = "a hard link";
        if (type == '2') kind = "a symbolic link";
        if (type == '3' || type == '4') kind = "a device";
        if (type == '5') kind = "a directory";
        if (type == '6') kind = "a FIFO";
        if (type == '\0') kind = "an old-style (pre-POSIX) file entry";
        return invalid(where + " " + shown + " is " + kind + "; packages hold regular files only");
    }
    if (!allZero(view.substr(kLinknameOffset, 100))) {
        return invalid(where + " " + shown + " names a link target; packages hold regular files only");
    }
    OFFSITE_TRY([&]() -> Status {
        auto status = checkEntryName(name);
        if (!status.ok()) return status.error().withContext(where);
        return {};
    }());
    const auto mode = parseOctal(view.substr(kModeOffset, 8));
    if (!mode) return invalid(where + " " + shown + ": the mode field is not an octal number");
    if ((*mode & 07000) != 0) {
        return invalid(where + " " + shown + ": has setuid, setgid or sticky bits, which are refused");
    }
    const auto size = parseOctal(view.substr(kSizeOffset, 12));
    if (!size || *size > kTarEntryMaxBytes) {
        return invalid(where + " " + shown + ": the size field is not a valid octal number");
    }
    const std::uint64_t dataOffset = offset_ + kTarBlockBytes;
    const std::uint64_t padded = *size + tarPadding(*size).size();
    if (padded > total - dataOffset) {
        return invalid(where + " " + shown + ": declares " + std::to_string(*size) +
                       " bytes but the package ends before them (truncated?)");
    }
    std::string folded = foldCase(name);
    if (std::find(foldedNames_.begin(), foldedNames_.end(), folded) != foldedNames_.end()) {
        return invalid(where + " " + shown + ": a duplicate entry (names are compared ignoring case)");
    }
    foldedNames_.push_back(std::move(folded));
    TarEntry entry{name, *size, dataOffset, index_};
    offset_ = dataOffset + padded;
    ++index_;
    return entry;
}

Status TarReader::readData(const TarEntry& entry,
                           const std::function<Status(std::string_view chunk)>& sink) const {
    std::string buffer(static_cast<std::size_t>(std::min<std::uint64_t>(kChunkBytes, entry.size)), '\0');
    std::uint64_t done = 0;
    while (done < entry.size) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkBytes, entry.size - done));
        OFFSITE_TRY(source_.readAt(entry.dataOffset + done, std::span<char>(buffer.data(), n)));
        OFFSITE_TRY(sink(std::string_view(buffer.data(), n)));
        done += n;
    }
    return {};
}

Result<std::string> TarReader::readAll(const TarEntry& entry, std::size_t maxBytes,
                                       std::string_view what) const {
    if (entry.size > maxBytes) {
        return makeError(ErrorKind::LimitExceeded, std::string(what) + " is " + std::to_string(entry.size) +
                                                       " bytes, over the limit of " +
                                                       std::to_string(maxBytes) + " bytes");
    }
    std::string bytes(static_cast<std::size_t>(entry.size), '\0');
    OFFSITE_TRY(source_.readAt(entry.dataOffset, bytes));
    return bytes;
}

}  // namespace offsite::package

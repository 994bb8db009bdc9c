// Verify-before-publish for .otpkg packages: signature, schema, streamed hashes and expiry, with extraction
// into a private staging folder published by a single rename.
#include "core/package/package.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <system_error>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/json/json.h"
#include "core/package/tar.h"
#include "core/safetensors/safetensors.h"

namespace offsite::package {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kPackageMaxPayloadBytes = 64ULL << 30;  // ARC-2 global cap
constexpr std::size_t kReadChunkBytes = 64 * 1024;
constexpr std::uint64_t kJsonPayloadMaxBytes = 64ULL << 20;  // ST-4

Error refused(ErrorKind kind, std::string message) {
    return makeError(kind, std::move(message));
}

using crypto::Sha256;

// ST-3: a weights file whose safetensors header differs from the layout in the signed manifest.
Error layoutRefused(const std::string& path, const std::string& difference) {
    return refused(ErrorKind::Integrity,
                   path + ": tensor layout check failed: " + difference +
                       ". The package is damaged or was not made by the publisher: its weights do not have the "
                       "layout the publisher signed. Do not use it; ask the publisher for a new copy");
}

class UniqueFd {
public:
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }
    [[nodiscard]] Status close(const std::string& what) {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0)
            return refused(ErrorKind::Io, "closing " + what + " failed: " + std::strerror(errno));
        return {};
    }

private:
    int fd_;
};

Status writeAll(int fd, std::string_view bytes, const std::string& what) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return refused(ErrorKind::Io, "writing " + what + " failed: " + std::strerror(errno));
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

// A private folder beside the destination; removed unless published.
class Staging {
public:
    static Result<std::unique_ptr<Staging>> create(const fs::path& destination) {
        const fs::path parent = destination.parent_path().empty() ? fs::path(".") : destination.parent_path();
        std::string pattern = (parent / ("." + destination.filename().string() + ".staging-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            return refused(ErrorKind::Io, "cannot create a staging folder in " + parent.string() + ": " +
                                              std::strerror(errno));
        }
        auto staging = std::unique_ptr<Staging>(new Staging(fs::path(pattern), parent));
        staging->dirfd_ = ::open(pattern.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (staging->dirfd_ < 0) {
            return refused(ErrorKind::Io,
                           "cannot open the staging folder: " + std::string(std::strerror(errno)));
        }
        return staging;
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
    ~Staging() {
        if (dirfd_ >= 0) ::close(dirfd_);
        if (!published_) {
            std::error_code ignored;
            fs::remove_all(path_, ignored);
        }
    }

    // O_EXCL | O_NOFOLLOW: never reuse or follow something already planted in the folder (ARC-3).
    Result<int> createFile(const std::string& name) const {
        const int fd =
            ::openat(dirfd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            return refused(ErrorKind::Io,
                           "cannot create " + name + " in the staging folder: " + std::strerror(errno));
        }
        return fd;
    }

    Status writeFile(const std::string& name, std::string_view bytes) const {
        OFFSITE_ASSIGN_OR_RETURN(const int raw, createFile(name));
        UniqueFd fd(raw);
        OFFSITE_TRY(writeAll(fd.get(), bytes, name));
        if (::fsync(fd.get()) != 0) return refused(ErrorKind::Io, "fsync of " + name + " failed");
        return fd.close(name);
    }

    Status publish(const fs::path& destination) {
        if (::fsync(dirfd_) != 0) return refused(ErrorKind::Io, "fsync of the staging folder failed");
        if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, destination.c_str(), RENAME_NOREPLACE) != 0) {
            return refused(ErrorKind::Io, "cannot move the verified package into " + destination.string() +
                                              ": " + std::strerror(errno));
        }
        published_ = true;
        return syncDirectory(parent_);
    }

private:
    Staging(fs::path path, fs::path parent) : path_(std::move(path)), parent_(std::move(parent)) {}
    fs::path path_;
    fs::path parent_;
    int dirfd_ = -1;
    bool published_ = false;
};

// Collects a safetensors file's first 8 + N bytes while it streams past, so the header can be validated
// without a second read (ST-1/ST-2).
class SafetensorsPrefix {
public:
    explicit SafetensorsPrefix(std::uint64_t fileSize) : fileSize_(fileSize) {}
    void update(std::string_view chunk) {
        while (!chunk.empty() && bytes_.size() < target()) {
            const std::size_t take = std::min<std::size_t>(chunk.size(), target() - bytes_.size());
            bytes_.append(chunk.substr(0, take));
            chunk.remove_prefix(take);
        }
    }
    [[nodiscard]] std::span<const std::byte> bytes() const {
        return {reinterpret_cast<const std::byte*>(bytes_.data()), bytes_.size()};
    }

    // Whether the whole prefix (8 + N bytes, or the whole file if shorter) has arrived.
    [[nodiscard]] bool complete() const { return bytes_.size() >= 8 && bytes_.size() >= target(); }

private:
    [[nodiscard]] std::size_t target() const {
        std::uint64_t want = 8;
        if (bytes_.size() >= 8) {
            std::uint64_t n = 0;
            for (int i = 7; i >= 0; --i)
                n = (n << 8) | static_cast<unsigned char>(bytes_[static_cast<std::size_t>(i)]);
            const std::uint64_t cap = safetensors::Limits{}.maxHeaderBytes + 1;
            want = 8 + std::min(n, cap);
        }
        return static_cast<std::size_t>(std::min(want, fileSize_));
    }
    std::uint64_t fileSize_;
    std::string bytes_;
};

// ST-3: finds the first NaN or infinity in a safetensors file's floating-point tensors while the data section
// streams past (elements may straddle chunks). Integer and bool tensors have no such values.
class NonFiniteScanner {
public:
    explicit NonFiniteScanner(safetensors::Header header) : header_(std::move(header)) {}

    // `chunk` starts at byte `fileOffset` of the file.
    void update(std::string_view chunk, std::uint64_t fileOffset) {
        const std::uint64_t start = header_.dataOffset();
        if (finding_ || fileOffset + chunk.size() <= start) return;
        if (fileOffset < start) {
            chunk.remove_prefix(static_cast<std::size_t>(start - fileOffset));
            fileOffset = start;
        }
        std::uint64_t pos = fileOffset - start;  // in the data section
        while (!chunk.empty() && tensor_ < header_.tensors.size() && !finding_) {
            const safetensors::TensorInfo& t = header_.tensors[tensor_];
            if (pos >= t.end) {
                ++tensor_;
                carry_.clear();
                continue;
            }
            const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), t.end - pos));
            if (isFloat(t.dtype)) scan(t, chunk.substr(0, take), pos);
            chunk.remove_prefix(take);
            pos += take;
        }
    }
    // "tensor X holds a NaN ... at element i": the first one, if any.
    [[nodiscard]] const std::optional<std::string>& finding() const { return finding_; }

private:
    static bool isFloat(safetensors::DType d) {
        using safetensors::DType;
        return d == DType::F64 || d == DType::F32 || d == DType::F16 || d == DType::BF16 || d == DType::F8_E4M3 ||
               d == DType::F8_E5M2;
    }
    // 0: finite, 1: NaN, 2: infinite. `b` holds one little-endian element.
    static int classify(safetensors::DType d, const unsigned char* b) {
        using safetensors::DType;
        std::uint64_t bits = 0;
        const std::size_t size = safetensors::dtypeSize(d);
        for (std::size_t i = 0; i < size; ++i) bits |= std::uint64_t{b[i]} << (8 * i);
        auto check = [&](int mantissaBits, int exponentBits) {
            const std::uint64_t exponent = (bits >> mantissaBits) & ((std::uint64_t{1} << exponentBits) - 1);
            if (exponent != (std::uint64_t{1} << exponentBits) - 1) return 0;
            return (bits & ((std::uint64_t{1} << mantissaBits) - 1)) != 0 ? 1 : 2;
        };
        switch (d) {
            case DType::F64: return check(52, 11);
            case DType::F32: return check(23, 8);
            case DType::F16: return check(10, 5);
            case DType::BF16: return check(7, 8);
            case DType::F8_E5M2: return check(2, 5);
            case DType::F8_E4M3: return (bits & 0x7F) == 0x7F ? 1 : 0;  // the "fn" variant: no infinities
            default: return 0;
        }
    }
    void scan(const safetensors::TensorInfo& t, std::string_view bytes, std::uint64_t pos) {
        const std::size_t size = safetensors::dtypeSize(t.dtype);
        const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
        std::size_t i = 0;
        // Finish an element cut by the previous chunk.
        while (!carry_.empty() && i < bytes.size()) {
            carry_.push_back(data[i++]);
            if (carry_.size() == size) {
                report(t, classify(t.dtype, carry_.data()), (pos + i - t.begin) / size - 1);
                carry_.clear();
            }
        }
        for (; i + size <= bytes.size() && !finding_; i += size) {
            if (const int kind = classify(t.dtype, data + i); kind != 0) report(t, kind, (pos + i - t.begin) / size);
        }
        for (; i < bytes.size(); ++i) carry_.push_back(data[i]);
    }
    void report(const safetensors::TensorInfo& t, int kind, std::uint64_t element) {
        if (kind == 0 || finding_) return;
        finding_ = "tensor \"" + t.name + "\" holds " +
                   (kind == 1 ? std::string("a NaN (not-a-number) value") : std::string("an infinite value")) +
                   " at element " + std::to_string(element) + " of " + std::to_string(t.numel());
    }

    safetensors::Header header_;
    std::size_t tensor_ = 0;
    std::vector<unsigned char> carry_;
    std::optional<std::string> finding_;
};

Result<VerifiedPackage> verifySource(const ByteSource& source, const VerifyParams& params,
                                     const Staging* staging) {
    if (params.trustedKeys == nullptr) {
        return refused(ErrorKind::InvalidInput, "no trusted publisher keys were given to verify the package");
    }
    if (sodium_init() < 0) return refused(ErrorKind::Internal, "libsodium failed to initialise");
    TarReader reader(source);

    // 1. Only the fixed-format entries are read before the signature check (PKG-2, PKG-4, ARC-1).
    OFFSITE_ASSIGN_OR_RETURN(const TarEntry manifestEntry, reader.next());
    if (manifestEntry.name.empty())
        return refused(ErrorKind::InvalidInput, "package is empty: it holds no files");
    if (manifestEntry.name != kManifestName) {
        return refused(ErrorKind::InvalidInput, "the first entry must be manifest.json, not \"" +
                                                    manifestEntry.name +
                                                    "\"; this is not an Offsite package");
    }
    OFFSITE_ASSIGN_OR_RETURN(std::string manifestBytes,
                             reader.readAll(manifestEntry, kManifestMaxBytes, "manifest.json"));
    OFFSITE_ASSIGN_OR_RETURN(const TarEntry signatureEntry, reader.next());
    if (signatureEntry.name != kSignatureName) {
        return refused(
            ErrorKind::Integrity,
            "package is not signed: manifest.json.minisig must be the second entry; do not trust it");
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::string signatureText,
                             reader.readAll(signatureEntry, kSignatureMaxBytes, "manifest.json.minisig"));

    // 2. Signature over the manifest's raw bytes, with a key pinned for some publisher (PKG-3, PKG-10).
    auto signature = crypto::parseMinisignSignature(signatureText);
    if (!signature.ok()) return signature.error().withContext("manifest.json.minisig");
    const PinnedKey* pinned = params.trustedKeys->findByKeyId(signature->keyId);
    if (pinned == nullptr) {
        return refused(ErrorKind::Integrity, "manifest.json.minisig: unknown key id " +
                                                 signature->keyId.display() +
                                                 ": no trusted publisher key has this id");
    }
    auto verified = crypto::verifyBytes(crypto::asBytes(manifestBytes), *signature, pinned->key);
    if (!verified.ok()) return verified.error().withContext("manifest.json signature check");

    // 3. Schema, then the bindings between manifest, signature and pinned key (PKG-4, PKG-7).
    OFFSITE_ASSIGN_OR_RETURN(Manifest manifest, parseManifest(manifestBytes));
    if (manifest.specVersion < kManifestSpecVersion) {
        // ST-3: without the signed tensor layout the weights cannot be checked against what the publisher made.
        return refused(ErrorKind::Unsupported,
                       "manifest.json: this package was made by an older owner tool (package format " +
                           std::to_string(manifest.specVersion) +
                           ", which does not record the tensor layout of the adapter and emulator), so its weights "
                           "cannot be checked and it is refused. Ask the publisher to repack the model with a "
                           "current Offsite Studio (`offsite owner pack` writes package format " +
                           std::to_string(kManifestSpecVersion) + ") and send you the new package");
    }
    if (!pinned->publisherId.empty() && manifest.publisherId != pinned->publisherId) {
        return refused(ErrorKind::Integrity, "manifest.json claims publisher \"" + manifest.publisherId +
                                                 "\" but is signed by the key pinned for publisher \"" +
                                                 pinned->publisherId + "\"; refused");
    }
    if (manifest.publisherKeyId != signature->keyId.display()) {
        return refused(ErrorKind::Integrity, "manifest.json names key id " + manifest.publisherKeyId +
                                                 " but is signed by key id " + signature->keyId.display());
    }
    if (verified->trustedComment != trustedCommentFor(manifest)) {
        return refused(ErrorKind::Integrity,
                       "manifest.json.minisig: the trusted comment does not repeat the "
                       "manifest's model_id, package_version and created_at");
    }
    // 4. Expiry against a clock that cannot be wound back below the floor (PKG-6).
    const std::int64_t effectiveNow = std::max(params.now, params.trustedTimeFloor);
    const bool expired = manifest.expiresAt <= effectiveNow;
    if (expired && params.expiry != ExpiryPolicy::AcceptExpired) {
        return refused(ErrorKind::Integrity,
                       "package expired: manifest.json expires_at " + std::to_string(manifest.expiresAt) +
                           " is not after the current time " + std::to_string(effectiveNow) +
                           "; ask the publisher for a current package (an administrator can accept it anyway "
                           "with --override-expiry REASON, which the audit log records)");
    }
    std::uint64_t totalBytes = 0;
    for (const ManifestFile& file : manifest.files) totalBytes += file.size;
    if (totalBytes > kPackageMaxPayloadBytes) {
        return refused(ErrorKind::LimitExceeded, "manifest.json lists more than 64 GiB of payload files");
    }
    const std::string publisherId = pinned->publisherId.empty() ? manifest.publisherId : pinned->publisherId;
    if (params.beforePayloads) {
        VerifiedPackage signedPart;
        signedPart.manifest = manifest;
        signedPart.manifestBytes = manifestBytes;
        signedPart.publisherId = publisherId;
        signedPart.keyId = signature->keyId;
        OFFSITE_TRY(params.beforePayloads(signedPart));
    }
    if (staging != nullptr) {
        OFFSITE_TRY(staging->writeFile(std::string(kManifestName), manifestBytes));
        OFFSITE_TRY(staging->writeFile(std::string(kSignatureName), signatureText));
    }

    // 5. Every payload streamed through SHA-256 against its signed size and hash (PKG-1, ARC-2). Key-change
    // files may come first; they carry their own signatures and were checked by the importer (PKG-8).
    std::vector<bool> seen(manifest.files.size(), false);
    std::uint64_t bytesDone = 0;
    bool payloadSeen = false;
    std::size_t keyRotationFiles = 0;
    while (true) {
        OFFSITE_ASSIGN_OR_RETURN(const TarEntry entry, reader.next());
        if (entry.name.empty()) break;
        if (!payloadSeen && isKeyRotationFileName(entry.name)) {
            if (++keyRotationFiles > kKeyRotationMaxFiles) {
                return refused(ErrorKind::LimitExceeded,
                               entry.name + ": more than 64 key change files (publisher-keys.v*) are refused");
            }
            OFFSITE_TRY(reader.readAll(entry, kKeyRotationMaxBytes, entry.name));
            continue;
        }
        payloadSeen = true;
        const auto it = std::find_if(manifest.files.begin(), manifest.files.end(),
                                     [&](const ManifestFile& f) { return f.path == entry.name; });
        if (it == manifest.files.end()) {
            return refused(ErrorKind::Integrity, entry.name +
                                                     ": not listed in the signed manifest (an extra or "
                                                     "renamed file); the package was changed after signing");
        }
        const ManifestFile& file = *it;
        seen[static_cast<std::size_t>(it - manifest.files.begin())] = true;
        if (entry.size != file.size) {
            return refused(ErrorKind::Integrity, file.path + ": size check failed: the package holds " +
                                                     std::to_string(entry.size) +
                                                     " bytes, the signed manifest "
                                                     "lists " +
                                                     std::to_string(file.size));
        }
        const bool weights = file.role == FileRole::Adapter || file.role == FileRole::Emulator;
        if (!weights && file.size > kJsonPayloadMaxBytes) {
            return refused(ErrorKind::LimitExceeded,
                           file.path + ": JSON check failed: JSON files over 64 MiB are refused");
        }
        std::string jsonText;
        if (!weights) jsonText.reserve(static_cast<std::size_t>(file.size));
        Sha256 hasher;
        SafetensorsPrefix prefix(file.size);
        std::optional<NonFiniteScanner> values;
        bool headerChecked = false;
        // ST-3: the header's layout differs from the signed one; nothing more is written or scanned, the rest
        // is only hashed so that a damaged file is reported as damaged.
        std::optional<std::string> layoutMismatch;
        std::uint64_t counted = 0;
        std::optional<UniqueFd> out;
        if (staging != nullptr) {
            OFFSITE_ASSIGN_OR_RETURN(const int raw, staging->createFile(file.path));
            out.emplace(raw);
        }
        OFFSITE_TRY(reader.readData(entry, [&](std::string_view chunk) -> Status {
            counted += chunk.size();
            if (counted > file.size) {
                return refused(ErrorKind::LimitExceeded, file.path +
                                                             ": size check failed: more bytes than the "
                                                             "signed manifest lists");
            }
            hasher.update(chunk);
            if (weights) {
                prefix.update(chunk);
                if (!headerChecked && prefix.complete()) {
                    headerChecked = true;
                    // A header that does not parse is reported after the hash check, below. One that parses
                    // is checked against the signed layout before any of its data is written.
                    auto header = safetensors::parseHeader(prefix.bytes(), file.size, {}, file.path);
                    if (header.ok()) {
                        layoutMismatch = layoutDifference(*header, file.tensors);
                        if (!layoutMismatch) values.emplace(std::move(*header));
                    }
                }
                if (values) values->update(chunk, counted - chunk.size());
            }
            if (!weights) jsonText.append(chunk);
            bytesDone += chunk.size();
            if (params.progress && !params.progress(bytesDone, totalBytes)) {
                return refused(ErrorKind::Cancelled, "verification cancelled; nothing was imported");
            }
            if (out && !layoutMismatch) return writeAll(out->get(), chunk, file.path);
            return {};
        }));
        if (counted != file.size) {
            return refused(ErrorKind::Integrity, file.path + ": size check failed: read " +
                                                     std::to_string(counted) + " bytes, expected " +
                                                     std::to_string(file.size));
        }
        if (hasher.finishHex() != file.sha256) {
            return refused(ErrorKind::Integrity, file.path +
                                                     ": SHA-256 check failed: the content differs "
                                                     "from the signed manifest (damaged or altered)");
        }
        if (layoutMismatch) {
            return layoutRefused(file.path, *layoutMismatch);
        }
        if (out) {
            if (::fsync(out->get()) != 0) return refused(ErrorKind::Io, "fsync of " + file.path + " failed");
            OFFSITE_TRY(out->close(file.path));
        }
        if (weights) {
            // ST-1/ST-2: even a correctly signed file must be a strict safetensors file, never a pickle.
            auto header = safetensors::parseHeader(prefix.bytes(), file.size, {}, file.path);
            if (!header.ok()) return header.error().withContext(file.path + ": safetensors check failed");
            // (A header that parsed mid-stream was checked against the layout there; this catches one that only
            // completes with the last byte.)
            if (auto difference = layoutDifference(*header, file.tensors)) {
                return layoutRefused(file.path, *difference);
            }
            if (values && values->finding()) {
                return refused(ErrorKind::InvalidInput,
                               file.path + ": value check failed: " + *values->finding() +
                                   ". Weights must be finite numbers; NaN or infinite weights make training "
                                   "produce garbage. The publisher signed the file this way, so ask them for a "
                                   "corrected package");
            }
        } else {
            // ST-4: strict JSON within size and depth limits, and no pointer to custom model code.
            auto parsed = json::parse(jsonText);
            if (!parsed.ok()) return parsed.error().withContext(file.path + ": JSON check failed");
            if (file.role == FileRole::Config && parsed->find("auto_map") != nullptr) {
                return refused(ErrorKind::InvalidInput,
                               file.path +
                                   ": JSON check failed: \"auto_map\" points to custom model code, "
                                   "which packages may not carry");
            }
        }
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        if (!seen[i]) {
            return refused(ErrorKind::Integrity, manifest.files[i].path +
                                                     ": listed in the signed manifest but missing from the "
                                                     "package");
        }
    }
    VerifiedPackage result;
    result.manifest = std::move(manifest);
    result.manifestBytes = std::move(manifestBytes);
    result.publisherId = publisherId;
    result.keyId = signature->keyId;
    if (expired) result.acceptedExpiredAt = effectiveNow;
    return result;
}

Result<std::string> hashFile(const fs::path& path, std::uint64_t& size) {
    const int raw = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (raw < 0)
        return refused(ErrorKind::Io, "cannot open " + displayName(path) + ": " + std::strerror(errno));
    UniqueFd fd(raw);
    Sha256 hasher;
    std::string buffer(kReadChunkBytes, '\0');
    size = 0;
    while (true) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return refused(ErrorKind::Io, "reading " + displayName(path) + " failed");
        if (n == 0) break;
        hasher.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
        size += static_cast<std::uint64_t>(n);
    }
    return hasher.finishHex();
}

Status appendFile(AtomicFileWriter& writer, const fs::path& path, const ManifestFile& file) {
    const int raw = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (raw < 0) return refused(ErrorKind::Io, "cannot open " + file.path + ": " + std::strerror(errno));
    UniqueFd fd(raw);
    Sha256 hasher;
    std::string buffer(kReadChunkBytes, '\0');
    std::uint64_t size = 0;
    while (size <= file.size) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return refused(ErrorKind::Io, "reading " + file.path + " failed");
        if (n == 0) break;
        const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        size += chunk.size();
        if (size > file.size) break;
        hasher.update(chunk);
        OFFSITE_TRY(writer.write(chunk));
    }
    if (size != file.size || hasher.finishHex() != file.sha256) {
        return refused(ErrorKind::Integrity, file.path + " changed while the package was being written");
    }
    return writer.write(tarPadding(file.size));
}

}  // namespace

const PinnedKey* TrustedKeys::findByKeyId(const crypto::KeyId& keyId) const {
    const auto it =
        std::find_if(keys.begin(), keys.end(), [&](const PinnedKey& k) { return k.key.keyId == keyId; });
    return it == keys.end() ? nullptr : &*it;
}

Result<FileRole> roleForFileName(std::string_view name) {
    if (name.ends_with(".safetensors")) {
        if (name.find("adapter") != std::string_view::npos) return FileRole::Adapter;
        if (name.find("emulator") != std::string_view::npos) return FileRole::Emulator;
        return refused(ErrorKind::InvalidInput,
                       std::string(name) +
                           ": cannot tell whether this is the adapter or the emulator "
                           "(the name must contain \"adapter\" or \"emulator\")");
    }
    if (name == "config.json" || name == "generation_config.json") return FileRole::Config;
    if (name == "tokenizer.json" || name == "tokenizer_config.json" || name == "special_tokens_map.json") {
        return FileRole::Tokenizer;
    }
    if (name == "split.json" || name == "model.safetensors.index.json") return FileRole::Split;
    return refused(ErrorKind::InvalidInput,
                   std::string(name) +
                       ": not a file a package may carry (only safetensors weights and the "
                       "config, tokenizer and split JSON files; never code or pickles)");
}

Result<Manifest> writePackage(const PackParams& params) {
    if (params.signingKey == nullptr) return refused(ErrorKind::InvalidInput, "no signing key was given");
    if (sodium_init() < 0) return refused(ErrorKind::Internal, "libsodium failed to initialise");
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(params.inputFolder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto status = it->symlink_status(ec);
        if (ec) break;
        if (!fs::is_regular_file(status)) {
            return refused(ErrorKind::InvalidInput, name + " in " + params.inputFolder.string() +
                                                        " is not a regular file (folders and links cannot be "
                                                        "packed)");
        }
        names.push_back(name);
    }
    if (ec) {
        return refused(ErrorKind::Io, "cannot list " + params.inputFolder.string() + ": " + ec.message());
    }
    std::sort(names.begin(), names.end());
    Manifest manifest;
    manifest.publisherId = params.publisherId;
    manifest.publisherKeyId = params.signingKey->keyId().display();
    manifest.modelId = params.modelId;
    manifest.packageVersion = params.packageVersion;
    manifest.createdAt = params.createdAt;
    manifest.expiresAt = params.expiresAt;
    manifest.minAppVersion = params.minAppVersion;
    manifest.architecture = params.architecture;
    manifest.split = params.split;
    manifest.exportRecipient = params.exportRecipient;
    manifest.licence = params.licence;
    for (const std::string& name : names) {
        if (auto status = checkEntryName(name); !status.ok()) return status.error().withContext("packing");
        OFFSITE_ASSIGN_OR_RETURN(const FileRole role, roleForFileName(name));
        const fs::path path = params.inputFolder / name;
        ManifestFile entry;
        if (role == FileRole::Adapter || role == FileRole::Emulator) {
            auto file = safetensors::File::open(path);
            if (!file.ok()) return file.error().withContext("packing " + name);
            entry.tensors = layoutOf(file->header());  // ST-3: the layout the importer checks
        }
        entry.path = name;
        entry.role = role;
        OFFSITE_ASSIGN_OR_RETURN(entry.sha256, hashFile(path, entry.size));
        manifest.files.push_back(std::move(entry));
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::string manifestBytes, serializeManifest(manifest));
    crypto::SignatureComments comments;
    comments.trusted = trustedCommentFor(manifest);
    comments.untrusted = "offsite package signature from " + manifest.publisherKeyId;
    OFFSITE_ASSIGN_OR_RETURN(const crypto::MinisignSignature signature,
                             params.signingKey->signBytes(crypto::asBytes(manifestBytes), comments));
    const std::string signatureText = crypto::formatMinisignSignature(signature);

    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::create(params.outputPath));
    auto addMemory = [&](std::string_view name, const std::string& bytes) -> Status {
        OFFSITE_ASSIGN_OR_RETURN(
            const std::string header,
            makeTarHeader(TarHeaderFields{std::string(name), bytes.size(), '0', 0644, {}}));
        OFFSITE_TRY(writer.write(header));
        OFFSITE_TRY(writer.write(bytes));
        return writer.write(tarPadding(bytes.size()));
    };
    OFFSITE_TRY(addMemory(kManifestName, manifestBytes));
    OFFSITE_TRY(addMemory(kSignatureName, signatureText));
    for (const SignedKeyRotation& rotation : params.keyRotations) {
        OFFSITE_TRY(parseKeyRotation(rotation.documentBytes, rotation.documentName));
        for (const auto& [name, unused] : rotation.signatures) {
            if (auto status = checkEntryName(name); !status.ok()) return status.error().withContext("packing");
        }
        OFFSITE_TRY(addMemory(rotation.documentName, rotation.documentBytes));
        for (const auto& [name, text] : rotation.signatures) OFFSITE_TRY(addMemory(name, text));
    }
    for (const ManifestFile& file : manifest.files) {
        OFFSITE_ASSIGN_OR_RETURN(const std::string header,
                                 makeTarHeader(TarHeaderFields{file.path, file.size, '0', 0644, {}}));
        OFFSITE_TRY(writer.write(header));
        OFFSITE_TRY(appendFile(writer, params.inputFolder / file.path, file));
    }
    OFFSITE_TRY(writer.write(tarEndOfArchive()));
    OFFSITE_TRY(writer.commit());
    return manifest;
}

Result<VerifiedPackage> verifyPackage(const fs::path& packagePath, const VerifyParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(const std::unique_ptr<ByteSource> source, openFileSource(packagePath));
    auto result = verifySource(*source, params, nullptr);
    if (!result.ok()) return result.error().withContext("package " + displayName(packagePath) + " refused");
    return result;
}

Result<VerifiedPackage> verifyPackageBytes(std::string_view packageBytes, const VerifyParams& params) {
    const std::unique_ptr<ByteSource> source = memorySource(packageBytes);
    auto result = verifySource(*source, params, nullptr);
    if (!result.ok()) return result.error().withContext("package refused");
    return result;
}

Result<std::vector<SignedKeyRotation>> readKeyRotations(const fs::path& packagePath) {
    OFFSITE_ASSIGN_OR_RETURN(const std::unique_ptr<ByteSource> source, openFileSource(packagePath));
    TarReader reader(*source);
    const std::string where = "package " + displayName(packagePath) + " refused";
    std::vector<std::pair<std::string, std::string>> files;
    for (std::size_t index = 0;; ++index) {
        auto entry = reader.next();
        if (!entry.ok()) return entry.error().withContext(where);
        // The first two entries are the manifest and its signature, which verification reads.
        if (index < 2) {
            if (entry->name.empty()) break;
            continue;
        }
        if (entry->name.empty() || !isKeyRotationFileName(entry->name)) break;
        if (files.size() >= kKeyRotationMaxFiles) {
            return refused(ErrorKind::LimitExceeded,
                           where + ": more than 64 key change files (publisher-keys.v*)");
        }
        auto bytes = reader.readAll(*entry, kKeyRotationMaxBytes, entry->name);
        if (!bytes.ok()) return bytes.error().withContext(where);
        files.emplace_back(entry->name, std::move(*bytes));
    }
    auto grouped = groupKeyRotationFiles(std::move(files));
    if (!grouped.ok()) return grouped.error().withContext(where);
    return grouped;
}

Result<VerifiedPackage> extractPackage(const fs::path& packagePath, const fs::path& destination,
                                       const VerifyParams& params) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(destination, ec))) {
        return refused(ErrorKind::InvalidInput,
                       destination.string() + " already exists; choose a new folder");
    }
    const fs::path parent = destination.parent_path().empty() ? fs::path(".") : destination.parent_path();
    if (!fs::is_directory(parent, ec)) {
        return refused(ErrorKind::NotFound, "the folder " + parent.string() + " does not exist");
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::unique_ptr<ByteSource> source, openFileSource(packagePath));
    OFFSITE_ASSIGN_OR_RETURN(std::unique_ptr<Staging> staging, Staging::create(destination));
    auto result = verifySource(*source, params, staging.get());
    if (!result.ok()) return result.error().withContext("package " + displayName(packagePath) + " refused");
    OFFSITE_TRY(staging->publish(destination));
    return result;
}

}  // namespace offsite::package

// age v1 with X25519 recipients on libsodium 1.0.18 (HKDF from primitives.cpp). The decoder follows the
// spec's MUSTs and is deliberately strict: caps before crypto, canonical base64, exact body size, no all-zero
// shared secret, and a payload that must end with exactly one authenticated final chunk.
#include "core/crypto/age.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/base/file_io.h"
#include "core/crypto/encoding.h"

namespace offsite::crypto {
namespace {

constexpr std::string_view kVersionLine = "age-encryption.org/v1";
constexpr std::string_view kX25519Info = "age-encryption.org/v1/X25519";
constexpr std::string_view kRecipientPrefix = "age";
constexpr std::string_view kIdentityPrefix = "age-secret-key-";
constexpr std::size_t kFileKeyBytes = 16;
constexpr std::size_t kPayloadNonceBytes = 16;
constexpr std::size_t kChunkCipherBytes = kAgeChunkBytes + kAeadTagBytes;
constexpr std::size_t kBodyLineChars = 64;

Error malformed(std::string message) {
    return makeError(ErrorKind::InvalidInput, "malformed age header: " + std::move(message));
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

// ---- byte sources and sinks, so one streaming implementation serves files and memory ----

class Source {
public:
    virtual ~Source() = default;
    // Reads up to out.size() bytes; 0 means end of input.
    virtual Result<std::size_t> read(std::span<std::uint8_t> out) = 0;
};

class MemorySource final : public Source {
public:
    explicit MemorySource(ByteSpan bytes) : bytes_(bytes) {}
    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        const std::size_t n = std::min(out.size(), bytes_.size() - pos_);
        if (n > 0) std::memcpy(out.data(), bytes_.data() + pos_, n);
        pos_ += n;
        return n;
    }

private:
    ByteSpan bytes_;
    std::size_t pos_ = 0;
};

class FileSource final : public Source {
public:
    ~FileSource() override {
        if (fd_ >= 0) ::close(fd_);
    }
    static Result<std::unique_ptr<FileSource>> open(const std::filesystem::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            const int err = errno;
            return makeError(err == ENOENT ? ErrorKind::NotFound : ErrorKind::Io,
                             path.string() + ": cannot open the input file (" + std::strerror(err) + ")");
        }
        auto source = std::unique_ptr<FileSource>(new FileSource());
        source->fd_ = fd;
        source->path_ = path;
        return source;
    }
    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        for (;;) {
            const ssize_t n = ::read(fd_, out.data(), out.size());
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno != EINTR) {
                return makeError(ErrorKind::Io,
                                 path_.string() + ": read error (" + std::strerror(errno) + ")");
            }
        }
    }

private:
    FileSource() = default;
    int fd_ = -1;
    std::filesystem::path path_;
};

// Adds line reads and exact reads (up to EOF) on top of a Source.
class Reader {
public:
    explicit Reader(Source& source) : source_(source), buffer_(kChunkCipherBytes) {}

    // Fills `out` completely unless the input ends first; returns the number of bytes read.
    Result<std::size_t> readFull(std::span<std::uint8_t> out) {
        std::size_t done = 0;
        while (done < out.size()) {
            if (pos_ == end_) {
                OFFSITE_TRY(refill());
                if (end_ == 0) break;
            }
            const std::size_t n = std::min(out.size() - done, end_ - pos_);
            std::memcpy(out.data() + done, buffer_.data() + pos_, n);
            pos_ += n;
            done += n;
        }
        return done;
    }

    // Appends one line including its '\n' to `out`; fails if the line would push `out` beyond maxBytes or the
    // input ends before a newline.
    Status readLine(std::string& out, std::size_t maxBytes) {
        for (;;) {
            if (pos_ == end_) {
                OFFSITE_TRY(refill());
                if (end_ == 0)
                    return malformed("the file ends inside the header (truncated or not an age file)");
            }
            const char c = static_cast<char>(buffer_[pos_++]);
            if (out.size() >= maxBytes) {
                return makeError(ErrorKind::LimitExceeded,
                                 "the age header is larger than " + std::to_string(maxBytes / 1024) +
                                     " KiB; refusing it before doing any cryptography");
            }
            out.push_back(c);
            if (c == '\n') return {};
        }
    }

private:
    Status refill() {
        pos_ = 0;
        end_ = 0;
        OFFSITE_ASSIGN_OR_RETURN(end_, source_.read(buffer_));
        return {};
    }
    Source& source_;
    std::vector<std::uint8_t> buffer_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual Status write(ByteSpan bytes) = 0;
};

class VectorSink final : public Sink {
public:
    explicit VectorSink(Bytes& out) : out_(out) {}
    Status write(ByteSpan bytes) override {
        out_.insert(out_.end(), bytes.begin(), bytes.end());
        return {};
    }

private:
    Bytes& out_;
};

class AtomicSink final : public Sink {
public:
    explicit AtomicSink(AtomicFileWriter& writer) : writer_(writer) {}
    Status write(ByteSpan bytes) override {
        return writer_.write(
            std::span<const std::byte>(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()));
    }

private:
    AtomicFileWriter& writer_;
};

class CallbackSource final : public Source {
public:
    explicit CallbackSource(const AgeRead& read) : read_(read) {}
    Result<std::size_t> read(std::span<std::uint8_t> out) override { return read_(out); }

private:
    const AgeRead& read_;
};

class CallbackSink final : public Sink {
public:
    explicit CallbackSink(const AgeWrite& write) : write_(write) {}
    Status write(ByteSpan bytes) override { return write_(bytes); }

private:
    const AgeWrite& write_;
};

Error cancelled() {
    return makeError(ErrorKind::Cancelled, "cancelled; nothing was written");
}

// Reports plaintext progress while encrypting (bytes read) and lets the callback cancel.
class ProgressSource final : public Source {
public:
    ProgressSource(Source& inner, const AgeProgress& progress) : inner_(inner), progress_(progress) {}
    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        OFFSITE_ASSIGN_OR_RETURN(const std::size_t n, inner_.read(out));
        total_ += n;
        if (progress_ && !progress_(total_)) return cancelled();
        return n;
    }

private:
    Source& inner_;
    const AgeProgress& progress_;
    std::uint64_t total_ = 0;
};

// Reports plaintext progress while decrypting (bytes written) and lets the callback cancel.
class ProgressSink final : public Sink {
public:
    ProgressSink(Sink& inner, const AgeProgress& progress) : inner_(inner), progress_(progress) {}
    Status write(ByteSpan bytes) override {
        OFFSITE_TRY(inner_.write(bytes));
        total_ += bytes.size();
        if (progress_ && !progress_(total_)) return cancelled();
        return {};
    }

private:
    Sink& inner_;
    const AgeProgress& progress_;
    std::uint64_t total_ = 0;
};

// ---- keys ----

std::array<std::uint8_t, kAeadNonceBytes> chunkNonce(std::uint64_t counter, bool last) {
    std::array<std::uint8_t, kAeadNonceBytes> nonce{};
    // 11-byte big-endian counter; 64 bits of it are far more chunks than any file has.
    for (int i = 0; i < 8; ++i) nonce[10 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
    nonce[11] = last ? 1 : 0;
    return nonce;
}

Result<SecretBytes> deriveKey(ByteSpan fileKey, ByteSpan salt, std::string_view info) {
    OFFSITE_ASSIGN_OR_RETURN(Bytes key, hkdfSha256(fileKey, salt, asBytes(info), 32));
    auto secret = SecretBytes::copyOf(key);
    sodium_memzero(key.data(), key.size());
    return secret;
}

std::span<const std::uint8_t, 32> key32(const SecretBytes::Access& access) {
    return std::span<const std::uint8_t, 32>(access.data(), 32);
}

Result<std::array<std::uint8_t, 32>> headerMac(ByteSpan fileKey, std::string_view macInput) {
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes macKey, deriveKey(fileKey, {}, "header"));
    const SecretBytes::Access access(macKey);
    return hmacSha256(access.bytes(), asBytes(macInput));
}

Result<Bytes> wrapKeyFor(ByteSpan sharedSecret, ByteSpan share, ByteSpan recipient) {
    Bytes salt(share.begin(), share.end());
    salt.insert(salt.end(), recipient.begin(), recipient.end());
    return hkdfSha256(sharedSecret, salt, asBytes(kX25519Info), 32);
}

// ---- header ----

Status checkArgument(std::string_view arg) {
    if (arg.empty()) return malformed("a stanza has an empty argument (double space?)");
    for (const char c : arg) {
        if (c < 0x21 || c > 0x7e) return malformed("a stanza argument contains a non-printable character");
    }
    return {};
}

struct X25519Stanza {
    std::array<std::uint8_t, 32> share{};
    std::array<std::uint8_t, 32> body{};
};

Result<std::vector<X25519Stanza>> x25519Stanzas(const AgeHeader& header) {
    std::vector<X25519Stanza> out;
    for (const AgeStanza& stanza : header.stanzas) {
        if (stanza.args.empty() || stanza.args[0] != "X25519") continue;
        if (stanza.args.size() != 2) return malformed("an X25519 stanza must have exactly one argument");
        auto share = base64Decode(stanza.args[1], Base64Padding::Unpadded);
        if (!share.ok()) return share.error().withContext("malformed age header: X25519 share");
        if (share->size() != 32) return malformed("an X25519 share is not 32 bytes");
        // Checked before any decryption: a wrapped file key is exactly 16 bytes plus the 16-byte tag.
        if (stanza.body.size() != 32) return malformed("an X25519 stanza body is not exactly 32 bytes");
        X25519Stanza parsed;
        std::memcpy(parsed.share.data(), share->data(), 32);
        std::memcpy(parsed.body.data(), stanza.body.data(), 32);
        out.push_back(parsed);
    }
    return out;
}

Result<std::string> readHeaderText(Reader& reader) {
    std::string header;
    // The first line decides quickly whether this is an age v1 file at all (not 64 KiB of something else).
    const Status first = reader.readLine(header, kVersionLine.size() + 2);
    if (!first.ok() || header != std::string(kVersionLine) + "\n") {
        if (header.empty() || header.back() != '\n') header.push_back('\n');
        auto parsed = parseAgeHeader(header);
        if (!parsed.ok()) return parsed.error();
        return malformed("unexpected first line");
    }
    std::size_t stanzaLines = 0;
    for (;;) {
        const std::size_t lineStart = header.size();
        OFFSITE_TRY(reader.readLine(header, kAgeMaxHeaderBytes));
        const std::string_view line = std::string_view(header).substr(lineStart);
        if (startsWith(line, "-> ") && ++stanzaLines > kAgeMaxStanzas) {
            return makeError(ErrorKind::LimitExceeded,
                             "the age header has more than " + std::to_string(kAgeMaxStanzas) +
                                 " recipient stanzas; refusing it before doing any cryptography");
        }
        if (startsWith(line, "---")) return header;
    }
}

// ---- payload ----

Status encryptPayload(Reader& reader, Sink& sink, ByteSpan fileKey) {
    std::array<std::uint8_t, kPayloadNonceBytes> nonce{};
    randomBytes(nonce);
    OFFSITE_TRY(sink.write(nonce));
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes payloadKey, deriveKey(fileKey, nonce, "payload"));
    const SecretBytes::Access access(payloadKey);

    Bytes current(kAgeChunkBytes);
    Bytes next(kAgeChunkBytes);
    OFFSITE_ASSIGN_OR_RETURN(std::size_t currentSize, reader.readFull(current));
    std::uint64_t counter = 0;
    for (;;) {
        std::size_t nextSize = 0;
        // Only a full chunk can be followed by more data; look ahead to know whether this one is the last.
        if (currentSize == kAgeChunkBytes) {
            OFFSITE_ASSIGN_OR_RETURN(nextSize, reader.readFull(next));
        }
        const bool last = nextSize == 0;
        const auto chunkNonceBytes = chunkNonce(counter, last);
        const Bytes sealed =
            aeadEncrypt(ByteSpan(current.data(), currentSize), {}, chunkNonceBytes, key32(access));
        OFFSITE_TRY(sink.write(sealed));
        if (last) break;
        std::swap(current, next);
        currentSize = nextSize;
        ++counter;
    }
    sodium_memzero(current.data(), current.size());
    sodium_memzero(next.data(), next.size());
    return {};
}

Error chunkError(std::uint64_t counter) {
    return makeError(
        ErrorKind::Integrity,
        "chunk " + std::to_string(counter) +
            " of the encrypted payload failed authentication: the file was modified, chunks were "
            "reordered, removed or duplicated, or it was cut short");
}

Status decryptPayload(Reader& reader, Sink& sink, ByteSpan fileKey) {
    std::array<std::uint8_t, kPayloadNonceBytes> nonce{};
    OFFSITE_ASSIGN_OR_RETURN(std::size_t nonceSize, reader.readFull(nonce));
    if (nonceSize != nonce.size()) {
        return makeError(ErrorKind::Integrity,
                         "the encrypted file is truncated: it ends before the payload starts");
    }
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes payloadKey, deriveKey(fileKey, nonce, "payload"));
    const SecretBytes::Access access(payloadKey);

    Bytes current(kChunkCipherBytes);
    Bytes next(kChunkCipherBytes);
    Bytes plain;
    OFFSITE_ASSIGN_OR_RETURN(std::size_t currentSize, reader.readFull(current));
    std::uint64_t counter = 0;
    for (;;) {
        if (currentSize == 0 && counter > 0) {
            return makeError(ErrorKind::Integrity,
                             "the encrypted file is truncated: it ends at a chunk boundary without the final "
                             "chunk");
        }
        if (currentSize < kAeadTagBytes) {
            return makeError(ErrorKind::Integrity, "the encrypted file is truncated: chunk " +
                                                       std::to_string(counter) +
                                                       " is shorter than its authentication tag");
        }
        const ByteSpan chunk(current.data(), currentSize);
        if (currentSize < kChunkCipherBytes) {
            // A short chunk can only be the final one.
            if (!aeadDecrypt(chunk, {}, chunkNonce(counter, true), key32(access), plain).ok()) {
                return chunkError(counter);
            }
            if (plain.empty() && counter > 0) {
                return makeError(
                    ErrorKind::Integrity,
                    "the final chunk is empty, which age forbids after other chunks (the file was "
                    "tampered with)");
            }
            return sink.write(plain);
        }
        OFFSITE_ASSIGN_OR_RETURN(std::size_t nextSize, reader.readFull(next));
        if (nextSize == 0) {
            if (aeadDecrypt(chunk, {}, chunkNonce(counter, true), key32(access), plain).ok()) {
                return sink.write(plain);
            }
            if (aeadDecrypt(chunk, {}, chunkNonce(counter, false), key32(access), plain).ok()) {
                return makeError(
                    ErrorKind::Integrity,
                    "the encrypted file is truncated: it ends at a chunk boundary without the final "
                    "chunk");
            }
            return chunkError(counter);
        }
        if (!aeadDecrypt(chunk, {}, chunkNonce(counter, false), key32(access), plain).ok()) {
            if (aeadDecrypt(chunk, {}, chunkNonce(counter, true), key32(access), plain).ok()) {
                return makeError(
                    ErrorKind::Integrity,
                    "unexpected data after the final chunk of the encrypted payload (the file was "
                    "tampered with or two files were joined)");
            }
            return chunkError(counter);
        }
        OFFSITE_TRY(sink.write(plain));
        std::swap(current, next);
        currentSize = nextSize;
        ++counter;
    }
}

// ---- whole operations ----

Status encryptStream(Reader& reader, Sink& sink, std::span<const AgeRecipient> recipients) {
    OFFSITE_TRY(ensureSodium());
    if (recipients.empty()) return makeError(ErrorKind::InvalidInput, "no recipient to encrypt to");
    if (recipients.size() > kAgeMaxStanzas) {
        return makeError(ErrorKind::LimitExceeded, "too many recipients (at most 128)");
    }
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes fileKey, SecretBytes::allocate(kFileKeyBytes));
    const SecretBytes::Access fileKeyAccess(fileKey);
    randomBytes(fileKeyAccess.bytes());

    std::string header = std::string(kVersionLine) + "\n";
    for (const AgeRecipient& recipient : recipients) {
        // A fresh ephemeral secret for every stanza of every file (ENC-5).
        OFFSITE_ASSIGN_OR_RETURN(SecretBytes ephemeral, SecretBytes::allocate(32));
        const SecretBytes::Access eph(ephemeral);
        randomBytes(eph.bytes());
        std::array<std::uint8_t, 32> share{};
        std::array<std::uint8_t, 32> shared{};
        OFFSITE_TRY(x25519Base(key32(eph), share));
        auto sharedStatus = x25519(key32(eph), recipient.publicKey, shared);
        if (!sharedStatus.ok()) {
            return makeError(ErrorKind::InvalidInput, "the recipient key " + recipient.toString() +
                                                          " is not a usable X25519 public key");
        }
        OFFSITE_ASSIGN_OR_RETURN(Bytes wrapKey, wrapKeyFor(shared, share, recipient.publicKey));
        sodium_memzero(shared.data(), shared.size());
        const std::array<std::uint8_t, kAeadNonceBytes> zeroNonce{};
        const Bytes body = aeadEncrypt(fileKeyAccess.bytes(), {}, zeroNonce,
                                       std::span<const std::uint8_t, 32>(wrapKey.data(), 32));
        sodium_memzero(wrapKey.data(), wrapKey.size());
        header += "-> X25519 " + base64Encode(share, Base64Padding::Unpadded) + "\n" +
                  base64Encode(body, Base64Padding::Unpadded) + "\n";
    }
    header += "---";
    OFFSITE_ASSIGN_OR_RETURN(auto mac, headerMac(fileKeyAccess.bytes(), header));
    header += " " + base64Encode(mac, Base64Padding::Unpadded) + "\n";
    OFFSITE_TRY(sink.write(asBytes(header)));
    return encryptPayload(reader, sink, fileKeyAccess.bytes());
}

Status decryptStream(Reader& reader, Sink& sink, std::span<const AgeIdentity> identities) {
    OFFSITE_TRY(ensureSodium());
    if (identities.empty())
        return makeError(ErrorKind::InvalidInput, "no identity (secret key) to decrypt with");
    OFFSITE_ASSIGN_OR_RETURN(std::string headerText, readHeaderText(reader));
    OFFSITE_ASSIGN_OR_RETURN(AgeHeader header, parseAgeHeader(headerText));
    OFFSITE_ASSIGN_OR_RETURN(std::vector<X25519Stanza> stanzas, x25519Stanzas(header));

    OFFSITE_ASSIGN_OR_RETURN(SecretBytes fileKey, SecretBytes::allocate(kFileKeyBytes));
    const SecretBytes::Access fileKeyAccess(fileKey);
    bool found = false;
    for (const AgeIdentity& identity : identities) {
        const SecretBytes::Access secret(identity.secret());
        for (const X25519Stanza& stanza : stanzas) {
            std::array<std::uint8_t, 32> shared{};
            auto sharedStatus = x25519(key32(secret), stanza.share, shared);
            if (!sharedStatus.ok()) return sharedStatus.error().withContext("age header");
            OFFSITE_ASSIGN_OR_RETURN(Bytes wrapKey,
                                     wrapKeyFor(shared, stanza.share, identity.recipient().publicKey));
            sodium_memzero(shared.data(), shared.size());
            const std::array<std::uint8_t, kAeadNonceBytes> zeroNonce{};
            Bytes unwrapped;
            const Status opened = aeadDecrypt(
                stanza.body, {}, zeroNonce, std::span<const std::uint8_t, 32>(wrapKey.data(), 32), unwrapped);
            sodium_memzero(wrapKey.data(), wrapKey.size());
            if (opened.ok() && unwrapped.size() == kFileKeyBytes) {
                std::memcpy(fileKeyAccess.data(), unwrapped.data(), kFileKeyBytes);
                sodium_memzero(unwrapped.data(), unwrapped.size());
                found = true;
                break;
            }
        }
        if (found) break;
    }
    if (!found) {
        return makeError(
            ErrorKind::NotFound,
            "no identity matched any of the file's recipients: the file was encrypted to a different "
            "key (check that you chose the right secret key file)");
    }
    OFFSITE_ASSIGN_OR_RETURN(
        auto mac,
        headerMac(fileKeyAccess.bytes(), std::string_view(headerText).substr(0, header.macInputBytes)));
    if (!constantTimeEqual(mac, header.mac)) {
        return makeError(ErrorKind::Integrity,
                         "the age header's MAC does not match: the header was modified");
    }
    return decryptPayload(reader, sink, fileKeyAccess.bytes());
}

Status checkDistinctPaths(const std::filesystem::path& input, const std::filesystem::path& output) {
    std::error_code ec;
    const bool same = std::filesystem::equivalent(input, output, ec);
    std::error_code ec1;
    std::error_code ec2;
    const auto a = std::filesystem::weakly_canonical(input, ec1);
    const auto b = std::filesystem::weakly_canonical(output, ec2);
    if ((same && !ec) || (!ec1 && !ec2 && a == b)) {
        return makeError(ErrorKind::InvalidInput,
                         output.string() +
                             ": the output file is the input file; choose another output "
                             "path (writing in place would destroy the input)");
    }
    return {};
}

}  // namespace

Result<AgeRecipient> AgeRecipient::parse(std::string_view text) {
    if (!startsWith(text, "age1")) {
        return makeError(ErrorKind::InvalidInput,
                         "not an age recipient: it must start with \"age1\" (lower case)");
    }
    auto decoded = bech32Decode(text);
    if (!decoded.ok()) return decoded.error().withContext("age recipient");
    if (decoded->humanPart != kRecipientPrefix || decoded->bytes.size() != 32) {
        return makeError(ErrorKind::InvalidInput, "not an X25519 age recipient (wrong prefix or length)");
    }
    AgeRecipient recipient;
    std::memcpy(recipient.publicKey.data(), decoded->bytes.data(), 32);
    return recipient;
}

std::string AgeRecipient::toString() const {
    return bech32Encode(kRecipientPrefix, publicKey);
}

Result<AgeIdentity> AgeIdentity::generate() {
    OFFSITE_ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::allocate(32));
    AgeRecipient recipient;
    {
        const SecretBytes::Access access(secret);
        randomBytes(access.bytes());
        OFFSITE_TRY(x25519Base(key32(access), recipient.publicKey));
    }
    return AgeIdentity(recipient, std::move(secret));
}

Result<AgeIdentity> AgeIdentity::fromSecret(SecretBytes secret) {
    if (secret.size() != 32) return makeError(ErrorKind::InvalidInput, "an X25519 secret key must be 32 bytes");
    AgeRecipient recipient;
    {
        const SecretBytes::Access access(secret);
        OFFSITE_TRY(x25519Base(key32(access), recipient.publicKey));
    }
    return AgeIdentity(recipient, std::move(secret));
}

Result<AgeIdentity> AgeIdentity::parse(std::string_view text) {
    if (!startsWith(text, "AGE-SECRET-KEY-1")) {
        return makeError(ErrorKind::InvalidInput,
                         "not an age identity: it must start with \"AGE-SECRET-KEY-1\" (upper case)");
    }
    auto decoded = bech32Decode(text);
    if (!decoded.ok()) return decoded.error().withContext("age identity");
    Bytes& bytes = decoded->bytes;
    if (decoded->humanPart != kIdentityPrefix || bytes.size() != 32) {
        sodium_memzero(bytes.data(), bytes.size());
        return makeError(ErrorKind::InvalidInput, "not an X25519 age identity (wrong prefix or length)");
    }
    auto secret = SecretBytes::copyOf(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    if (!secret.ok()) return secret.error();
    AgeRecipient recipient;
    {
        const SecretBytes::Access access(*secret);
        OFFSITE_TRY(x25519Base(key32(access), recipient.publicKey));
    }
    return AgeIdentity(recipient, std::move(secret).value());
}

std::string AgeIdentity::encodeSecret() const {
    const SecretBytes::Access access(secret_);
    std::string text = bech32Encode(kIdentityPrefix, access.bytes());
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return text;
}

Result<std::vector<AgeIdentity>> parseAgeIdentityFile(std::string_view text) {
    std::vector<AgeIdentity> identities;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        auto identity = AgeIdentity::parse(line);
        if (!identity.ok())
            return identity.error().withContext("identity file line " + std::to_string(lineNumber));
        identities.push_back(std::move(identity).value());
    }
    if (identities.empty()) {
        return makeError(ErrorKind::InvalidInput, "the identity file contains no AGE-SECRET-KEY-1 line");
    }
    return identities;
}

Result<std::vector<AgeIdentity>> readAgeIdentityFile(const std::filesystem::path& path) {
    OFFSITE_ASSIGN_OR_RETURN(std::string text, readFile(path, 64 * 1024));
    auto identities = parseAgeIdentityFile(text);
    sodium_memzero(text.data(), text.size());
    if (!identities.ok()) return identities.error().withContext(displayName(path));
    return identities;
}

Result<AgeHeader> parseAgeHeader(std::string_view bytes) {
    AgeHeader header;
    std::size_t pos = 0;
    auto nextLine = [&](std::string_view& line) -> Status {
        const std::size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) {
            if (bytes.size() > kAgeMaxHeaderBytes) {
                return makeError(ErrorKind::LimitExceeded,
                                 "the age header is larger than 64 KiB; refusing it");
            }
            return malformed("the header ends without a newline (truncated)");
        }
        if (nl + 1 > kAgeMaxHeaderBytes) {
            return makeError(ErrorKind::LimitExceeded, "the age header is larger than 64 KiB; refusing it");
        }
        line = bytes.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r') {
            return malformed("the header uses Windows line endings (CRLF); age headers use LF only");
        }
        return {};
    };
    std::string_view line;
    OFFSITE_TRY(nextLine(line));
    if (line != kVersionLine) {
        if (startsWith(line, "age-encryption.org/")) {
            return makeError(ErrorKind::Unsupported, "this age file uses an unsupported version (" +
                                                         std::string(line.substr(0, 64)) + ")");
        }
        return makeError(ErrorKind::InvalidInput,
                         "not an age encrypted file (the first line is not "
                         "\"age-encryption.org/v1\")");
    }
    for (;;) {
        const std::size_t lineStart = pos;
        OFFSITE_TRY(nextLine(line));
        if (startsWith(line, "-> ")) {
            if (header.stanzas.size() >= kAgeMaxStanzas) {
                return makeError(ErrorKind::LimitExceeded,
                                 "the age header has more than " + std::to_string(kAgeMaxStanzas) +
                                     " recipient stanzas; refusing it before doing any cryptography");
            }
            AgeStanza stanza;
            std::string_view rest = line.substr(3);
            for (;;) {
                const std::size_t sp = rest.find(' ');
                const std::string_view arg = rest.substr(0, sp);
                OFFSITE_TRY(checkArgument(arg));
                stanza.args.emplace_back(arg);
                if (sp == std::string_view::npos) break;
                rest.remove_prefix(sp + 1);
            }
            std::string bodyText;
            for (;;) {
                OFFSITE_TRY(nextLine(line));
                if (line.size() > kBodyLineChars)
                    return malformed("a stanza body line is longer than 64 characters");
                bodyText += line;
                if (line.size() < kBodyLineChars) break;
            }
            auto body = base64Decode(bodyText, Base64Padding::Unpadded);
            if (!body.ok()) return body.error().withContext("malformed age header: stanza body");
            stanza.body = std::move(body).value();
            header.stanzas.push_back(std::move(stanza));
        } else if (startsWith(line, "---")) {
            if (line.size() < 4 || line[3] != ' ')
                return malformed("the MAC line must be \"--- \" and the MAC");
            auto mac = base64Decode(line.substr(4), Base64Padding::Unpadded);
            if (!mac.ok()) return mac.error().withContext("malformed age header: MAC");
            if (mac->size() != header.mac.size()) return malformed("the header MAC is not 32 bytes");
            std::memcpy(header.mac.data(), mac->data(), header.mac.size());
            header.macInputBytes = lineStart + 3;
            header.totalBytes = pos;
            break;
        } else {
            return malformed("unexpected line (expected a \"-> \" stanza or the \"---\" MAC line)");
        }
    }
    if (header.stanzas.empty()) return malformed("the header has no recipient stanza");
    return header;
}

Result<Bytes> ageEncrypt(ByteSpan plaintext, std::span<const AgeRecipient> recipients) {
    MemorySource source(plaintext);
    Reader reader(source);
    Bytes out;
    VectorSink sink(out);
    OFFSITE_TRY(encryptStream(reader, sink, recipients));
    return out;
}

Result<Bytes> ageDecrypt(ByteSpan ciphertext, std::span<const AgeIdentity> identities) {
    MemorySource source(ciphertext);
    Reader reader(source);
    Bytes out;
    VectorSink sink(out);
    const Status status = decryptStream(reader, sink, identities);
    if (!status.ok()) {
        sodium_memzero(out.data(), out.size());
        return status.error();
    }
    return out;
}

Status ageEncryptStream(const AgeRead& read, const AgeWrite& write, std::span<const AgeRecipient> recipients) {
    CallbackSource source(read);
    Reader reader(source);
    CallbackSink sink(write);
    return encryptStream(reader, sink, recipients);
}

Status ageEncryptFile(const std::filesystem::path& input, const std::filesystem::path& output,
                      std::span<const AgeRecipient> recipients, const AgeProgress& progress) {
    OFFSITE_TRY(checkDistinctPaths(input, output));
    OFFSITE_ASSIGN_OR_RETURN(std::unique_ptr<FileSource> source, FileSource::open(input));
    ProgressSource counted(*source, progress);
    Reader reader(counted);
    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::create(output));
    AtomicSink sink(writer);
    const Status status = encryptStream(reader, sink, recipients);
    if (!status.ok()) return status.error().withContext("encrypting " + displayName(input));
    return writer.commit();
}

Status ageDecryptFile(const std::filesystem::path& input, const std::filesystem::path& output,
                      std::span<const AgeIdentity> identities, const AgeProgress& progress) {
    OFFSITE_TRY(checkDistinctPaths(input, output));
    OFFSITE_ASSIGN_OR_RETURN(std::unique_ptr<FileSource> source, FileSource::open(input));
    Reader reader(*source);
    // Plaintext goes to the writer's private temp file and is published only after the final chunk
    // authenticated; on any failure the writer's destructor removes the temp file.
    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::create(output));
    AtomicSink fileSink(writer);
    ProgressSink sink(fileSink, progress);
    const Status status = decryptStream(reader, sink, identities);
    if (!status.ok()) return status.error().withContext("decrypting " + displayName(input));
    return writer.commit();
}

}  // namespace offsite::crypto

// age v1 encryption to X25519 recipients (ENC-1, ENC-2, ENC-5..ENC-7), compatible with the `age` tool:
// "age1..." recipients, "AGE-SECRET-KEY-1..." identities, the text header with its HMAC, and the STREAM
// payload (64 KiB ChaCha20-Poly1305 chunks, counter || last-flag nonces). Encryption and decryption stream
// between files in bounded memory; output is published atomically only when the whole input was processed
// and, when decrypting, every chunk authenticated and the final chunk was seen.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/primitives.h"
#include "core/crypto/secret_bytes.h"

namespace offsite::crypto {

constexpr std::size_t kAgeChunkBytes = 64 * 1024;
// Caps applied while parsing the header, before any cryptography (ENC-7).
constexpr std::size_t kAgeMaxStanzas = 128;
constexpr std::size_t kAgeMaxHeaderBytes = 64 * 1024;

struct AgeRecipient {
    std::array<std::uint8_t, 32> publicKey{};

    [[nodiscard]] static Result<AgeRecipient> parse(std::string_view text);  // "age1..."
    [[nodiscard]] std::string toString() const;
};

class AgeIdentity {
public:
    [[nodiscard]] static Result<AgeIdentity> generate();
    [[nodiscard]] static Result<AgeIdentity> parse(std::string_view text);  // "AGE-SECRET-KEY-1..."
    // From the 32-byte X25519 secret scalar (e.g. out of a sealed key pair file).
    [[nodiscard]] static Result<AgeIdentity> fromSecret(SecretBytes secret);

    [[nodiscard]] const AgeRecipient& recipient() const { return recipient_; }
    [[nodiscard]] const SecretBytes& secret() const { return secret_; }
    // The secret key in age's text form, for writing an identity file; the caller must protect the string.
    [[nodiscard]] std::string encodeSecret() const;

private:
    AgeIdentity(AgeRecipient recipient, SecretBytes secret)
        : recipient_(recipient), secret_(std::move(secret)) {}
    AgeRecipient recipient_;
    SecretBytes secret_;
};

// age-keygen's identity file: "#" comment lines, blank lines, and one or more AGE-SECRET-KEY-1 lines.
[[nodiscard]] Result<std::vector<AgeIdentity>> parseAgeIdentityFile(std::string_view text);
[[nodiscard]] Result<std::vector<AgeIdentity>> readAgeIdentityFile(const std::filesystem::path& path);

struct AgeStanza {
    std::vector<std::string> args;  // args[0] is the stanza type, e.g. "X25519"
    Bytes body;
};

struct AgeHeader {
    std::vector<AgeStanza> stanzas;
    std::array<std::uint8_t, 32> mac{};
    std::size_t macInputBytes = 0;  // the header bytes the MAC covers (up to and including "---")
    std::size_t totalBytes = 0;     // the header's length including the MAC line's newline
};

// Parses a header at the start of `bytes` (which may continue with the payload). Structural checks only:
// version line, stanza grammar, canonical base64, caps on stanza count and header size.
[[nodiscard]] Result<AgeHeader> parseAgeHeader(std::string_view bytes);

// In-memory forms, for small data and tests.
[[nodiscard]] Result<Bytes> ageEncrypt(ByteSpan plaintext, std::span<const AgeRecipient> recipients);
[[nodiscard]] Result<Bytes> ageDecrypt(ByteSpan ciphertext, std::span<const AgeIdentity> identities);

// Called after every 64 KiB chunk with the plaintext bytes processed so far. Returning false stops the job
// with ErrorKind::Cancelled (not a failure), and nothing is published at the output path.
using AgeProgress = std::function<bool(std::uint64_t plaintextBytes)>;

// Streaming through callbacks, for plaintext that is produced or consumed on the fly (never a temp file):
// `read` fills up to out.size() bytes and returns how many (0 at the end); `write` takes output bytes.
using AgeRead = std::function<Result<std::size_t>(std::span<std::uint8_t> out)>;
using AgeWrite = std::function<Status(ByteSpan bytes)>;
[[nodiscard]] Status ageEncryptStream(const AgeRead& read, const AgeWrite& write,
                                      std::span<const AgeRecipient> recipients);

// Streaming between files. The output appears at `output` only on success; `output` must differ from `input`.
[[nodiscard]] Status ageEncryptFile(const std::filesystem::path& input, const std::filesystem::path& output,
                                    std::span<const AgeRecipient> recipients,
                                    const AgeProgress& progress = {});
[[nodiscard]] Status ageDecryptFile(const std::filesystem::path& input, const std::filesystem::path& output,
                                    std::span<const AgeIdentity> identities,
                                    const AgeProgress& progress = {});

}  // namespace offsite::crypto

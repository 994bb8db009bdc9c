// age v1 without external tools: keys, round trips at the chunk-size edges, every chunk attack ENC-2 lists,
// header hardening (ENC-7), fresh randomness (ENC-5) and atomic file output (ENC-6).
#include "core/crypto/age.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/crypto/encoding.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

using testing::ScratchDir;

constexpr std::size_t kChunkCipher = kAgeChunkBytes + 16;

AgeIdentity newIdentity() {
    auto identity = AgeIdentity::generate();
    EXPECT_TRUE(identity.ok());
    return std::move(identity).value();
}

Bytes encryptTo(const Bytes& plaintext, const AgeIdentity& identity) {
    const AgeRecipient recipients[] = {identity.recipient()};
    auto out = ageEncrypt(plaintext, recipients);
    EXPECT_TRUE(out.ok());
    return out.ok() ? *out : Bytes{};
}

Result<Bytes> decryptWith(const Bytes& ciphertext, const AgeIdentity& identity) {
    return ageDecrypt(ciphertext, std::span<const AgeIdentity>(&identity, 1));
}

std::size_t payloadStart(const Bytes& ciphertext) {
    auto header =
        parseAgeHeader(std::string_view(reinterpret_cast<const char*>(ciphertext.data()), ciphertext.size()));
    EXPECT_TRUE(header.ok());
    return header.ok() ? header->totalBytes + 16 : 0;
}

Bytes chunkAt(const Bytes& ciphertext, std::size_t index) {
    const std::size_t begin = payloadStart(ciphertext) + index * kChunkCipher;
    const std::size_t end = std::min(ciphertext.size(), begin + kChunkCipher);
    return Bytes(ciphertext.begin() + static_cast<std::ptrdiff_t>(begin),
                 ciphertext.begin() + static_cast<std::ptrdiff_t>(end));
}

// Reassembles header + nonce and the given chunks (by original index).
Bytes withChunks(const Bytes& ciphertext, const std::vector<std::size_t>& order) {
    Bytes out(ciphertext.begin(), ciphertext.begin() + static_cast<std::ptrdiff_t>(payloadStart(ciphertext)));
    for (const std::size_t i : order) {
        const Bytes chunk = chunkAt(ciphertext, i);
        out.insert(out.end(), chunk.begin(), chunk.end());
    }
    return out;
}

void expectRefused(const Result<Bytes>& result, const std::string& expectedMessage) {
    ASSERT_FALSE(result.ok()) << "expected: " << expectedMessage;
    EXPECT_NE(result.error().message.find(expectedMessage), std::string::npos) << result.error().message;
}

std::string b64(const Bytes& bytes) {
    return base64Encode(bytes, Base64Padding::Unpadded);
}

TEST(AgeKeys, RecipientAndIdentityTextRoundTrip) {
    const AgeIdentity identity = newIdentity();
    const std::string recipientText = identity.recipient().toString();
    EXPECT_EQ(recipientText.substr(0, 4), "age1");
    EXPECT_EQ(recipientText.size(), 62u);
    auto recipient = AgeRecipient::parse(recipientText);
    ASSERT_TRUE(recipient.ok());
    EXPECT_EQ(recipient->publicKey, identity.recipient().publicKey);
    const std::string secretText = identity.encodeSecret();
    EXPECT_EQ(secretText.substr(0, 16), "AGE-SECRET-KEY-1");
    auto parsed = AgeIdentity::parse(secretText);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->recipient().publicKey, identity.recipient().publicKey);
    auto file =
        parseAgeIdentityFile("# created: now\n# public key: " + recipientText + "\n" + secretText + "\n");
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(file->size(), 1u);
    EXPECT_FALSE(AgeRecipient::parse("AGE1" + recipientText.substr(4)).ok());
    EXPECT_FALSE(AgeIdentity::parse("age-secret-key-1" + secretText.substr(16)).ok());
    std::string typo = recipientText;
    typo[20] = typo[20] == 'q' ? 'p' : 'q';
    EXPECT_FALSE(AgeRecipient::parse(typo).ok());
}

TEST(AgeStream, SizesAroundTheChunkSizeRoundTrip) {
    const AgeIdentity identity = newIdentity();
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, kAgeChunkBytes - 1, kAgeChunkBytes,
                                   kAgeChunkBytes + 1, 2 * kAgeChunkBytes}) {
        SCOPED_TRACE(size);
        const Bytes plaintext = testing::pseudoRandom(size, static_cast<unsigned>(size));
        const Bytes ciphertext = encryptTo(plaintext, identity);
        const std::size_t chunks = size == 0 ? 1 : (size + kAgeChunkBytes - 1) / kAgeChunkBytes;
        EXPECT_EQ(ciphertext.size(), payloadStart(ciphertext) + size + chunks * 16);
        auto decrypted = decryptWith(ciphertext, identity);
        ASSERT_TRUE(decrypted.ok()) << decrypted.error().message;
        EXPECT_EQ(*decrypted, plaintext);
    }
}

// ageEncryptStream with a source that hands out odd-sized pieces (the export's on-the-fly plaintext).
TEST(AgeStream, CallbackStreamMatchesTheChunkLayout) {
    const AgeIdentity identity = newIdentity();
    for (const std::size_t size : {std::size_t{0}, kAgeChunkBytes, kAgeChunkBytes + 1, 3 * kAgeChunkBytes + 7}) {
        SCOPED_TRACE(size);
        const Bytes plaintext = testing::pseudoRandom(size, static_cast<unsigned>(size) + 3);
        std::size_t offset = 0;
        const AgeRead read = [&](std::span<std::uint8_t> out) -> Result<std::size_t> {
            const std::size_t n = std::min({out.size(), plaintext.size() - offset, std::size_t{1000}});
            std::copy_n(plaintext.begin() + static_cast<std::ptrdiff_t>(offset), n, out.begin());
            offset += n;
            return n;
        };
        Bytes ciphertext;
        const AgeWrite write = [&](ByteSpan bytes) -> Status {
            ciphertext.insert(ciphertext.end(), bytes.begin(), bytes.end());
            return {};
        };
        const AgeRecipient recipient = identity.recipient();
        ASSERT_TRUE(ageEncryptStream(read, write, std::span(&recipient, 1)).ok());
        const std::size_t chunks = size == 0 ? 1 : (size + kAgeChunkBytes - 1) / kAgeChunkBytes;
        EXPECT_EQ(ciphertext.size(), payloadStart(ciphertext) + size + chunks * 16);
        auto decrypted = decryptWith(ciphertext, identity);
        ASSERT_TRUE(decrypted.ok()) << decrypted.error().message;
        EXPECT_EQ(*decrypted, plaintext);
    }
}

TEST(AgeStream, FreshRandomnessEveryEncryption) {
    const AgeIdentity identity = newIdentity();
    const Bytes plaintext = testing::bytesOf("same adapter");
    const Bytes a = encryptTo(plaintext, identity);
    const Bytes b = encryptTo(plaintext, identity);
    EXPECT_NE(a, b);
    auto headerA = parseAgeHeader(std::string_view(reinterpret_cast<const char*>(a.data()), a.size()));
    auto headerB = parseAgeHeader(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
    ASSERT_TRUE(headerA.ok() && headerB.ok());
    EXPECT_NE(headerA->stanzas[0].args[1], headerB->stanzas[0].args[1]);  // ephemeral shares
    EXPECT_NE(chunkAt(a, 0), chunkAt(b, 0));
}

class AgeChunkAttacks : public ::testing::Test {
protected:
    AgeIdentity identity = newIdentity();
    // 4 full chunks and a short final one; and exactly 4 full chunks (the final chunk is full).
    Bytes partialFinal = encryptTo(testing::pseudoRandom(4 * kAgeChunkBytes + 1000, 11), identity);
    Bytes fullFinal = encryptTo(testing::pseudoRandom(4 * kAgeChunkBytes, 12), identity);
};

TEST_F(AgeChunkAttacks, OriginalsDecrypt) {
    EXPECT_TRUE(decryptWith(partialFinal, identity).ok());
    EXPECT_TRUE(decryptWith(fullFinal, identity).ok());
}

TEST_F(AgeChunkAttacks, DropLastChunk) {
    expectRefused(decryptWith(withChunks(partialFinal, {0, 1, 2, 3}), identity),
                  "ends at a chunk boundary without the final chunk");
    expectRefused(decryptWith(withChunks(fullFinal, {0, 1, 2}), identity),
                  "ends at a chunk boundary without the final chunk");
}

TEST_F(AgeChunkAttacks, DropMiddleChunk) {
    expectRefused(decryptWith(withChunks(partialFinal, {0, 2, 3, 4}), identity),
                  "chunk 1 of the encrypted payload "
                  "failed authentication");
}

TEST_F(AgeChunkAttacks, SwapTwoChunks) {
    expectRefused(decryptWith(withChunks(partialFinal, {0, 2, 1, 3, 4}), identity),
                  "chunk 1 of the encrypted payload failed authentication");
}

TEST_F(AgeChunkAttacks, DuplicateChunk) {
    expectRefused(decryptWith(withChunks(partialFinal, {0, 1, 1, 2, 3, 4}), identity),
                  "chunk 2 of the encrypted payload failed authentication");
}

TEST_F(AgeChunkAttacks, AppendOneByte) {
    Bytes longer = fullFinal;
    longer.push_back(0);
    expectRefused(decryptWith(longer, identity), "unexpected data after the final chunk");
    Bytes longerPartial = partialFinal;
    longerPartial.push_back(0);
    expectRefused(decryptWith(longerPartial, identity),
                  "chunk 4 of the encrypted payload failed authentication");
}

TEST_F(AgeChunkAttacks, AppendFullChunkAfterFinal) {
    Bytes longer = fullFinal;
    const Bytes extra = chunkAt(fullFinal, 1);
    longer.insert(longer.end(), extra.begin(), extra.end());
    expectRefused(decryptWith(longer, identity), "unexpected data after the final chunk");
    Bytes longerPartial = partialFinal;
    longerPartial.insert(longerPartial.end(), extra.begin(), extra.end());
    expectRefused(decryptWith(longerPartial, identity),
                  "chunk 4 of the encrypted payload failed authentication");
}

TEST_F(AgeChunkAttacks, TruncateAtChunkBoundary) {
    Bytes cut(
        partialFinal.begin(),
        partialFinal.begin() + static_cast<std::ptrdiff_t>(payloadStart(partialFinal) + 2 * kChunkCipher));
    expectRefused(decryptWith(cut, identity), "ends at a chunk boundary without the final chunk");
    Bytes noChunks(partialFinal.begin(),
                   partialFinal.begin() + static_cast<std::ptrdiff_t>(payloadStart(partialFinal)));
    expectRefused(decryptWith(noChunks, identity), "shorter than its authentication tag");
    Bytes noNonce(partialFinal.begin(),
                  partialFinal.begin() + static_cast<std::ptrdiff_t>(payloadStart(partialFinal) - 5));
    expectRefused(decryptWith(noNonce, identity), "ends before the payload starts");
}

TEST_F(AgeChunkAttacks, FlippedPayloadByte) {
    Bytes flipped = partialFinal;
    flipped[payloadStart(partialFinal) + kChunkCipher + 7] ^= 1;
    expectRefused(decryptWith(flipped, identity), "chunk 1 of the encrypted payload failed authentication");
}

TEST(AgeHeaderChecks, FlippedHeaderByteFailsTheMac) {
    const AgeIdentity alice = newIdentity();
    const AgeIdentity bob = newIdentity();
    const AgeRecipient recipients[] = {alice.recipient(), bob.recipient()};
    auto ciphertext = ageEncrypt(testing::bytesOf("hello"), recipients);
    ASSERT_TRUE(ciphertext.ok());
    // Line 4 is Bob's stanza body: Alice still unwraps the file key, but the MAC covers Bob's stanza too.
    std::string text(ciphertext->begin(), ciphertext->end());
    std::size_t pos = 0;
    for (int line = 0; line < 4; ++line) pos = text.find('\n', pos) + 1;
    text[pos] = text[pos] == 'A' ? 'B' : 'A';
    expectRefused(decryptWith(testing::bytesOf(text), alice), "MAC does not match");
    // And a changed MAC itself.
    std::string macChanged(ciphertext->begin(), ciphertext->end());
    const std::size_t mac = macChanged.find("\n--- ") + 5;
    macChanged[mac] = macChanged[mac] == 'A' ? 'B' : 'A';
    expectRefused(decryptWith(testing::bytesOf(macChanged), alice), "MAC does not match");
}

TEST(AgeHeaderChecks, WrongIdentity) {
    const AgeIdentity alice = newIdentity();
    const AgeIdentity mallory = newIdentity();
    const Bytes ciphertext = encryptTo(testing::bytesOf("secret"), alice);
    auto result = decryptWith(ciphertext, mallory);
    expectRefused(result, "no identity matched");
    EXPECT_EQ(result.error().kind, ErrorKind::NotFound);
}

std::string headerWith(const std::string& stanzas) {
    return "age-encryption.org/v1\n" + stanzas + "--- " + b64(Bytes(32, 0)) + "\n";
}

TEST(AgeHeaderChecks, TenThousandStanzasRefusedQuickly) {
    const std::string stanza =
        "-> X25519 " + b64(testing::pseudoRandom(32, 1)) + "\n" + b64(testing::pseudoRandom(32, 2)) + "\n";
    std::string stanzas;
    for (int i = 0; i < 10000; ++i) stanzas += stanza;
    const std::string header = headerWith(stanzas);
    const AgeIdentity identity = newIdentity();
    const auto start = std::chrono::steady_clock::now();
    auto result = decryptWith(testing::bytesOf(header), identity);
    auto parsed = parseAgeHeader(header);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    expectRefused(result, "more than 128 recipient stanzas");
    EXPECT_EQ(result.error().kind, ErrorKind::LimitExceeded);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().kind, ErrorKind::LimitExceeded);
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
}

TEST(AgeHeaderChecks, MalformedHeadersRefusedBeforeCrypto) {
    const AgeIdentity identity = newIdentity();
    const std::string share = b64(testing::pseudoRandom(32, 1));
    auto refuse = [&](const std::string& header, const std::string& message) {
        SCOPED_TRACE(message);
        expectRefused(decryptWith(testing::bytesOf(header + std::string(32, 'x')), identity), message);
    };
    refuse(headerWith("-> X25519 " + share + "\n" + b64(Bytes(31, 1)) + "\n"), "not exactly 32 bytes");
    refuse(headerWith("-> X25519 " + share + "\n" + b64(Bytes(33, 1)) + "\n"), "not exactly 32 bytes");
    refuse(headerWith("-> X25519 " + b64(Bytes(31, 1)) + "\n" + b64(Bytes(32, 1)) + "\n"),
           "share is not 32 bytes");
    // Non-canonical share: the last character of a 32-byte share carries 2 unused bits.
    std::string nonCanonical = share;
    nonCanonical.back() = nonCanonical.back() == 'B' ? 'C' : 'B';
    refuse(headerWith("-> X25519 " + nonCanonical + "\n" + b64(Bytes(32, 1)) + "\n"), "canonical");
    refuse(headerWith("-> X25519 " + b64(Bytes(32, 0)) + "\n" + b64(Bytes(32, 1)) + "\n"),
           "all-zero shared secret");
    refuse(headerWith("-> X25519 " + share + " extra\n" + b64(Bytes(32, 1)) + "\n"), "exactly one argument");
    refuse(headerWith("-> X25519  " + share + "\n" + b64(Bytes(32, 1)) + "\n"), "empty argument");
    refuse("age-encryption.org/v1\r\n-> X25519 " + share + "\n" + b64(Bytes(32, 1)) + "\n--- " +
               b64(Bytes(32, 0)) + "\n",
           "CRLF");
    refuse(headerWith("-> X25519 " + share + "\r\n" + b64(Bytes(32, 1)) + "\n"), "CRLF");
    refuse("not age\n", "not an age encrypted file");
    refuse("age-encryption.org/v2\n", "unsupported version");
    refuse(headerWith(""), "no recipient stanza");
    refuse("age-encryption.org/v1\n-> X25519 " + share + "\n", "ends inside the header");
    refuse(headerWith("garbage\n"), "unexpected line");
    refuse("age-encryption.org/v1\n-> X25519 " + share + "\n" + b64(Bytes(32, 1)) + "\n---" +
               b64(Bytes(32, 0)) + "\n",
           "MAC line");
}

TEST(AgeHeaderChecks, UnknownStanzaTypesAreSkipped) {
    const AgeIdentity identity = newIdentity();
    const Bytes ciphertext = encryptTo(testing::bytesOf("x"), identity);
    auto header =
        parseAgeHeader(std::string_view(reinterpret_cast<const char*>(ciphertext.data()), ciphertext.size()));
    ASSERT_TRUE(header.ok());
    ASSERT_EQ(header->stanzas.size(), 1u);
    EXPECT_EQ(header->stanzas[0].args[0], "X25519");
    EXPECT_EQ(header->stanzas[0].body.size(), 32u);
}

TEST(AgeFiles, StreamBetweenFilesAndPublishAtomically) {
    ScratchDir dir;
    const AgeIdentity identity = newIdentity();
    const AgeRecipient recipients[] = {identity.recipient()};
    const Bytes plaintext = testing::pseudoRandom(3 * kAgeChunkBytes + 5, 21);
    testing::writeBytes(dir / "adapter.safetensors", plaintext);
    ASSERT_TRUE(ageEncryptFile(dir / "adapter.safetensors", dir / "adapter.age", recipients).ok());
    ASSERT_TRUE(ageDecryptFile(dir / "adapter.age", dir / "out.safetensors", std::span(&identity, 1)).ok());
    EXPECT_EQ(testing::readBytes(dir / "out.safetensors"), plaintext);

    // Output equal to input is refused, and the input is untouched.
    const Status same = ageEncryptFile(dir / "adapter.safetensors", dir / "adapter.safetensors", recipients);
    ASSERT_FALSE(same.ok());
    EXPECT_NE(same.error().message.find("the output file is the input file"), std::string::npos);
    const Status sameRelative =
        ageEncryptFile(dir / "adapter.safetensors", dir.path() / "." / "adapter.safetensors", recipients);
    EXPECT_FALSE(sameRelative.ok());
    EXPECT_EQ(testing::readBytes(dir / "adapter.safetensors"), plaintext);

    // A tampered file leaves nothing at the target and no temp file behind.
    Bytes tampered = testing::readBytes(dir / "adapter.age");
    tampered[tampered.size() - 3] ^= 1;
    testing::writeBytes(dir / "tampered.age", tampered);
    const Status bad =
        ageDecryptFile(dir / "tampered.age", dir / "never.safetensors", std::span(&identity, 1));
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("decrypting tampered.age"), std::string::npos) << bad.error().message;
    EXPECT_FALSE(std::filesystem::exists(dir / "never.safetensors"));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    }
    const Status missing = ageEncryptFile(dir / "missing", dir / "x.age", recipients);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    EXPECT_FALSE(std::filesystem::exists(dir / "x.age"));
}

TEST(AgeFiles, ProgressAndCancel) {
    ScratchDir dir;
    const AgeIdentity identity = newIdentity();
    const AgeRecipient recipients[] = {identity.recipient()};
    const Bytes plaintext = testing::pseudoRandom(5 * kAgeChunkBytes, 41);
    testing::writeBytes(dir / "in.bin", plaintext);
    std::uint64_t last = 0;
    int calls = 0;
    const AgeProgress record = [&](std::uint64_t bytes) {
        EXPECT_GE(bytes, last);
        last = bytes;
        ++calls;
        return true;
    };
    ASSERT_TRUE(ageEncryptFile(dir / "in.bin", dir / "in.age", recipients, record).ok());
    EXPECT_EQ(last, plaintext.size());
    EXPECT_GE(calls, 5);
    last = 0;
    ASSERT_TRUE(ageDecryptFile(dir / "in.age", dir / "out.bin", std::span(&identity, 1), record).ok());
    EXPECT_EQ(last, plaintext.size());

    // Cancelling is its own outcome, and nothing appears at the target.
    const AgeProgress stopEarly = [](std::uint64_t bytes) { return bytes < 2 * kAgeChunkBytes; };
    const Status encryptCancelled =
        ageEncryptFile(dir / "in.bin", dir / "cancelled.age", recipients, stopEarly);
    ASSERT_FALSE(encryptCancelled.ok());
    EXPECT_EQ(encryptCancelled.error().kind, ErrorKind::Cancelled);
    EXPECT_FALSE(std::filesystem::exists(dir / "cancelled.age"));
    const Status decryptCancelled =
        ageDecryptFile(dir / "in.age", dir / "cancelled.bin", std::span(&identity, 1), stopEarly);
    ASSERT_FALSE(decryptCancelled.ok());
    EXPECT_EQ(decryptCancelled.error().kind, ErrorKind::Cancelled);
    EXPECT_FALSE(std::filesystem::exists(dir / "cancelled.bin"));
}

}  // namespace
}  // namespace offsite::crypto

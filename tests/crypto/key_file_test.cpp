// Passphrase-protected key files (KEY-1): round trip, wrong passphrase, tampering, bounded parameters, and a
// committed golden file that must keep opening in later versions.
#include "core/crypto/key_file.h"

#include <gtest/gtest.h>

#include "core/crypto/encoding.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

using testing::ScratchDir;

const std::filesystem::path kGoldenDir = std::filesystem::path(OFFSITE_SOURCE_DIR) / "tests/crypto/data";

// Decodes the key file's base64 line, lets `edit` change the blob, and re-encodes it.
template <typename Edit>
std::string editBlob(const std::string& fileText, Edit edit) {
    const std::size_t nl = fileText.find('\n');
    std::string line = fileText.substr(nl + 1);
    line.pop_back();
    auto blob = base64Decode(line, Base64Padding::Padded);
    EXPECT_TRUE(blob.ok());
    edit(*blob);
    return fileText.substr(0, nl + 1) + base64Encode(*blob, Base64Padding::Padded) + "\n";
}

void putLe64(Bytes& blob, std::size_t offset, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) blob[offset + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

TEST(KeyFile, DefaultsAreAtLeastModerate) {
    const KdfParams params = KdfParams::moderate();
    EXPECT_GE(params.memLimitBytes, 256u * 1024 * 1024);
    EXPECT_GE(params.opsLimit, 3u);
}

TEST(KeyFile, RoundTripSignsWithTheSameKey) {
    ScratchDir dir;
    auto key = SigningKey::generate();
    ASSERT_TRUE(key.ok());
    ASSERT_TRUE(
        writeSigningKeyFile(dir / "owner.key", *key, asBytes("correct horse"), KdfParams::fastForTestsOnly())
            .ok());
    EXPECT_EQ(std::filesystem::status(dir / "owner.key").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto opened = readSigningKeyFile(dir / "owner.key", asBytes("correct horse"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->keyId(), key->keyId());
    EXPECT_EQ(opened->publicKey().key, key->publicKey().key);
    SignatureComments comments;
    comments.trusted = "t";
    auto signature = opened->signBytes(asBytes("m"), comments);
    ASSERT_TRUE(signature.ok());
    EXPECT_TRUE(verifyBytes(asBytes("m"), *signature, key->publicKey()).ok());
}

TEST(KeyFile, WrongPassphraseIsAnAuthenticationFailure) {
    auto key = SigningKey::generate();
    ASSERT_TRUE(key.ok());
    auto sealed = sealSigningKey(*key, asBytes("right"), KdfParams::fastForTestsOnly());
    ASSERT_TRUE(sealed.ok());
    auto bad = openSigningKey(*sealed, asBytes("wrong"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::Integrity);
    EXPECT_NE(bad.error().message.find("wrong passphrase"), std::string::npos);
}

TEST(KeyFile, TamperedSaltOrParametersFailAuthentication) {
    auto key = SigningKey::generate();
    ASSERT_TRUE(key.ok());
    auto sealed = sealSigningKey(*key, asBytes("pw"), KdfParams::fastForTestsOnly());
    ASSERT_TRUE(sealed.ok());
    const std::string saltFlipped = editBlob(*sealed, [](Bytes& b) { b[24] ^= 1; });
    auto bad = openSigningKey(saltFlipped, asBytes("pw"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::Integrity);
    const std::string opsChanged = editBlob(*sealed, [](Bytes& b) { putLe64(b, 8, 2); });
    auto badOps = openSigningKey(opsChanged, asBytes("pw"));
    ASSERT_FALSE(badOps.ok());
    EXPECT_EQ(badOps.error().kind, ErrorKind::Integrity);
    const std::string keyIdChanged = editBlob(*sealed, [](Bytes& b) { b[64] ^= 1; });
    EXPECT_FALSE(openSigningKey(keyIdChanged, asBytes("pw")).ok());
    const std::string cipherChanged = editBlob(*sealed, [](Bytes& b) { b[100] ^= 1; });
    EXPECT_FALSE(openSigningKey(cipherChanged, asBytes("pw")).ok());
}

TEST(KeyFile, AbsurdParametersRefusedBeforeAllocation) {
    auto key = SigningKey::generate();
    ASSERT_TRUE(key.ok());
    auto sealed = sealSigningKey(*key, asBytes("pw"), KdfParams::fastForTestsOnly());
    ASSERT_TRUE(sealed.ok());
    const std::string huge = editBlob(*sealed, [](Bytes& b) { putLe64(b, 16, 64ull << 30); });
    auto bad = openSigningKey(huge, asBytes("pw"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::LimitExceeded);
    EXPECT_NE(bad.error().message.find("65536 MiB"), std::string::npos) << bad.error().message;
    const std::string manyPasses = editBlob(*sealed, [](Bytes& b) { putLe64(b, 8, 1ull << 40); });
    auto badOps = openSigningKey(manyPasses, asBytes("pw"));
    ASSERT_FALSE(badOps.ok());
    EXPECT_EQ(badOps.error().kind, ErrorKind::LimitExceeded);
    const std::string newer = editBlob(*sealed, [](Bytes& b) { b[4] = 3; });
    auto badVersion = openSigningKey(newer, asBytes("pw"));
    ASSERT_FALSE(badVersion.ok());
    EXPECT_EQ(badVersion.error().kind, ErrorKind::Unsupported);
}

// tests/crypto/data/golden_signing_key.offsitekey was written by format version 1 with the test KDF
// parameters and the passphrase "offsite golden passphrase"; golden_signing_key.pub is its public key.
TEST(KeyFile, GoldenFileStillOpens) {
    auto key = readSigningKeyFile(kGoldenDir / "golden_signing_key.offsitekey",
                                  asBytes("offsite golden passphrase"));
    ASSERT_TRUE(key.ok()) << key.error().message;
    auto publicKey = readMinisignPublicKeyFile(kGoldenDir / "golden_signing_key.pub");
    ASSERT_TRUE(publicKey.ok()) << publicKey.error().message;
    EXPECT_EQ(key->keyId(), publicKey->keyId);
    EXPECT_EQ(key->publicKey().key, publicKey->key);
}

}  // namespace
}  // namespace offsite::crypto

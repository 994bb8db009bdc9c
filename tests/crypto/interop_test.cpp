// Interoperability with the reference tools Debian ships: minisign 0.11 and age 1.1.1 (PKG-3 (a)/(b), ENC-1,
// ENC-4). Each test is skipped only when its binary is not installed.
#include <gtest/gtest.h>

#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

using testing::quote;
using testing::run;
using testing::ScratchDir;

constexpr const char* kMinisign = "/usr/bin/minisign";
constexpr const char* kAge = "/usr/bin/age";
constexpr const char* kAgeKeygen = "/usr/bin/age-keygen";

#define REQUIRE_TOOL(path)                                                              \
    do {                                                                                \
        if (!testing::toolAvailable(path)) GTEST_SKIP() << path << " is not installed"; \
    } while (false)

// A passwordless minisign key pair made by minisign itself.
void makeMinisignKey(const ScratchDir& dir) {
    ASSERT_EQ(run(std::string(kMinisign) + " -G -W -f -p " + quote(dir / "mk.pub") + " -s " +
                  quote(dir / "mk.key") + " >/dev/null 2>&1"),
              0);
}

TEST(MinisignInterop, OurSignatureVerifiesWithMinisign) {
    REQUIRE_TOOL(kMinisign);
    ScratchDir dir;
    auto key = SigningKey::generate();
    ASSERT_TRUE(key.ok());
    testing::writeText(dir / "ours.pub", formatMinisignPublicKey(key->publicKey()));
    testing::writeBytes(dir / "manifest.json", testing::pseudoRandom(100000, 5));
    SignatureComments comments;
    comments.trusted = "timestamp:1700000000\tfile:manifest.json\thashed";
    auto signature = key->signFile(dir / "manifest.json", comments);
    ASSERT_TRUE(signature.ok());
    testing::writeText(dir / "manifest.json.minisig", formatMinisignSignature(*signature));
    EXPECT_EQ(run(std::string(kMinisign) + " -Vm " + quote(dir / "manifest.json") + " -p " +
                  quote(dir / "ours.pub") + " -q"),
              0);
    // -H: minisign itself insists on the prehashed format.
    EXPECT_EQ(run(std::string(kMinisign) + " -H -Vm " + quote(dir / "manifest.json") + " -p " +
                  quote(dir / "ours.pub") + " -q"),
              0);
    Bytes data = testing::readBytes(dir / "manifest.json");
    data[10] ^= 1;
    testing::writeBytes(dir / "manifest.json", data);
    EXPECT_NE(run(std::string(kMinisign) + " -Vm " + quote(dir / "manifest.json") + " -p " +
                  quote(dir / "ours.pub") + " -q 2>/dev/null"),
              0);
}

TEST(MinisignInterop, MinisignSignatureVerifiesWithUs) {
    REQUIRE_TOOL(kMinisign);
    ScratchDir dir;
    makeMinisignKey(dir);
    testing::writeBytes(dir / "package.bin", testing::pseudoRandom(250000, 6));
    ASSERT_EQ(run(std::string(kMinisign) + " -S -s " + quote(dir / "mk.key") + " -m " +
                  quote(dir / "package.bin") + " -t 'model:demo version:3' >/dev/null 2>&1"),
              0);
    auto publicKey = readMinisignPublicKeyFile(dir / "mk.pub");
    ASSERT_TRUE(publicKey.ok()) << publicKey.error().message;
    auto verified = verifyFile(dir / "package.bin", dir / "package.bin.minisig", *publicKey);
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(verified->trustedComment, "model:demo version:3");

    Bytes data = testing::readBytes(dir / "package.bin");
    data.back() ^= 1;
    testing::writeBytes(dir / "package.bin", data);
    EXPECT_FALSE(verifyFile(dir / "package.bin", dir / "package.bin.minisig", *publicKey).ok());
}

TEST(MinisignInterop, LegacySignatureFromMinisignIsRefused) {
    REQUIRE_TOOL(kMinisign);
    ScratchDir dir;
    makeMinisignKey(dir);
    testing::writeText(dir / "file.txt", "legacy-signed content\n");
    ASSERT_EQ(run(std::string(kMinisign) + " -S -l -s " + quote(dir / "mk.key") + " -m " +
                  quote(dir / "file.txt") + " >/dev/null 2>&1"),
              0);
    auto publicKey = readMinisignPublicKeyFile(dir / "mk.pub");
    ASSERT_TRUE(publicKey.ok());
    auto signature = readMinisignSignatureFile(dir / "file.txt.minisig");
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->algorithm, SignatureAlgorithm::Legacy);
    auto refused = verifyFile(dir / "file.txt", dir / "file.txt.minisig", *publicKey);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("legacy format"), std::string::npos) << refused.error().message;
}

TEST(MinisignInterop, ReadsUnencryptedMinisignSecretKey) {
    REQUIRE_TOOL(kMinisign);
    ScratchDir dir;
    makeMinisignKey(dir);
    auto key = parseUnencryptedMinisignSecretKey(testing::readText(dir / "mk.key"));
    ASSERT_TRUE(key.ok()) << key.error().message;
    auto publicKey = readMinisignPublicKeyFile(dir / "mk.pub");
    ASSERT_TRUE(publicKey.ok());
    EXPECT_EQ(key->keyId(), publicKey->keyId);
    EXPECT_EQ(key->publicKey().key, publicKey->key);
    testing::writeText(dir / "f", "signed by our code with minisign's key\n");
    SignatureComments comments;
    comments.trusted = "file:f";
    auto signature = key->signFile(dir / "f", comments);
    ASSERT_TRUE(signature.ok());
    testing::writeText(dir / "f.minisig", formatMinisignSignature(*signature));
    EXPECT_EQ(
        run(std::string(kMinisign) + " -Vm " + quote(dir / "f") + " -p " + quote(dir / "mk.pub") + " -q"), 0);
}

TEST(AgeInterop, AgeDecryptsOurOutputByteExactly) {
    REQUIRE_TOOL(kAge);
    ScratchDir dir;
    auto identity = AgeIdentity::generate();
    ASSERT_TRUE(identity.ok());
    testing::writeText(dir / "identity.txt", "# offsite test identity\n" + identity->encodeSecret() + "\n");
    const AgeRecipient recipients[] = {identity->recipient()};
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, kAgeChunkBytes, 3 * kAgeChunkBytes + 17}) {
        SCOPED_TRACE(size);
        const Bytes plaintext = testing::pseudoRandom(size, static_cast<unsigned>(size) + 1);
        testing::writeBytes(dir / "plain.bin", plaintext);
        std::filesystem::remove(dir / "ours.age");
        std::filesystem::remove(dir / "theirs.bin");
        ASSERT_TRUE(ageEncryptFile(dir / "plain.bin", dir / "ours.age", recipients).ok());
        ASSERT_EQ(run(std::string(kAge) + " -d -i " + quote(dir / "identity.txt") + " -o " +
                      quote(dir / "theirs.bin") + " " + quote(dir / "ours.age")),
                  0);
        EXPECT_EQ(testing::readBytes(dir / "theirs.bin"), plaintext);
    }
}

TEST(AgeInterop, WeDecryptWhatAgeEncrypts) {
    REQUIRE_TOOL(kAge);
    REQUIRE_TOOL(kAgeKeygen);
    ScratchDir dir;
    ASSERT_EQ(run(std::string(kAgeKeygen) + " -o " + quote(dir / "key.txt") + " 2>/dev/null"), 0);
    ASSERT_EQ(run(std::string(kAgeKeygen) + " -y -o " + quote(dir / "recipient.txt") + " " +
                  quote(dir / "key.txt")),
              0);
    std::string recipientText = testing::readText(dir / "recipient.txt");
    while (!recipientText.empty() && recipientText.back() == '\n') recipientText.pop_back();
    auto identities = readAgeIdentityFile(dir / "key.txt");
    ASSERT_TRUE(identities.ok()) << identities.error().message;
    ASSERT_EQ(identities->size(), 1u);
    EXPECT_EQ((*identities)[0].recipient().toString(), recipientText);
    for (const std::size_t size : {std::size_t{0}, std::size_t{5}, kAgeChunkBytes, 4 * kAgeChunkBytes + 3}) {
        SCOPED_TRACE(size);
        const Bytes plaintext = testing::pseudoRandom(size, static_cast<unsigned>(size) + 2);
        testing::writeBytes(dir / "plain.bin", plaintext);
        std::filesystem::remove(dir / "theirs.age");
        std::filesystem::remove(dir / "ours.bin");
        ASSERT_EQ(run(std::string(kAge) + " -r " + recipientText + " -o " + quote(dir / "theirs.age") + " " +
                      quote(dir / "plain.bin")),
                  0);
        const Status status = ageDecryptFile(dir / "theirs.age", dir / "ours.bin", *identities);
        ASSERT_TRUE(status.ok()) << status.error().message;
        EXPECT_EQ(testing::readBytes(dir / "ours.bin"), plaintext);
    }
}

// ENC-4's shape with both reference tools on the receiving side: encrypt to the owner, sign the ciphertext as
// the data owner; `minisign -V` accepts the export and `age -d` opens it.
TEST(ExportInterop, EncryptThenSignOpensWithReferenceTools) {
    REQUIRE_TOOL(kMinisign);
    REQUIRE_TOOL(kAge);
    ScratchDir dir;
    auto owner = AgeIdentity::generate();
    auto dataOwner = SigningKey::generate();
    ASSERT_TRUE(owner.ok() && dataOwner.ok());
    testing::writeText(dir / "owner.txt", owner->encodeSecret() + "\n");
    testing::writeText(dir / "data_owner.pub", formatMinisignPublicKey(dataOwner->publicKey()));
    const Bytes adapter = testing::pseudoRandom(2 * kAgeChunkBytes + 9, 31);
    testing::writeBytes(dir / "adapter.safetensors", adapter);
    const AgeRecipient recipients[] = {owner->recipient()};
    ASSERT_TRUE(ageEncryptFile(dir / "adapter.safetensors", dir / "export.age", recipients).ok());
    SignatureComments comments;
    comments.trusted = "file:export.age\trun:1";
    auto signature = dataOwner->signFile(dir / "export.age", comments);
    ASSERT_TRUE(signature.ok());
    testing::writeText(dir / "export.age.minisig", formatMinisignSignature(*signature));
    EXPECT_EQ(run(std::string(kMinisign) + " -Vm " + quote(dir / "export.age") + " -p " +
                  quote(dir / "data_owner.pub") + " -q"),
              0);
    ASSERT_EQ(run(std::string(kAge) + " -d -i " + quote(dir / "owner.txt") + " -o " + quote(dir / "opened") +
                  " " + quote(dir / "export.age")),
              0);
    EXPECT_EQ(testing::readBytes(dir / "opened"), adapter);
}

}  // namespace
}  // namespace offsite::crypto

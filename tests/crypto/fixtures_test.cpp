// Committed files made by the reference tools (age 1.1.1, minisign 0.11; see tests/crypto/data), so that
// interoperability is checked on every machine, even one without the tools installed.
#include <gtest/gtest.h>

#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

const std::filesystem::path kData = std::filesystem::path(OFFSITE_SOURCE_DIR) / "tests/crypto/data";

TEST(ReferenceFixtures, AgeFilesFromAge111Decrypt) {
    auto identities = readAgeIdentityFile(kData / "age/identity.txt");
    ASSERT_TRUE(identities.ok()) << identities.error().message;
    EXPECT_EQ((*identities)[0].recipient().toString(),
              "age1nzgfphkwtn7easkwlqp52kj54dhgm2j0ctewjnccywe0vevxpgfs7jfxx9");
    auto hello = ageDecrypt(testing::readBytes(kData / "age/hello.txt.age"), *identities);
    ASSERT_TRUE(hello.ok()) << hello.error().message;
    EXPECT_EQ(std::string(hello->begin(), hello->end()), "hello from age 1.1.1\n");
    auto twoChunks = ageDecrypt(testing::readBytes(kData / "age/two_chunks.age"), *identities);
    ASSERT_TRUE(twoChunks.ok()) << twoChunks.error().message;
    EXPECT_EQ(*twoChunks, Bytes(70000, 'z'));
}

TEST(ReferenceFixtures, BrokenAgeFilesRefusedWithTheirMessages) {
    auto identities = readAgeIdentityFile(kData / "age/identity.txt");
    ASSERT_TRUE(identities.ok());
    const Bytes good = testing::readBytes(kData / "age/two_chunks.age");
    const struct {
        const char* what;
        Bytes bytes;
        const char* message;
    } cases[] = {
        {"truncated at the chunk boundary", Bytes(good.begin(), good.end() - (70000 - 65536 + 16)),
         "ends at a chunk boundary without the final chunk"},
        {"last byte flipped",
         [&] {
             Bytes b = good;
             b.back() ^= 1;
             return b;
         }(),
         "chunk 1 of the encrypted payload"},
        {"one byte appended",
         [&] {
             Bytes b = good;
             b.push_back(0);
             return b;
         }(),
         "chunk 1 of the encrypted payload"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        auto result = ageDecrypt(c.bytes, *identities);
        ASSERT_FALSE(result.ok());
        EXPECT_NE(result.error().message.find(c.message), std::string::npos) << result.error().message;
    }
}

TEST(ReferenceFixtures, MinisignSignaturesFromMinisign011) {
    auto publicKey = readMinisignPublicKeyFile(kData / "minisign/minisign.pub");
    ASSERT_TRUE(publicKey.ok()) << publicKey.error().message;
    EXPECT_EQ(publicKey->keyId.display(), "301BD98095B248CF");
    auto verified =
        verifyFile(kData / "minisign/manifest.json", kData / "minisign/manifest.json.minisig", *publicKey);
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(verified->trustedComment, "model:demo version:1");
    auto legacy = verifyFile(kData / "minisign/manifest.json",
                             kData / "minisign/manifest.json.legacy.minisig", *publicKey);
    ASSERT_FALSE(legacy.ok());
    EXPECT_NE(legacy.error().message.find("legacy format"), std::string::npos) << legacy.error().message;
    auto otherKey = readMinisignPublicKeyFile(kData / "golden_signing_key.pub");
    ASSERT_TRUE(otherKey.ok());
    auto wrongKey =
        verifyFile(kData / "minisign/manifest.json", kData / "minisign/manifest.json.minisig", *otherKey);
    ASSERT_FALSE(wrongKey.ok());
    EXPECT_NE(wrongKey.error().message.find(
                  "signature key id 301BD98095B248CF does not match the public key 385F915CA2F8A9A6"),
              std::string::npos)
        << wrongKey.error().message;
}

}  // namespace
}  // namespace offsite::crypto

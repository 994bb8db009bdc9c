// Canonical-only decoding of base64 and Bech32: one key, one spelling.
#include "core/crypto/encoding.h"

#include <gtest/gtest.h>

#include <cctype>

#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

TEST(Base64, Rfc4648Section10Vectors) {
    const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64Encode(asBytes(plain), Base64Padding::Padded), encoded);
        auto decoded = base64Decode(encoded, Base64Padding::Padded);
        ASSERT_TRUE(decoded.ok()) << encoded;
        EXPECT_EQ(std::string(decoded->begin(), decoded->end()), plain);
    }
    EXPECT_EQ(base64Encode(asBytes("f"), Base64Padding::Unpadded), "Zg");
    EXPECT_TRUE(base64Decode("Zg", Base64Padding::Unpadded).ok());
}

TEST(Base64, RefusesNonCanonicalForms) {
    EXPECT_FALSE(base64Decode("Zh==", Base64Padding::Padded).ok());    // non-zero padding bits
    EXPECT_FALSE(base64Decode("Zg", Base64Padding::Padded).ok());      // missing padding
    EXPECT_FALSE(base64Decode("Zg==", Base64Padding::Unpadded).ok());  // padding where age forbids it
    EXPECT_FALSE(base64Decode("Zh", Base64Padding::Unpadded).ok());
    EXPECT_FALSE(base64Decode("Z", Base64Padding::Unpadded).ok());
    EXPECT_FALSE(base64Decode("Zm9v\n", Base64Padding::Unpadded).ok());
    EXPECT_FALSE(base64Decode("Zm-v", Base64Padding::Unpadded).ok());  // URL-safe alphabet
    EXPECT_FALSE(base64Decode("Z=9v", Base64Padding::Padded).ok());
}

TEST(Bech32, RoundTripAndRefusals) {
    const Bytes key = testing::pseudoRandom(32, 3);
    const std::string text = bech32Encode("age", key);
    auto decoded = bech32Decode(text);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->humanPart, "age");
    EXPECT_EQ(decoded->bytes, key);
    std::string upper = text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(bech32Decode(upper).ok());
    std::string mixed = text;
    mixed[5] = static_cast<char>(std::toupper(static_cast<unsigned char>(mixed[5])));
    if (mixed != text) {
        EXPECT_FALSE(bech32Decode(mixed).ok());
    }
    std::string typo = text;
    typo[10] = typo[10] == 'q' ? 'p' : 'q';
    auto bad = bech32Decode(typo);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("checksum"), std::string::npos);
}

// BIP 173 valid test vector.
TEST(Bech32, Bip173Vector) {
    auto decoded = bech32Decode("A12UEL5L");
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->humanPart, "a");
    EXPECT_TRUE(decoded->bytes.empty());
}

}  // namespace
}  // namespace offsite::crypto

// minisign signatures without external tools: round trip, every refusal PKG-3 names, parser limits.
#include "core/crypto/minisign.h"

#include <gtest/gtest.h>

#include "core/crypto/encoding.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

using testing::ScratchDir;

SigningKey newKey() {
    auto key = SigningKey::generate();
    EXPECT_TRUE(key.ok());
    return std::move(key).value();
}

SignatureComments comments(std::string trusted) {
    SignatureComments c;
    c.trusted = std::move(trusted);
    return c;
}

TEST(Minisign, SignVerifyRoundTripThroughText) {
    const SigningKey key = newKey();
    const Bytes message = testing::bytesOf("manifest bytes");
    auto signature = key.signBytes(message, comments("timestamp:1\tfile:manifest.json\thashed"));
    ASSERT_TRUE(signature.ok());
    const std::string text = formatMinisignSignature(*signature);
    auto parsed = parseMinisignSignature(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto publicKey = parseMinisignPublicKey(formatMinisignPublicKey(key.publicKey()));
    ASSERT_TRUE(publicKey.ok());
    auto verified = verifyBytes(message, *parsed, *publicKey);
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(verified->trustedComment, "timestamp:1\tfile:manifest.json\thashed");
    EXPECT_EQ(verified->keyId, key.keyId());
}

TEST(Minisign, FileSignatureStreamsAndDetectsModification) {
    ScratchDir dir;
    const SigningKey key = newKey();
    testing::writeBytes(dir / "data.bin", testing::pseudoRandom(300000, 1));
    auto signature = key.signFile(dir / "data.bin", comments("file:data.bin"));
    ASSERT_TRUE(signature.ok());
    testing::writeText(dir / "data.bin.minisig", formatMinisignSignature(*signature));
    EXPECT_TRUE(verifyFile(dir / "data.bin", dir / "data.bin.minisig", key.publicKey()).ok());
    Bytes data = testing::readBytes(dir / "data.bin");
    data[150000] ^= 1;
    testing::writeBytes(dir / "data.bin", data);
    auto bad = verifyFile(dir / "data.bin", dir / "data.bin.minisig", key.publicKey());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::Integrity);
    EXPECT_NE(bad.error().message.find("modified after it was signed"), std::string::npos);
}

TEST(Minisign, RefusesOtherKeyWithBothKeyIds) {
    const SigningKey signer = newKey();
    const SigningKey other = newKey();
    auto signature = signer.signBytes(asBytes("x"), comments("c"));
    ASSERT_TRUE(signature.ok());
    auto bad = verifyBytes(asBytes("x"), *signature, other.publicKey());
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("signature key id " + signer.keyId().display() +
                                       " does not match the public key " + other.keyId().display()),
              std::string::npos)
        << bad.error().message;
}

TEST(Minisign, RefusesSwappedKeyIdBytes) {
    const SigningKey key = newKey();
    auto signature = key.signBytes(asBytes("x"), comments("c"));
    ASSERT_TRUE(signature.ok());
    MinisignSignature swapped = *signature;
    std::swap(swapped.keyId.bytes[0], swapped.keyId.bytes[1]);
    if (swapped.keyId == signature->keyId) swapped.keyId.bytes[0] ^= 1;
    auto parsed = parseMinisignSignature(formatMinisignSignature(swapped));
    ASSERT_TRUE(parsed.ok());
    auto bad = verifyBytes(asBytes("x"), *parsed, key.publicKey());
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("does not match the public key"), std::string::npos);
}

TEST(Minisign, RefusesEditedTrustedComment) {
    const SigningKey key = newKey();
    auto signature = key.signBytes(asBytes("x"), comments("version:2"));
    ASSERT_TRUE(signature.ok());
    std::string text = formatMinisignSignature(*signature);
    text.replace(text.find("version:2"), 9, "version:1");
    auto parsed = parseMinisignSignature(text);
    ASSERT_TRUE(parsed.ok());
    auto bad = verifyBytes(asBytes("x"), *parsed, key.publicKey());
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("trusted comment does not match"), std::string::npos);
}

TEST(Minisign, RefusesLegacySignatureWithClearMessage) {
    const SigningKey key = newKey();
    auto signature = key.signBytes(asBytes("x"), comments("c"));
    ASSERT_TRUE(signature.ok());
    MinisignSignature legacy = *signature;
    legacy.algorithm = SignatureAlgorithm::Legacy;
    auto parsed = parseMinisignSignature(formatMinisignSignature(legacy));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->algorithm, SignatureAlgorithm::Legacy);
    auto bad = verifyBytes(asBytes("x"), *parsed, key.publicKey());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::Unsupported);
    EXPECT_NE(bad.error().message.find("legacy"), std::string::npos);
}

TEST(Minisign, ParserRefusesMalformedFiles) {
    const SigningKey key = newKey();
    auto signature = key.signBytes(asBytes("x"), comments("c"));
    ASSERT_TRUE(signature.ok());
    const std::string good = formatMinisignSignature(*signature);
    EXPECT_TRUE(parseMinisignSignature(good).ok());
    EXPECT_FALSE(parseMinisignSignature(good + "extra line\n").ok());
    EXPECT_FALSE(parseMinisignSignature(good.substr(0, good.size() - 10)).ok());
    std::string noPrefix = good;
    noPrefix.replace(0, 9, "trustedXX");
    EXPECT_FALSE(parseMinisignSignature(noPrefix).ok());
    // Non-canonical base64: last char of the 64-byte global signature ("xx==") with non-zero unused bits.
    std::string nonCanonical = good;
    const std::size_t pad = nonCanonical.rfind("==");
    ASSERT_NE(pad, std::string::npos);
    char& last = nonCanonical[pad - 1];
    last = last == 'A' ? 'B' : (last == 'Q' ? 'R' : static_cast<char>(last + 1));
    EXPECT_FALSE(parseMinisignSignature(nonCanonical).ok());
    EXPECT_FALSE(parseMinisignSignature(std::string(20000, 'a')).ok());

    MinisignSignature longComment = *signature;
    longComment.trustedComment = std::string(8193, 'a');
    auto tooLong = parseMinisignSignature(formatMinisignSignature(longComment));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error().kind, ErrorKind::LimitExceeded);
    MinisignSignature longUntrusted = *signature;
    longUntrusted.untrustedComment = std::string(1025, 'a');
    EXPECT_FALSE(parseMinisignSignature(formatMinisignSignature(longUntrusted)).ok());
    EXPECT_FALSE(key.signBytes(asBytes("x"), comments(std::string("bell\x07", 5))).ok());
    EXPECT_FALSE(key.signBytes(asBytes("x"), comments(std::string(8193, 'a'))).ok());
    EXPECT_TRUE(key.signBytes(asBytes("x"), comments(std::string(8192, 'a'))).ok());
}

TEST(Minisign, SignatureFileSizeCheckedBeforeReading) {
    ScratchDir dir;
    testing::writeText(dir / "big.minisig", std::string(16 * 1024 + 1, 'a'));
    auto bad = readMinisignSignatureFile(dir / "big.minisig");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::LimitExceeded);
}

TEST(Minisign, PublicKeyParsing) {
    const SigningKey key = newKey();
    const std::string text = formatMinisignPublicKey(key.publicKey());
    auto parsed = parseMinisignPublicKey(text);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->key, key.publicKey().key);
    const std::string bare = text.substr(text.find('\n') + 1);
    EXPECT_TRUE(parseMinisignPublicKey(bare).ok());
    EXPECT_FALSE(parseMinisignPublicKey("untrusted comment: x\nAAAA\n").ok());
    EXPECT_FALSE(parseMinisignPublicKey("").ok());
}

}  // namespace
}  // namespace offsite::crypto

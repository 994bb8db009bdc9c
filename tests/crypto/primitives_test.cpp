// Known-answer tests for the primitives, with vectors typed from the RFCs (section named on each test).
#include "core/crypto/primitives.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "core/crypto/secret_bytes.h"
#include "core/crypto/sha256.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

using testing::hex;

Bytes range(std::uint8_t from, std::uint8_t to) {
    Bytes out;
    for (unsigned v = from; v <= to; ++v) out.push_back(static_cast<std::uint8_t>(v));
    return out;
}

TEST(Sodium, InitialisesOnce) {
    ASSERT_TRUE(ensureSodium().ok());
    ASSERT_TRUE(ensureSodium().ok());
}

// RFC 5869 Appendix A.1: basic test case with SHA-256.
TEST(Hkdf, Rfc5869TestCase1) {
    const Bytes ikm(22, 0x0b);
    auto okm = hkdfSha256(ikm, range(0x00, 0x0c), range(0xf0, 0xf9), 42);
    ASSERT_TRUE(okm.ok());
    EXPECT_EQ(*okm,
              hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    const auto prk = hmacSha256(range(0x00, 0x0c), ikm);  // Extract step
    EXPECT_EQ(Bytes(prk.begin(), prk.end()),
              hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
}

// RFC 5869 Appendix A.2: longer inputs and outputs.
TEST(Hkdf, Rfc5869TestCase2) {
    auto okm = hkdfSha256(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82);
    ASSERT_TRUE(okm.ok());
    EXPECT_EQ(*okm, hex("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        "cc30c58179ec3e87c14c01d5c1f3434f1d87"));
}

// RFC 5869 Appendix A.3: zero-length salt and info.
TEST(Hkdf, Rfc5869TestCase3) {
    const Bytes ikm(22, 0x0b);
    auto okm = hkdfSha256(ikm, {}, {}, 42);
    ASSERT_TRUE(okm.ok());
    EXPECT_EQ(*okm,
              hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
}

TEST(Hkdf, RefusesTooLongOutput) {
    EXPECT_FALSE(hkdfSha256({}, {}, {}, 255 * 32 + 1).ok());
}

// FIPS 180-2 Appendix B: SHA-256("abc") and the 448-bit message, fed whole and in uneven pieces.
TEST(Sha256, Fips180Vectors) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const std::string message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    Sha256 hasher;
    hasher.update(message.substr(0, 1));
    hasher.update(message.data() + 1, 30);
    hasher.update(std::string_view(message).substr(31));
    EXPECT_EQ(hasher.finishHex(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// A file larger than one 64 KiB read, streamed: the same digest as hashing its bytes whole, and its size. The
// workspace's content store and the checkpoint manifests depend on this one function.
TEST(Sha256, FileDigestStreamsAcrossReads) {
    const std::filesystem::path file = std::filesystem::path(::testing::TempDir()) / "sha256_file_digest.bin";
    std::string bytes;
    for (int i = 0; i < 200000; ++i) bytes += static_cast<char>((i * 131 + 7) % 251);
    {
        std::FILE* out = std::fopen(file.c_str(), "wb");
        ASSERT_NE(out, nullptr);
        ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), out), bytes.size());
        std::fclose(out);
    }
    auto digest = sha256OfFile(file);
    ASSERT_TRUE(digest.ok()) << digest.error().message;
    EXPECT_EQ(digest->sha256, sha256Hex(bytes));
    EXPECT_EQ(digest->size, bytes.size());
    std::filesystem::remove(file);
    auto missing = sha256OfFile(file);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    EXPECT_NE(missing.error().message.find("sha256_file_digest.bin"), std::string::npos);
}

TEST(Sha256, HexSpellingIsLowercaseSixtyFourDigits) {
    EXPECT_TRUE(isSha256Hex(sha256Hex("abc")));
    EXPECT_FALSE(isSha256Hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
    EXPECT_FALSE(isSha256Hex(sha256Hex("abc").substr(1)));
    EXPECT_FALSE(isSha256Hex(sha256Hex("abc") + "0"));
    EXPECT_FALSE(isSha256Hex(std::string(63, '0') + "g"));
}

// RFC 7693 Appendix A: BLAKE2b-512("abc").
TEST(Blake2b, Rfc7693Abc) {
    const auto digest = blake2b512(asBytes("abc"));
    EXPECT_EQ(Bytes(digest.begin(), digest.end()),
              hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
}

TEST(Blake2b, StreamingEqualsOneShot) {
    const Bytes data = testing::pseudoRandom(200000, 7);
    Blake2bHasher hasher;
    hasher.update(ByteSpan(data.data(), 1));
    hasher.update(ByteSpan(data.data() + 1, 99999));
    hasher.update(ByteSpan(data.data() + 100000, 100000));
    EXPECT_EQ(hasher.finish(), blake2b512(data));
    testing::ScratchDir dir;
    testing::writeBytes(dir / "f", data);
    auto fromFile = blake2b512File(dir / "f");
    ASSERT_TRUE(fromFile.ok());
    EXPECT_EQ(*fromFile, blake2b512(data));
}

struct Ed25519Vector {
    const char* name;
    const char* secret;
    const char* publicKey;
    const char* message;
    const char* signature;
};

// RFC 8032 section 7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc).
constexpr std::array<Ed25519Vector, 4> kRfc8032Vectors = {{
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f"
     "0595b"
     "be24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2ea"
     "eb4"
     "302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e"
     "971"
     "6ed28dc027beceea1ec40a"},
    {"TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d442"
     "3643c"
     "e80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179"
     "c138a"
     "c17ad9bef1177331a704"},
}};

TEST(Ed25519, Rfc8032Section71Vectors) {
    for (const Ed25519Vector& v : kRfc8032Vectors) {
        SCOPED_TRACE(v.name);
        std::array<std::uint8_t, kEd25519SecretKeyBytes> secretKey{};
        Ed25519PublicKey publicKey{};
        ASSERT_TRUE(ed25519FromSeed(hex(v.secret), secretKey, publicKey).ok());
        EXPECT_EQ(Bytes(publicKey.begin(), publicKey.end()), hex(v.publicKey));
        const Bytes message = hex(v.message);
        const Ed25519Signature signature = ed25519Sign(message, secretKey);
        EXPECT_EQ(Bytes(signature.begin(), signature.end()), hex(v.signature));
        EXPECT_TRUE(ed25519Verify(message, signature, publicKey));
        Ed25519Signature tampered = signature;
        tampered[0] ^= 1;
        EXPECT_FALSE(ed25519Verify(message, tampered, publicKey));
        Bytes otherMessage = message;
        otherMessage.push_back(0);
        EXPECT_FALSE(ed25519Verify(otherMessage, signature, publicKey));
    }
}

// RFC 8439 section 2.8.2: AEAD_CHACHA20_POLY1305 test vector.
TEST(ChaCha20Poly1305, Rfc8439Section282) {
    const Bytes plaintext = testing::bytesOf(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
        "sunscreen "
        "would be it.");
    const Bytes aad = hex("50515253c0c1c2c3c4c5c6c7");
    const Bytes key = range(0x80, 0x9f);
    const Bytes nonce = hex("070000004041424344454647");
    const Bytes expected =
        hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
            "1a71de0a9e06"
            "0b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b"
            "7a9de576d2"
            "6586cec64b6116"
            "1ae10b594f09e26a7e902ecbd0600691");
    const std::span<const std::uint8_t, 12> n(nonce.data(), 12);
    const std::span<const std::uint8_t, 32> k(key.data(), 32);
    EXPECT_EQ(aeadEncrypt(plaintext, aad, n, k), expected);
    Bytes decrypted;
    ASSERT_TRUE(aeadDecrypt(expected, aad, n, k, decrypted).ok());
    EXPECT_EQ(decrypted, plaintext);
    Bytes tampered = expected;
    tampered.back() ^= 0x80;
    const Status bad = aeadDecrypt(tampered, aad, n, k, decrypted);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::Integrity);
}

// RFC 7748 section 6.1: X25519 Diffie-Hellman; and the all-zero shared secret is refused.
TEST(X25519, Rfc7748Section61AndLowOrder) {
    const Bytes alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    const Bytes bobPublic = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    std::array<std::uint8_t, 32> shared{};
    ASSERT_TRUE(x25519(std::span<const std::uint8_t, 32>(alice.data(), 32),
                       std::span<const std::uint8_t, 32>(bobPublic.data(), 32), shared)
                    .ok());
    EXPECT_EQ(Bytes(shared.begin(), shared.end()),
              hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
    const std::array<std::uint8_t, 32> zeroPoint{};
    const Status lowOrder = x25519(std::span<const std::uint8_t, 32>(alice.data(), 32), zeroPoint, shared);
    ASSERT_FALSE(lowOrder.ok());
    EXPECT_NE(lowOrder.error().message.find("all-zero"), std::string::npos);
}

TEST(SecretBytes, HoldsAndMovesSecrets) {
    auto secret = SecretBytes::copyOf(testing::bytesOf("secret"));
    ASSERT_TRUE(secret.ok());
    SecretBytes moved = std::move(secret).value();
    const SecretBytes::Access access(moved);
    EXPECT_EQ(std::string(access.bytes().begin(), access.bytes().end()), "secret");
}

// KEY-2: outside an Access scope the guarded pages are PROT_NONE, so a stray read crashes instead of leaking.
TEST(SecretBytesDeathTest, IdleBufferIsInaccessible) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    auto secret = SecretBytes::copyOf(testing::bytesOf("key material"));
    ASSERT_TRUE(secret.ok());
    const std::uint8_t* escaped = SecretBytes::Access(*secret).data();
    EXPECT_DEATH(
        {
            const volatile std::uint8_t byte = escaped[0];
            (void)byte;
        },
        "");
}

// KEY-3 policy pin: libsodium >= 1.0.16 rejects a small-order public key even with a signature that satisfies
// the verification equation (R = identity, S = 0). A libsodium upgrade that changed this would fail here.
TEST(Ed25519, SmallOrderPublicKeyRejected) {
    Ed25519PublicKey identityPoint{};
    identityPoint[0] = 1;
    Ed25519Signature signature{};
    signature[0] = 1;
    EXPECT_FALSE(ed25519Verify(asBytes("any message"), signature, identityPoint));
}

// KEY-3, ENC-1, KEY-1: the crypto module never calls the functions the requirements rule out. A source grep,
// run as a test so that CI enforces it.
TEST(CryptoSources, AvoidForbiddenCalls) {
    const std::filesystem::path dir = std::filesystem::path(OFFSITE_SOURCE_DIR) / "core/crypto";
    const char* forbidden[] = {"crypto_core_ed25519_is_valid_point", "crypto_box_seal",
                               "crypto_pwhash_ALG_DEFAULT", "memset(", "crypto_sign_init"};
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string text = testing::readText(entry.path());
        ++files;
        for (const char* name : forbidden) {
            EXPECT_EQ(text.find(name), std::string::npos) << entry.path() << " uses " << name;
        }
    }
    EXPECT_GT(files, 5);
}

}  // namespace
}  // namespace offsite::crypto

// Key pair files (`offsite keygen`: Ed25519 + X25519 sealed with Argon2id in one file, KEY-1), fingerprints,
// and the core-dump switch (KEY-2).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "core/crypto/age.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/key_file.h"
#include "core/crypto/process_hardening.h"
#include "crypto_test_util.h"

namespace offsite::crypto {
namespace {

using testing::ScratchDir;

TEST(KeyPair, RoundTripKeepsBothKeys) {
    ScratchDir dir;
    auto pair = KeyPair::generate();
    ASSERT_TRUE(pair.ok());
    ASSERT_TRUE(writeKeyPairFile(dir / "owner.offsitekey", *pair, KeyRole::ModelOwner, asBytes("pw"),
                                 KdfParams::fastForTestsOnly())
                    .ok());
    EXPECT_EQ(std::filesystem::status(dir / "owner.offsitekey").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string text = testing::readText(dir / "owner.offsitekey");
    EXPECT_NE(text.find("offsite model owner key pair " + pair->signing.keyId().display()),
              std::string::npos);

    auto opened = readKeyPairFile(dir / "owner.offsitekey", asBytes("pw"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->signing.keyId(), pair->signing.keyId());
    EXPECT_EQ(opened->signing.publicKey().key, pair->signing.publicKey().key);
    EXPECT_EQ(opened->encryption.recipient().toString(), pair->encryption.recipient().toString());

    // The opened encryption key decrypts what was encrypted to the generated recipient.
    const AgeRecipient recipient = pair->encryption.recipient();
    auto sealed = ageEncrypt(asBytes("adapter"), std::span(&recipient, 1));
    ASSERT_TRUE(sealed.ok());
    auto plain = ageDecrypt(*sealed, std::span(&opened->encryption, 1));
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(std::string(plain->begin(), plain->end()), "adapter");

    // A key pair file also serves where only a signing key is needed.
    auto signing = readSigningKeyFile(dir / "owner.offsitekey", asBytes("pw"));
    ASSERT_TRUE(signing.ok()) << signing.error().message;
    EXPECT_EQ(signing->publicKey().key, pair->signing.publicKey().key);
}

TEST(KeyPair, WrongPassphraseAndTamperingAreRefused) {
    auto pair = KeyPair::generate();
    ASSERT_TRUE(pair.ok());
    auto text = sealKeyPair(*pair, KeyRole::DataOwner, asBytes("right"), KdfParams::fastForTestsOnly());
    ASSERT_TRUE(text.ok());
    auto wrong = openKeyPair(*text, asBytes("wrong"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("wrong passphrase"), std::string::npos);

    std::string edited = *text;
    const std::size_t nl = edited.find('\n');
    char& c = edited[nl + 40];
    c = c == 'A' ? 'B' : 'A';
    EXPECT_FALSE(openKeyPair(edited, asBytes("right")).ok());
}

TEST(KeyPair, SigningOnlyKeyFileIsNotAKeyPair) {
    auto key = SigningKey::generate();
    ASSERT_TRUE(key.ok());
    auto text = sealSigningKey(*key, asBytes("pw"), KdfParams::fastForTestsOnly());
    ASSERT_TRUE(text.ok());
    auto pair = openKeyPair(*text, asBytes("pw"));
    ASSERT_FALSE(pair.ok());
    EXPECT_NE(pair.error().message.find("offsite keygen"), std::string::npos);
}

TEST(KeyPair, FingerprintsDependOnTheKeyBytes) {
    auto a = KeyPair::generate();
    auto b = KeyPair::generate();
    ASSERT_TRUE(a.ok() && b.ok());
    const std::string fa = keyFingerprint(a->signing.publicKey());
    EXPECT_EQ(fa.size(), 39u);  // 8 groups of 4 hex digits and 7 spaces
    EXPECT_EQ(fa, keyFingerprint(a->signing.publicKey()));
    EXPECT_NE(fa, keyFingerprint(b->signing.publicKey()));
    MinisignPublicKey sameIdOtherKey = b->signing.publicKey();
    sameIdOtherKey.keyId = a->signing.keyId();
    EXPECT_NE(fa, keyFingerprint(sameIdOtherKey));
    EXPECT_NE(keyFingerprint(a->encryption.recipient()), keyFingerprint(b->encryption.recipient()));
}

// In a child process, so the test runner itself keeps its settings.
TEST(ProcessHardening, CoreDumpsOffAfterTheCall) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        struct rlimit some {};
        some.rlim_cur = 1 << 20;
        some.rlim_max = 1 << 20;
        if (::setrlimit(RLIMIT_CORE, &some) != 0) ::_exit(10);
#if defined(__linux__)
        if (::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0) ::_exit(11);
#endif
        if (coreDumpsDisabled()) ::_exit(12);  // the check must be able to fail
        if (!disableCoreDumps().ok()) ::_exit(13);
        struct rlimit now {};
        if (::getrlimit(RLIMIT_CORE, &now) != 0 || now.rlim_cur != 0 || now.rlim_max != 0) ::_exit(14);
#if defined(__linux__)
        if (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) ::_exit(15);
#endif
        ::_exit(coreDumpsDisabled() ? 0 : 16);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace offsite::crypto

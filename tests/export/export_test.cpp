// The encrypted, signed export (ENC-1..ENC-7) and the owner's open: a round trip, what the listing says,
// fresh randomness per export, the signature and provenance checks, atomic output, and interoperability with
// the stock `age` and `minisign` tools in both directions.
#include "core/export/export.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "../trust/trust_test_support.h"
#include "core/crypto/key_file.h"
#include "core/package/tar.h"

namespace offsite::exports {
namespace {

using namespace trust::testing;

constexpr const char* kAge = "/usr/bin/age";
constexpr const char* kMinisign = "/usr/bin/minisign";

int run(const std::string& command) {
    const int rc = std::system((command + " </dev/null").c_str());
    if (rc == -1 || !WIFEXITED(rc)) return -1;
    return WEXITSTATUS(rc);
}

std::string quote(const fs::path& path) {
    return "'" + path.string() + "'";
}

class ExportTest : public ScratchTest {
protected:
    void SetUp() override {
        ScratchTest::SetUp();
        auto owner = crypto::KeyPair::generate();
        auto dataOwner = crypto::SigningKey::generate();
        ASSERT_TRUE(owner.ok() && dataOwner.ok());
        owner_.emplace(std::move(*owner));
        dataOwner_.emplace(std::move(*dataOwner));
        // The owner's package, and its folder as the importer extracts it.
        writeSplitFolder(root_ / "split");
        PackSpec spec;
        spec.recipient = owner_->encryption.recipient().toString();
        package_ = root_ / "model.otpkg";
        auto manifest = pack(root_ / "split", package_, owner_->signing, spec);
        ASSERT_TRUE(manifest.ok()) << manifest.error().message;
        package::TrustedKeys keys;
        keys.keys.push_back(package::PinnedKey{"example.org", owner_->signing.publicKey()});
        package::VerifyParams verify;
        verify.trustedKeys = &keys;
        verify.now = 1'800'000'000;
        auto extracted = package::extractPackage(package_, root_ / "imported", verify);
        ASSERT_TRUE(extracted.ok()) << extracted.error().message;
        // The tuned adapter: same layout, different values.
        tuned_ = root_ / "tuned.safetensors";
        writeBytes(tuned_, safetensorsBytes(adapterLayout(), 0.75f));
    }

    ExportParams params(const fs::path& out) const {
        ExportParams p;
        p.adapterPath = tuned_;
        p.packageFolder = root_ / "imported";
        p.runId = "run-7";
        p.hyperparametersJson = R"({"lr": 0.0002, "steps": 30})";
        p.datasetFingerprints = {"0123abcd"};
        p.signingKey = &*dataOwner_;
        p.outputPath = out;
        p.createdAt = 1'800'000'100;
        return p;
    }

    OpenParams openParams(const fs::path& exported, const fs::path& out) const {
        OpenParams o;
        o.exportPath = exported;
        o.dataOwnerKey = dataOwner_->publicKey();
        o.identity = &owner_->encryption;
        o.packagePath = package_;
        o.packageKey = owner_->signing.publicKey();
        o.outputAdapterPath = out;
        return o;
    }

    std::optional<crypto::KeyPair> owner_;
    std::optional<crypto::SigningKey> dataOwner_;
    fs::path package_, tuned_;
};

TEST_F(ExportTest, RoundTripGivesBackTheAdapterByteForByte) {
    auto result = writeExport(params(root_ / "out.age"));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_TRUE(fs::exists(root_ / "out.age.minisig"));
    EXPECT_EQ(result->listing.recipient, owner_->encryption.recipient().toString());
    auto opened = openExport(openParams(root_ / "out.age", root_ / "back.safetensors"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(readBytes(root_ / "back.safetensors"), readBytes(tuned_));
    EXPECT_EQ(opened->listing.runId, "run-7");
    EXPECT_EQ(opened->listing.datasetFingerprints, std::vector<std::string>{"0123abcd"});
    EXPECT_EQ(opened->listing.hyperparametersJson, R"({"lr":0.0002,"steps":30})");
    EXPECT_EQ(opened->listing.tensors.size(), 4u);
    EXPECT_NE(opened->listingText.find("No training data is included"), std::string::npos);
    EXPECT_NE(opened->provenanceJson.find("\"contains_training_data\": false"), std::string::npos);
}

TEST_F(ExportTest, DescribeListsWhatLeavesAndWritesNothing) {
    auto listing = describeExport(params(root_ / "never.age"));
    ASSERT_TRUE(listing.ok()) << listing.error().message;
    EXPECT_FALSE(fs::exists(root_ / "never.age"));
    EXPECT_FALSE(listing->containsTrainingData);
    ASSERT_EQ(listing->files.size(), 3u);
    EXPECT_EQ(listing->files[2].name, "adapter.safetensors");
    EXPECT_EQ(listing->files[2].size, fs::file_size(tuned_));
    ASSERT_EQ(listing->tensors.size(), 4u);
    EXPECT_EQ(listing->tensors[1].name, "model.layers.0.mlp.up_proj.weight");
    EXPECT_EQ(listing->tensors[1].shape, (std::vector<std::int64_t>{2, 4}));
    const std::string text = listing->text();
    EXPECT_NE(text.find(owner_->encryption.recipient().toString()), std::string::npos);
    EXPECT_NE(text.find("model.layers.0.mlp.up_proj.weight  F32 [2, 4]  32 bytes"), std::string::npos);
    EXPECT_NE(text.find("No training data is included"), std::string::npos);
}

TEST_F(ExportTest, EveryExportUsesFreshRandomness) {
    ASSERT_TRUE(writeExport(params(root_ / "a.age")).ok());
    ASSERT_TRUE(writeExport(params(root_ / "b.age")).ok());
    const std::string a = readBytes(root_ / "a.age");
    const std::string b = readBytes(root_ / "b.age");
    EXPECT_NE(a, b);
    // Different ephemeral shares in the stanza (line 2 of the header).
    EXPECT_NE(a.substr(0, a.find('\n', 30)), b.substr(0, b.find('\n', 30)));
}

TEST_F(ExportTest, AdapterOfAnotherShapeIsRefusedAndNothingIsWritten) {
    writeBytes(tuned_, safetensorsBytes({{"model.layers.0.mlp.up_proj.weight", {4, 2}},
                                         {"model.layers.0.input_layernorm.weight", {4}}},
                                        0.1f));
    auto result = writeExport(params(root_ / "out.age"));
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("tensor model.layers.0.mlp.up_proj.weight is F32 [4, 2] but"),
              std::string::npos)
        << result.error().message;
    EXPECT_FALSE(fs::exists(root_ / "out.age"));
    EXPECT_FALSE(fs::exists(root_ / "out.age.minisig"));
    writeBytes(tuned_, safetensorsBytes({{"model.layers.0.mlp.up_proj.weight", {2, 4}}}, 0.1f));
    auto missing = describeExport(params(root_ / "out.age"));
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("model.layers.0.input_layernorm.weight"), std::string::npos);
}

TEST_F(ExportTest, BadInputsAreRefused) {
    ExportParams same = params(tuned_);
    auto overwrite = writeExport(same);
    ASSERT_FALSE(overwrite.ok());
    EXPECT_NE(overwrite.error().message.find("would overwrite the adapter"), std::string::npos);
    ExportParams badRun = params(root_ / "out.age");
    badRun.runId = "run 7; rm -rf";
    EXPECT_FALSE(writeExport(badRun).ok());
    ExportParams badFingerprint = params(root_ / "out.age");
    badFingerprint.datasetFingerprints = {"the customer list"};
    EXPECT_FALSE(writeExport(badFingerprint).ok());
    ExportParams badJson = params(root_ / "out.age");
    badJson.hyperparametersJson = "[1]";
    EXPECT_FALSE(writeExport(badJson).ok());
    EXPECT_FALSE(fs::exists(root_ / "out.age"));
}

TEST_F(ExportTest, CancelledExportLeavesNothing) {
    ExportParams p = params(root_ / "out.age");
    p.progress = [](std::uint64_t, std::uint64_t) { return false; };
    auto result = writeExport(p);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::Cancelled);
    EXPECT_FALSE(fs::exists(root_ / "out.age"));
    EXPECT_FALSE(fs::exists(root_ / "out.age.minisig"));
    for (const auto& entry : fs::directory_iterator(root_)) {
        EXPECT_EQ(entry.path().filename().string().find(".out.age"), std::string::npos) << entry.path();
    }
}

TEST_F(ExportTest, OwnerOpenRefusesTamperingOtherSignersAndOtherPackages) {
    ASSERT_TRUE(writeExport(params(root_ / "out.age")).ok());
    const std::string good = readBytes(root_ / "out.age");
    // A flipped byte in the encrypted file: the signature check refuses it before decryption.
    std::string flipped = good;
    flipped[flipped.size() / 2] ^= 0x01;
    writeBytes(root_ / "out.age", flipped);
    auto tampered = openExport(openParams(root_ / "out.age", root_ / "back.safetensors"));
    ASSERT_FALSE(tampered.ok());
    EXPECT_NE(tampered.error().message.find("the data owner's signature check"), std::string::npos)
        << tampered.error().message;
    EXPECT_FALSE(fs::exists(root_ / "back.safetensors"));
    writeBytes(root_ / "out.age", good);
    // Signed by someone else.
    auto stranger = crypto::SigningKey::generate();
    ASSERT_TRUE(stranger.ok());
    OpenParams other = openParams(root_ / "out.age", root_ / "back.safetensors");
    other.dataOwnerKey = stranger->publicKey();
    EXPECT_FALSE(openExport(other).ok());
    // Made from a different package (another version of the owner's model).
    writeSplitFolder(root_ / "split2", 0.25f);
    PackSpec spec;
    spec.version = 2;
    spec.recipient = owner_->encryption.recipient().toString();
    ASSERT_TRUE(pack(root_ / "split2", root_ / "v2.otpkg", owner_->signing, spec).ok());
    OpenParams wrongPackage = openParams(root_ / "out.age", root_ / "back.safetensors");
    wrongPackage.packagePath = root_ / "v2.otpkg";
    auto mismatch = openExport(wrongPackage);
    ASSERT_FALSE(mismatch.ok());
    EXPECT_NE(mismatch.error().message.find("made from a different package"), std::string::npos);
    EXPECT_FALSE(fs::exists(root_ / "back.safetensors"));
    // The wrong owner key cannot decrypt.
    auto otherOwner = crypto::AgeIdentity::generate();
    ASSERT_TRUE(otherOwner.ok());
    OpenParams wrongKey = openParams(root_ / "out.age", root_ / "back.safetensors");
    wrongKey.identity = &*otherOwner;
    EXPECT_FALSE(openExport(wrongKey).ok());
    EXPECT_FALSE(fs::exists(root_ / "back.safetensors"));
}

TEST_F(ExportTest, StockAgeDecryptsTheExportByteExactly) {
    if (::access(kAge, X_OK) != 0) GTEST_SKIP() << "age is not installed";
    ASSERT_TRUE(writeExport(params(root_ / "out.age")).ok());
    writeBytes(root_ / "identity.txt", owner_->encryption.encodeSecret() + "\n");
    ASSERT_EQ(run(std::string(kAge) + " -d -i " + quote(root_ / "identity.txt") + " -o " +
                  quote(root_ / "plain.tar") + " " + quote(root_ / "out.age")),
              0);
    const std::string byAge = readBytes(root_ / "plain.tar");
    const std::string cipher = readBytes(root_ / "out.age");
    auto ours = crypto::ageDecrypt(crypto::asBytes(cipher), std::span(&owner_->encryption, 1));
    ASSERT_TRUE(ours.ok()) << ours.error().message;
    EXPECT_EQ(byAge, std::string(ours->begin(), ours->end()));
    // The plaintext is a plain tar: its adapter entry is the tuned adapter.
    auto source = package::memorySource(byAge);
    package::TarReader reader(*source);
    std::vector<std::string> names;
    for (;;) {
        auto entry = reader.next();
        ASSERT_TRUE(entry.ok()) << entry.error().message;
        if (entry->name.empty()) break;
        names.push_back(entry->name);
        if (entry->name == "adapter.safetensors") {
            auto data = reader.readAll(*entry, 1 << 20, "adapter");
            ASSERT_TRUE(data.ok());
            EXPECT_EQ(*data, readBytes(tuned_));
        }
    }
    EXPECT_EQ(names, (std::vector<std::string>{"listing.txt", "provenance.json", "adapter.safetensors"}));
}

TEST_F(ExportTest, MinisignVerifiesOurSignatureAndWeVerifyMinisigns) {
    if (::access(kMinisign, X_OK) != 0) GTEST_SKIP() << "minisign is not installed";
    ASSERT_TRUE(writeExport(params(root_ / "out.age")).ok());
    writeBytes(root_ / "alice.pub", crypto::formatMinisignPublicKey(dataOwner_->publicKey()));
    EXPECT_EQ(run(std::string(kMinisign) + " -V -q -m " + quote(root_ / "out.age") + " -p " +
                  quote(root_ / "alice.pub")),
              0);
    // The same export signed by minisign itself (with the trusted comment ours carries) opens with us.
    ASSERT_EQ(run(std::string(kMinisign) + " -G -W -f -p " + quote(root_ / "mk.pub") + " -s " +
                  quote(root_ / "mk.key") + " >/dev/null 2>&1"),
              0);
    auto ours = crypto::readMinisignSignatureFile(root_ / "out.age.minisig");
    ASSERT_TRUE(ours.ok());
    ASSERT_EQ(run(std::string(kMinisign) + " -S -s " + quote(root_ / "mk.key") + " -m " +
                  quote(root_ / "out.age") + " -x " + quote(root_ / "by-minisign.minisig") + " -t '" +
                  ours->trustedComment + "' >/dev/null 2>&1"),
              0);
    auto minisignKey = crypto::readMinisignPublicKeyFile(root_ / "mk.pub");
    ASSERT_TRUE(minisignKey.ok());
    OpenParams o = openParams(root_ / "out.age", root_ / "back.safetensors");
    o.signaturePath = root_ / "by-minisign.minisig";
    o.dataOwnerKey = *minisignKey;
    auto opened = openExport(o);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(readBytes(root_ / "back.safetensors"), readBytes(tuned_));
}

}  // namespace
}  // namespace offsite::exports

namespace offsite::exports {
namespace {

// The parsing layers under openExport, on the committed fuzz seeds (fuzz/corpus/export_reader, provenance):
// the valid seed is accepted (so the fuzzers start from real structure), each broken one is refused by name.
std::string seed(const std::string& relative) {
    return offsite::trust::testing::readBytes(std::filesystem::path(OFFSITE_SOURCE_DIR) / "fuzz/corpus" / relative);
}

TEST(ExportContents, CommittedSeedsParseOrAreRefusedWithTheirCheck) {
    auto valid = readExportContents(seed("export_reader/valid.tar"));
    ASSERT_TRUE(valid.ok()) << valid.error().message;
    EXPECT_EQ(valid->listing.runId, "run-1");
    EXPECT_EQ(valid->listing.tensors.size(), 2u);
    EXPECT_EQ(valid->adapterSha256.size(), 64u);
    const std::pair<const char*, const char*> broken[] = {
        {"export_reader/extra_entry.tar", "unexpected extra entry x.txt"},
        {"export_reader/adapter_changed.tar", "SHA-256 check against provenance.json failed"},
        {"export_reader/wrong_order.tar", "the first entry must be listing.txt"}};
    for (const auto& [file, expected] : broken) {
        auto refused = readExportContents(seed(file));
        ASSERT_FALSE(refused.ok()) << file;
        EXPECT_NE(refused.error().message.find(expected), std::string::npos) << refused.error().message;
    }
    auto record = parseProvenanceRecord(seed("provenance/valid.json"));
    ASSERT_TRUE(record.ok()) << record.error().message;
    EXPECT_EQ(record->listing.publisher, "example.org");
    EXPECT_FALSE(parseProvenanceRecord(seed("provenance/wrong_spec.json")).ok());
    EXPECT_FALSE(parseProvenanceRecord(seed("provenance/bad_shape.json")).ok());
    auto duplicate = parseProvenanceRecord(seed("provenance/duplicate_key.json"));
    ASSERT_FALSE(duplicate.ok());
    EXPECT_NE(duplicate.error().message.find("duplicate key"), std::string::npos) << duplicate.error().message;
}

}  // namespace
}  // namespace offsite::exports

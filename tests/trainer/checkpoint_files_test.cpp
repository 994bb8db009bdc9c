// Checkpoint folders without a model (torch-free, also under the sanitizers): publishing writes checkpoint.json with
// every file's size and SHA-256 and keeps the newest two; verification names the damaged file; the newest
// checkpoint that verifies is found, not the newest by name; malformed manifests are refused without crashing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/trainer/checkpoint.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;

const std::string kHash(64, 'a');

class CheckpointFiles : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("offsite-ckfiles-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path publish(int step, const std::string& content = "tensor bytes") {
        auto staging = makeSiblingFolder(root_ / checkpointName(step), "tmp");
        EXPECT_TRUE(staging.ok());
        EXPECT_TRUE(writeFileAtomic(*staging / "trainable.safetensors", content + std::to_string(step)).ok());
        EXPECT_TRUE(writeFileAtomic(*staging / "state.json", "{\"step\": " + std::to_string(step) + "}").ok());
        auto published = publishCheckpoint(*staging, root_, step, kHash, 2);
        EXPECT_TRUE(published.ok()) << published.error().message;
        return published.ok() ? *published : fs::path();
    }
    fs::path root_;
};

TEST_F(CheckpointFiles, PublishedCheckpointsVerifyAndOnlyTheNewestTwoAreKept) {
    for (int step : {3, 6, 9}) publish(step);
    auto left = listCheckpoints(root_);
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].first, 6);
    EXPECT_EQ(left[1].first, 9);
    auto info = readCheckpointInfo(root_ / "ckpt-00000009");
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->step, 9);
    EXPECT_EQ(info->paramsHash, kHash);
    ASSERT_EQ(info->files.size(), 2u);
    EXPECT_EQ(info->files[1].name, "trainable.safetensors");
    EXPECT_EQ(info->files[1].size, 13u);
}

TEST_F(CheckpointFiles, TheNewestThatVerifiesIsFoundNotTheNewestByName) {
    publish(4);
    const fs::path newest = publish(8);
    std::ofstream(newest / "trainable.safetensors", std::ios::binary | std::ios::trunc) << "tensor bytez8";
    auto info = readCheckpointInfo(newest);
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().kind, ErrorKind::Integrity);
    EXPECT_NE(info.error().message.find("trainable.safetensors does not match its SHA-256"), std::string::npos)
        << info.error().message;
    auto found = findResumableCheckpoint(root_);
    ASSERT_TRUE(found.ok()) << found.error().message;
    EXPECT_EQ(found->info.step, 4);
    ASSERT_EQ(found->corrupt.size(), 1u);
    EXPECT_EQ(found->corrupt[0], newest);
    ASSERT_TRUE(quarantineCheckpoint(newest).ok());
    EXPECT_TRUE(fs::exists(root_ / "ckpt-00000008.corrupt"));
    EXPECT_EQ(listCheckpoints(root_).size(), 1u);
    // Publishing the same step again replaces a leftover folder of that name.
    fs::create_directories(root_ / "ckpt-00000010");
    std::ofstream(root_ / "ckpt-00000010" / "junk") << "x";
    publish(10);
    EXPECT_TRUE(readCheckpointInfo(root_ / "ckpt-00000010").ok());
}

TEST_F(CheckpointFiles, MalformedManifestsAreRefusedWithTheReason) {
    const fs::path folder = publish(5);
    const std::string good = readFile(folder / kCheckpointManifest, 1 << 20).value();
    auto expectRefused = [&](const std::string& manifest, const std::string& expected) {
        ASSERT_TRUE(writeFileAtomic(folder / kCheckpointManifest, manifest).ok());
        auto info = readCheckpointInfo(folder);
        ASSERT_FALSE(info.ok()) << expected;
        EXPECT_NE(info.error().message.find(expected), std::string::npos) << info.error().message;
    };
    expectRefused("{", "not valid JSON");
    expectRefused("[]", "not an Offsite Studio training checkpoint");
    expectRefused(R"({"format":"offsite-training-checkpoint","version":1,"step":-1})", "step");
    std::string escaping = good;
    escaping.replace(escaping.find("\"state.json\""), 12, "\"../x.json\"");
    expectRefused(escaping, "malformed");
    std::string twice = good;
    twice.replace(twice.find("\"trainable.safetensors\""), 23, "\"state.json\"");
    expectRefused(twice, "listed twice");
    fs::remove(folder / kCheckpointManifest);
    auto missing = readCheckpointInfo(folder);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("checkpoint.json is missing"), std::string::npos);
    auto none = findResumableCheckpoint(root_);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(findResumableCheckpoint(root_ / "absent").error().kind, ErrorKind::NotFound);
}

// The trainer hashes its files while writing them: publishing with those hashes gives checkpoint.json byte for byte
// as reading the files back does, and a listing that does not match the folder publishes nothing.
TEST_F(CheckpointFiles, HashesTakenWhileWritingGiveTheSameManifest) {
    auto stage = [&](const fs::path& folder) {
        fs::create_directories(folder);
        auto staging = makeSiblingFolder(folder / checkpointName(5), "tmp");
        EXPECT_TRUE(staging.ok());
        EXPECT_TRUE(writeFileAtomic(*staging / "trainable.safetensors", "tensor bytes").ok());
        EXPECT_TRUE(writeFileAtomic(*staging / "state.json", "{}").ok());
        return *staging;
    };
    auto readBack = publishCheckpoint(stage(root_ / "a"), root_ / "a", 5, kHash, 2);
    ASSERT_TRUE(readBack.ok()) << readBack.error().message;
    std::vector<CheckpointFile> written = {{"trainable.safetensors", 12, crypto::sha256Hex("tensor bytes")},
                                           {"state.json", 2, crypto::sha256Hex("{}")}};
    auto known = publishCheckpoint(stage(root_ / "b"), root_ / "b", 5, kHash, 2, written);
    ASSERT_TRUE(known.ok()) << known.error().message;
    EXPECT_EQ(readFile(*readBack / kCheckpointManifest, 1 << 20).value(),
              readFile(*known / kCheckpointManifest, 1 << 20).value());
    EXPECT_TRUE(readCheckpointInfo(*known).ok());

    written[0].size = 13;
    auto wrong = publishCheckpoint(stage(root_ / "c"), root_ / "c", 5, kHash, 2, written);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().kind, ErrorKind::Internal);
    EXPECT_TRUE(listCheckpoints(root_ / "c").empty());
    written.pop_back();
    auto missing = publishCheckpoint(stage(root_ / "d"), root_ / "d", 5, kHash, 2, written);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(listCheckpoints(root_ / "d").empty());
}

}  // namespace
}  // namespace offsite::trainer

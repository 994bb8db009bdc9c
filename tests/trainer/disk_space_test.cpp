// CKPT-4 on a tiny split model, through the injectable free-space query: a run whose disk is too full for its next
// checkpoint pauses (not fails) with a message saying what to free, keeps its previous checkpoint, and resumed
// with space again ends bitwise equal to a run that never stopped; a run without space does not start; a save
// that fails for lack of space pauses too. Checkpoint files are hashed while written: checkpoint.json lists what
// is on disk.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <fstream>

#include <torch/torch.h>

#include "core/crypto/sha256.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/trainer/trainer.h"
#include "tests/trainer/tiny_split.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
using fixtures::slurp;
constexpr std::uint64_t kPlenty = std::uint64_t{1} << 40;

class DiskSpace : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(fixtures::makeTinySplit(tiny_, "space", 4, 3));
        root_ = tiny_.root;
    }

    TrainingParams params(const std::string& out) {
        TrainingParams p;
        p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
        p.modelFolder = root_ / "split";
        for (int i = 0; i < 300; ++i) p.trainTokens.push_back((i * 5 + i / 3) % 64);
        p.validationTokens.assign(p.trainTokens.begin(), p.trainTokens.begin() + 48);
        p.blockSize = 16;
        p.microBatch = 2;
        p.maxSteps = 6;
        p.learningRate = 1e-2;
        p.evalEvery = 2;
        p.threads = 1;
        p.outputAdapter = root_ / out;
        return p;
    }
    fixtures::TinySplit tiny_;
    fs::path root_;
};

TEST_F(DiskSpace, ShortSpacePausesTheRunWhichResumesBitwiseOnceFreed) {
    auto straight = train(params("straight.safetensors"));
    ASSERT_TRUE(straight.ok()) << straight.error().message;

    auto p = params("resumed.safetensors");
    p.checkpointFolder = root_ / "checkpoints";
    p.checkpointEvery = 2;
    int queries = 0;
    // Enough at the start and for the checkpoint at step 2; 1 MiB afterwards.
    p.freeSpace = [&](const fs::path&) -> std::optional<std::uint64_t> {
        return ++queries <= 2 ? kPlenty : std::uint64_t{1} << 20;
    };
    std::vector<int> steps;
    auto paused = train(p, [&](const StepMetrics& m) {
        steps.push_back(m.step);
        return true;
    });
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    EXPECT_EQ(paused->outcome, TrainingOutcome::Paused);
    EXPECT_EQ(paused->steps, 4);
    EXPECT_EQ(steps, (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(paused->lastCheckpoint, p.checkpointFolder / "ckpt-00000002");
    EXPECT_NE(paused->pauseReason.find("not enough disk space for a checkpoint"), std::string::npos)
        << paused->pauseReason;
    EXPECT_NE(paused->pauseReason.find("1.0 MiB free"), std::string::npos) << paused->pauseReason;
    EXPECT_NE(paused->pauseReason.find("it continues from " + (p.checkpointFolder / "ckpt-00000002").string()),
              std::string::npos);
    EXPECT_FALSE(fs::exists(p.outputAdapter));
    auto left = listCheckpoints(p.checkpointFolder);
    ASSERT_EQ(left.size(), 1u);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(p.checkpointFolder)) ++entries;
    EXPECT_EQ(entries, 1) << "no staging folder is left";

    p.freeSpace = [](const fs::path&) -> std::optional<std::uint64_t> { return kPlenty; };
    p.resumeFrom = p.checkpointFolder;
    auto resumed = train(p);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    EXPECT_EQ(resumed->outcome, TrainingOutcome::Completed);
    EXPECT_EQ(resumed->resumedFromStep, 2);
    EXPECT_EQ(resumed->losses, straight->losses);
    EXPECT_EQ(slurp(p.outputAdapter), slurp(root_ / "straight.safetensors"));
}

TEST_F(DiskSpace, ARunWithoutSpaceDoesNotStart) {
    auto p = params("never.safetensors");
    p.checkpointFolder = root_ / "not-yet" / "checkpoints";
    fs::path asked;
    p.freeSpace = [&](const fs::path& at) -> std::optional<std::uint64_t> {
        asked = at;
        return 4096;
    };
    int steps = 0;
    auto result = train(p, [&](const StepMetrics&) { return ++steps > 0; });
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->outcome, TrainingOutcome::Paused);
    EXPECT_EQ(result->steps, 0);
    EXPECT_EQ(steps, 0);
    EXPECT_EQ(asked, root_) << "the nearest existing folder is asked";
    EXPECT_NE(result->pauseReason.find("starts again from the beginning"), std::string::npos) << result->pauseReason;
    EXPECT_FALSE(fs::exists(p.outputAdapter));
}

// A save that the operating system refuses while the disk is (now) too full pauses instead of failing.
TEST_F(DiskSpace, ASaveFailingForLackOfSpacePauses) {
    auto p = params("out.safetensors");
    p.checkpointFolder = root_ / "checkpoints";
    p.checkpointEvery = 2;
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    // From step 4 on the writes fail (file-size limit, standing in for ENOSPC) and the file system, asked after
    // the failure, reports no space left; the check before that save still sees space.
    int armed = -1;
    p.freeSpace = [&](const fs::path&) -> std::optional<std::uint64_t> {
        if (armed < 0) return kPlenty;
        return ++armed <= 1 ? kPlenty : 0;
    };
    auto result = train(p, [&](const StepMetrics& m) {
        if (m.step == 3) {
            rlimit tiny = saved;
            tiny.rlim_cur = 4096;
            EXPECT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
            armed = 0;
        }
        return true;
    });
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);
    std::signal(SIGXFSZ, previousHandler);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->outcome, TrainingOutcome::Paused);
    EXPECT_EQ(result->steps, 4);
    EXPECT_NE(result->pauseReason.find("free some disk space, then resume"), std::string::npos) << result->pauseReason;
    auto left = listCheckpoints(p.checkpointFolder);
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].first, 2);
    EXPECT_TRUE(readCheckpointInfo(left[0].second).ok());
}

// checkpoint.json, hashed while writing, lists exactly the bytes on disk.
TEST_F(DiskSpace, CheckpointManifestListsTheFilesAsWritten) {
    auto p = params("out.safetensors");
    p.checkpointFolder = root_ / "checkpoints";
    p.checkpointEvery = 3;
    auto result = train(p);
    ASSERT_TRUE(result.ok()) << result.error().message;
    auto info = readCheckpointInfo(p.checkpointFolder / "ckpt-00000006");
    ASSERT_TRUE(info.ok()) << info.error().message;
    ASSERT_EQ(info->files.size(), 5u);  // best, optimizer, state, state.json, trainable
    for (const auto& f : info->files) {
        const std::string bytes = slurp(info->folder / f.name);
        EXPECT_EQ(f.size, bytes.size()) << f.name;
        EXPECT_EQ(f.sha256, crypto::sha256Hex(bytes)) << f.name;
    }
}

}  // namespace
}  // namespace offsite::trainer

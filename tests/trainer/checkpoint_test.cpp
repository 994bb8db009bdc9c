// Checkpoints, pause, stop and resume on a tiny split model: a run paused and resumed (once or twice, shuffled or
// in order, with accumulation and validation in between) gives bitwise the same losses and adapter as a run that
// never stopped; a damaged newest checkpoint is skipped for the previous one; another run's checkpoint is refused;
// a failing save keeps the previous checkpoint.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <fstream>

#include <torch/torch.h>

#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/trainer/trainer.h"
#include "tests/trainer/tiny_split.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
using fixtures::slurp;

class Checkpoints : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(fixtures::makeTinySplit(tiny_, "ckpt"));
        root_ = tiny_.root;
        tokens_ = tiny_.tokens;
    }

    TrainingParams params() {
        TrainingParams p;
        p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
        p.modelFolder = root_ / "split";
        p.trainTokens = tokens_;
        p.validationTokens = std::vector<std::int32_t>(tokens_.begin(), tokens_.begin() + 64);
        p.blockSize = 16;
        p.microBatch = 2;
        p.accumulation = 2;
        p.maxSteps = 9;
        p.learningRate = 1e-2;
        p.weightDecay = 0.1;
        p.warmupSteps = 2;
        p.schedule = Schedule::Cosine;
        p.threads = 1;
        p.evalEvery = 2;
        p.order = DataOrder::Shuffled;
        return p;
    }

    // Runs until `pauseAfter` steps (requested from the callback one step earlier), then returns the result.
    Result<TrainingResult> runPausingAt(TrainingParams p, int pauseAfter) {
        TrainingControl control;
        p.control = &control;
        return train(p, [&](const StepMetrics& m) {
            if (m.step == pauseAfter - 1) control.requestPause();
            return true;
        });
    }

    fixtures::TinySplit tiny_;
    fs::path root_;
    std::vector<std::int32_t> tokens_;
};

void expectBitwiseEqual(const fs::path& a, const fs::path& b) {
    auto fa = safetensors::ModelFiles::open(a);
    auto fb = safetensors::ModelFiles::open(b);
    ASSERT_TRUE(fa.ok() && fb.ok());
    ASSERT_EQ(fa->names(), fb->names());
    for (const auto& name : fa->names()) {
        auto ta = model::tensorFromFile(fa.value(), name).value();
        auto tb = model::tensorFromFile(fb.value(), name).value();
        EXPECT_TRUE(torch::equal(ta, tb)) << name;
    }
    EXPECT_EQ(slurp(a), slurp(b)) << "the adapter files differ byte for byte";
}

void expectSameLosses(const std::vector<double>& a, const std::vector<double>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], b[i]) << "step " << i + 1;  // bitwise, not near
}

struct Variant {
    const char* name;
    DataOrder order;
    int accumulation;
    int evalEvery;
};

void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }

class ResumeVariants : public Checkpoints, public ::testing::WithParamInterface<Variant> {};

TEST_P(ResumeVariants, PausedAndResumedTwiceEqualsUninterruptedBitwise) {
    auto p = params();
    p.order = GetParam().order;
    p.accumulation = GetParam().accumulation;
    p.evalEvery = GetParam().evalEvery;
    p.outputAdapter = root_ / "straight.safetensors";
    std::vector<double> straightValidation;
    auto straight = train(p, [&](const StepMetrics& m) {
        if (m.validationLoss >= 0) straightValidation.push_back(m.validationLoss);
        return true;
    });
    ASSERT_TRUE(straight.ok()) << straight.error().message;

    p.outputAdapter = root_ / "resumed.safetensors";
    p.checkpointFolder = root_ / "checkpoints";
    auto first = runPausingAt(p, 3);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->outcome, TrainingOutcome::Paused);
    EXPECT_EQ(first->steps, 3);
    EXPECT_FALSE(fs::exists(p.outputAdapter)) << "a paused run writes no outputs";
    EXPECT_EQ(first->lastCheckpoint, p.checkpointFolder / "ckpt-00000003");

    p.resumeFrom = p.checkpointFolder;
    auto second = runPausingAt(p, 7);  // 3 epochs of 12 blocks at 4 per step with 25 blocks: crosses an epoch boundary
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->outcome, TrainingOutcome::Paused);
    EXPECT_EQ(second->resumedFromStep, 3);
    EXPECT_EQ(second->steps, 7);

    std::vector<double> resumedValidation;
    auto last = train(p, [&](const StepMetrics& m) {
        if (m.validationLoss >= 0) resumedValidation.push_back(m.validationLoss);
        return true;
    });
    ASSERT_TRUE(last.ok()) << last.error().message;
    EXPECT_EQ(last->outcome, TrainingOutcome::Completed);
    EXPECT_EQ(last->resumedFromStep, 7);
    expectSameLosses(straight->losses, last->losses);
    EXPECT_EQ(straight->bestValidationLoss, last->bestValidationLoss);
    EXPECT_EQ(straight->bestStep, last->bestStep);
    ASSERT_FALSE(resumedValidation.empty());
    EXPECT_EQ(straightValidation.back(), resumedValidation.back());
    expectBitwiseEqual(root_ / "straight.safetensors", p.outputAdapter);
}

INSTANTIATE_TEST_SUITE_P(Trainer, ResumeVariants,
                         ::testing::Values(Variant{"ShuffledAccumulatedValidated", DataOrder::Shuffled, 2, 2},
                                           Variant{"SequentialPlain", DataOrder::Sequential, 1, 0},
                                           Variant{"ShuffledValidatedEveryStep", DataOrder::Shuffled, 3, 1}),
                         [](const auto& variant) { return std::string(variant.param.name); });

TEST_F(Checkpoints, PeriodicCheckpointsKeepTheNewestTwoAndVerify) {
    auto p = params();
    p.checkpointFolder = root_ / "checkpoints";
    p.checkpointEvery = 2;
    std::vector<fs::path> written;
    std::vector<std::int64_t> memory;
    auto result = train(p, [&](const StepMetrics& m) {
        if (!m.checkpoint.empty()) written.push_back(m.checkpoint);
        memory.push_back(m.memoryBytes);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(written.size(), 4u);  // steps 2, 4, 6, 8
    auto left = listCheckpoints(p.checkpointFolder);
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].first, 6);
    EXPECT_EQ(left[1].first, 8);
    for (const auto& [step, folder] : left) {
        auto info = readCheckpointInfo(folder);
        ASSERT_TRUE(info.ok()) << info.error().message;
        EXPECT_EQ(info->step, step);
        EXPECT_GE(info->files.size(), 5u);  // trainable, optimizer, state tensors, best, state.json
    }
    // Nothing but the checkpoints: no staging folders left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(p.checkpointFolder)) ++entries;
    EXPECT_EQ(entries, 2);
    for (auto bytes : memory) EXPECT_GT(bytes, 1 << 20);
}

TEST_F(Checkpoints, ADamagedNewestCheckpointIsSkippedForThePreviousOne) {
    auto p = params();
    p.outputAdapter = root_ / "straight.safetensors";
    auto straight = train(p);
    ASSERT_TRUE(straight.ok()) << straight.error().message;

    for (const std::string damage : {"flip", "delete"}) {
        SCOPED_TRACE(damage);
        fs::remove_all(root_ / "checkpoints");
        auto q = p;
        q.outputAdapter = root_ / ("resumed-" + damage + ".safetensors");
        q.checkpointFolder = root_ / "checkpoints";
        q.checkpointEvery = 2;
        auto paused = runPausingAt(q, 5);  // checkpoints at 2, 4 and the pause at 5: 4 and 5 are kept
        ASSERT_TRUE(paused.ok()) << paused.error().message;
        const fs::path newest = q.checkpointFolder / "ckpt-00000005";
        ASSERT_TRUE(readCheckpointInfo(newest).ok());
        if (damage == "flip") {
            std::fstream f(newest / "optimizer.safetensors", std::ios::in | std::ios::out | std::ios::binary);
            f.seekg(200);
            char c = 0;
            f.read(&c, 1);
            f.seekp(200);
            c = static_cast<char>(c ^ 0x10);
            f.write(&c, 1);
        } else {
            fs::remove(newest / "optimizer.safetensors");
        }
        auto info = readCheckpointInfo(newest);
        ASSERT_FALSE(info.ok());
        EXPECT_EQ(info.error().kind, ErrorKind::Integrity);
        EXPECT_NE(info.error().message.find("optimizer.safetensors"), std::string::npos) << info.error().message;

        auto found = findResumableCheckpoint(q.checkpointFolder);
        ASSERT_TRUE(found.ok()) << found.error().message;
        EXPECT_EQ(found->info.step, 4);
        ASSERT_EQ(found->warnings.size(), 1u);

        q.resumeFrom = q.checkpointFolder;
        auto resumed = train(q);
        ASSERT_TRUE(resumed.ok()) << resumed.error().message;
        EXPECT_EQ(resumed->resumedFromStep, 4);
        ASSERT_EQ(resumed->warnings.size(), 1u);
        EXPECT_NE(resumed->warnings[0].find("ckpt-00000005"), std::string::npos) << resumed->warnings[0];
        EXPECT_TRUE(fs::exists(q.checkpointFolder / "ckpt-00000005.corrupt")) << "the damaged one is set aside";
        expectSameLosses(straight->losses, resumed->losses);
        expectBitwiseEqual(p.outputAdapter, q.outputAdapter);
    }
}

TEST_F(Checkpoints, ResumingWithOtherSettingsOrDataIsRefused) {
    auto p = params();
    p.checkpointFolder = root_ / "checkpoints";
    auto paused = runPausingAt(p, 2);
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    p.resumeFrom = paused->lastCheckpoint;

    auto q = p;
    q.learningRate = 2e-2;
    auto refused = train(q);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::InvalidInput);
    EXPECT_NE(refused.error().message.find("learning_rate"), std::string::npos) << refused.error().message;

    q = p;
    q.trainTokens[10] = (q.trainTokens[10] + 1) % 64;
    refused = train(q);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("train_tokens"), std::string::npos) << refused.error().message;

    q = p;
    q.trainable = TrainableSet::TopAdapterOnly;
    refused = train(q);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("trainable"), std::string::npos) << refused.error().message;

    // Threads and outputs are not part of the trajectory.
    q = p;
    q.threads = 2;
    q.outputAdapter = root_ / "adapter.safetensors";
    EXPECT_TRUE(train(q).ok());
}

TEST_F(Checkpoints, StopWritesTheOutputsAndCancelWritesNone) {
    auto p = params();
    p.outputAdapter = root_ / "stopped.safetensors";
    p.checkpointFolder = root_ / "checkpoints";
    TrainingControl control;
    p.control = &control;
    auto stopped = train(p, [&](const StepMetrics& m) {
        if (m.step == 2) control.requestStop();
        return true;
    });
    ASSERT_TRUE(stopped.ok()) << stopped.error().message;
    EXPECT_EQ(stopped->outcome, TrainingOutcome::Stopped);
    EXPECT_EQ(stopped->steps, 3);
    EXPECT_TRUE(fs::exists(p.outputAdapter));
    EXPECT_TRUE(readCheckpointInfo(p.checkpointFolder / "ckpt-00000003").ok()) << "a stop also checkpoints";

    p.outputAdapter = root_ / "cancelled.safetensors";
    p.outputModel = root_ / "cancelled-model";
    auto cancelled = train(p, [&](const StepMetrics& m) { return m.step < 2; });
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().kind, ErrorKind::Cancelled);
    EXPECT_FALSE(fs::exists(p.outputAdapter));
    EXPECT_FALSE(fs::exists(p.outputModel));
}

TEST_F(Checkpoints, PausingWithoutACheckpointFolderIsAClearError) {
    auto p = params();
    auto result = runPausingAt(p, 2);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("checkpoint folder"), std::string::npos) << result.error().message;
}

// CKPT-5: a write that the operating system refuses (here the file-size limit, EFBIG) fails the save; the previous
// checkpoint stays complete and resumable and no staging folder is left.
TEST_F(Checkpoints, AFailedSaveKeepsThePreviousCheckpoint) {
    auto p = params();
    p.checkpointFolder = root_ / "checkpoints";
    p.checkpointEvery = 2;
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    auto result = train(p, [&](const StepMetrics& m) {
        if (m.step == 2) {
            rlimit tiny = saved;
            tiny.rlim_cur = 4096;
            EXPECT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
        }
        return true;
    });
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);
    std::signal(SIGXFSZ, previousHandler);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::Io) << result.error().message;
    EXPECT_NE(result.error().message.find("ckpt-00000002 is kept"), std::string::npos) << result.error().message;
    auto left = listCheckpoints(p.checkpointFolder);
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].first, 2);
    EXPECT_TRUE(readCheckpointInfo(left[0].second).ok());
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(p.checkpointFolder)) ++entries;
    EXPECT_EQ(entries, 1) << "the failed staging folder was removed";
    p.resumeFrom = p.checkpointFolder;
    auto resumed = train(p);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    EXPECT_EQ(resumed->resumedFromStep, 2);
}

TEST_F(Checkpoints, ACheckpointWithAnUnlistedFileDoesNotVerify) {
    auto p = params();
    p.checkpointFolder = root_ / "checkpoints";
    auto paused = runPausingAt(p, 2);
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    std::ofstream(paused->lastCheckpoint / "extra.bin") << "x";
    auto info = readCheckpointInfo(paused->lastCheckpoint);
    ASSERT_FALSE(info.ok());
    EXPECT_NE(info.error().message.find("extra.bin"), std::string::npos) << info.error().message;
    auto none = findResumableCheckpoint(p.checkpointFolder);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().kind, ErrorKind::NotFound);
}

// A learning rate far below float32 resolution leaves the weights bitwise unchanged, so the validation loss never
// improves after the first validation: with patience 2 the run stops after the third step and keeps the first.
TEST_F(Checkpoints, EarlyStoppingKeepsTheBestAdapter) {
    auto p = params();
    p.learningRate = 1e-30;
    p.warmupSteps = 0;
    p.evalEvery = 1;
    p.patience = 2;
    p.outputAdapter = root_ / "early.safetensors";
    auto result = train(p);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_TRUE(result->stoppedEarly);
    EXPECT_EQ(result->outcome, TrainingOutcome::Completed);
    EXPECT_EQ(result->steps, 3);
    EXPECT_EQ(result->bestStep, 1);
    EXPECT_TRUE(fs::exists(p.outputAdapter));

    p = params();  // a learning run improves on every validation and runs to the end
    p.evalEvery = 1;
    p.patience = 2;
    p.maxSteps = 4;
    auto full = train(p);
    ASSERT_TRUE(full.ok()) << full.error().message;
    EXPECT_FALSE(full->stoppedEarly);
    EXPECT_EQ(full->steps, 4);
}

}  // namespace
}  // namespace offsite::trainer

// The training job on a tiny committed model in a real workspace: a run completes with its metrics recorded; cancel
// leaves it cancelled with no adapter; pause, then resume by a new job after the workspace is reopened (a restart),
// gives the same adapter byte for byte as a run that never stopped; a run interrupted by a crash is resumable; a
// job destroyed while running pauses its run; a trainer that fails leaves the run failed with the reason.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "core/base/file_io.h"
#include "core/jobs/training_job.h"
#include "core/workspace/listing.h"
#include "core/json/json.h"

namespace offsite::jobs {
namespace {

namespace fs = std::filesystem;
using workspace::RunState;
const fs::path kData = OFFSITE_TEST_DATA;

class TrainingJobTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() / ("offsite_job_" + std::string(info->name()) + "_" +
                                            std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        openWorkspace();
    }
    void TearDown() override {
        shared_.reset();
        if (!HasFailure()) fs::remove_all(dir_);
    }
    void openWorkspace() {
        shared_.reset();
        auto ws = workspace::Workspace::open(dir_ / "ws");
        ASSERT_TRUE(ws.ok()) << ws.error().message;
        shared_ = std::make_unique<SharedWorkspace>(std::move(ws).value());
    }
    workspace::Workspace& ws() { return shared_->unguarded(); }

    static TrainingJobParams params(int steps = 6) {
        TrainingJobParams j;
        j.name = "tiny";
        auto& p = j.training;
        p.modelFolder = kData / "parity" / "llama_gqa_tied";
        for (int i = 0; i < 400; ++i) p.trainTokens.push_back((i * 7 + i / 5) % 96);
        p.validationTokens.assign(p.trainTokens.begin(), p.trainTokens.begin() + 64);
        p.blockSize = 8;
        p.microBatch = 2;
        p.accumulation = 2;
        p.maxSteps = steps;
        p.learningRate = 1e-3;
        p.weightDecay = 0.01;
        p.warmupSteps = 2;
        p.schedule = trainer::Schedule::Cosine;
        p.order = trainer::DataOrder::Shuffled;
        p.evalEvery = 2;
        p.trainable = trainer::TrainableSet::AllBlocks;
        p.device = model::Device::Cpu;  // the bitwise resume expectations are the CPU's
        p.threads = 1;
        return j;
    }

    std::map<std::string, std::vector<workspace::MetricPoint>> metricsByName(std::int64_t runId) {
        std::map<std::string, std::vector<workspace::MetricPoint>> out;
        auto all = ws().metrics(runId);
        EXPECT_TRUE(all.ok());
        if (!all.ok()) return out;
        const std::vector<workspace::MetricPoint> points = std::move(all).value();
        for (const auto& m : points) out[m.name].push_back(m);
        return out;
    }

    // Runs a new job to the end; its run id, or 0 when it did not complete.
    std::int64_t completed(const TrainingJobParams& p) {
        auto job = TrainingJob::create(*shared_, p);
        if (!job.ok() || !(*job)->start().ok()) return 0;
        return (*job)->wait() == RunState::Completed ? (*job)->runId() : 0;
    }

    fs::path dir_;
    std::unique_ptr<SharedWorkspace> shared_;
};

TEST_F(TrainingJobTest, CompletesAndItsMetricsAreInTheWorkspace) {
    auto job = TrainingJob::create(*shared_, params(6));
    ASSERT_TRUE(job.ok()) << job.error().message;
    const std::int64_t id = (*job)->runId();
    EXPECT_EQ(ws().run(id)->state, RunState::Created);
    int observed = 0;
    RunState last = RunState::Created;
    (*job)->setObserver([&](const JobProgress& p) {
        ++observed;
        last = p.state;
    });
    ASSERT_TRUE((*job)->start().ok());
    EXPECT_EQ((*job)->wait(), RunState::Completed);
    EXPECT_EQ(observed, 6 + 1);  // every step, then the end
    EXPECT_EQ(last, RunState::Completed);
    const JobProgress done = (*job)->snapshot();
    EXPECT_EQ(done.step, 6);
    EXPECT_GE(done.validationLoss, 0.0);
    EXPECT_EQ(done.remainingSeconds, 0.0);

    auto run = ws().run(id);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->state, RunState::Completed);
    EXPECT_EQ(run->stateMessage, "trained 6 steps");
    auto config = trainingParamsFromConfig(run->configJson);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->maxSteps, 6);
    EXPECT_EQ(config->learningRate, 1e-3);
    EXPECT_EQ(config->schedule, trainer::Schedule::Cosine);
    EXPECT_EQ(config->trainable, trainer::TrainableSet::AllBlocks);

    auto metrics = metricsByName(id);
    ASSERT_EQ(metrics["train/loss"].size(), 6u);
    EXPECT_EQ(metrics["train/loss"].back().step, 6);
    EXPECT_EQ(metrics["validation/loss"].size(), 3u);  // steps 2, 4, 6
    EXPECT_EQ(metrics["train/learning_rate"].size(), 6u);
    EXPECT_GT(metrics["train/memory_bytes"].back().value, 0.0);
    EXPECT_TRUE(fs::exists(done.adapter));
    EXPECT_EQ(done.adapter, (*job)->runFolder() / "adapter.safetensors");
    EXPECT_TRUE(ws().checkIntegrity()->ok());
}

// The device is resolved when the run starts and the run's history says which it is; a device that cannot train
// (CUDA without a usable GPU) is refused before the run's row exists.
TEST_F(TrainingJobTest, TheDeviceUsedIsRecordedAndAnUnusableOneMakesNoRun) {
    auto p = params(2);
    if (!model::cudaUsable()) {
        p.training.device = model::Device::Cuda;
        auto refused = TrainingJob::create(*shared_, p);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().kind, ErrorKind::Unsupported);
        EXPECT_NE(refused.error().message.find("no usable NVIDIA GPU"), std::string::npos);
        EXPECT_TRUE(ws().runs()->empty());
    }
    p.training.device = model::Device::Auto;
    auto job = TrainingJob::create(*shared_, p);
    ASSERT_TRUE(job.ok()) << job.error().message;
    ASSERT_TRUE((*job)->start().ok());
    ASSERT_EQ((*job)->wait(), RunState::Completed);
    const model::Device used = model::cudaUsable() ? model::Device::Cuda : model::Device::Cpu;
    EXPECT_EQ((*job)->snapshot().device, used);
    auto history = workspace::runHistory(ws(), (*job)->runId());
    ASSERT_TRUE(history.ok());
    std::string started;
    for (const auto& h : history.value()) {
        if (h.toState == "running") started = h.message;
    }
    EXPECT_EQ(started, "started on " + std::string(model::deviceName(used)));
    auto config = trainingParamsFromConfig(ws().run((*job)->runId())->configJson);
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->device, model::Device::Auto);  // the request, as the run was made
}

// A resumed run is rebuilt from its stored configuration alone, so every setting must survive the round trip.
TEST(TrainingConfig, EverySettingSurvivesTheRoundTrip) {
    for (auto set : {trainer::TrainableSet::AdapterBlocks, trainer::TrainableSet::TopAdapterOnly,
                     trainer::TrainableSet::AdapterBitFit, trainer::TrainableSet::AllBlocks,
                     trainer::TrainableSet::AdapterLora, trainer::TrainableSet::AllBlocksLora}) {
        trainer::TrainingParams p;
        p.device = model::Device::Cpu;
        p.modelFolder = "/models/split";
        p.trainable = set;
        p.lora.rank = 8;
        p.lora.alpha = 16.0;
        p.patience = 3;
        p.checkpointEvery = 5;
        auto back = trainingParamsFromConfig(trainingConfigJson(p, "{}"));
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(back->trainable, set);
        EXPECT_EQ(back->lora.rank, 8);
        EXPECT_EQ(back->lora.alpha, 16.0);
        EXPECT_EQ(back->patience, 3);
        EXPECT_EQ(back->checkpointEvery, 5);
        EXPECT_EQ(back->device, model::Device::Cpu);
    }
    // Runs stored before the device was: Auto.
    auto old = trainingParamsFromConfig(R"({"modelFolder": "/m"})");
    ASSERT_TRUE(old.ok()) << old.error().message;
    EXPECT_EQ(old->device, model::Device::Auto);
    auto unknown = trainingParamsFromConfig(R"({"modelFolder": "/m", "trainable": "everything"})");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("unknown trainable set \"everything\""), std::string::npos);
}

TEST_F(TrainingJobTest, CancelLeavesTheRunCancelledWithoutAnAdapter) {
    auto job = TrainingJob::create(*shared_, params(20));
    ASSERT_TRUE(job.ok()) << job.error().message;
    TrainingJob* j = job->get();
    j->setObserver([j](const JobProgress& p) {
        if (p.step == 2) j->cancel();
    });
    ASSERT_TRUE(j->start().ok());
    EXPECT_EQ(j->wait(), RunState::Cancelled);
    auto run = ws().run(j->runId());
    EXPECT_EQ(run->state, RunState::Cancelled);
    EXPECT_EQ(run->stateMessage, "cancelled at step 2");
    EXPECT_FALSE(fs::exists(j->snapshot().adapter));
    EXPECT_EQ(metricsByName(j->runId())["train/loss"].size(), 2u);  // flushed when the run ended
    EXPECT_FALSE(j->resume(*shared_, j->runId(), params(20)).ok()) << "a cancelled run is final";
}

TEST_F(TrainingJobTest, StopSavesTheAdapterAndCompletesEarly) {
    auto job = TrainingJob::create(*shared_, params(20));
    ASSERT_TRUE(job.ok()) << job.error().message;
    TrainingJob* j = job->get();
    j->setObserver([j](const JobProgress& p) {
        if (p.step == 2) j->stop();
    });
    ASSERT_TRUE(j->start().ok());
    EXPECT_EQ(j->wait(), RunState::Completed);
    auto run = ws().run(j->runId());
    EXPECT_EQ(run->stateMessage, "stopped early and saved the adapter at step 3");
    EXPECT_TRUE(fs::exists(j->snapshot().adapter));
    EXPECT_EQ(ws().checkpoints(j->runId())->size(), 1u);
}

TEST_F(TrainingJobTest, PauseThenResumeAfterARestartEqualsAnUninterruptedRunBitwise) {
    auto straightParams = params(6);
    straightParams.training.outputAdapter = dir_ / "straight.safetensors";
    auto straight = TrainingJob::create(*shared_, straightParams);
    ASSERT_TRUE(straight.ok());
    ASSERT_TRUE((*straight)->start().ok());
    ASSERT_EQ((*straight)->wait(), RunState::Completed);
    const auto straightLoss = metricsByName((*straight)->runId())["train/loss"];

    auto resumedParams = params(6);
    resumedParams.training.outputAdapter = dir_ / "resumed.safetensors";
    std::int64_t id = 0;
    {
        auto first = TrainingJob::create(*shared_, resumedParams);
        ASSERT_TRUE(first.ok());
        TrainingJob* j = first->get();
        id = j->runId();
        j->setObserver([j](const JobProgress& p) {
            if (p.step == 2) j->pause();  // acted on at the next step boundary
        });
        ASSERT_TRUE(j->start().ok());
        EXPECT_EQ(j->wait(), RunState::Paused);
        EXPECT_EQ(ws().run(id)->stateMessage, "paused at step 3");
        auto checkpoints = ws().checkpoints(id);
        ASSERT_TRUE(checkpoints.ok());
        ASSERT_EQ(checkpoints->size(), 1u);
        EXPECT_EQ(checkpoints->front().step, 3);
        EXPECT_EQ(checkpoints->front().verification, workspace::CheckpointVerification::Verified);
        EXPECT_TRUE(fs::is_directory(dir_ / "ws" / checkpoints->front().folder));
        EXPECT_FALSE(fs::exists(resumedParams.training.outputAdapter));
    }
    // A restart: the job object and the workspace are gone; a new job continues the paused run.
    openWorkspace();
    EXPECT_EQ(ws().run(id)->state, RunState::Paused);
    auto second = TrainingJob::resume(*shared_, id, resumedParams);
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_TRUE((*second)->start().ok());
    EXPECT_EQ((*second)->wait(), RunState::Completed);
    EXPECT_EQ(ws().run(id)->state, RunState::Completed);

    const std::string a = readFile(dir_ / "straight.safetensors", 1 << 26).value();
    const std::string b = readFile(dir_ / "resumed.safetensors", 1 << 26).value();
    ASSERT_GT(a.size(), 1000u);
    EXPECT_EQ(a, b) << "the resumed run's adapter differs from the uninterrupted run's";
    const auto resumedLoss = metricsByName(id)["train/loss"];
    ASSERT_EQ(resumedLoss.size(), straightLoss.size());
    for (std::size_t i = 0; i < straightLoss.size(); ++i) EXPECT_EQ(resumedLoss[i].value, straightLoss[i].value);
    EXPECT_TRUE(ws().checkIntegrity()->ok());
}

TEST_F(TrainingJobTest, RunInterruptedByACrashIsPausedAndResumable) {
    auto p = params(5);
    p.training.checkpointEvery = 2;
    auto job = TrainingJob::create(*shared_, p);
    ASSERT_TRUE(job.ok());
    const std::int64_t id = (*job)->runId();
    TrainingJob* j = job->get();
    j->setObserver([j](const JobProgress& progress) {
        if (progress.step == 3) j->pause();
    });
    ASSERT_TRUE(j->start().ok());
    ASSERT_EQ(j->wait(), RunState::Paused);
    job->reset();
    // What a crash leaves: the row says running (the process died mid-run).
    ASSERT_TRUE(ws().transitionRun(id, RunState::Running, "resumed").ok());
    openWorkspace();
    EXPECT_EQ(shared_->unguarded().startupReport().runsRecovered, 1);
    EXPECT_EQ(ws().run(id)->state, RunState::Paused);
    EXPECT_EQ(ws().checkpoints(id)->size(), 2u);  // steps 2 and 4 (the pause at 4 is the due one)
    auto resumed = TrainingJob::resume(*shared_, id, p);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    ASSERT_TRUE((*resumed)->start().ok());
    EXPECT_EQ((*resumed)->wait(), RunState::Completed);
    EXPECT_EQ(metricsByName(id)["train/loss"].size(), 5u);
}

// Retiring checkpoints: with a checkpoint every step and keepCheckpoints 2, only the newest two rows and folders
// remain after each new one; the run still pauses, resumes after a restart and ends bitwise equal to a run that
// never stopped.
TEST_F(TrainingJobTest, OldCheckpointsAreRetiredAndTheRunStillResumes) {
    auto straightParams = params(6);
    straightParams.training.outputAdapter = dir_ / "straight.safetensors";
    ASSERT_TRUE(completed(straightParams));

    auto p = params(6);
    p.training.checkpointEvery = 1;
    p.keepCheckpoints = 2;
    p.training.outputAdapter = dir_ / "retired.safetensors";
    std::int64_t id = 0;
    auto steps = [&](std::int64_t run) {
        std::vector<std::int64_t> out;
        auto rows = ws().checkpoints(run);
        EXPECT_TRUE(rows.ok());
        if (!rows.ok()) return out;
        const std::vector<workspace::CheckpointRecord> records = std::move(rows).value();
        for (const auto& c : records) out.push_back(c.step);
        return out;
    };
    auto folders = [&](std::int64_t run) {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(dir_ / "ws" / "runs" / std::to_string(run) / "checkpoints"))
            out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    };
    {
        auto first = TrainingJob::create(*shared_, p);
        ASSERT_TRUE(first.ok());
        TrainingJob* j = first->get();
        id = j->runId();
        j->setObserver([j](const JobProgress& progress) {
            if (progress.step == 3) j->pause();
        });
        ASSERT_TRUE(j->start().ok());
        ASSERT_EQ(j->wait(), RunState::Paused);
        EXPECT_EQ(steps(id), (std::vector<std::int64_t>{3, 4}));
        EXPECT_EQ(folders(id), (std::vector<std::string>{"ckpt-00000003", "ckpt-00000004"}));
    }
    openWorkspace();
    auto config = json::parse(ws().run(id)->configJson);
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->find("keepCheckpoints")->asUint64().value_or(0), 2u);
    auto second = TrainingJob::resume(*shared_, id, p);
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_TRUE((*second)->start().ok());
    ASSERT_EQ((*second)->wait(), RunState::Completed);
    EXPECT_EQ(steps(id), (std::vector<std::int64_t>{5, 6}));
    EXPECT_EQ(folders(id), (std::vector<std::string>{"ckpt-00000005", "ckpt-00000006"}));
    EXPECT_EQ(readFile(dir_ / "straight.safetensors", 1 << 26).value(),
              readFile(dir_ / "retired.safetensors", 1 << 26).value());
    EXPECT_EQ(ws().database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'checkpoint.retired'").value(), 4);
    EXPECT_TRUE(ws().checkIntegrity()->ok());

    // A cancelled run is refused on resume, with a message that says so.
    auto third = TrainingJob::create(*shared_, params(6));
    ASSERT_TRUE(third.ok());
    ASSERT_TRUE(ws().transitionRun((*third)->runId(), RunState::Cancelled, "cancelled by the user", "user").ok());
    auto refused = TrainingJob::resume(*shared_, (*third)->runId(), params(6));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("was cancelled"), std::string::npos) << refused.error().message;
}

TEST_F(TrainingJobTest, DestroyingARunningJobPausesItsRun) {
    auto job = TrainingJob::create(*shared_, params(100000));
    ASSERT_TRUE(job.ok());
    const std::int64_t id = (*job)->runId();
    ASSERT_TRUE((*job)->start().ok());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((*job)->snapshot().step < 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE((*job)->running());
    job->reset();  // the window closed
    auto run = ws().run(id);
    EXPECT_EQ(run->state, RunState::Paused);
    EXPECT_EQ(ws().checkpoints(id)->size(), 1u);
}

TEST_F(TrainingJobTest, FailingTrainerLeavesTheRunFailedWithTheMessage) {
    auto p = params(3);
    p.training.modelFolder = dir_ / "no-such-model";
    auto job = TrainingJob::create(*shared_, p);
    ASSERT_TRUE(job.ok());
    ASSERT_TRUE((*job)->start().ok());
    EXPECT_EQ((*job)->wait(), RunState::Failed);
    auto run = ws().run((*job)->runId());
    EXPECT_EQ(run->state, RunState::Failed);
    EXPECT_NE(run->stateMessage.find("no-such-model"), std::string::npos) << run->stateMessage;
    EXPECT_EQ((*job)->snapshot().message, run->stateMessage);
    EXPECT_TRUE(ws().checkIntegrity()->ok());
}

}  // namespace
}  // namespace offsite::jobs

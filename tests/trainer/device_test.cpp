// The training device: Auto is the CPU on a machine without a usable NVIDIA GPU (and the result says so), the CPU
// chosen explicitly is bitwise the default there, CUDA without a GPU is refused before anything is written, and a
// checkpoint resumed with an explicit device equals the run that never stopped. With a GPU, CUDA's losses match the
// CPU's within 1e-4 for five steps (plain, LoRA on examples, activation checkpointing) and bf16 autocast trains;
// those two tests are skipped, saying why, where no GPU is usable.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/safetensors/index.h"
#include "core/trainer/trainer.h"
#include "tests/trainer/tiny_split.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
using fixtures::slurp;

class TrainerDevice : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_NO_FATAL_FAILURE(fixtures::makeTinySplit(tiny_, "device")); }

    // Default device (Auto); text blocks with validation every 2 steps.
    TrainingParams params(const std::string& out) {
        TrainingParams p;
        p.modelFolder = tiny_.split;
        p.trainTokens = tiny_.tokens;
        p.validationTokens = std::vector<std::int32_t>(tiny_.tokens.begin(), tiny_.tokens.begin() + 64);
        p.blockSize = 16;
        p.microBatch = 2;
        p.accumulation = 2;
        p.maxSteps = 6;
        p.learningRate = 1e-2;
        p.weightDecay = 0.1;
        p.warmupSteps = 1;
        p.threads = 1;
        p.evalEvery = 2;
        p.outputAdapter = tiny_.root / out;
        return p;
    }

    // Prompt -> completion examples cut from the token stream (LoRA and the example path).
    TrainingParams exampleParams(const std::string& out) {
        TrainingParams p = params(out);
        p.trainTokens.clear();
        p.validationTokens.clear();
        for (std::size_t i = 0; i + 8 <= 160; i += 8) {
            Example e;
            e.prompt.assign(tiny_.tokens.begin() + static_cast<std::ptrdiff_t>(i),
                            tiny_.tokens.begin() + static_cast<std::ptrdiff_t>(i + 3 + i % 3));
            e.completion.assign(tiny_.tokens.begin() + static_cast<std::ptrdiff_t>(i + 5),
                                tiny_.tokens.begin() + static_cast<std::ptrdiff_t>(i + 8));
            (i < 128 ? p.trainExamples : p.validationExamples).push_back(e);
        }
        p.trainable = TrainableSet::AdapterLora;
        p.learningRate = 1e-3;  // LoRA's update is scaled by alpha / rank = 8
        return p;
    }

    fixtures::TinySplit tiny_;
};

void expectSameLosses(const std::vector<double>& a, const std::vector<double>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], b[i]) << "step " << i + 1;  // bitwise
}

void expectCloseLosses(const std::vector<double>& a, const std::vector<double>& b, double tolerance) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], tolerance) << "step " << i + 1;
}

TEST_F(TrainerDevice, AutoIsTheCpuWithoutAGpuAndTheResultSaysWhichWasUsed) {
    const auto resolved = model::resolveDevice(model::Device::Auto);
    ASSERT_TRUE(resolved.ok());
    EXPECT_EQ(*resolved, model::cudaUsable() ? model::Device::Cuda : model::Device::Cpu);
    EXPECT_EQ(model::resolveDevice(model::Device::Cpu).value(), model::Device::Cpu);
    EXPECT_EQ(model::parseDevice("cuda"), model::Device::Cuda);
    EXPECT_EQ(model::parseDevice("gpu"), std::nullopt);
    EXPECT_EQ(model::deviceName(model::Device::Auto), "auto");

    auto p = params("auto.safetensors");
    p.maxSteps = 2;
    std::vector<StepMetrics> steps;
    auto result = train(p, [&](const StepMetrics& m) {
        steps.push_back(m);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->device, *resolved);
    ASSERT_EQ(steps.size(), 2u);
    for (const auto& m : steps) {
        EXPECT_GT(m.memoryBytes, 0);  // RSS on the CPU, the CUDA allocator's bytes on a GPU
        EXPECT_GE(m.peakMemoryBytes, m.memoryBytes);
    }
    EXPECT_GE(result->peakMemoryBytes, steps.back().peakMemoryBytes);
}

TEST_F(TrainerDevice, TheCpuChosenExplicitlyIsBitwiseTheDefaultWithoutAGpu) {
    auto byDefault = params("default.safetensors");
    auto onCpu = params("cpu.safetensors");
    onCpu.device = model::Device::Cpu;
    auto a = train(byDefault);
    auto b = train(onCpu);
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->device, model::Device::Cpu);
    if (model::cudaUsable()) {  // the default is the GPU here: the same run within float tolerance
        EXPECT_EQ(a->device, model::Device::Cuda);
        expectCloseLosses(a->losses, b->losses, 1e-4);
        EXPECT_NEAR(a->bestValidationLoss, b->bestValidationLoss, 1e-4);
        return;
    }
    EXPECT_EQ(a->device, model::Device::Cpu);
    expectSameLosses(a->losses, b->losses);
    EXPECT_EQ(a->bestValidationLoss, b->bestValidationLoss);
    EXPECT_EQ(slurp(byDefault.outputAdapter), slurp(onCpu.outputAdapter));
}

TEST_F(TrainerDevice, CudaWithoutAUsableGpuIsRefusedBeforeAnythingIsWritten) {
    auto p = params("cuda.safetensors");
    p.device = model::Device::Cuda;
    p.outputModel = tiny_.root / "tuned";
    p.checkpointFolder = tiny_.root / "checkpoints";
    p.checkpointEvery = 1;
    int called = 0;
    auto result = train(p, [&](const StepMetrics&) {
        ++called;
        return true;
    });
    if (model::cudaUsable()) {  // where a GPU is usable the same request trains on it
        ASSERT_TRUE(result.ok()) << result.error().message;
        EXPECT_EQ(result->device, model::Device::Cuda);
        EXPECT_TRUE(fs::exists(p.outputAdapter));
        EXPECT_FALSE(listCheckpoints(p.checkpointFolder).empty());
        return;
    }
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::Unsupported);
    EXPECT_NE(result.error().message.find("no usable NVIDIA GPU or driver"), std::string::npos)
        << result.error().message;
    EXPECT_NE(result.error().message.find("choose the CPU"), std::string::npos) << result.error().message;
    EXPECT_EQ(called, 0);
    EXPECT_FALSE(fs::exists(p.outputAdapter));
    EXPECT_FALSE(fs::exists(p.outputModel));
    EXPECT_FALSE(fs::exists(p.checkpointFolder));
}

TEST_F(TrainerDevice, ACheckpointResumedWithAnExplicitDeviceEqualsTheUninterruptedRun) {
    auto whole = params("whole.safetensors");
    auto uninterrupted = train(whole);
    ASSERT_TRUE(uninterrupted.ok()) << uninterrupted.error().message;

    auto first = params("resumed.safetensors");  // the default device
    first.checkpointFolder = tiny_.root / "checkpoints";
    TrainingControl control;
    first.control = &control;
    auto paused = train(first, [&](const StepMetrics& m) {
        if (m.step == 2) control.requestPause();
        return true;
    });
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    ASSERT_EQ(paused->outcome, TrainingOutcome::Paused);
    ASSERT_EQ(paused->steps, 3);
    // The checkpoint is device-independent; it carries the CUDA generator's state only when written on CUDA.
    auto state = safetensors::ModelFiles::open(paused->lastCheckpoint / "state.safetensors");
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->find("rng.cuda") != nullptr, paused->device == model::Device::Cuda);

    auto second = params("resumed.safetensors");
    second.device = model::Device::Cpu;
    second.resumeFrom = first.checkpointFolder;
    second.checkpointFolder = first.checkpointFolder;
    auto resumed = train(second);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    EXPECT_EQ(resumed->resumedFromStep, 3);
    EXPECT_EQ(resumed->device, model::Device::Cpu);
    if (paused->device == model::Device::Cuda) {  // a CUDA checkpoint continued on the CPU
        expectCloseLosses(resumed->losses, uninterrupted->losses, 1e-4);
        return;
    }
    expectSameLosses(resumed->losses, uninterrupted->losses);
    EXPECT_EQ(resumed->bestValidationLoss, uninterrupted->bestValidationLoss);
    EXPECT_EQ(slurp(second.outputAdapter), slurp(whole.outputAdapter));
}

// ---- Only where an NVIDIA GPU is usable ----

TEST_F(TrainerDevice, CudaLossesMatchTheCpuForFiveSteps) {
    if (!model::cudaUsable()) GTEST_SKIP() << "no usable NVIDIA GPU or driver in this build and machine";
    struct Case {
        const char* name;
        TrainingParams params;
    };
    std::vector<Case> cases;
    cases.push_back({"adapter blocks, text", params("a.safetensors")});
    cases.push_back({"LoRA, examples", exampleParams("b.safetensors")});
    cases.push_back({"activation checkpointing", params("c.safetensors")});
    cases.back().params.activationCheckpointing = true;
    for (auto& c : cases) {
        SCOPED_TRACE(c.name);
        c.params.maxSteps = 5;
        c.params.evalEvery = 5;
        auto cpu = c.params;
        cpu.device = model::Device::Cpu;
        auto cuda = c.params;
        cuda.device = model::Device::Cuda;
        cuda.outputAdapter += ".cuda";
        auto a = train(cpu);
        auto b = train(cuda);
        ASSERT_TRUE(a.ok()) << a.error().message;
        ASSERT_TRUE(b.ok()) << b.error().message;
        EXPECT_EQ(b->device, model::Device::Cuda);
        expectCloseLosses(b->losses, a->losses, 1e-4);
        EXPECT_NEAR(b->finalValidationLoss, a->finalValidationLoss, 1e-4);
        auto fa = safetensors::ModelFiles::open(cpu.outputAdapter);
        auto fb = safetensors::ModelFiles::open(cuda.outputAdapter);
        ASSERT_TRUE(fa.ok() && fb.ok());
        ASSERT_EQ(fa->names(), fb->names());
        for (const auto& name : fa->names()) {
            auto ta = model::tensorFromFile(fa.value(), name).value();
            auto tb = model::tensorFromFile(fb.value(), name).value();
            EXPECT_LT((ta - tb).abs().max().item<double>(), 1e-4) << name;
        }
    }

    // A CPU checkpoint continued on CUDA.
    auto whole = params("whole.safetensors");
    whole.device = model::Device::Cpu;
    auto uninterrupted = train(whole);
    ASSERT_TRUE(uninterrupted.ok()) << uninterrupted.error().message;
    auto first = whole;
    first.outputAdapter = tiny_.root / "resumed.safetensors";
    first.checkpointFolder = tiny_.root / "checkpoints";
    first.maxSteps = whole.maxSteps;
    TrainingControl control;
    first.control = &control;
    auto paused = train(first, [&](const StepMetrics& m) {
        if (m.step == 2) control.requestPause();
        return true;
    });
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    auto second = first;
    second.control = nullptr;
    second.device = model::Device::Cuda;
    second.resumeFrom = first.checkpointFolder;
    auto resumed = train(second);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    EXPECT_EQ(resumed->resumedFromStep, 3);
    expectCloseLosses(resumed->losses, uninterrupted->losses, 1e-4);
}

TEST_F(TrainerDevice, Bf16AutocastTrainsOnCuda) {
    if (!model::cudaUsable()) GTEST_SKIP() << "no usable NVIDIA GPU or driver in this build and machine";
    auto fp32 = params("fp32.safetensors");
    fp32.device = model::Device::Cuda;
    fp32.maxSteps = 5;
    auto bf16 = fp32;
    bf16.outputAdapter = tiny_.root / "bf16.safetensors";
    bf16.autocastBf16 = true;
    std::int64_t peak = 0;
    auto a = train(fp32);
    auto b = train(bf16, [&](const StepMetrics& m) {
        peak = std::max(peak, m.peakMemoryBytes);
        return true;
    });
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_TRUE(b.ok()) << b.error().message;
    for (double loss : b->losses) EXPECT_TRUE(std::isfinite(loss));
    // bfloat16 keeps 8 bits of mantissa: close to float32 on this tiny model, not equal.
    expectCloseLosses(b->losses, a->losses, 5e-2);
    EXPECT_GT(peak, 0);
    EXPECT_GT(b->peakMemoryBytes, 0);
}

}  // namespace
}  // namespace offsite::trainer

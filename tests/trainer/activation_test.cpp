// Activation checkpointing and bf16 autocast in the training loop, on tiny GPT-2 models: the checkpointed
// backward pass gives the gradients of the plain one (adapter blocks, LoRA, and every block; tolerance 1e-6 on
// losses and weights after 3 AdamW steps, the recomputation repeating the same float32 operations), uses less
// peak memory on a longer sequence (measured as the process's peak resident memory, reset between the runs), and
// bf16 autocast trains with losses close to float32 but not equal to them (the code path runs; on CPU).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <ATen/autocast_mode.h>
#include <torch/torch.h>

#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/trainer/trainer.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;

// The process's peak resident memory in KiB (VmHWM), and its reset to the current resident memory.
long peakKiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}
long residentKiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}
bool resetPeak() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    return static_cast<bool>(out.flush());
}

class ActivationCheckpointing : public ::testing::Test {
protected:
    void makeModel(int layers, int hidden, int positions, const std::string& split) {
        root_ = fs::temp_directory_path() / ("offsite-actckpt-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        fs::create_directories(root_);
        config::ModelConfig c;
        c.architecture = config::Architecture::Gpt2;
        c.vocabSize = 64;
        c.hiddenSize = hidden;
        c.numLayers = layers;
        c.numHeads = 4;
        c.numKvHeads = 4;
        c.headDim = hidden / 4;
        c.intermediateSize = 4 * hidden;
        c.maxPositions = positions;
        c.activation = config::Activation::GeluTanh;
        torch::manual_seed(9);
        model::CausalLM lm(c);
        lm->initializeWeights();
        ASSERT_TRUE(lm->saveModel(root_ / "full").ok());
        emulator::SplitOptions options;
        auto spec = emulator::parseSplit(split);
        ASSERT_TRUE(spec.ok());
        options.spec = *spec;
        ASSERT_TRUE(emulator::writeSplit(root_ / "full", root_ / "split", options).ok());
    }
    void TearDown() override { fs::remove_all(root_); }

    TrainingParams params(TrainableSet set, const std::string& out) {
        TrainingParams p;
        p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
        p.modelFolder = root_ / "split";
        for (int i = 0; i < 600; ++i) p.trainTokens.push_back((i * 11 + i / 7) % 64);
        p.blockSize = 24;
        p.microBatch = 2;
        p.accumulation = 2;
        p.maxSteps = 3;
        p.learningRate = 1e-2;
        p.weightDecay = 0.1;
        p.threads = 1;
        p.trainable = set;
        p.lora.rank = 2;
        p.lora.alpha = 4.0;
        p.outputAdapter = root_ / out;
        return p;
    }

    static double maxDifference(const fs::path& a, const fs::path& b) {
        auto fa = safetensors::ModelFiles::open(a);
        auto fb = safetensors::ModelFiles::open(b);
        EXPECT_TRUE(fa.ok() && fb.ok());
        EXPECT_EQ(fa->names(), fb->names());
        double worst = 0.0;
        for (const auto& name : fa->names()) {
            auto ta = model::tensorFromFile(fa.value(), name).value();
            auto tb = model::tensorFromFile(fb.value(), name).value();
            worst = std::max(worst, (ta - tb).abs().max().item<double>());
        }
        return worst;
    }
    fs::path root_;
};

TEST_F(ActivationCheckpointing, GivesTheGradientsOfThePlainBackwardPass) {
    makeModel(6, 32, 64, "1-2-1");
    for (TrainableSet set : {TrainableSet::AdapterBlocks, TrainableSet::AdapterLora, TrainableSet::AllBlocks}) {
        const std::string tag = std::to_string(static_cast<int>(set));
        auto plain = params(set, "plain-" + tag + ".safetensors");
        auto plainRun = train(plain);
        ASSERT_TRUE(plainRun.ok()) << plainRun.error().message;
        auto checkpointed = params(set, "checkpointed-" + tag + ".safetensors");
        checkpointed.activationCheckpointing = true;
        std::vector<double> norms;
        auto checkpointedRun = train(checkpointed, [&](const StepMetrics& m) {
            norms.push_back(m.gradNorm);
            return true;
        });
        ASSERT_TRUE(checkpointedRun.ok()) << checkpointedRun.error().message;
        ASSERT_EQ(plainRun->losses.size(), 3u);
        for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(checkpointedRun->losses[i], plainRun->losses[i], 1e-6) << tag;
        EXPECT_GT(norms.at(0), 0.0);
        EXPECT_LE(maxDifference(plain.outputAdapter, checkpointed.outputAdapter), 1e-6) << tag;
    }
}

TEST_F(ActivationCheckpointing, LowersPeakMemoryOnALongSequence) {
    makeModel(8, 64, 512, "1-6-1");
    auto run = [&](bool checkpointed) -> long {
        auto p = params(TrainableSet::AllBlocks, checkpointed ? "mem-ckpt.safetensors" : "mem-plain.safetensors");
        p.blockSize = 512;
        p.microBatch = 4;
        p.accumulation = 1;
        p.maxSteps = 1;
        p.activationCheckpointing = checkpointed;
        EXPECT_TRUE(resetPeak());
        const long before = residentKiB();
        auto result = train(p);
        EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
        return peakKiB() - before;
    };
    run(true);  // warm-up: allocator pools and lazily loaded libraries
    const long checkpointed = run(true);
    const long plain = run(false);
    std::printf("[trainer] activation checkpointing, 8 blocks, 4 x 512 tokens: peak +%ld KiB with, +%ld KiB without\n",
                checkpointed, plain);
    EXPECT_LT(checkpointed, plain);
}

TEST_F(ActivationCheckpointing, Bf16AutocastTrainsCloseToFloat32) {
    makeModel(6, 32, 64, "1-2-1");
    auto fp32 = params(TrainableSet::AdapterBlocks, "fp32.safetensors");
    auto fp32Run = train(fp32);
    ASSERT_TRUE(fp32Run.ok()) << fp32Run.error().message;
    auto bf16 = params(TrainableSet::AdapterBlocks, "bf16.safetensors");
    bf16.autocastBf16 = true;
    bf16.activationCheckpointing = true;  // the recomputation runs under autocast too
    auto bf16Run = train(bf16);
    ASSERT_TRUE(bf16Run.ok()) << bf16Run.error().message;
    ASSERT_EQ(bf16Run->losses.size(), 3u);
    double worst = 0.0;
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(bf16Run->losses[i], fp32Run->losses[i], 0.05);
        worst = std::max(worst, std::abs(bf16Run->losses[i] - fp32Run->losses[i]));
    }
    EXPECT_GT(worst, 0.0) << "autocast changed nothing: was it applied?";
    EXPECT_FALSE(at::autocast::is_autocast_enabled(at::kCPU)) << "autocast must be off after the run";
    // The adapter is written in float32.
    auto adapter = safetensors::ModelFiles::open(bf16.outputAdapter);
    ASSERT_TRUE(adapter.ok());
    for (const auto& name : adapter->names()) {
        EXPECT_EQ(model::tensorFromFile(adapter.value(), name).value().scalar_type(), torch::kFloat32) << name;
    }
    std::printf("[trainer] bf16 autocast: losses %.5f %.5f %.5f vs float32 %.5f %.5f %.5f\n", bf16Run->losses[0],
                bf16Run->losses[1], bf16Run->losses[2], fp32Run->losses[0], fp32Run->losses[1], fp32Run->losses[2]);
}

}  // namespace
}  // namespace offsite::trainer

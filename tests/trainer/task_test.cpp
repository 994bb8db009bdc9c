// Prompt -> completion training (also the form of classification and multiple choice): the first 10 losses equal
// a PyTorch reference run on ragged examples, accumulation stays exact when micro-batches hold different numbers
// of completion tokens, validation reports accuracy, and bad examples get a clear message.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/trainer/trainer.h"
#include "tests/trainer/tiny_split.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
const fs::path kData = OFFSITE_TEST_DATA;

std::vector<std::int32_t> ints(const torch::Tensor& t) {
    std::vector<std::int32_t> out;
    for (std::int64_t i = 0; i < t.numel(); ++i) out.push_back(static_cast<std::int32_t>(t[i].item<std::int64_t>()));
    return out;
}

std::vector<Example> referenceExamples(const safetensors::ModelFiles& files) {
    auto prompts = ints(model::tensorFromFile(files, "prompt_ids").value());
    auto promptLengths = ints(model::tensorFromFile(files, "prompt_lengths").value());
    auto completions = ints(model::tensorFromFile(files, "completion_ids").value());
    auto completionLengths = ints(model::tensorFromFile(files, "completion_lengths").value());
    std::vector<Example> out;
    std::size_t p = 0;
    std::size_t c = 0;
    for (std::size_t i = 0; i < promptLengths.size(); ++i) {
        Example e;
        e.prompt.assign(prompts.begin() + static_cast<std::ptrdiff_t>(p),
                        prompts.begin() + static_cast<std::ptrdiff_t>(p + static_cast<std::size_t>(promptLengths[i])));
        e.completion.assign(
            completions.begin() + static_cast<std::ptrdiff_t>(c),
            completions.begin() + static_cast<std::ptrdiff_t>(c + static_cast<std::size_t>(completionLengths[i])));
        p += static_cast<std::size_t>(promptLengths[i]);
        c += static_cast<std::size_t>(completionLengths[i]);
        out.push_back(std::move(e));
    }
    return out;
}

TrainingParams completionParams(const safetensors::ModelFiles& files) {
    TrainingParams p;
    p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
    p.modelFolder = kData / "parity" / "llama_gqa_tied";
    p.trainExamples = referenceExamples(files);
    p.blockSize = 16;
    p.microBatch = 2;
    p.accumulation = 2;
    p.maxSteps = 10;
    p.learningRate = 1e-3;
    p.weightDecay = 0.01;
    p.schedule = Schedule::Linear;
    p.warmupSteps = 3;
    p.clipNorm = 1.0;
    p.order = DataOrder::Sequential;
    p.trainable = TrainableSet::AllBlocks;
    p.threads = 1;
    return p;
}

TEST(TaskTraining, PromptCompletionLossesMatchThePyTorchReference) {
    auto files = safetensors::ModelFiles::open(kData / "trainer" / "completion_run.safetensors");
    ASSERT_TRUE(files.ok());
    auto want = model::tensorFromFile(files.value(), "losses").value();
    auto wantNorms = model::tensorFromFile(files.value(), "grad_norms").value();
    std::vector<double> norms;
    auto result = train(completionParams(files.value()), [&](const StepMetrics& m) {
        norms.push_back(m.gradNorm);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result->losses.size(), 10u);
    double worst = 0.0;
    for (int i = 0; i < 10; ++i) {
        const double diff = std::abs(result->losses[i] - want[i].item<double>());
        worst = std::max(worst, diff);
        EXPECT_LE(diff, 1e-5) << "step " << i + 1;
        EXPECT_NEAR(norms[i], wantNorms[i].item<double>(), 1e-4 * wantNorms[i].item<double>()) << "step " << i + 1;
    }
    std::printf("[trainer] prompt->completion, 10 steps against PyTorch: worst loss difference %.3g\n", worst);
}

// The examples hold 1 to 5 completion tokens, so micro-batches of one step carry different token counts: dividing
// each micro-batch by its own count (instead of the whole step's) would weight tokens unequally and fail this.
TEST(TaskTraining, AccumulationIsExactWithRaggedExamples) {
    auto files = safetensors::ModelFiles::open(kData / "trainer" / "completion_run.safetensors");
    ASSERT_TRUE(files.ok());
    const fs::path root = fs::temp_directory_path() / ("offsite-ragged-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    std::vector<std::vector<double>> losses;
    std::vector<torch::Tensor> weights;
    for (auto [micro, accum] : {std::pair{4, 1}, std::pair{2, 2}, std::pair{1, 4}}) {
        auto p = completionParams(files.value());
        p.microBatch = micro;
        p.accumulation = accum;
        p.maxSteps = 3;
        p.outputAdapter = root / ("adapter-" + std::to_string(micro) + ".safetensors");
        auto result = train(p);
        ASSERT_TRUE(result.ok()) << result.error().message;
        losses.push_back(result->losses);
        auto adapter = safetensors::ModelFiles::open(p.outputAdapter);
        ASSERT_TRUE(adapter.ok());
        weights.push_back(model::tensorFromFile(adapter.value(), "model.layers.1.mlp.up_proj.weight").value());
    }
    for (std::size_t i = 1; i < losses.size(); ++i) {
        for (std::size_t s = 0; s < losses[0].size(); ++s) EXPECT_NEAR(losses[i][s], losses[0][s], 1e-6);
        EXPECT_LE((weights[i] - weights[0]).abs().max().item<double>(), 1e-6);
    }
    fs::remove_all(root);
}

class ClassificationTraining : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(fixtures::makeTinySplit(tiny_, "classify", 4, 7));
        root_ = tiny_.root;
    }
    fixtures::TinySplit tiny_;
    fs::path root_;
};

// Text -> label word: "<review tokens> <separator>" -> "good"(40) or "bad"(41), decided by the review's first token.
TEST_F(ClassificationTraining, ValidationReportsLabelAccuracyThatTrainingRaises) {
    std::vector<Example> examples;
    for (int i = 0; i < 32; ++i) {
        Example e;
        const int cue = 2 + (i % 8);
        e.prompt = {cue, 20 + (i * 5) % 11, 30 + (i * 3) % 7, 63};
        e.completion = {cue % 2 == 0 ? 40 : 41};
        examples.push_back(e);
    }
    TrainingParams p;
    p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
    p.modelFolder = root_ / "split";
    p.trainExamples = examples;
    p.validationExamples = examples;
    p.blockSize = 8;
    p.microBatch = 8;
    p.maxSteps = 40;
    p.learningRate = 1e-2;
    p.schedule = Schedule::Constant;
    p.evalEvery = 1;
    p.threads = 1;
    std::vector<double> accuracy;
    auto result = train(p, [&](const StepMetrics& m) {
        accuracy.push_back(m.validationAccuracy);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(accuracy.size(), 40u);
    EXPECT_LE(accuracy.front(), 0.75);
    EXPECT_EQ(accuracy.back(), 1.0);
    EXPECT_EQ(result->finalValidationAccuracy, 1.0);
    EXPECT_LT(result->losses.back(), result->losses.front() - 0.3);
    std::printf("[trainer] label accuracy %.2f -> %.2f, loss %.3f -> %.3f\n", accuracy.front(), accuracy.back(),
                result->losses.front(), result->losses.back());
}

// --truncate left: a prompt too long for the block loses its first tokens, the completion stays whole; training is
// then exactly training on the examples cut by hand.
TEST_F(ClassificationTraining, LongPromptsAreCutFromTheLeftWhenAsked) {
    std::vector<Example> longOnes;
    std::vector<Example> cutByHand;
    for (int i = 0; i < 12; ++i) {
        Example e;
        for (int t = 0; t < 6 + i % 5; ++t) e.prompt.push_back(2 + (i * 7 + t * 3) % 50);
        e.completion = {40 + i % 2, 50 + i % 3};
        longOnes.push_back(e);
        Example cut = e;
        if (cut.prompt.size() > 6) cut.prompt.erase(cut.prompt.begin(), cut.prompt.end() - 6);
        cutByHand.push_back(cut);
    }
    TrainingParams p;
    p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
    p.modelFolder = root_ / "split";
    p.blockSize = 8;
    p.microBatch = 4;
    p.maxSteps = 4;
    p.learningRate = 1e-2;
    p.evalEvery = 2;
    p.threads = 1;
    p.trainExamples = longOnes;
    p.validationExamples = longOnes;
    auto refused = train(p);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("--truncate left"), std::string::npos) << refused.error().message;
    p.truncation = Truncation::Left;
    auto cut = train(p);
    ASSERT_TRUE(cut.ok()) << cut.error().message;
    p.truncation = Truncation::None;
    p.trainExamples = cutByHand;
    p.validationExamples = cutByHand;
    auto byHand = train(p);
    ASSERT_TRUE(byHand.ok()) << byHand.error().message;
    EXPECT_EQ(cut->losses, byHand->losses);
    EXPECT_EQ(cut->finalValidationLoss, byHand->finalValidationLoss);
}

TEST_F(ClassificationTraining, BadExamplesGetAClearMessage) {
    auto expectError = [](const TrainingParams& p, const std::string& expected) {
        auto result = train(p);
        ASSERT_FALSE(result.ok()) << expected;
        EXPECT_NE(result.error().message.find(expected), std::string::npos) << result.error().message;
    };
    TrainingParams p;
    p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
    p.modelFolder = root_ / "split";
    p.blockSize = 8;
    p.trainExamples = {Example{{1, 2, 3}, {4}}, Example{{1, 2, 3, 4, 5, 6, 7}, {8, 9}}};
    expectError(p, "example 2 has 9 tokens, more than the limit of 8");
    expectError(p, "--truncate left");
    p.truncation = Truncation::Left;
    p.trainExamples = {Example{{1}, {2, 3, 4, 5, 6, 7, 8, 9, 10}}};
    expectError(p, "example 1 has a completion of 9 tokens, more than the block size of 8");
    p.truncation = Truncation::None;
    p.trainExamples = {Example{{1, 2, 3}, {}}};
    expectError(p, "example 1 has an empty completion");
    p.trainExamples = {Example{{1, 2, 3}, {70}}};
    expectError(p, "token id 70, outside the model's vocabulary");
    p.trainExamples = {Example{{1, 2, 3}, {4}}};
    p.trainTokens = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    expectError(p, "not both");
}

}  // namespace
}  // namespace offsite::trainer

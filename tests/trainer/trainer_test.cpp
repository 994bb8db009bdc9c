// The training loop on tiny problems with known answers: the first 10 losses equal a PyTorch reference run,
// accumulation of k micro-batches equals one batch of k, frozen weights stay bitwise unchanged, only the trainable
// set is optimized, cancellation leaves nothing behind, and bad input gets a clear message.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/base/file_io.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"
#include "core/trainer/trainer.h"
#include "tests/trainer/tiny_split.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
const fs::path kData = OFFSITE_TEST_DATA;

std::vector<std::int32_t> referenceTokens() {
    auto files = safetensors::ModelFiles::open(kData / "trainer" / "reference_run.safetensors");
    EXPECT_TRUE(files.ok());
    auto t = model::tensorFromFile(files.value(), "tokens").value();
    std::vector<std::int32_t> out;
    for (std::int64_t i = 0; i < t.numel(); ++i) out.push_back(static_cast<std::int32_t>(t[i].item<std::int64_t>()));
    return out;
}

TrainingParams referenceParams() {
    TrainingParams p;
    p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
    p.modelFolder = kData / "parity" / "llama_gqa_tied";
    p.trainTokens = referenceTokens();
    p.blockSize = 8;
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

TEST(Trainer, FirstTenLossesMatchThePyTorchReference) {
    auto files = safetensors::ModelFiles::open(kData / "trainer" / "reference_run.safetensors");
    ASSERT_TRUE(files.ok());
    auto want = model::tensorFromFile(files.value(), "losses").value();
    auto wantNorms = model::tensorFromFile(files.value(), "grad_norms").value();
    std::vector<double> norms;
    auto result = train(referenceParams(), [&](const StepMetrics& m) {
        norms.push_back(m.gradNorm);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result->losses.size(), 10u);
    double worst = 0.0;
    for (int i = 0; i < 10; ++i) {
        double diff = std::abs(result->losses[i] - want[i].item<double>());
        worst = std::max(worst, diff);
        EXPECT_LE(diff, 1e-5) << "step " << i + 1;
        EXPECT_NEAR(norms[i], wantNorms[i].item<double>(), 1e-4 * wantNorms[i].item<double>()) << "step " << i + 1;
    }
    std::printf("[trainer] 10 steps against PyTorch: worst loss difference %.3g\n", worst);
}

TEST(Trainer, AccumulatingMicroBatchesEqualsOneBigBatch) {
    const fs::path root = fs::temp_directory_path() / ("offsite-accum-" + std::to_string(::getpid()));
    fs::remove_all(root);
    std::vector<std::vector<double>> losses;
    std::vector<torch::Tensor> weights;
    for (auto [micro, accum] : {std::pair{4, 1}, std::pair{2, 2}, std::pair{1, 4}}) {
        auto p = referenceParams();
        p.microBatch = micro;
        p.accumulation = accum;
        p.maxSteps = 4;
        p.outputAdapter = root / ("adapter-" + std::to_string(micro) + ".safetensors");
        fs::create_directories(root);
        auto result = train(p);
        ASSERT_TRUE(result.ok()) << result.error().message;
        losses.push_back(result->losses);
        auto files = safetensors::ModelFiles::open(p.outputAdapter);
        ASSERT_TRUE(files.ok());
        weights.push_back(model::tensorFromFile(files.value(), "model.layers.1.mlp.up_proj.weight").value());
    }
    for (std::size_t i = 1; i < losses.size(); ++i) {
        for (std::size_t s = 0; s < losses[0].size(); ++s) EXPECT_NEAR(losses[i][s], losses[0][s], 1e-6);
        EXPECT_LE((weights[i] - weights[0]).abs().max().item<double>(), 1e-6);
    }
    fs::remove_all(root);
}

class SplitTraining : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(fixtures::makeTinySplit(tiny_, "train"));
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
        p.maxSteps = 5;
        p.learningRate = 1e-2;
        p.threads = 1;
        p.evalEvery = 2;
        return p;
    }
    fixtures::TinySplit tiny_;
    fs::path root_;
    std::vector<std::int32_t> tokens_;
};

TEST_F(SplitTraining, FrozenWeightsStayBitwiseUnchangedAndOnlyTheAdapterTrains) {
    auto p = params();
    p.outputModel = root_ / "tuned";
    p.outputAdapter = root_ / "adapter.safetensors";
    const std::string tokenizer = R"({"model": "stands in for the package's tokenizer"})";
    ASSERT_TRUE(writeFileAtomic(root_ / "split" / "tokenizer.json", tokenizer).ok());
    auto result = train(p);
    ASSERT_TRUE(result.ok()) << result.error().message;
    // The tuned model is a whole folder: its tokenizer comes along (for evaluation and generation).
    auto copied = readFile(root_ / "tuned" / "tokenizer.json", 1 << 20);
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    EXPECT_EQ(copied.value(), tokenizer);
    EXPECT_FALSE(fs::exists(root_ / "tuned" / "tokenizer_config.json"));
    auto split = safetensors::ModelFiles::open(root_ / "split");
    auto tuned = safetensors::ModelFiles::open(root_ / "tuned");
    ASSERT_TRUE(split.ok() && tuned.ok());
    std::int64_t adapterParams = 0;
    int changed = 0;
    for (const auto& name : split->names()) {
        auto before = model::tensorFromFile(split.value(), name).value();
        auto after = model::tensorFromFile(tuned.value(), name).value();
        const bool adapter = name.rfind("transformer.h.0.", 0) == 0 || name.rfind("transformer.h.3.", 0) == 0;
        if (adapter) {
            adapterParams += before.numel();
            changed += !torch::equal(before, after);
        } else {
            EXPECT_TRUE(torch::equal(before, after)) << name << " is frozen but changed";
        }
    }
    EXPECT_EQ(changed, 24);  // every adapter tensor moved
    EXPECT_EQ(result->trainableParameters, adapterParams);
    auto adapter = safetensors::File::open(root_ / "adapter.safetensors");
    ASSERT_TRUE(adapter.ok());
    EXPECT_EQ(adapter->tensors().size(), 24u);
    EXPECT_GT(result->bestValidationLoss, 0.0);
}

TEST_F(SplitTraining, TrainableSetsCountTheRightParameters) {
    auto p = params();
    p.maxSteps = 1;
    p.trainable = TrainableSet::AdapterBlocks;
    auto all = train(p);
    p.trainable = TrainableSet::TopAdapterOnly;
    auto top = train(p);
    p.trainable = TrainableSet::AdapterBitFit;
    auto bitfit = train(p);
    ASSERT_TRUE(all.ok() && top.ok() && bitfit.ok());
    EXPECT_EQ(top->trainableParameters * 2, all->trainableParameters);
    // Biases and norms of two GPT-2 blocks: 4 LayerNorm vectors, q/k/v (3d), proj (d), fc (4d), fc-proj (d).
    EXPECT_EQ(bitfit->trainableParameters, 2 * (4 * 32 + 3 * 32 + 32 + 64 + 32));
    EXPECT_EQ(all->trainableParameters + all->frozenParameters, bitfit->trainableParameters + bitfit->frozenParameters);
}

TEST_F(SplitTraining, APlainAdapterOfABf16ModelIsWrittenInBf16) {
    // The model in BF16, as a BF16 package ships it: every tensor of the float32 model rounded, config alongside.
    auto full = safetensors::ModelFiles::open(root_ / "full");
    ASSERT_TRUE(full.ok());
    std::vector<torch::Tensor> keep;
    std::vector<safetensors::TensorView> views;
    for (const auto& name : full->names()) {
        keep.push_back(model::tensorFromFile(full.value(), name).value().to(torch::kBFloat16).contiguous());
        views.push_back(model::tensorView(name, keep.back()).value());
    }
    fs::create_directories(root_ / "full-bf16");
    ASSERT_TRUE(safetensors::write(root_ / "full-bf16" / "model.safetensors", views, {{"format", "pt"}}).ok());
    fs::copy_file(root_ / "full" / "config.json", root_ / "full-bf16" / "config.json");
    emulator::SplitOptions split;
    split.spec = emulator::SplitSpec{1, 2, 1};
    ASSERT_TRUE(emulator::writeSplit(root_ / "full-bf16", root_ / "split-bf16", split).ok());

    auto p = params();
    p.modelFolder = root_ / "split-bf16";
    p.maxSteps = 2;
    p.validationTokens.clear();  // no validation: the adapter written is the last one, as the tuned model is
    p.outputAdapter = root_ / "bf16-adapter.safetensors";
    p.outputModel = root_ / "bf16-tuned";  // float32
    auto result = train(p);
    ASSERT_TRUE(result.ok()) << result.error().message;
    auto adapter = safetensors::ModelFiles::open(p.outputAdapter);
    auto tuned = safetensors::ModelFiles::open(p.outputModel);
    auto source = safetensors::ModelFiles::open(p.modelFolder);
    ASSERT_TRUE(adapter.ok() && tuned.ok() && source.ok());
    ASSERT_FALSE(adapter->names().empty());
    for (const auto& name : adapter->names()) {
        ASSERT_NE(source->find(name), nullptr) << name;
        EXPECT_EQ(source->find(name)->dtype, safetensors::DType::BF16) << name;
        EXPECT_EQ(adapter->find(name)->dtype, safetensors::DType::BF16) << name;  // the package's layout
        // The trained float32 weights rounded to nearest even (torch's conversion).
        auto trained = model::tensorFromFile(tuned.value(), name).value().to(torch::kFloat32);
        auto written = model::tensorFromFile(adapter.value(), name).value().to(torch::kFloat32);
        EXPECT_TRUE(torch::equal(written, trained.to(torch::kBFloat16).to(torch::kFloat32))) << name;
    }
}

TEST_F(SplitTraining, CancellingStopsAtAStepBoundaryAndWritesNothing) {
    auto p = params();
    p.outputAdapter = root_ / "never.safetensors";
    int seen = 0;
    auto result = train(p, [&](const StepMetrics& m) {
        seen = m.step;
        return m.step < 2;
    });
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::Cancelled);
    EXPECT_EQ(seen, 2);
    EXPECT_FALSE(fs::exists(p.outputAdapter));
}

TEST_F(SplitTraining, BadInputGetsAClearMessage) {
    auto expectError = [](const TrainingParams& p, const std::string& expected) {
        auto result = train(p);
        ASSERT_FALSE(result.ok()) << expected;
        EXPECT_NE(result.error().message.find(expected), std::string::npos) << result.error().message;
    };
    auto p = params();
    p.trainTokens.resize(10);
    expectError(p, "fewer than one block of 16");
    p = params();
    p.trainTokens[3] = 999;
    expectError(p, "token id 999, outside the model's vocabulary");
    p = params();
    p.modelFolder = root_ / "full";
    expectError(p, "needs a split model folder");
    p = params();
    p.blockSize = 65;
    expectError(p, "longer than the model's context of 64");
    p = params();
    p.learningRate = 1e6;
    p.clipNorm = 0;
    p.maxSteps = 30;
    expectError(p, "NaN or infinite");
}

}  // namespace
}  // namespace offsite::trainer

// The offsite split: the reference's layer selection (ties, the paper's configurations), refusals of splits that
// do not fit, and the written folder (emulated model = chosen blocks, adapter/emulator shards, compressions).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>

#include <torch/torch.h>

#include "core/config/model_config.h"
#include "core/emulator/plugin.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::emulator {
namespace {

namespace fs = std::filesystem;

std::vector<int> middleOf(int blocks, const std::string& split) {
    config::ModelConfig c;
    c.numLayers = blocks;
    auto spec = parseSplit(split);
    EXPECT_TRUE(spec.ok());
    auto plan = planSplit(c, spec.value());
    EXPECT_TRUE(plan.ok()) << plan.error().message;
    return plan.ok() ? plan->emulatorSourceBlocks() : std::vector<int>{};
}

TEST(LayerSelection, TiesRoundHalfToEvenLikeTheReference) {
    // m=6, k=3: stride 2.5, round(2.5) = 2 in Python; std::round would give 3.
    EXPECT_EQ(uniformDropIndices(6, 3).value(), (std::vector<int>{0, 2, 5}));
    EXPECT_EQ(uniformDropIndices(4, 3).value(), (std::vector<int>{0, 2, 3}));  // 1.5 -> 2
    EXPECT_EQ(uniformDropIndices(10, 10).value(), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    EXPECT_EQ(uniformDropIndices(5, 2).value(), (std::vector<int>{0, 4}));
}

TEST(LayerSelection, PaperConfigurations) {
    EXPECT_EQ(middleOf(24, "2-8-2"), (std::vector<int>{2, 5, 7, 10, 13, 16, 18, 21}));  // OPT-1.3B
    EXPECT_EQ(middleOf(48, "2-16-2"),
              (std::vector<int>{2, 5, 8, 11, 13, 16, 19, 22, 25, 28, 31, 34, 36, 39, 42, 45}));  // GPT2-XL
    EXPECT_EQ(middleOf(30, "2-8-2"), (std::vector<int>{2, 6, 9, 13, 16, 20, 23, 27}));  // SmolLM2-135M
}

TEST(LayerSelection, SplitsThatDoNotFitAreRefused) {
    config::ModelConfig c;
    c.numLayers = 12;
    auto check = [&](const char* split, const char* expected) {
        auto spec = parseSplit(split);
        ASSERT_TRUE(spec.ok()) << split;
        auto plan = planSplit(c, spec.value());
        ASSERT_FALSE(plan.ok()) << split;
        EXPECT_NE(plan.error().message.find(expected), std::string::npos) << split << ": " << plan.error().message;
    };
    check("2-1-2", "at least 2 blocks");
    check("6-4-6", "leaving no middle");
    check("5-3-6", "the middle of the model has only 1");
    check("2-9-2", "only 8");
    check("0-4-0", "no adapter blocks");
    for (const char* bad : {"2-8", "2-8-2-1", "a-b-c", "2--8-2", "-1-8-2", "2-8-2 "}) {
        auto spec = parseSplit(bad);
        ASSERT_FALSE(spec.ok()) << bad;
        EXPECT_NE(spec.error().message.find("l-k-r"), std::string::npos);
    }
}

class SplitFolderTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("offsite-split-test-" + std::to_string(::getpid()));
        fs::remove_all(root_);
        fs::create_directories(root_);
        torch::manual_seed(3);
        config_.architecture = config::Architecture::Llama;
        config_.vocabSize = 64;
        config_.hiddenSize = 32;
        config_.numLayers = 6;
        config_.numHeads = 4;
        config_.numKvHeads = 2;
        config_.headDim = 8;
        config_.intermediateSize = 48;
        config_.maxPositions = 64;
        config_.tieWordEmbeddings = false;
        model_ = model::CausalLM(config_);
        model_->initializeWeights();
        {
            torch::NoGradGuard noGrad;
            for (auto& p : model_->parameters()) p.add_(0.05 * torch::randn_like(p));
        }
        ASSERT_TRUE(model_->saveModel(root_ / "full").ok());
    }
    void TearDown() override { fs::remove_all(root_); }

    model::CausalLM loadEmulated(const fs::path& folder) {
        auto config = config::loadModelConfig(folder / "config.json");
        EXPECT_TRUE(config.ok());
        model::CausalLM lm(config.value());
        auto files = safetensors::ModelFiles::open(folder);
        EXPECT_TRUE(files.ok()) << (files.ok() ? "" : files.error().message);
        auto status = lm->loadWeights(files.value());
        EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().message);
        return lm;
    }

    fs::path root_;
    config::ModelConfig config_;
    model::CausalLM model_{nullptr};
};

TEST_F(SplitFolderTest, EmulatedModelIsTheChosenBlocks) {
    SplitOptions options;
    options.spec = SplitSpec{1, 2, 1};  // middle = blocks 1..4, keep [1, 4]
    auto result = writeSplit(root_ / "full", root_ / "split", options);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->plan.sourceBlocks, (std::vector<int>{0, 1, 4, 5}));

    auto plan = readSplitPlan(root_ / "split");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan->sourceBlocks, result->plan.sourceBlocks);

    auto emulated = loadEmulated(root_ / "split");
    auto blocks = model_->blocks();
    model_->setBlocks({blocks[0], blocks[1], blocks[4], blocks[5]});
    torch::NoGradGuard noGrad;
    auto ids = torch::randint(64, {2, 9}, torch::kInt64);
    EXPECT_TRUE(torch::allclose(emulated->forward(ids), model_->forward(ids), 0, 0));

    // Adapter shard: exactly the blocks 0 and 3 of the emulated model; everything else is in the emulator shard.
    auto adapter = safetensors::File::open(root_ / "split" / "adapter.safetensors");
    ASSERT_TRUE(adapter.ok());
    for (const auto& t : adapter->tensors()) {
        EXPECT_TRUE(t.name.rfind("model.layers.0.", 0) == 0 || t.name.rfind("model.layers.3.", 0) == 0) << t.name;
    }
    EXPECT_EQ(adapter->tensors().size(), 2u * 9u);
    EXPECT_EQ(result->adapterParameters, 2 * config::parametersPerBlock(config_));
}

TEST_F(SplitFolderTest, CompressionsTouchOnlyEmulatorMatrices) {
    SplitOptions prune;
    prune.spec = SplitSpec{1, 2, 1};
    prune.compression = Compression::MagnitudePrune;
    prune.pruneRatio = 0.5;
    ASSERT_TRUE(writeSplit(root_ / "full", root_ / "pruned", prune).ok());
    SplitOptions quant = prune;
    quant.compression = Compression::FakeQuantize;
    quant.quantizeBits = 2;
    ASSERT_TRUE(writeSplit(root_ / "full", root_ / "quantized", quant).ok());

    auto pruned = loadEmulated(root_ / "pruned");
    auto quantized = loadEmulated(root_ / "quantized");
    auto params = pruned->named_parameters(true);
    auto qparams = quantized->named_parameters(true);
    for (auto& item : params) {
        const auto& name = item.key();
        const bool emulatorBlock = name.rfind("model.layers.1.", 0) == 0 || name.rfind("model.layers.2.", 0) == 0;
        auto w = item.value();
        auto q = qparams[name];
        if (emulatorBlock && w.dim() == 2) {
            double zeros = (w == 0).sum().item<double>() / static_cast<double>(w.numel());
            EXPECT_NEAR(zeros, 0.5, 0.02) << name;
            // The reference's formula maps [min, max] onto [-1.5, 1.5] steps for 2 bits; rounding half to even at
            // both ends gives 2^bits + 1 levels.
            EXPECT_LE(std::get<0>(at::_unique(q.flatten())).numel(), 5) << name;
        } else {
            EXPECT_EQ((w == 0).sum().item<std::int64_t>(), 0) << name << " was changed";
            EXPECT_GT(std::get<0>(at::_unique(q.flatten())).numel(), 4) << name << " was quantized";
        }
    }
}

TEST_F(SplitFolderTest, RefusesAnExistingOutputAndLeavesNothingOnCancel) {
    SplitOptions options;
    options.spec = SplitSpec{1, 2, 1};
    options.progress = [](std::size_t done, std::size_t) { return done < 5; };
    auto cancelled = writeSplit(root_ / "full", root_ / "cancelled", options);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().kind, ErrorKind::Cancelled);
    EXPECT_FALSE(fs::exists(root_ / "cancelled"));
    for (const auto& entry : fs::directory_iterator(root_)) {
        EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
    }
    options.progress = {};
    auto again = writeSplit(root_ / "full", root_ / "full", options);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
}

// Writes the adapter shard of a split with `edit` applied to its tensors (by name), as a data owner's tuned adapter.
fs::path writeAdapter(const fs::path& split, const fs::path& out,
                      const std::function<void(const std::string&, torch::Tensor&)>& edit) {
    auto files = safetensors::ModelFiles::open(split / "adapter.safetensors");
    EXPECT_TRUE(files.ok());
    std::vector<torch::Tensor> keep;
    std::vector<safetensors::TensorView> views;
    for (const auto& name : files->names()) {
        auto t = model::tensorFromFile(files.value(), name).value();
        edit(name, t);
        t = t.contiguous();
        keep.push_back(t);
        views.push_back({name, safetensors::DType::F32, t.sizes().vec(),
                         std::span<const std::byte>(static_cast<const std::byte*>(t.data_ptr()),
                                                    static_cast<std::size_t>(t.nbytes()))});
    }
    EXPECT_TRUE(safetensors::write(out, views).ok());
    return out;
}

TEST_F(SplitFolderTest, PluggingTheUntunedAdapterGivesBackTheFullModel) {
    SplitOptions options;
    options.spec = SplitSpec{1, 2, 1};
    ASSERT_TRUE(writeSplit(root_ / "full", root_ / "split", options).ok());
    auto result = plugIn(root_ / "full", root_ / "split", root_ / "split" / "adapter.safetensors", root_ / "plugged");
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->replacedBlocks, (std::vector<int>{0, 5}));
    EXPECT_EQ(result->replacedTensors, 18u);
    auto original = safetensors::ModelFiles::open(root_ / "full");
    auto plugged = safetensors::ModelFiles::open(root_ / "plugged");
    ASSERT_TRUE(original.ok() && plugged.ok());
    ASSERT_EQ(original->names(), plugged->names());
    for (const auto& name : original->names()) {
        auto a = original->bytes(name);
        auto b = plugged->bytes(name);
        ASSERT_EQ(a.size(), b.size()) << name;
        EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size()), 0) << name;
    }
}

TEST_F(SplitFolderTest, TunedAdapterBlocksLandAtTheirOriginalPositions) {
    SplitOptions options;
    options.spec = SplitSpec{1, 2, 1};
    ASSERT_TRUE(writeSplit(root_ / "full", root_ / "split", options).ok());
    auto tuned = writeAdapter(root_ / "split", root_ / "tuned.safetensors", [](const std::string& name, torch::Tensor& t) {
        if (name == "model.layers.3.mlp.up_proj.weight") t = t + 1.0;  // emulated block 3 = original block 5
    });
    ASSERT_TRUE(plugIn(root_ / "full", root_ / "split", tuned, root_ / "plugged").ok());
    auto original = safetensors::ModelFiles::open(root_ / "full");
    auto plugged = safetensors::ModelFiles::open(root_ / "plugged");
    for (const auto& name : original->names()) {
        auto a = model::tensorFromFile(original.value(), name).value();
        auto b = model::tensorFromFile(plugged.value(), name).value();
        if (name == "model.layers.5.mlp.up_proj.weight") {
            EXPECT_TRUE(torch::allclose(b, a + 1.0)) << name;
        } else {
            EXPECT_TRUE(torch::equal(a, b)) << name;
        }
    }
}

TEST_F(SplitFolderTest, PlugInRefusesAdaptersThatDoNotFit) {
    SplitOptions options;
    options.spec = SplitSpec{1, 2, 1};
    ASSERT_TRUE(writeSplit(root_ / "full", root_ / "split", options).ok());
    auto expectRefused = [&](const fs::path& adapter, const std::string& expected) {
        auto result = plugIn(root_ / "full", root_ / "split", adapter, root_ / "refused");
        ASSERT_FALSE(result.ok()) << expected;
        EXPECT_NE(result.error().message.find(expected), std::string::npos) << result.error().message;
        EXPECT_FALSE(fs::exists(root_ / "refused"));
    };
    // An emulator block (emulated index 1) smuggled into the adapter.
    expectRefused(root_ / "split" / "emulator.safetensors", "not part of an adapter block");
    // An adapter missing one tensor.
    {
        auto files = safetensors::ModelFiles::open(root_ / "split" / "adapter.safetensors");
        std::vector<torch::Tensor> keep;
        std::vector<safetensors::TensorView> views;
        for (const auto& name : files->names()) {
            if (name == "model.layers.0.self_attn.q_proj.weight") continue;
            auto t = model::tensorFromFile(files.value(), name).value().contiguous();
            keep.push_back(t);
            views.push_back({name, safetensors::DType::F32, t.sizes().vec(),
                             std::span<const std::byte>(static_cast<const std::byte*>(t.data_ptr()),
                                                        static_cast<std::size_t>(t.nbytes()))});
        }
        ASSERT_TRUE(safetensors::write(root_ / "partial.safetensors", views).ok());
        expectRefused(root_ / "partial.safetensors", "lacks the tensor for \"model.layers.0.self_attn.q_proj.weight\"");
    }
    expectRefused(writeAdapter(root_ / "split", root_ / "nan.safetensors",
                               [](const std::string& name, torch::Tensor& t) {
                                   if (name == "model.layers.0.mlp.up_proj.weight") t[0][0] = NAN;
                               }),
                  "NaN");
    expectRefused(writeAdapter(root_ / "split", root_ / "shape.safetensors",
                               [](const std::string& name, torch::Tensor& t) {
                                   if (name == "model.layers.3.mlp.up_proj.weight") t = t.narrow(0, 0, 8);
                               }),
                  "has the shape [8, 32]");
}

}  // namespace
}  // namespace offsite::emulator

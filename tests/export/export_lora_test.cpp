// A LoRA run exported end to end: a tiny GPT-2 (Conv1D weights stored [in, out], the transposed LoRA path) split
// 1-2-1 and packed by the owner; the data owner imports it, trains LoRA on the adapter blocks and exports; the
// owner opens the export (a plain adapter in the package's layout, LoRA merged in), plugs it in, and gets the
// logits of the LoRA model: both the full model with the LoRA adapter plugged in and the data owner's tuned
// emulator (tolerance 1e-5 absolute on float32 logits; the merge is W + alpha/rank * B A in float32 either way,
// only the summation order of B A differs).
#include <gtest/gtest.h>

#include <cstdio>
#include <torch/torch.h>

#include "../trust/trust_test_support.h"
#include "core/config/model_config.h"
#include "core/crypto/key_file.h"
#include "core/emulator/plugin.h"
#include "core/emulator/split.h"
#include "core/export/export.h"
#include "core/export/lora_merge.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/trainer/trainer.h"

namespace offsite::exports {
namespace {

using namespace trust::testing;

torch::Tensor logitsOf(const fs::path& folder) {
    auto config = config::loadModelConfig(folder / "config.json");
    EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().message);
    model::CausalLM lm(*config);
    auto files = safetensors::ModelFiles::open(folder);
    EXPECT_TRUE(files.ok());
    EXPECT_TRUE(lm->loadWeights(*files).ok());
    lm->eval();
    torch::NoGradGuard noGrad;
    auto ids = torch::tensor({3, 17, 42, 5, 9, 60, 1, 33, 12, 7}, torch::kInt64).view({1, -1});
    return lm->forward(ids, torch::Tensor());
}

class LoraExport : public ScratchTest {
protected:
    void SetUp() override {
        ScratchTest::SetUp();
        config::ModelConfig c;
        c.architecture = config::Architecture::Gpt2;
        c.vocabSize = 64;
        c.hiddenSize = 32;
        c.numLayers = 6;
        c.numHeads = 4;
        c.numKvHeads = 4;
        c.headDim = 8;
        c.intermediateSize = 64;
        c.maxPositions = 64;
        c.activation = config::Activation::GeluTanh;
        torch::manual_seed(11);
        model::CausalLM lm(c);
        lm->initializeWeights();
        ASSERT_TRUE(lm->saveModel(root_ / "full").ok());
        emulator::SplitOptions split;
        split.spec = emulator::SplitSpec{1, 2, 1};
        ASSERT_TRUE(emulator::writeSplit(root_ / "full", root_ / "split", split).ok());

        auto owner = crypto::KeyPair::generate();
        auto dataOwner = crypto::SigningKey::generate();
        ASSERT_TRUE(owner.ok() && dataOwner.ok());
        owner_.emplace(std::move(*owner));
        dataOwner_.emplace(std::move(*dataOwner));
        package::PackParams pack;
        pack.inputFolder = root_ / "split";
        pack.outputPath = root_ / "model.otpkg";
        pack.signingKey = &owner_->signing;
        pack.publisherId = "example.org";
        pack.modelId = "tiny-gpt2";
        pack.createdAt = 1'750'000'000;
        pack.expiresAt = 1'900'000'000;
        pack.architecture = "gpt2";
        pack.split = "1-2-1";
        pack.exportRecipient = owner_->encryption.recipient().toString();
        pack.licence = "test";
        auto manifest = package::writePackage(pack);
        ASSERT_TRUE(manifest.ok()) << manifest.error().message;
        package::TrustedKeys keys;
        keys.keys.push_back(package::PinnedKey{"example.org", owner_->signing.publicKey()});
        package::VerifyParams verify;
        verify.trustedKeys = &keys;
        verify.now = 1'800'000'000;
        auto extracted = package::extractPackage(root_ / "model.otpkg", root_ / "imported", verify);
        ASSERT_TRUE(extracted.ok()) << extracted.error().message;
    }

    // The data owner's LoRA run on the imported package.
    trainer::TrainingParams loraRun() {
        trainer::TrainingParams p;
        p.modelFolder = root_ / "imported";
        for (int i = 0; i < 400; ++i) p.trainTokens.push_back((i * 7 + i / 5) % 64);
        p.blockSize = 16;
        p.microBatch = 2;
        p.maxSteps = 4;
        p.learningRate = 5e-2;
        p.threads = 1;
        p.trainable = trainer::TrainableSet::AdapterLora;
        p.lora.rank = 2;
        p.lora.alpha = 4.0;
        p.outputAdapter = root_ / "lora.safetensors";
        p.outputModel = root_ / "tuned-emulator";
        return p;
    }

    ExportParams exportParams() const {
        ExportParams e;
        e.adapterPath = root_ / "lora.safetensors";
        e.packageFolder = root_ / "imported";
        e.runId = "lora-run";
        e.signingKey = &*dataOwner_;
        e.outputPath = root_ / "lora.age";
        e.createdAt = 1'800'000'100;
        return e;
    }

    std::optional<crypto::KeyPair> owner_;
    std::optional<crypto::SigningKey> dataOwner_;
};

TEST_F(LoraExport, OwnerPlugsInTheMergedAdapterAndGetsTheLoraModelsLogits) {
    auto trained = trainer::train(loraRun());
    ASSERT_TRUE(trained.ok()) << trained.error().message;

    auto listed = describeExport(exportParams());
    ASSERT_TRUE(listed.ok()) << listed.error().message;
    EXPECT_EQ(listed->mergedLora, "LoRA rank 2, alpha 4, merged into 8 linears of the package's adapter");
    EXPECT_NE(listed->text().find("merged into 8 linears"), std::string::npos);
    auto exported = writeExport(exportParams());
    ASSERT_TRUE(exported.ok()) << exported.error().message;

    OpenParams open;
    open.exportPath = root_ / "lora.age";
    open.dataOwnerKey = dataOwner_->publicKey();
    open.identity = &owner_->encryption;
    open.packagePath = root_ / "model.otpkg";
    open.packageKey = owner_->signing.publicKey();
    open.outputAdapterPath = root_ / "back.safetensors";
    auto opened = openExport(open);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->listing.mergedLora, listed->mergedLora);

    // The owner's plug-in takes it as a plain adapter.
    auto plain = emulator::plugIn(root_ / "full", root_ / "split", root_ / "back.safetensors", root_ / "plugged");
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_FALSE(plain->lora);
    auto viaLora = emulator::plugIn(root_ / "full", root_ / "split", root_ / "lora.safetensors", root_ / "plugged-lora");
    ASSERT_TRUE(viaLora.ok()) << viaLora.error().message;
    auto full = logitsOf(root_ / "full");
    auto expected = logitsOf(root_ / "plugged-lora");
    auto got = logitsOf(root_ / "plugged");
    EXPECT_GT((expected - full).abs().max().item<double>(), 1e-3) << "the LoRA run changed nothing";
    EXPECT_LE((got - expected).abs().max().item<double>(), 1e-5);

    // The data owner's tuned emulator (the LoRA model it trained) with the merged adapter in its place.
    fs::create_directories(root_ / "emulated");
    for (const auto& item : fs::directory_iterator(root_ / "imported")) {
        const auto name = item.path().filename().string();
        if (name == "adapter.safetensors" || name == "manifest.json" || name == "manifest.json.minisig") continue;
        fs::copy_file(item.path(), root_ / "emulated" / name);
    }
    fs::copy_file(root_ / "back.safetensors", root_ / "emulated" / "adapter.safetensors");
    auto lora = logitsOf(root_ / "tuned-emulator");
    auto merged = logitsOf(root_ / "emulated");
    EXPECT_LE((merged - lora).abs().max().item<double>(), 1e-5);
    std::printf("[export] LoRA merged for export: max |logit difference| %.3g (full model, vs LoRA plugged in), "
                "%.3g (emulator, vs the trained LoRA model); the update moved logits by up to %.3g\n",
                (got - expected).abs().max().item<double>(), (merged - lora).abs().max().item<double>(),
                (expected - full).abs().max().item<double>());
}

TEST_F(LoraExport, LoraOnEmulatorBlocksIsRefusedByName) {
    auto p = loraRun();
    p.trainable = trainer::TrainableSet::AllBlocksLora;
    p.maxSteps = 1;
    p.outputModel.clear();
    ASSERT_TRUE(trainer::train(p).ok());
    auto refused = describeExport(exportParams());
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("has no weight in the package's adapter"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("all-lora"), std::string::npos);
}

}  // namespace
}  // namespace offsite::exports

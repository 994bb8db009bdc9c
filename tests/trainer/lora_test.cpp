// LoRA: the first 10 losses and the merged weights equal a PyTorch run of PEFT-style LoRA with the same
// initialisation; at step 0 the model is exactly the base model (B = 0); the adapter is written as PEFT-named LoRA
// tensors with their configuration; a paused and resumed LoRA run is bitwise equal to an uninterrupted one; and the
// owner's plug-in merges W + alpha/rank * B A into the full model.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/emulator/plugin.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
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

TrainingParams loraReferenceParams() {
    TrainingParams p;
    p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
    p.modelFolder = kData / "parity" / "llama_gqa_tied";
    p.trainTokens = referenceTokens();
    p.blockSize = 8;
    p.microBatch = 2;
    p.accumulation = 2;
    p.maxSteps = 10;
    p.learningRate = 1e-2;
    p.weightDecay = 0.01;
    p.schedule = Schedule::Linear;
    p.warmupSteps = 3;
    p.clipNorm = 1.0;
    p.order = DataOrder::Sequential;
    p.trainable = TrainableSet::AllBlocksLora;
    p.lora.rank = 4;
    p.lora.alpha = 8.0;
    p.seed = 7;
    p.threads = 1;
    return p;
}

class TempFolder {
public:
    explicit TempFolder(const std::string& tag)
        : path_(fs::temp_directory_path() / ("offsite-lora-" + tag + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempFolder() { fs::remove_all(path_); }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string metadata(const fs::path& file, const std::string& key) {
    auto f = safetensors::File::open(file);
    if (!f.ok()) return {};
    for (const auto& [k, v] : f->metadata()) {
        if (k == key) return v;
    }
    return {};
}

TEST(LoraTraining, LossesAndMergedWeightsMatchThePyTorchReference) {
    auto reference = safetensors::ModelFiles::open(kData / "trainer" / "lora_run.safetensors");
    ASSERT_TRUE(reference.ok());
    TempFolder tmp("reference");
    auto p = loraReferenceParams();
    p.outputAdapter = tmp.path() / "lora.safetensors";
    p.outputModel = tmp.path() / "merged";
    std::vector<double> norms;
    auto result = train(p, [&](const StepMetrics& m) {
        norms.push_back(m.gradNorm);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    // 3 blocks x (q 48x48, k 16x48, v 16x48, o 48x48, gate 80x48, up 80x48, down 48x80) at rank 4.
    EXPECT_EQ(result->trainableParameters, 3 * 4 * ((48 + 48) + (48 + 16) + (48 + 16) + (48 + 48) + (48 + 80) * 2 + (80 + 48)));
    auto want = model::tensorFromFile(reference.value(), "losses").value();
    auto wantNorms = model::tensorFromFile(reference.value(), "grad_norms").value();
    double worst = 0.0;
    for (int i = 0; i < 10; ++i) {
        const double diff = std::abs(result->losses[i] - want[i].item<double>());
        worst = std::max(worst, diff);
        EXPECT_LE(diff, 1e-5) << "step " << i + 1;
        EXPECT_NEAR(norms[i], wantNorms[i].item<double>(), 1e-4 * wantNorms[i].item<double>()) << "step " << i + 1;
    }
    auto adapter = safetensors::ModelFiles::open(p.outputAdapter);
    auto merged = safetensors::ModelFiles::open(p.outputModel);
    ASSERT_TRUE(adapter.ok() && merged.ok());
    EXPECT_EQ(adapter->size(), 3u * 7u * 2u);
    double worstWeight = 0.0;
    for (const std::string module : {"model.layers.0.self_attn.q_proj", "model.layers.2.mlp.down_proj"}) {
        for (const std::string part : {".lora_A.weight", ".lora_B.weight"}) {
            const auto name = "base_model.model." + module + part;
            auto ours = model::tensorFromFile(adapter.value(), name);
            ASSERT_TRUE(ours.ok()) << name;
            auto theirs = model::tensorFromFile(reference.value(), name).value();
            const double d = (ours.value() - theirs).abs().max().item<double>();
            worstWeight = std::max(worstWeight, d);
            EXPECT_LE(d, 1e-5) << name;
        }
        auto ours = model::tensorFromFile(merged.value(), module + ".weight").value();
        auto theirs = model::tensorFromFile(reference.value(), "merged." + module + ".weight").value();
        const double d = (ours - theirs).abs().max().item<double>();
        worstWeight = std::max(worstWeight, d);
        EXPECT_LE(d, 1e-5) << module;
    }
    EXPECT_EQ(metadata(p.outputAdapter, "peft_type"), "LORA");
    EXPECT_EQ(metadata(p.outputAdapter, "lora_rank"), "4");
    EXPECT_EQ(metadata(p.outputAdapter, "lora_alpha"), "8");
    EXPECT_EQ(metadata(p.outputAdapter, "target_modules"), "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj");
    std::printf("[trainer] LoRA, 10 steps against PyTorch: worst loss difference %.3g, worst weight difference %.3g\n",
                worst, worstWeight);
}

TEST(LoraTraining, StartsExactlyAtTheBaseModel) {
    auto p = loraReferenceParams();
    p.maxSteps = 1;
    auto lora = train(p);
    p.trainable = TrainableSet::AllBlocks;
    auto full = train(p);
    ASSERT_TRUE(lora.ok() && full.ok());
    EXPECT_EQ(lora->losses[0], full->losses[0]) << "with B = 0 the first forward is the base model's, bitwise";
    p.trainable = TrainableSet::AllBlocksLora;
    p.lora.dropout = 0.1;
    auto refused = train(p);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Unsupported);
}

// A GPT-2 split (Conv1D weights stored [in, out]: the transposed path) trained with LoRA on its adapter blocks.
class LoraSplit : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_NO_FATAL_FAILURE(fixtures::makeTinySplit(tiny_, "lora")); }
    TrainingParams params() {
        TrainingParams p;
        p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
        p.modelFolder = tiny_.root / "split";
        for (int i = 0; i < 400; ++i) p.trainTokens.push_back((i * 7 + i / 5) % 64);
        p.validationTokens.assign(p.trainTokens.begin(), p.trainTokens.begin() + 64);
        p.blockSize = 16;
        p.microBatch = 2;
        p.accumulation = 2;
        p.maxSteps = 6;
        p.learningRate = 5e-2;
        p.evalEvery = 2;
        p.threads = 1;
        p.trainable = TrainableSet::AdapterLora;
        p.lora.rank = 2;
        p.lora.alpha = 4.0;
        return p;
    }
    fixtures::TinySplit tiny_;
};

TEST_F(LoraSplit, PausedAndResumedEqualsUninterruptedBitwise) {
    auto p = params();
    p.outputAdapter = tiny_.root / "straight.safetensors";
    auto straight = train(p);
    ASSERT_TRUE(straight.ok()) << straight.error().message;
    p.outputAdapter = tiny_.root / "resumed.safetensors";
    p.checkpointFolder = tiny_.root / "checkpoints";
    TrainingControl control;
    p.control = &control;
    auto paused = train(p, [&](const StepMetrics& m) {
        if (m.step == 2) control.requestPause();
        return true;
    });
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    ASSERT_EQ(paused->outcome, TrainingOutcome::Paused);
    p.resumeFrom = p.checkpointFolder;
    auto resumed = train(p);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    ASSERT_EQ(resumed->losses.size(), straight->losses.size());
    for (std::size_t i = 0; i < resumed->losses.size(); ++i) EXPECT_EQ(resumed->losses[i], straight->losses[i]);
    auto a = safetensors::ModelFiles::open(tiny_.root / "straight.safetensors");
    auto b = safetensors::ModelFiles::open(p.outputAdapter);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->names(), b->names());
    for (const auto& name : a->names()) {
        EXPECT_TRUE(torch::equal(model::tensorFromFile(a.value(), name).value(),
                                 model::tensorFromFile(b.value(), name).value()))
            << name;
    }
}

TEST_F(LoraSplit, PlugInMergesTheUpdateIntoTheFullModel) {
    auto p = params();
    p.outputAdapter = tiny_.root / "lora.safetensors";
    p.outputModel = tiny_.root / "tuned-emulator";
    auto trained = train(p);
    ASSERT_TRUE(trained.ok()) << trained.error().message;
    EXPECT_EQ(metadata(p.outputAdapter, "fan_in_fan_out"), "true");
    auto plugged = emulator::plugIn(tiny_.root / "full", tiny_.root / "split", p.outputAdapter, tiny_.root / "plugged");
    ASSERT_TRUE(plugged.ok()) << plugged.error().message;
    EXPECT_TRUE(plugged->lora);
    EXPECT_EQ(plugged->replacedTensors, 8u);  // 2 adapter blocks x 4 linears
    EXPECT_EQ(plugged->replacedBlocks, (std::vector<int>{0, 5}));

    auto full = safetensors::ModelFiles::open(tiny_.root / "full");
    auto out = safetensors::ModelFiles::open(tiny_.root / "plugged");
    auto lora = safetensors::ModelFiles::open(p.outputAdapter);
    auto tuned = safetensors::ModelFiles::open(p.outputModel);
    ASSERT_TRUE(full.ok() && out.ok() && lora.ok() && tuned.ok());
    int merged = 0;
    for (const auto& name : full->names()) {
        auto before = model::tensorFromFile(full.value(), name).value();
        auto after = model::tensorFromFile(out.value(), name).value();
        const bool top = name.rfind("transformer.h.5.", 0) == 0;
        const bool adapted = (name.rfind("transformer.h.0.", 0) == 0 || top) && before.dim() == 2;
        if (!adapted) {
            EXPECT_TRUE(torch::equal(before, after)) << name << " is not a LoRA target but changed";
            continue;
        }
        // The split names block 5 of the full model as block 3 (1 + 2 emulated blocks).
        std::string module = name.substr(0, name.size() - 7);
        if (top) module = "transformer.h.3." + module.substr(std::string("transformer.h.5.").size());
        auto a = model::tensorFromFile(lora.value(), "base_model.model." + module + ".lora_A.weight").value();
        auto b = model::tensorFromFile(lora.value(), "base_model.model." + module + ".lora_B.weight").value();
        auto expected = before + b.mm(a).mul(2.0).t();
        EXPECT_LE((after - expected).abs().max().item<double>(), 1e-6) << name;
        EXPECT_GT((after - before).abs().max().item<double>(), 0.0) << name << " did not move";
        // The trainer's own merged emulator holds the same adapter-block weights.
        EXPECT_TRUE(torch::equal(after, model::tensorFromFile(tuned.value(), module + ".weight").value())) << name;
        ++merged;
    }
    EXPECT_EQ(merged, 8);

    // A LoRA adapter missing one linear is refused.
    std::vector<torch::Tensor> keep;
    std::vector<safetensors::TensorView> views;
    for (const auto& name : lora->names()) {
        if (name.find("h.0.attn.c_proj") != std::string::npos) continue;
        keep.push_back(model::tensorFromFile(lora.value(), name).value());
        views.push_back(model::tensorView(name, keep.back()).value());
    }
    auto f = safetensors::File::open(p.outputAdapter);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE(safetensors::write(tiny_.root / "partial.safetensors", views, f->metadata()).ok());
    auto refused = emulator::plugIn(tiny_.root / "full", tiny_.root / "split", tiny_.root / "partial.safetensors",
                                    tiny_.root / "never");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("lacks the LoRA tensors"), std::string::npos) << refused.error().message;
    EXPECT_FALSE(fs::exists(tiny_.root / "never"));
}

}  // namespace
}  // namespace offsite::trainer

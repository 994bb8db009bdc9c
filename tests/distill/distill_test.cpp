// Emulator distillation on a tiny 6-block Llama (tests/data/distill/full): the first steps' loss, LM and KD equal
// a PyTorch reference run; only the student's tensors change and everything else in the output folder is
// byte-identical to the input; the student with the best validation perplexity is the one written; cancelling
// writes nothing; KD and its gradient are exactly zero when the student is the teacher (k = m).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstring>

#include <torch/torch.h>

#include "core/base/file_io.h"
#include "core/distill/distill.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::distill {
namespace {

namespace fs = std::filesystem;
const fs::path kData = OFFSITE_TEST_DATA;
const fs::path kFull = kData / "distill" / "full";

std::vector<std::int32_t> referenceTokens() {
    auto files = safetensors::ModelFiles::open(kData / "distill" / "reference_run.safetensors");
    EXPECT_TRUE(files.ok());
    auto t = model::tensorFromFile(files.value(), "tokens").value();
    std::vector<std::int32_t> out;
    for (std::int64_t i = 0; i < t.numel(); ++i) out.push_back(static_cast<std::int32_t>(t[i].item<std::int64_t>()));
    return out;
}

std::string fileBytes(const fs::path& path) {
    auto bytes = readFile(path, 64u << 20);
    EXPECT_TRUE(bytes.ok()) << path;
    return bytes.ok() ? bytes.value() : std::string();
}

// Validation perplexity of a model folder, computed independently of the distillation code.
double folderPerplexity(const fs::path& folder, const std::vector<std::int32_t>& tokens, int blockSize) {
    auto config = config::loadModelConfig(folder / "config.json");
    auto files = safetensors::ModelFiles::open(folder);
    EXPECT_TRUE(config.ok() && files.ok());
    model::CausalLM lm(config.value());
    EXPECT_TRUE(lm->loadWeights(files.value()).ok());
    torch::NoGradGuard noGrad;
    const auto count = static_cast<std::int64_t>(tokens.size()) / blockSize;
    std::vector<std::int64_t> ids(tokens.begin(), tokens.begin() + count * blockSize);
    auto blocks = torch::tensor(ids, torch::kInt64).view({count, blockSize});
    auto loss = model::causalLmLoss(lm->forward(blocks), blocks);
    return std::exp(loss.item<double>());
}

class Distillation : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("offsite-distill-" + std::to_string(::getpid()));
        fs::remove_all(root_);
        fs::create_directories(root_);
        emulator::SplitOptions split;
        split.spec = emulator::SplitSpec{1, 2, 1};  // keeps original blocks 1 and 4 of the middle 1..4
        auto made = emulator::writeSplit(kFull, root_ / "split", split);
        ASSERT_TRUE(made.ok()) << made.error().message;
        ASSERT_EQ(made->plan.sourceBlocks, (std::vector<int>{0, 1, 4, 5}));
        tokens_ = referenceTokens();
    }
    void TearDown() override { fs::remove_all(root_); }

    DistillParams params() {
        DistillParams p;
        p.device = model::Device::Cpu;  // the bitwise and reference expectations are the CPU's
        p.fullModel = kFull;
        p.splitFolder = root_ / "split";
        p.trainTokens = tokens_;
        p.blockSize = 8;
        p.batchSize = 2;
        p.maxSteps = 8;
        p.learningRate = 1e-2;
        p.weightDecay = 0.01;
        p.schedule = Schedule::Cosine;
        p.warmupSteps = 2;
        p.clipNorm = 1.0;
        p.order = DataOrder::Sequential;
        p.threads = 1;
        return p;
    }
    std::vector<std::int32_t> validationTokens() const {
        std::vector<std::int32_t> v;
        for (int i = 0; i < 48; ++i) v.push_back(3 + (i * 37 + i / 3) % 93);
        return v;
    }
    fs::path root_;
    std::vector<std::int32_t> tokens_;
};

TEST_F(Distillation, FirstStepsMatchThePyTorchReference) {
    auto files = safetensors::ModelFiles::open(kData / "distill" / "reference_run.safetensors");
    ASSERT_TRUE(files.ok());
    auto wantLoss = model::tensorFromFile(files.value(), "losses").value();
    auto wantLm = model::tensorFromFile(files.value(), "lm").value();
    auto wantKd = model::tensorFromFile(files.value(), "kd").value();
    auto result = distill(params());
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result->losses.size(), static_cast<std::size_t>(wantLoss.numel()));
    double worstLoss = 0.0;
    double worstLm = 0.0;
    double worstKd = 0.0;
    for (std::size_t i = 0; i < result->losses.size(); ++i) {
        const auto s = static_cast<std::int64_t>(i);
        worstLoss = std::max(worstLoss, std::abs(result->losses[i] - wantLoss[s].item<double>()));
        worstLm = std::max(worstLm, std::abs(result->lm[i] - wantLm[s].item<double>()));
        worstKd = std::max(worstKd, std::abs(result->kd[i] - wantKd[s].item<double>()));
        EXPECT_NEAR(result->losses[i], wantLoss[s].item<double>(), 1e-5) << "step " << i + 1;
        EXPECT_NEAR(result->lm[i], wantLm[s].item<double>(), 1e-5) << "step " << i + 1;
        EXPECT_NEAR(result->kd[i], wantKd[s].item<double>(), 1e-6) << "step " << i + 1;
    }
    EXPECT_GT(result->kd.front(), 0.0);
    std::printf("[distill] %zu steps against PyTorch: max |diff| loss %.3g, LM %.3g, KD %.3g\n",
                result->losses.size(), worstLoss, worstLm, worstKd);
}

TEST_F(Distillation, OnlyTheStudentChangesAndTheInputStaysUntouched) {
    auto p = params();
    p.validationTokens = validationTokens();
    p.maxSteps = 4;
    p.evalEvery = 2;
    p.output = root_ / "distilled";
    std::map<std::string, std::string> before;
    for (const auto& entry : fs::directory_iterator(p.splitFolder)) {
        before[entry.path().filename().string()] = fileBytes(entry.path());
    }
    auto result = distill(p);
    ASSERT_TRUE(result.ok()) << result.error().message;
    for (const auto& [name, bytes] : before) {
        EXPECT_EQ(fileBytes(p.splitFolder / name), bytes) << "the input file " << name << " changed";
        if (name != "emulator.safetensors") {
            EXPECT_EQ(fileBytes(p.output / name), bytes) << name << " was not carried over unchanged";
        }
    }
    EXPECT_TRUE(fs::exists(p.output / "distill.json"));
    auto input = safetensors::ModelFiles::open(p.splitFolder);
    auto output = safetensors::ModelFiles::open(p.output);
    ASSERT_TRUE(input.ok() && output.ok());
    ASSERT_EQ(input->names(), output->names());
    int studentChanged = 0;
    int studentTensors = 0;
    for (const auto& name : input->names()) {
        auto a = input->bytes(name);
        auto b = output->bytes(name);
        const bool same = a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
        const bool student = name.rfind("model.layers.1.", 0) == 0 || name.rfind("model.layers.2.", 0) == 0;
        if (student) {
            ++studentTensors;
            studentChanged += !same;
        } else {
            EXPECT_TRUE(same) << name << " is frozen but its bytes changed";
        }
    }
    EXPECT_EQ(studentTensors, 18);  // 2 Llama blocks x (q, k, v, o, gate, up, down, 2 norms)
    EXPECT_EQ(studentChanged, studentTensors);
    EXPECT_EQ(result->studentParameters, 2 * config::parametersPerBlock(config::loadModelConfig(kFull / "config.json").value()));
    // Nothing left behind beside the output.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root_)) ++entries;
    EXPECT_EQ(entries, 2);
}

TEST_F(Distillation, TheStudentWithTheBestValidationPerplexityIsKept) {
    auto p = params();
    p.schedule = Schedule::Constant;  // the trajectory then does not depend on the number of steps
    p.warmupSteps = 0;
    p.learningRate = 5e-2;
    p.lmWeight = 0.0;  // KD alone: the emulator's perplexity is not what is optimized, so it moves both ways
    p.validationTokens = validationTokens();
    p.evalEvery = 1;
    p.maxSteps = 8;
    p.output = root_ / "every-step";
    std::vector<double> perplexities;
    auto result = distill(p, [&](const DistillStep& m) {
        perplexities.push_back(m.validationPerplexity);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(perplexities.size(), 8u);
    const auto bestAt = std::min_element(perplexities.begin(), perplexities.end()) - perplexities.begin();
    ASSERT_LT(bestAt + 1, 8) << "this run should get worse after its best step";
    EXPECT_EQ(result->bestStep, bestAt + 1);
    EXPECT_DOUBLE_EQ(result->bestPerplexity, perplexities[static_cast<std::size_t>(bestAt)]);
    EXPECT_GT(perplexities.back(), result->bestPerplexity);
    // The folder written holds that student: its perplexity, computed independently, is the best one...
    EXPECT_NEAR(folderPerplexity(p.output, p.validationTokens, p.blockSize), result->bestPerplexity,
                1e-5 * result->bestPerplexity);
    // ...and it is bitwise the student of a run that stopped at that step.
    auto shorter = p;
    shorter.maxSteps = result->bestStep;
    shorter.evalEvery = 0;
    shorter.output = root_ / "stopped-at-best";
    auto stopped = distill(shorter);
    ASSERT_TRUE(stopped.ok()) << stopped.error().message;
    EXPECT_EQ(fileBytes(p.output / "emulator.safetensors"), fileBytes(shorter.output / "emulator.safetensors"));
    EXPECT_GT(result->initialPerplexity, 0.0);
    EXPECT_GT(result->fullPerplexity, 0.0);
}

TEST_F(Distillation, CancellingStopsAtAStepBoundaryAndWritesNothing) {
    auto p = params();
    p.output = root_ / "never";
    int seen = 0;
    auto result = distill(p, [&](const DistillStep& m) {
        seen = m.step;
        return m.step < 2;
    });
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::Cancelled);
    EXPECT_EQ(seen, 2);
    EXPECT_FALSE(fs::exists(p.output));
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root_)) ++entries;
    EXPECT_EQ(entries, 1);  // only the input split
}

TEST_F(Distillation, KdAndItsGradientAreZeroWhenTheStudentIsTheTeacher) {
    emulator::SplitOptions split;
    split.spec = emulator::SplitSpec{1, 4, 1};  // k = m: the emulator keeps every middle block
    ASSERT_TRUE(emulator::writeSplit(kFull, root_ / "whole-middle", split).ok());
    auto p = params();
    p.splitFolder = root_ / "whole-middle";
    p.lmWeight = 0.0;
    p.weightDecay = 0.0;  // decay would shrink the student's matrices even with a zero gradient
    p.maxSteps = 3;
    p.output = root_ / "unchanged";
    std::vector<double> norms;
    auto result = distill(p, [&](const DistillStep& m) {
        norms.push_back(m.gradNorm);
        return true;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    for (std::size_t i = 0; i < result->kd.size(); ++i) {
        EXPECT_EQ(result->kd[i], 0.0) << "step " << i + 1;
        EXPECT_EQ(norms[i], 0.0) << "step " << i + 1;
    }
    // A zero gradient leaves the student bitwise as it was.
    EXPECT_EQ(fileBytes(p.output / "emulator.safetensors"), fileBytes(p.splitFolder / "emulator.safetensors"));
    // With the LM term on, KD is still exactly zero at the first step (before the student moves).
    p.lmWeight = 1.0;
    p.maxSteps = 1;
    p.output.clear();
    auto withLm = distill(p);
    ASSERT_TRUE(withLm.ok());
    EXPECT_EQ(withLm->kd.front(), 0.0);
    EXPECT_GT(withLm->lm.front(), 0.0);
}

TEST_F(Distillation, ASplitOfAnotherModelIsRefused) {
    auto p = params();
    p.fullModel = kData / "parity" / "llama_gqa_tied";
    auto result = distill(p);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::InvalidInput);
    EXPECT_NE(result.error().message.find("not made from this full model"), std::string::npos)
        << result.error().message;

    p = params();
    p.output = root_ / "split";  // exists
    result = distill(p);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("already exists"), std::string::npos);
}

}  // namespace
}  // namespace offsite::distill

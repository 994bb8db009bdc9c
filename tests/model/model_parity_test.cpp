// Our LibTorch runtime against Hugging Face transformers: logits, loss and the gradient of every parameter of
// tiny random-weight models of each family, computed by tests/data/parity/make_parity_fixtures.py.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/config/model_config.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::model {
namespace {

const std::filesystem::path kParity = std::filesystem::path(OFFSITE_TEST_DATA) / "parity";

struct Loaded {
    CausalLM model{nullptr};
    safetensors::ModelFiles expected;
};

torch::Tensor expectedTensor(const safetensors::ModelFiles& files, const std::string& name) {
    auto t = tensorFromFile(files, name);
    EXPECT_TRUE(t.ok()) << name << ": " << (t.ok() ? "" : t.error().message);
    return t.ok() ? t.value() : torch::Tensor();
}

// Max abs difference relative to the tensor's own scale. `floor` keeps gradients that are analytically zero
// (an attention key bias shifts every score of a query equally, so softmax cancels it) from comparing rounding
// noise with rounding noise: they are measured against a small fraction of the model's largest gradient.
double relativeError(const torch::Tensor& actual, const torch::Tensor& expected, double floor = 1e-12) {
    auto scale = expected.abs().max().item<double>();
    auto diff = (actual - expected).abs().max().item<double>();
    return diff / std::max(scale, floor);
}

class ParityTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        torch::manual_seed(0);
        at::set_num_threads(1);  // deterministic reductions
        folder_ = kParity / GetParam();
        auto config = config::loadModelConfig(folder_ / "config.json");
        ASSERT_TRUE(config.ok()) << config.error().message;
        model_ = CausalLM(config.value());
        auto files = safetensors::ModelFiles::open(folder_);
        ASSERT_TRUE(files.ok()) << files.error().message;
        auto status = model_->loadWeights(files.value());
        ASSERT_TRUE(status.ok()) << status.error().message;
        auto expected = safetensors::ModelFiles::open(folder_ / "expected.safetensors");
        ASSERT_TRUE(expected.ok()) << expected.error().message;
        expected_ = std::make_unique<safetensors::ModelFiles>(std::move(expected.value()));
    }
    std::filesystem::path folder_;
    CausalLM model_{nullptr};
    std::unique_ptr<safetensors::ModelFiles> expected_;
};

TEST_P(ParityTest, LogitsLossAndEveryGradientMatchTransformers) {
    auto ids = expectedTensor(*expected_, "input_ids");
    auto mask = expectedTensor(*expected_, "attention_mask");
    auto labels = expectedTensor(*expected_, "labels");
    auto wantLogits = expectedTensor(*expected_, "logits");
    auto wantLoss = expectedTensor(*expected_, "loss").item<double>();

    model_->train();
    auto logits = model_->forward(ids, mask);
    ASSERT_EQ(logits.sizes(), wantLogits.sizes());
    double logitDiff = (logits - wantLogits).abs().max().item<double>();
    EXPECT_LE(logitDiff, 1e-4) << "max abs logit difference";

    auto loss = causalLmLoss(logits, labels);
    double lossRel = std::abs(loss.item<double>() - wantLoss) / std::abs(wantLoss);
    EXPECT_LE(lossRel, 1e-5) << "loss " << loss.item<double>() << " vs " << wantLoss;

    loss.backward();
    double largestGradient = 0.0;
    for (const auto& name : expected_->names()) {
        if (name.rfind("grad.", 0) == 0) {
            largestGradient = std::max(largestGradient, expectedTensor(*expected_, name).abs().max().item<double>());
        }
    }
    int compared = 0;
    double worst = 0.0;
    for (auto& item : model_->named_parameters(true)) {
        const std::string gradName = "grad." + item.key();
        ASSERT_NE(expected_->find(gradName), nullptr) << "no reference gradient for " << item.key();
        auto want = expectedTensor(*expected_, gradName);
        ASSERT_TRUE(item.value().grad().defined()) << item.key() << " got no gradient";
        double rel = relativeError(item.value().grad(), want, 1e-3 * largestGradient);
        worst = std::max(worst, rel);
        EXPECT_LE(rel, 1e-4) << "gradient of " << item.key();
        ++compared;
    }
    // Every reference gradient was compared: none of HF's parameters is missing on our side.
    int referenceGradients = 0;
    for (const auto& name : expected_->names()) referenceGradients += name.rfind("grad.", 0) == 0;
    EXPECT_EQ(compared, referenceGradients);
    RecordProperty("max_abs_logit_diff", std::to_string(logitDiff));
    RecordProperty("loss_rel_diff", std::to_string(lossRel));
    RecordProperty("worst_grad_rel_diff", std::to_string(worst));
    std::printf("[parity] %s: logits max abs diff %.3g, loss rel diff %.3g, worst gradient rel diff %.3g over %d "
                "tensors\n", GetParam().c_str(), logitDiff, lossRel, worst, compared);
}

TEST_P(ParityTest, IncrementalDecodingWithCacheEqualsFullForward) {
    torch::NoGradGuard noGrad;
    model_->eval();
    auto ids = expectedTensor(*expected_, "input_ids").narrow(0, 0, 1);
    auto full = model_->forward(ids);
    auto cache = model_->makeCache();
    auto prefill = model_->forward(ids.narrow(1, 0, 4), {}, &cache);
    std::vector<torch::Tensor> steps{prefill};
    for (std::int64_t t = 4; t < ids.size(1); ++t) steps.push_back(model_->forward(ids.narrow(1, t, 1), {}, &cache));
    auto incremental = torch::cat(steps, 1);
    EXPECT_LE((incremental - full).abs().max().item<double>(), 1e-5);
}

TEST_P(ParityTest, ParameterNamesAreHuggingFaceNames) {
    auto files = safetensors::ModelFiles::open(folder_);
    ASSERT_TRUE(files.ok());
    for (auto& item : model_->named_parameters(true)) {
        EXPECT_NE(files->find(item.key()), nullptr) << item.key() << " is not a checkpoint name";
    }
}

INSTANTIATE_TEST_SUITE_P(Families, ParityTest,
                         ::testing::Values("gpt2", "opt", "llama_gqa_tied", "llama_untied"),
                         [](const auto& testInfo) { return testInfo.param; });

TEST(LoadWeights, RefusesWeightsOfAnotherShape) {
    auto config = config::loadModelConfig(kParity / "gpt2" / "config.json");
    ASSERT_TRUE(config.ok());
    auto modified = config.value();
    modified.hiddenSize = 64;
    modified.headDim = 16;
    CausalLM model(modified);
    auto files = safetensors::ModelFiles::open(kParity / "gpt2");
    ASSERT_TRUE(files.ok());
    auto status = model->loadWeights(files.value());
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("has the shape"), std::string::npos) << status.error().message;
}

TEST(LoadWeights, RefusesWeightsWithExtraBlocks) {
    auto config = config::loadModelConfig(kParity / "llama_untied" / "config.json");
    ASSERT_TRUE(config.ok());
    auto fewer = config.value();
    fewer.numLayers = 1;
    CausalLM model(fewer);
    auto files = safetensors::ModelFiles::open(kParity / "llama_untied");
    ASSERT_TRUE(files.ok());
    auto status = model->loadWeights(files.value());
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("model.layers.1."), std::string::npos) << status.error().message;
    EXPECT_NE(status.error().message.find("does not have"), std::string::npos);
}

TEST(LoadWeights, RefusesMissingTensors) {
    auto config = config::loadModelConfig(kParity / "llama_untied" / "config.json");
    ASSERT_TRUE(config.ok());
    auto more = config.value();
    more.numLayers = 3;
    CausalLM model(more);
    auto files = safetensors::ModelFiles::open(kParity / "llama_untied");
    ASSERT_TRUE(files.ok());
    auto status = model->loadWeights(files.value());
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("lack the tensor \"model.layers.2."), std::string::npos)
        << status.error().message;
}

TEST(Blocks, SubsetOfBlocksCanBeAssembled) {
    auto config = config::loadModelConfig(kParity / "llama_untied" / "config.json");
    ASSERT_TRUE(config.ok());
    CausalLM model(config.value());
    auto blocks = model->blocks();
    model->setBlocks({blocks[1]});
    EXPECT_EQ(model->config().numLayers, 1);
    auto names = model->named_parameters(true).keys();
    EXPECT_NE(std::find(names.begin(), names.end(), "model.layers.0.self_attn.q_proj.weight"), names.end());
    EXPECT_EQ(std::find(names.begin(), names.end(), "model.layers.1.self_attn.q_proj.weight"), names.end());
    // The block moved keeps its weights: it is the same object, renamed by position.
    EXPECT_TRUE(model->named_parameters(true)["model.layers.0.mlp.up_proj.weight"].is_same(
        blocks[1]->named_parameters(true)["mlp.up_proj.weight"]));
}

}  // namespace
}  // namespace offsite::model

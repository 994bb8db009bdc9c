// Generation: greedy decoding equals the argmax of full forwards; sampling is reproducible from its seed and
// respects top-k.
#include <gtest/gtest.h>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "core/config/model_config.h"
#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::model {
namespace {

CausalLM loadTiny(const std::string& name) {
    auto folder = std::filesystem::path(OFFSITE_TEST_DATA) / "parity" / name;
    auto config = config::loadModelConfig(folder / "config.json");
    EXPECT_TRUE(config.ok());
    CausalLM model(config.value());
    auto files = safetensors::ModelFiles::open(folder);
    EXPECT_TRUE(files.ok());
    EXPECT_TRUE(model->loadWeights(files.value()).ok());
    model->eval();
    return model;
}

TEST(Generation, GreedyEqualsArgmaxOfFullForwardPasses) {
    for (const char* name : {"gpt2", "opt", "llama_gqa_tied"}) {
        auto model = loadTiny(name);
        std::vector<std::int64_t> prompt{5, 17, 42, 8};
        GenerationOptions options;
        options.maxNewTokens = 6;
        auto produced = generateTokens(*model, prompt, options);
        ASSERT_EQ(produced.size(), 6u) << name;
        torch::NoGradGuard noGrad;
        auto sequence = prompt;
        for (auto token : produced) {
            auto logits = model->forward(torch::tensor(sequence).unsqueeze(0));
            EXPECT_EQ(logits[0][-1].argmax().item<std::int64_t>(), token) << name;
            sequence.push_back(token);
        }
    }
}

TEST(Generation, SamplingIsReproducibleFromTheSeed) {
    auto model = loadTiny("llama_gqa_tied");
    GenerationOptions options;
    options.maxNewTokens = 8;
    options.sampling = Sampling::Sample;
    options.temperature = 1.5;
    options.seed = 99;
    auto a = generateTokens(*model, {3, 4, 5}, options);
    auto b = generateTokens(*model, {3, 4, 5}, options);
    EXPECT_EQ(a, b);
    options.seed = 100;
    auto c = generateTokens(*model, {3, 4, 5}, options);
    EXPECT_NE(a, c);
}

TEST(Generation, TopKOneIsGreedy) {
    auto logits = torch::tensor({0.1f, 2.0f, 1.9f, -1.0f});
    GenerationOptions options;
    options.sampling = Sampling::Sample;
    options.topK = 1;
    auto generator = at::make_generator<at::CPUGeneratorImpl>(1);
    for (int i = 0; i < 20; ++i) EXPECT_EQ(pickToken(logits, options, generator), 1);
}

TEST(Generation, TopPKeepsOnlyTheNucleus) {
    auto logits = torch::tensor({10.0f, 9.0f, -5.0f, -5.0f});
    GenerationOptions options;
    options.sampling = Sampling::Sample;
    options.topP = 0.5;
    auto generator = at::make_generator<at::CPUGeneratorImpl>(3);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(pickToken(logits, options, generator), 0);
}

TEST(Generation, CallbackStopsEarly) {
    auto model = loadTiny("gpt2");
    GenerationOptions options;
    options.maxNewTokens = 10;
    int calls = 0;
    auto produced = generateTokens(*model, {1, 2, 3}, options, [&](std::int32_t) { return ++calls < 3; });
    EXPECT_EQ(produced.size(), 3u);
}

}  // namespace
}  // namespace offsite::model

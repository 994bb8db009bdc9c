// End to end on the real demo model: SmolLM2-135M-Instruct converted from its GGUF by our converter, loaded by
// our tokenizer and runtime, against Hugging Face tokenizers and transformers on the same converted files
// (reference values from make_reference.py, produced by the ctest fixture before this test runs).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <torch/torch.h>

#include "core/config/model_config.h"
#include "core/json/json.h"
#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite {
namespace {

// The environment can point the test at another converted model; by default it uses the ctest fixture's.
std::filesystem::path envPath(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return (value != nullptr && *value != '\0') ? std::filesystem::path(value) : std::filesystem::path(fallback);
}

class SmolLM2Test : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        modelDir_ = envPath("OFFSITE_SMOLLM2_DIR", OFFSITE_SMOLLM2_DIR_DEFAULT);
        auto reference = envPath("OFFSITE_SMOLLM2_REFERENCE", OFFSITE_SMOLLM2_REFERENCE_DEFAULT);
        if (!std::filesystem::exists(reference)) return;
        auto files = safetensors::ModelFiles::open(reference);
        ASSERT_TRUE(files.ok()) << files.error().message;
        reference_ = new safetensors::ModelFiles(std::move(files.value()));
    }
    static void TearDownTestSuite() {
        delete reference_;
        reference_ = nullptr;
    }
    void SetUp() override {
        if (reference_ == nullptr) GTEST_SKIP() << "no reference values: run through ctest (its fixture makes them)";
    }
    static torch::Tensor ref(const std::string& name) {
        auto t = model::tensorFromFile(*reference_, name);
        EXPECT_TRUE(t.ok()) << name;
        return t.ok() ? t.value() : torch::Tensor();
    }
    static model::CausalLM loadModel() {
        auto config = config::loadModelConfig(modelDir_ / "config.json");
        EXPECT_TRUE(config.ok());
        model::CausalLM lm(config.value());
        auto files = safetensors::ModelFiles::open(modelDir_);
        EXPECT_TRUE(files.ok());
        auto status = lm->loadWeights(files.value());
        EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().message);
        lm->eval();
        return lm;
    }
    static inline std::filesystem::path modelDir_;
    static inline safetensors::ModelFiles* reference_ = nullptr;
};

TEST_F(SmolLM2Test, TokenizerMatchesHuggingFaceOnTheConvertedTokenizer) {
    auto tok = tokenizer::Tokenizer::fromFile(modelDir_ / "tokenizer.json");
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    EXPECT_EQ(tok->vocabSize(), 49152);
    auto ids = ref("corpus_ids");
    auto offsets = ref("corpus_offsets");
    std::ifstream corpus(std::filesystem::path(OFFSITE_TEST_DATA) / "tokenizer" / "corpus.jsonl");
    ASSERT_TRUE(corpus.good());
    // The corpus lines are JSON objects {"text": ...}; decode them with the same rules as the reference.
    std::string line;
    std::int64_t index = 0;
    std::int64_t mismatches = 0;
    std::int64_t tokens = 0;
    auto idsData = ids.data_ptr<std::int32_t>();
    auto offsetData = offsets.data_ptr<std::int64_t>();
    while (std::getline(corpus, line)) {
        ASSERT_LT(index + 1, offsets.numel());
        auto parsed = json::parse(line);
        ASSERT_TRUE(parsed.ok());
        const std::string* text = parsed->find("text")->asString();
        auto ours = tok->encode(*text);
        std::vector<std::int32_t> want(idsData + offsetData[index], idsData + offsetData[index + 1]);
        tokens += static_cast<std::int64_t>(want.size());
        if (ours != want) {
            if (mismatches++ < 3) ADD_FAILURE() << "line " << index + 1 << " tokenizes differently";
        }
        ++index;
    }
    EXPECT_EQ(index + 1, offsets.numel());
    EXPECT_EQ(mismatches, 0);
    std::printf("[smollm2] tokenizer: %lld lines, %lld tokens, %lld mismatches\n", static_cast<long long>(index),
                static_cast<long long>(tokens), static_cast<long long>(mismatches));
}

TEST_F(SmolLM2Test, LogitsMatchTransformersWithin1e3) {
    auto lm = loadModel();
    torch::NoGradGuard noGrad;
    double worst = 0.0;
    for (int i = 0; i < 3; ++i) {
        auto ids = ref("prompt" + std::to_string(i) + "_ids");
        auto want = ref("prompt" + std::to_string(i) + "_logits");
        auto logits = lm->forward(ids.unsqueeze(0))[0];
        ASSERT_EQ(logits.sizes(), want.sizes());
        double diff = (logits - want).abs().max().item<double>();
        worst = std::max(worst, diff);
        EXPECT_LE(diff, 1e-3) << "prompt " << i;
        EXPECT_TRUE(torch::equal(logits.argmax(-1), want.argmax(-1))) << "prompt " << i;
    }
    std::printf("[smollm2] logits: max abs difference %.3g over 3 prompts\n", worst);
}

TEST_F(SmolLM2Test, GreedyGenerationEqualsTransformersAndIsEnglish) {
    auto lm = loadModel();
    auto tok = tokenizer::Tokenizer::fromFile(modelDir_ / "tokenizer.json");
    ASSERT_TRUE(tok.ok());
    auto chat = ref("chat_ids");
    std::vector<std::int64_t> prompt(chat.data_ptr<std::int64_t>(), chat.data_ptr<std::int64_t>() + chat.numel());
    model::GenerationOptions options;
    options.maxNewTokens = 24;
    options.stopIds = {2};
    auto produced = model::generateTokens(*lm, prompt, options);
    auto want = ref("chat_greedy");
    std::vector<std::int64_t> expected(want.data_ptr<std::int64_t>(), want.data_ptr<std::int64_t>() + want.numel());
    EXPECT_EQ(produced, expected);
    std::vector<std::int32_t> ids(produced.begin(), produced.end());
    std::string text = tok->decode(ids, tokenizer::SkipSpecial::Yes);
    std::printf("[smollm2] greedy answer: %s\n", text.c_str());
    EXPECT_NE(text.find("Paris"), std::string::npos) << text;
}

}  // namespace
}  // namespace offsite

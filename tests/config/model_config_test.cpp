// config.json parsing: the fixtures of every family parse to the right shapes; damaged or hostile configs get a
// specific message; what we write reads back the same.
#include <gtest/gtest.h>

#include "core/config/model_config.h"

namespace offsite::config {
namespace {

const std::filesystem::path kParity = std::filesystem::path(OFFSITE_TEST_DATA) / "parity";

TEST(ModelConfig, ParsesEveryFamily) {
    auto gpt2 = loadModelConfig(kParity / "gpt2" / "config.json");
    ASSERT_TRUE(gpt2.ok()) << gpt2.error().message;
    EXPECT_EQ(gpt2->architecture, Architecture::Gpt2);
    EXPECT_EQ(gpt2->intermediateSize, 4 * 32);  // n_inner: null means 4 * n_embd
    EXPECT_EQ(gpt2->activation, Activation::GeluTanh);

    auto opt = loadModelConfig(kParity / "opt" / "config.json");
    ASSERT_TRUE(opt.ok()) << opt.error().message;
    EXPECT_EQ(opt->architecture, Architecture::Opt);
    EXPECT_EQ(opt->intermediateSize, 48);
    EXPECT_EQ(opt->activation, Activation::Relu);

    auto llama = loadModelConfig(kParity / "llama_gqa_tied" / "config.json");
    ASSERT_TRUE(llama.ok()) << llama.error().message;
    EXPECT_EQ(llama->numHeads, 6);
    EXPECT_EQ(llama->numKvHeads, 2);
    EXPECT_EQ(llama->headDim, 8);
    EXPECT_TRUE(llama->tieWordEmbeddings);
    EXPECT_DOUBLE_EQ(llama->ropeTheta, 100000.0);
}

TEST(ModelConfig, WrittenConfigReadsBackTheSame) {
    for (const char* name : {"gpt2", "opt", "llama_gqa_tied", "llama_untied"}) {
        auto original = loadModelConfig(kParity / name / "config.json");
        ASSERT_TRUE(original.ok());
        auto again = parseModelConfig(toHuggingFaceJson(original.value()));
        ASSERT_TRUE(again.ok()) << name << ": " << again.error().message;
        EXPECT_EQ(again->architecture, original->architecture);
        EXPECT_EQ(again->hiddenSize, original->hiddenSize);
        EXPECT_EQ(again->numLayers, original->numLayers);
        EXPECT_EQ(again->numKvHeads, original->numKvHeads);
        EXPECT_EQ(again->intermediateSize, original->intermediateSize);
        EXPECT_EQ(again->tieWordEmbeddings, original->tieWordEmbeddings);
        EXPECT_DOUBLE_EQ(again->normEps, original->normEps);
        EXPECT_EQ(again->eosTokenId, original->eosTokenId);
    }
}

struct BadConfig {
    const char* name;
    const char* json;
    const char* expected;
};

class BadConfigTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(BadConfigTest, IsRefusedWithASpecificMessage) {
    auto result = parseModelConfig(GetParam().json);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(GetParam().expected), std::string::npos) << result.error().message;
}

const BadConfig kBadConfigs[] = {
    {"NotJson", "{\"model_type\": \"llama\",", "is not valid JSON"},
    {"NotAnObject", "[1, 2]", "must hold a JSON object"},
    {"NoModelType", "{\"hidden_size\": 8}", "\"model_type\" is missing"},
    {"UnknownFamily", "{\"model_type\": \"bert\"}", "\"bert\" is not supported"},
    {"MissingHidden", "{\"model_type\": \"llama\", \"vocab_size\": 10}", "\"hidden_size\" is missing"},
    {"AbsurdVocab",
     "{\"model_type\": \"llama\", \"vocab_size\": 99999999999, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
     " \"num_attention_heads\": 2, \"intermediate_size\": 16}",
     "outside the plausible range"},
    {"NegativeLayers",
     "{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 8, \"num_hidden_layers\": -1,"
     " \"num_attention_heads\": 2, \"intermediate_size\": 16}",
     "\"num_hidden_layers\" is -1"},
    {"FractionalHeads",
     "{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
     " \"num_attention_heads\": 2.5, \"intermediate_size\": 16}",
     "must be a whole number"},
    {"KvHeadsDoNotDivide",
     "{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 12, \"num_hidden_layers\": 1,"
     " \"num_attention_heads\": 6, \"num_key_value_heads\": 4, \"intermediate_size\": 16}",
     "must divide the number of attention heads"},
    {"HiddenNotMultipleOfHeads",
     "{\"model_type\": \"gpt2\", \"vocab_size\": 10, \"n_embd\": 10, \"n_layer\": 1, \"n_head\": 3,"
     " \"n_positions\": 16}",
     "must be a multiple of n_head"},
    {"CustomCode", "{\"model_type\": \"llama\", \"auto_map\": {\"AutoModel\": \"x.Y\"}}", "custom Python code"},
    {"RopeScaling",
     "{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
     " \"num_attention_heads\": 2, \"intermediate_size\": 16, \"rope_scaling\": {\"type\": \"yarn\"}}",
     "RoPE scaling"},
    {"UnknownActivation",
     "{\"model_type\": \"gpt2\", \"vocab_size\": 10, \"n_embd\": 8, \"n_layer\": 1, \"n_head\": 2,"
     " \"n_positions\": 16, \"activation_function\": \"mish\"}",
     "activation \"mish\""},
    {"EosOutsideVocab",
     "{\"model_type\": \"gpt2\", \"vocab_size\": 10, \"n_embd\": 8, \"n_layer\": 1, \"n_head\": 2,"
     " \"n_positions\": 16, \"eos_token_id\": 50}",
     "outside the vocabulary"},
    {"DuplicateKey", "{\"model_type\": \"gpt2\", \"model_type\": \"llama\"}", "duplicate"},
    {"Opt350mProjection",
     "{\"model_type\": \"opt\", \"vocab_size\": 10, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
     " \"num_attention_heads\": 2, \"ffn_dim\": 16, \"max_position_embeddings\": 16, \"word_embed_proj_dim\": 4}",
     "OPT variant"},
};

INSTANTIATE_TEST_SUITE_P(Cases, BadConfigTest, ::testing::ValuesIn(kBadConfigs),
                         [](const auto& testInfo) { return std::string(testInfo.param.name); });

}  // namespace
}  // namespace offsite::config

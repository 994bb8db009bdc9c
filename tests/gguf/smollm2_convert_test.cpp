// Slow: converts the real SmolLM2-135M-Instruct Q4_1 GGUF named by $OFFSITE_SMOLLM2_GGUF and checks the output
// against tests/data/gguf/smollm2_reference.json (checksums of the Python gguf package's dequantization, q/k
// un-permuted with transformers' formula). Skipped when the variable is not set. With $OFFSITE_SMOLLM2_OUT set
// to a path that does not exist yet, the converted folder is kept there (for scripts/check_converted_smollm2.py).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/gguf/gguf_reader.h"
#include "core/gguf/gguf_to_hf.h"
#include "core/json/json.h"
#include "core/safetensors/safetensors.h"

namespace offsite::gguf {
namespace {

namespace fs = std::filesystem;

// Same definition as make_fixtures.py: sum of bits(v[i]) * (i + 1) modulo 2^64.
std::uint64_t checksum(std::span<const std::byte> f32) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < f32.size() / 4; ++i) {
        std::uint32_t w = 0;
        std::memcpy(&w, f32.data() + 4 * i, 4);
        sum += static_cast<std::uint64_t>(w) * (i + 1);
    }
    return sum;
}

TEST(GgufSmolLM2, ConvertsToTheReferenceDequantization) {
    const char* env = std::getenv("OFFSITE_SMOLLM2_GGUF");
    if (env == nullptr || *env == '\0') env = OFFSITE_SMOLLM2_GGUF_DEFAULT;  // found by CMake at configure time
    if (*env == '\0') GTEST_SKIP() << "set OFFSITE_SMOLLM2_GGUF to SmolLM2-135M-Instruct.Q4_1.gguf";
    const fs::path gguf = env;

    auto file = GgufFile::open(gguf);
    ASSERT_TRUE(file.ok()) << file.error().message;
    EXPECT_EQ(file->tensors().size(), 272u);
    auto hp = readLlamaHyperparameters(*file);
    ASSERT_TRUE(hp.ok()) << hp.error().message;

    std::string pattern = (fs::temp_directory_path() / "smollm2_test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    const fs::path tmp = pattern;
    const char* keep = std::getenv("OFFSITE_SMOLLM2_OUT");
    const fs::path out = (keep != nullptr && *keep != '\0') ? fs::path(keep) : tmp / "SmolLM2-135M-Instruct";
    std::size_t calls = 0;
    ConvertOptions options;
    options.progress = [&](const ConvertProgress&) { ++calls; return true; };
    auto status = convertToHuggingFace(gguf, out, options);
    ASSERT_TRUE(status.ok()) << status.error().message;
    EXPECT_GT(calls, 272u);

    auto configText = readFile(out / "config.json", 1u << 20);
    ASSERT_TRUE(configText.ok());
    auto config = json::parse(*configText);
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(*config->find("num_hidden_layers")->asInt64(), 30);
    EXPECT_EQ(*config->find("hidden_size")->asInt64(), 576);
    EXPECT_EQ(*config->find("intermediate_size")->asInt64(), 1536);
    EXPECT_EQ(*config->find("num_attention_heads")->asInt64(), 9);
    EXPECT_EQ(*config->find("num_key_value_heads")->asInt64(), 3);
    EXPECT_EQ(*config->find("head_dim")->asInt64(), 64);
    EXPECT_EQ(*config->find("vocab_size")->asInt64(), 49152);
    EXPECT_EQ(*config->find("max_position_embeddings")->asInt64(), 8192);
    EXPECT_EQ(config->find("rope_theta")->numberLiteral(), "100000");
    EXPECT_EQ(config->find("rms_norm_eps")->numberLiteral(), "1e-05");
    EXPECT_EQ(*config->find("tie_word_embeddings")->asBool(), true);

    auto tokText = readFile(out / "tokenizer.json", 64u << 20);
    ASSERT_TRUE(tokText.ok());
    auto tok = json::parse(*tokText);
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    EXPECT_EQ(tok->find("model")->find("vocab")->size(), 49152u);
    EXPECT_EQ(tok->find("model")->find("merges")->size(), 48900u);
    EXPECT_EQ(tok->find("added_tokens")->size(), 17u);

    auto refText = readFile(fs::path(OFFSITE_TEST_DATA) / "gguf" / "smollm2_reference.json", 1u << 20);
    ASSERT_TRUE(refText.ok());
    auto ref = json::parse(*refText);
    ASSERT_TRUE(ref.ok());
    auto weights = safetensors::File::open(out / "model.safetensors");
    ASSERT_TRUE(weights.ok()) << weights.error().message;
    const auto& expected = ref->find("tensors")->items();
    EXPECT_EQ(weights->tensors().size(), expected.size());
    EXPECT_EQ(weights->find("lm_head.weight"), nullptr);  // tied
    for (const auto& e : expected) {
        const std::string name = *e.find("name")->asString();
        SCOPED_TRACE(name);
        const auto* t = weights->find(name);
        ASSERT_NE(t, nullptr);
        std::vector<std::int64_t> shape;
        for (const auto& d : e.find("shape")->items()) shape.push_back(*d.asInt64());
        EXPECT_EQ(t->shape, shape);
        EXPECT_EQ(t->dtype, safetensors::DType::F32);
        EXPECT_EQ(std::to_string(checksum(weights->bytes(*t))), *e.find("checksum")->asString());
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
}

}  // namespace
}  // namespace offsite::gguf

// GGUF -> Hugging Face conversion on a tiny Llama whose original weights are known
// (tests/data/gguf/tiny_llama_expected.safetensors): q/k un-permutation, names, shapes, config and tokenizer
// documents, BF16 output, cancellation and the refusal to overwrite.
#include <gtest/gtest.h>

#include <bit>
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
const fs::path kData = fs::path(OFFSITE_TEST_DATA) / "gguf";

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gguf_test-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

json::Value loadJson(const fs::path& path) {
    auto text = readFile(path, 64u << 20);
    EXPECT_TRUE(text.ok()) << path;
    auto value = json::parse(text.ok() ? *text : std::string("null"));
    EXPECT_TRUE(value.ok()) << (value.ok() ? "" : value.error().message);
    return value.ok() ? *value : json::Value();
}

std::vector<float> floatsOf(std::span<const std::byte> bytes) {
    std::vector<float> out(bytes.size() / 4);
    std::memcpy(out.data(), bytes.data(), out.size() * 4);
    return out;
}

TEST(GgufToHf, MapsTensorNames) {
    EXPECT_EQ(huggingFaceTensorName("token_embd.weight"), "model.embed_tokens.weight");
    EXPECT_EQ(huggingFaceTensorName("output.weight"), "lm_head.weight");
    EXPECT_EQ(huggingFaceTensorName("output_norm.weight"), "model.norm.weight");
    EXPECT_EQ(huggingFaceTensorName("blk.12.attn_q.weight"), "model.layers.12.self_attn.q_proj.weight");
    EXPECT_EQ(huggingFaceTensorName("blk.0.ffn_norm.weight"), "model.layers.0.post_attention_layernorm.weight");
    EXPECT_EQ(huggingFaceTensorName("blk.0.ffn_down.weight"), "model.layers.0.mlp.down_proj.weight");
    EXPECT_EQ(huggingFaceTensorName("blk.x.attn_q.weight"), std::nullopt);
    EXPECT_EQ(huggingFaceTensorName("blk.01.attn_q.weight"), std::nullopt);
    EXPECT_EQ(huggingFaceTensorName("blk.0.attn_q.bias"), std::nullopt);
    EXPECT_EQ(huggingFaceTensorName("rope_freqs.weight"), std::nullopt);
}

TEST(GgufToHf, UnpermuteInvertsLlamaCppPermute) {
    // llama.cpp: w.reshape(heads, 2, D/2, cols).swapaxes(1, 2): GGUF row h*D + 2j + i = HF row h*D + i*D/2 + j.
    const std::uint64_t heads = 3, headDim = 4, cols = 2, rows = heads * headDim;
    std::vector<float> hf(rows * cols);
    for (std::size_t k = 0; k < hf.size(); ++k) hf[k] = static_cast<float>(k);
    std::vector<float> permuted(hf.size());
    for (std::uint64_t h = 0; h < heads; ++h)
        for (std::uint64_t i = 0; i < 2; ++i)
            for (std::uint64_t j = 0; j < headDim / 2; ++j)
                for (std::uint64_t c = 0; c < cols; ++c)
                    permuted[(h * headDim + 2 * j + i) * cols + c] = hf[(h * headDim + i * headDim / 2 + j) * cols + c];
    std::vector<float> back(hf.size());
    ASSERT_TRUE(unpermuteRotaryRows(permuted, back, heads, cols).ok());
    EXPECT_EQ(back, hf);
    EXPECT_FALSE(unpermuteRotaryRows(permuted, back, 5, cols).ok());
}

TEST(GgufToHf, ConvertsTinyLlamaToTheOriginalWeights) {
    TempDir tmp;
    const fs::path out = tmp.path() / "hf";
    std::vector<ConvertProgress::Stage> stages;
    ConvertOptions options;
    options.progress = [&](const ConvertProgress& p) {
        if (stages.empty() || stages.back() != p.stage) stages.push_back(p.stage);
        return true;
    };
    auto status = convertToHuggingFace(kData / "tiny_llama.gguf", out, options);
    ASSERT_TRUE(status.ok()) << status.error().message;
    EXPECT_EQ(stages.back(), ConvertProgress::Stage::Publishing);

    auto converted = safetensors::File::open(out / "model.safetensors");
    ASSERT_TRUE(converted.ok()) << converted.error().message;
    auto original = safetensors::File::open(kData / "tiny_llama_expected.safetensors");
    ASSERT_TRUE(original.ok());
    ASSERT_EQ(converted->tensors().size(), original->tensors().size());
    for (const auto& want : original->tensors()) {
        SCOPED_TRACE(want.name);
        const auto* got = converted->find(want.name);
        ASSERT_NE(got, nullptr);
        EXPECT_EQ(got->dtype, safetensors::DType::F32);
        EXPECT_EQ(got->shape, want.shape);
        // F32 in the GGUF, so the round trip (including the q/k un-permutation) is exact.
        EXPECT_EQ(floatsOf(converted->bytes(*got)), floatsOf(original->bytes(want)));
    }
    bool formatPt = false;
    for (const auto& [k, v] : converted->metadata()) formatPt |= (k == "format" && v == "pt");
    EXPECT_TRUE(formatPt) << "transformers needs __metadata__.format = pt";

    const json::Value config = loadJson(out / "config.json");
    EXPECT_EQ(*config.find("architectures")->items().at(0).asString(), "LlamaForCausalLM");
    EXPECT_EQ(*config.find("model_type")->asString(), "llama");
    EXPECT_EQ(*config.find("hidden_size")->asInt64(), 64);
    EXPECT_EQ(*config.find("intermediate_size")->asInt64(), 128);
    EXPECT_EQ(*config.find("num_hidden_layers")->asInt64(), 1);
    EXPECT_EQ(*config.find("num_attention_heads")->asInt64(), 4);
    EXPECT_EQ(*config.find("num_key_value_heads")->asInt64(), 2);
    EXPECT_EQ(*config.find("head_dim")->asInt64(), 16);
    EXPECT_EQ(*config.find("max_position_embeddings")->asInt64(), 256);
    EXPECT_EQ(config.find("rms_norm_eps")->numberLiteral(), "1e-05");
    EXPECT_EQ(config.find("rope_theta")->numberLiteral(), "10000");
    EXPECT_EQ(*config.find("vocab_size")->asInt64(), 49);
    EXPECT_EQ(*config.find("tie_word_embeddings")->asBool(), false);
    EXPECT_EQ(*config.find("hidden_act")->asString(), "silu");
    EXPECT_EQ(*config.find("bos_token_id")->asInt64(), 1);
    EXPECT_EQ(*config.find("eos_token_id")->asInt64(), 2);
    EXPECT_EQ(*config.find("torch_dtype")->asString(), "float32");
    EXPECT_EQ(*config.find("attention_bias")->asBool(), false);
    EXPECT_EQ(*config.find("mlp_bias")->asBool(), false);

    const json::Value tok = loadJson(out / "tokenizer.json");
    const auto& added = tok.find("added_tokens")->items();
    ASSERT_EQ(added.size(), 3u);
    EXPECT_EQ(*added[1].find("content")->asString(), "<|im_start|>");
    EXPECT_EQ(*added[1].find("id")->asInt64(), 1);
    EXPECT_EQ(*added[1].find("special")->asBool(), true);
    const json::Value* pre = tok.find("pre_tokenizer");
    EXPECT_EQ(*pre->find("type")->asString(), "Sequence");
    EXPECT_EQ(*pre->find("pretokenizers")->items().at(0).find("type")->asString(), "Digits");
    EXPECT_EQ(*pre->find("pretokenizers")->items().at(1).find("add_prefix_space")->asBool(), false);
    EXPECT_EQ(*tok.find("decoder")->find("type")->asString(), "ByteLevel");
    const json::Value* model = tok.find("model");
    EXPECT_EQ(*model->find("type")->asString(), "BPE");
    EXPECT_EQ(model->find("vocab")->size(), 49u);
    EXPECT_EQ(*model->find("vocab")->find("\xc4\xa0the")->asInt64(), 46);  // "Ġthe"
    ASSERT_EQ(model->find("merges")->size(), 5u);
    EXPECT_EQ(*model->find("merges")->items()[2].items()[0].asString(), "\xc4\xa0t");

    const json::Value tokConfig = loadJson(out / "tokenizer_config.json");
    EXPECT_EQ(*tokConfig.find("eos_token")->asString(), "<|im_end|>");
    EXPECT_NE(tokConfig.find("chat_template")->asString()->find("<|im_start|>"), std::string::npos);
    EXPECT_TRUE(fs::exists(out / "generation_config.json"));

    // Nothing but the output folder is left in the parent (no staging folders).
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    EXPECT_EQ(entries, 1u);
}

TEST(GgufToHf, WritesBfloat16RoundedToNearestEven) {
    TempDir tmp;
    ConvertOptions options;
    options.dtype = OutputDtype::BFloat16;
    auto status = convertToHuggingFace(kData / "tiny_llama.gguf", tmp.path() / "hf", options);
    ASSERT_TRUE(status.ok()) << status.error().message;
    auto converted = safetensors::File::open(tmp.path() / "hf" / "model.safetensors");
    ASSERT_TRUE(converted.ok());
    auto original = safetensors::File::open(kData / "tiny_llama_expected.safetensors");
    ASSERT_TRUE(original.ok());
    const auto* got = converted->find("model.layers.0.self_attn.k_proj.weight");
    const auto* want = original->find("model.layers.0.self_attn.k_proj.weight");
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(got->dtype, safetensors::DType::BF16);
    const auto wantValues = floatsOf(original->bytes(*want));
    const auto gotBytes = converted->bytes(*got);
    ASSERT_EQ(gotBytes.size(), wantValues.size() * 2);
    for (std::size_t k = 0; k < wantValues.size(); ++k) {
        std::uint16_t b = 0;
        std::memcpy(&b, gotBytes.data() + 2 * k, 2);
        const std::uint32_t bits = std::bit_cast<std::uint32_t>(wantValues[k]);
        const auto rounded = static_cast<std::uint16_t>((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);
        ASSERT_EQ(b, rounded) << k;
    }
    EXPECT_EQ(*loadJson(tmp.path() / "hf" / "config.json").find("torch_dtype")->asString(), "bfloat16");
}

TEST(GgufToHf, CancelLeavesNothingBehind) {
    for (auto stopAt : {ConvertProgress::Stage::Reading, ConvertProgress::Stage::Dequantizing,
                        ConvertProgress::Stage::WritingWeights, ConvertProgress::Stage::Publishing}) {
        TempDir tmp;
        ConvertOptions options;
        options.progress = [&](const ConvertProgress& p) {
            return p.stage != stopAt || (stopAt == ConvertProgress::Stage::Dequantizing && p.tensorsDone < 2);
        };
        auto status = convertToHuggingFace(kData / "tiny_llama.gguf", tmp.path() / "hf", options);
        ASSERT_FALSE(status.ok());
        EXPECT_EQ(status.error().kind, ErrorKind::Cancelled) << status.error().message;
        EXPECT_TRUE(fs::is_empty(tmp.path())) << "cancelled at stage " << static_cast<int>(stopAt);
    }
}

TEST(GgufToHf, RefusesAnExistingFolderUnlessAskedToReplace) {
    TempDir tmp;
    const fs::path out = tmp.path() / "hf";
    fs::create_directory(out);
    ASSERT_TRUE(writeFileAtomic(out / "keep.txt", "x").ok());
    auto refused = convertToHuggingFace(kData / "tiny_llama.gguf", out, ConvertOptions{});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("already exists"), std::string::npos);
    EXPECT_TRUE(fs::exists(out / "keep.txt"));

    ConvertOptions replace;
    replace.existingOutput = ExistingOutput::Replace;
    auto status = convertToHuggingFace(kData / "tiny_llama.gguf", out, replace);
    ASSERT_TRUE(status.ok()) << status.error().message;
    EXPECT_FALSE(fs::exists(out / "keep.txt"));
    EXPECT_TRUE(fs::exists(out / "model.safetensors"));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    EXPECT_EQ(entries, 1u);
}

TEST(GgufToHf, RejectsNonLlamaAndDamagedInput) {
    TempDir tmp;
    auto notLlama = convertToHuggingFace(kData / "tiny.gguf", tmp.path() / "a", ConvertOptions{});
    ASSERT_FALSE(notLlama.ok());
    EXPECT_EQ(notLlama.error().kind, ErrorKind::Unsupported);
    EXPECT_NE(notLlama.error().message.find("only Llama-architecture"), std::string::npos);
    auto broken = convertToHuggingFace(kData / "broken" / "bad_magic.gguf", tmp.path() / "b", ConvertOptions{});
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().message.find("not a GGUF file"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}

}  // namespace
}  // namespace offsite::gguf

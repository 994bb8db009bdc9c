// A deterministic tiny Llama (2 blocks unless told otherwise, tied embeddings, hidden size 48) written with the safetensors writer, with
// the GPT-2 test tokenizer beside it: a model whose vocabulary covers a real tokenizer, for tests of training on
// imported data sets (the job tests and, through jobs_make_tiny_llama, the command-line tests).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/base/file_io.h"
#include "core/base/result.h"
#include "core/json/json.h"
#include "core/safetensors/safetensors.h"

namespace offsite::jobs {

// layers and positions (0: the fixture's 64) let the demo's test split it 1-2-1 and feed it whole reviews.
inline Status writeTinyLlama(const std::filesystem::path& folder, int vocab, const std::filesystem::path& testData,
                             int layers = 2, int positions = 0) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return makeError(ErrorKind::Io, folder.string() + ": " + ec.message());
    OFFSITE_ASSIGN_OR_RETURN(const std::string configText,
                             readFile(testData / "parity" / "llama_gqa_tied" / "config.json", 1 << 20));
    OFFSITE_ASSIGN_OR_RETURN(json::Value config, json::parse(configText));
    config.set("vocab_size", json::Value::integer(vocab));
    config.set("num_hidden_layers", json::Value::integer(layers));
    if (positions > 0) config.set("max_position_embeddings", json::Value::integer(positions));
    OFFSITE_TRY(writeFileAtomic(folder / "config.json", json::serialize(config)));
    OFFSITE_ASSIGN_OR_RETURN(const std::string tokenizer,
                             readFile(testData / "tokenizer" / "gpt2" / "tokenizer.json", 1 << 24));
    OFFSITE_TRY(writeFileAtomic(folder / "tokenizer.json", tokenizer));

    std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes = {
        {"model.embed_tokens.weight", {vocab, 48}}, {"model.norm.weight", {48}}};
    for (int layer = 0; layer < layers; ++layer) {
        const std::string p = "model.layers." + std::to_string(layer) + ".";
        shapes.push_back({p + "input_layernorm.weight", {48}});
        shapes.push_back({p + "post_attention_layernorm.weight", {48}});
        shapes.push_back({p + "self_attn.q_proj.weight", {48, 48}});
        shapes.push_back({p + "self_attn.k_proj.weight", {16, 48}});
        shapes.push_back({p + "self_attn.v_proj.weight", {16, 48}});
        shapes.push_back({p + "self_attn.o_proj.weight", {48, 48}});
        shapes.push_back({p + "mlp.gate_proj.weight", {80, 48}});
        shapes.push_back({p + "mlp.up_proj.weight", {80, 48}});
        shapes.push_back({p + "mlp.down_proj.weight", {48, 80}});
    }
    std::uint64_t state = 12345;
    std::vector<std::vector<float>> storage;
    storage.reserve(shapes.size());
    std::vector<safetensors::TensorView> views;
    for (const auto& [name, shape] : shapes) {
        std::int64_t n = 1;
        for (auto d : shape) n *= d;
        std::vector<float> values(static_cast<std::size_t>(n));
        for (auto& v : values) {
            if (shape.size() == 1) {
                v = 1.0f;  // norms
                continue;
            }
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            v = (static_cast<float>(state >> 40) / static_cast<float>(1 << 24) - 0.5f) * 0.04f;
        }
        storage.push_back(std::move(values));
        views.push_back(
            {name, safetensors::DType::F32, shape, std::as_bytes(std::span<const float>(storage.back()))});
    }
    return safetensors::write(folder / "model.safetensors", views);
}

}  // namespace offsite::jobs

// Typed model configuration parsed from a Hugging Face `config.json`. Every field a supported architecture
// needs is checked for presence, type and a sane range before any tensor is allocated, so a damaged or
// hostile config yields a message rather than a 200 GB allocation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace offsite::config {

enum class Architecture { Gpt2 = 1, Opt, Llama };
enum class Activation { GeluTanh = 1, Gelu, Relu, Silu };

struct ModelConfig {
    Architecture architecture = Architecture::Llama;
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t numLayers = 0;
    std::int64_t numHeads = 0;
    std::int64_t numKvHeads = 0;   // == numHeads unless grouped-query attention
    std::int64_t headDim = 0;      // usually hiddenSize / numHeads
    std::int64_t intermediateSize = 0;
    std::int64_t maxPositions = 0;
    double normEps = 1e-5;
    double ropeTheta = 10000.0;    // Llama only
    Activation activation = Activation::Silu;
    bool tieWordEmbeddings = true;
    bool attentionBias = false;    // Llama: q/k/v/o biases
    bool mlpBias = false;          // Llama: MLP biases
    std::optional<std::int64_t> bosTokenId;
    std::optional<std::int64_t> eosTokenId;
    std::optional<std::int64_t> padTokenId;

    [[nodiscard]] std::string_view architectureName() const;  // "gpt2", "opt", "llama"
};

// Parses config.json text; `source` names the file in messages.
[[nodiscard]] Result<ModelConfig> parseModelConfig(std::string_view jsonText, std::string_view source = "config.json");
[[nodiscard]] Result<ModelConfig> loadModelConfig(const std::filesystem::path& configJson);

// Writes a config.json that Hugging Face transformers loads as the same model (used for split outputs and
// conversions).
[[nodiscard]] std::string toHuggingFaceJson(const ModelConfig& config);

// Parameters per transformer block and in the embeddings/head, for size estimates and FLOP counts.
[[nodiscard]] std::int64_t parametersPerBlock(const ModelConfig& config);

}  // namespace offsite::config

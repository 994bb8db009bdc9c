// The torch-free face of a loaded causal language model, for front ends (command line, app) that should not
// compile LibTorch headers: load a Hugging Face folder, score text, generate.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/model_config.h"
#include "core/model/device.h"

namespace offsite::model {

enum class Sampling { Greedy = 1, Sample };

struct LoadOptions {
    Device device = Device::Auto;
    int threads = 0;  // 0: LibTorch's default (one per core)
};

struct GenerationOptions {
    int maxNewTokens = 64;
    Sampling sampling = Sampling::Greedy;
    double temperature = 1.0;
    int topK = 0;         // 0: no top-k filter
    double topP = 1.0;    // 1: no nucleus filter
    std::uint64_t seed = 0;
    std::vector<std::int32_t> stopIds;  // generation ends after emitting one of these
};

// Called with each new token; returning false stops generation (the result then ends with ErrorKind::Cancelled
// only if nothing was generated; otherwise the tokens so far are returned).
using TokenCallback = std::function<bool(std::int32_t token)>;

struct TensorSummary {
    std::string name;
    std::string dtype;
    std::vector<std::int64_t> shape;
};

class LanguageModel {
public:
    // folder holds config.json and model.safetensors (or a sharded index).
    [[nodiscard]] static Result<LanguageModel> load(const std::filesystem::path& folder, const LoadOptions& options = {});

    [[nodiscard]] const config::ModelConfig& config() const;
    [[nodiscard]] std::int64_t parameterCount() const;
    [[nodiscard]] std::string deviceName() const;

    // Mean next-token cross-entropy (nats) of a token sequence under the model.
    [[nodiscard]] Result<double> meanLoss(std::span<const std::int32_t> tokens) const;
    // Greedy or sampled continuation of `prompt`, with a KV cache; returns the new tokens only.
    [[nodiscard]] Result<std::vector<std::int32_t>> generate(std::span<const std::int32_t> prompt,
                                                             const GenerationOptions& options,
                                                             const TokenCallback& onToken = {}) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace offsite::model

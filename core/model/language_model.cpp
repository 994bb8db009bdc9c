// LanguageModel: loads config.json + safetensors into a CausalLM on the chosen device and exposes scoring and
// generation without LibTorch types. LibTorch exceptions stop here and become Errors with context.
#include "core/model/language_model.h"

#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::model {

struct LanguageModel::Impl {
    config::ModelConfig config;
    CausalLM model{nullptr};
    torch::Device device = torch::kCPU;
};

Result<LanguageModel> LanguageModel::load(const std::filesystem::path& folder, const LoadOptions& options) {
    const auto configPath = folder / "config.json";
    auto config = config::loadModelConfig(configPath);
    if (!config.ok()) return config.error().withContext("loading the model in " + folder.string());
    auto files = safetensors::ModelFiles::open(folder);
    if (!files.ok()) return files.error().withContext("loading the model in " + folder.string());

    auto impl = std::make_shared<Impl>();
    impl->config = config.value();
    try {
        if (options.threads > 0) torch::set_num_threads(options.threads);
        const bool cuda = torch::cuda::is_available();
        if (options.device == Device::Cuda && !cuda) {
            return makeError(ErrorKind::Unsupported,
                             "no NVIDIA GPU is usable here (no device or no driver); choose the CPU instead");
        }
        impl->device = (options.device != Device::Cpu && cuda) ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        impl->model = CausalLM(impl->config);
        auto status = impl->model->loadWeights(files.value());
        if (!status.ok()) return status.error().withContext("loading the model in " + folder.string());
        impl->model->to(impl->device);
        impl->model->eval();
    } catch (const std::exception& e) {
        return torchError("loading the model in " + folder.string(), e);
    }
    LanguageModel result;
    result.impl_ = std::move(impl);
    return result;
}

const config::ModelConfig& LanguageModel::config() const { return impl_->config; }

std::int64_t LanguageModel::parameterCount() const {
    std::int64_t total = 0;
    for (const auto& p : impl_->model->parameters()) total += p.numel();
    return total;
}

std::string LanguageModel::deviceName() const { return impl_->device.str(); }

Result<double> LanguageModel::meanLoss(std::span<const std::int32_t> tokens) const {
    if (tokens.size() < 2) {
        return makeError(ErrorKind::InvalidInput, "a loss needs at least two tokens of text");
    }
    if (static_cast<std::int64_t>(tokens.size()) > impl_->config.maxPositions) {
        return makeError(ErrorKind::LimitExceeded,
                         "the text has " + std::to_string(tokens.size()) + " tokens but the model reads at most " +
                             std::to_string(impl_->config.maxPositions) + "; shorten it");
    }
    try {
        c10::InferenceMode inference;
        std::vector<std::int64_t> ids(tokens.begin(), tokens.end());
        auto input = torch::tensor(ids, torch::kInt64).to(impl_->device).unsqueeze(0);
        auto logits = impl_->model->forward(input);
        return causalLmLoss(logits, input).item<double>();
    } catch (const std::exception& e) {
        return torchError("computing the loss", e);
    }
}

Result<std::vector<std::int32_t>> LanguageModel::generate(std::span<const std::int32_t> prompt,
                                                          const GenerationOptions& options,
                                                          const TokenCallback& onToken) const {
    if (prompt.empty()) return makeError(ErrorKind::InvalidInput, "the prompt is empty");
    for (auto id : prompt) {
        if (id < 0 || id >= impl_->config.vocabSize) {
            return makeError(ErrorKind::InvalidInput, "the prompt holds the token id " + std::to_string(id) +
                                                          ", outside the model's vocabulary");
        }
    }
    try {
        std::vector<std::int64_t> ids(prompt.begin(), prompt.end());
        auto produced = generateTokens(*impl_->model, ids, options, onToken);
        return std::vector<std::int32_t>(produced.begin(), produced.end());
    } catch (const std::exception& e) {
        return torchError("generating text", e);
    }
}

}  // namespace offsite::model

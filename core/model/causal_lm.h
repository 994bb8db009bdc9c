// A decoder-only causal language model (GPT-2, OPT or Llama family) as one LibTorch module: embeddings, a list
// of decoder blocks, the final norm and the LM head. Parameter names are exactly Hugging Face's
// ("model.layers.3.self_attn.q_proj.weight"), so state_dict keys line up with safetensors checkpoints. The block
// list can be replaced, which is how emulators and adapters are assembled from a subset of blocks.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/base/result.h"
#include "core/config/model_config.h"
#include "core/model/blocks.h"

namespace offsite::safetensors {
class ModelFiles;
struct TensorView;
}

namespace offsite::model {

constexpr std::int64_t kIgnoreIndex = -100;

// Keys and values of all blocks for incremental decoding.
struct KvCache {
    std::vector<BlockCache> blocks;
    [[nodiscard]] std::int64_t length() const { return blocks.empty() ? 0 : blocks.front().length(); }
};

class CausalLMImpl : public torch::nn::Module {
public:
    explicit CausalLMImpl(const config::ModelConfig& config);

    // input_ids [B, T] int64; attention_mask [B, S] (1 = token, 0 = padding; S = past + T) or undefined.
    // Returns hidden states after the final norm, [B, T, d].
    torch::Tensor hiddenStates(const torch::Tensor& inputIds, const torch::Tensor& attentionMask = {},
                               KvCache* cache = nullptr);
    // Logits [B, T, V].
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask = {},
                          KvCache* cache = nullptr);
    torch::Tensor logits(const torch::Tensor& hidden);

    // Embeddings only (token + learned positions), [B, T, d]; positions follow the family's convention.
    torch::Tensor embed(const torch::Tensor& inputIds, const torch::Tensor& attentionMask, std::int64_t past);
    // Runs blocks [first, last) on hidden states.
    torch::Tensor runBlocks(torch::Tensor hidden, const AttentionContext& context, std::size_t first,
                            std::size_t last, KvCache* cache = nullptr);
    AttentionContext attentionContext(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                      std::int64_t past);
    torch::Tensor finalNorm(const torch::Tensor& hidden) { return norm_->forward(hidden); }

    [[nodiscard]] const config::ModelConfig& config() const { return config_; }
    [[nodiscard]] const std::vector<DecoderBlock>& blocks() const { return blocks_; }
    // Replaces the decoder blocks (registered as layers 0..n-1) and updates config().numLayers.
    void setBlocks(std::vector<DecoderBlock> blocks);
    [[nodiscard]] torch::Tensor tokenEmbeddingWeight() const { return tokenEmbedding_->weight; }

    // Copies weights from a model folder/file; every parameter must be present with the right shape, and any
    // tensor we would not use is refused (it means the file is for another model).
    [[nodiscard]] Status loadWeights(const safetensors::ModelFiles& files);
    // Writes every parameter (F32, Hugging Face names) to one safetensors file, atomically.
    [[nodiscard]] Status saveWeights(const std::filesystem::path& file);
    // Writes config.json + model.safetensors into `folder` (created if needed): a folder transformers loads.
    [[nodiscard]] Status saveModel(const std::filesystem::path& folder);

    // Fresh weights as transformers initialises them (normal(0, 0.02) for matrices and embeddings, zero biases,
    // unit norms), for models built from a config alone (benchmarks, tests).
    void initializeWeights();

    [[nodiscard]] KvCache makeCache() const { return KvCache{std::vector<BlockCache>(blocks_.size())}; }

private:
    torch::Tensor positionIds(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                              std::int64_t past) const;

    config::ModelConfig config_;
    std::shared_ptr<torch::nn::Module> body_;     // "transformer", "model" or "model.decoder"
    torch::nn::Embedding tokenEmbedding_{nullptr};
    torch::nn::Embedding positionEmbedding_{nullptr};  // GPT-2, OPT
    torch::nn::ModuleList layers_{nullptr};
    std::vector<DecoderBlock> blocks_;
    Norm norm_{nullptr};
    torch::nn::Linear lmHead_{nullptr};  // only when embeddings are not tied
    torch::Tensor ropeInvFreq_;          // Llama
};
TORCH_MODULE(CausalLM);

// Mean next-token cross-entropy, Hugging Face semantics: logits[:, :-1] predict labels[:, 1:], labels equal to
// kIgnoreIndex carry no loss; computed in fp32.
[[nodiscard]] torch::Tensor causalLmLoss(const torch::Tensor& logits, const torch::Tensor& labels);

// A view of a contiguous CPU tensor's bytes for safetensors::write (F32, F16, BF16, F64, I64); the tensor must
// outlive the view. Fails for other types.
[[nodiscard]] Result<safetensors::TensorView> tensorView(const std::string& name, const torch::Tensor& tensor);

// The first line of a LibTorch exception (the rest is a C++ backtrace), with context: "training failed: ...".
[[nodiscard]] Error torchError(const std::string& what, const std::exception& e);

// Converts a safetensors tensor (F32, F16, BF16, I64, ...) to a torch tensor that owns its memory.
[[nodiscard]] Result<torch::Tensor> tensorFromFile(const safetensors::ModelFiles& files, const std::string& name);

}  // namespace offsite::model

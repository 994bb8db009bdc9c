// Transformer decoder blocks of the supported families (GPT-2, OPT, Llama), each a LibTorch module whose
// parameter names are the Hugging Face ones relative to the block ("attn.c_attn.weight", "self_attn.q_proj.weight",
// ...), so a model, an emulator or an adapter can be assembled from any subset of blocks in any order and its
// state_dict still lines up with safetensors files from the ecosystem.
#pragma once

#include <memory>
#include <optional>

#include <torch/torch.h>

#include "core/config/model_config.h"

namespace offsite::model {

// Per-forward inputs shared by all blocks, computed once by the model.
struct AttentionContext {
    // Bool mask [B, 1, T, S], true = may attend; undefined means "plain causal" (the fused fast path).
    torch::Tensor mask;
    bool causal = true;     // used only when mask is undefined
    torch::Tensor ropeCos;  // Llama: [B, 1, T, headDim]
    torch::Tensor ropeSin;
};

// Keys and values of earlier positions for incremental decoding; [B, Hkv, S, D], grown along S.
struct BlockCache {
    torch::Tensor keys;
    torch::Tensor values;
    [[nodiscard]] std::int64_t length() const { return keys.defined() ? keys.size(2) : 0; }
};

class DecoderBlockImpl : public torch::nn::Module {
public:
    // hidden: [B, T, d]. When cache is non-null its contents are used as the past and extended.
    virtual torch::Tensor forward(const torch::Tensor& hidden, const AttentionContext& context,
                                  BlockCache* cache) = 0;
};
using DecoderBlock = std::shared_ptr<DecoderBlockImpl>;

[[nodiscard]] DecoderBlock makeBlock(const config::ModelConfig& config);

// The final norm of a model: LayerNorm (weight, bias) for GPT-2/OPT, RMSNorm (weight) for Llama.
class NormImpl : public torch::nn::Module {
public:
    explicit NormImpl(const config::ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight;
    torch::Tensor bias;  // undefined for RMSNorm

private:
    double eps_;
};
TORCH_MODULE(Norm);

// Fused scaled-dot-product attention over [B, H, T, D] queries and [B, Hkv, S, D] keys/values.
[[nodiscard]] torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                   const AttentionContext& context);

}  // namespace offsite::model

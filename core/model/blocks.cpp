// GPT-2, OPT and Llama decoder blocks. The arithmetic follows Hugging Face transformers exactly (order of
// operations, epsilons, where norms are computed in fp32), since our parity tests compare against it.
#include "core/model/blocks.h"

#include <cmath>

namespace offsite::model {
namespace {

using config::Activation;
using config::Architecture;
using config::ModelConfig;
namespace F = torch::nn::functional;

torch::Tensor activate(const torch::Tensor& x, Activation activation) {
    switch (activation) {
        case Activation::GeluTanh: return torch::gelu(x, "tanh");
        case Activation::Gelu: return torch::gelu(x);
        case Activation::Relu: return torch::relu(x);
        case Activation::Silu: return torch::silu(x);
    }
    return x;
}

// [B, T, H*D] -> [B, H, T, D]
torch::Tensor splitHeads(const torch::Tensor& x, std::int64_t heads, std::int64_t headDim) {
    return x.view({x.size(0), x.size(1), heads, headDim}).transpose(1, 2);
}

// [B, H, T, D] -> [B, T, H*D]
torch::Tensor mergeHeads(const torch::Tensor& x) {
    return x.transpose(1, 2).contiguous().view({x.size(0), x.size(2), x.size(1) * x.size(3)});
}

void appendToCache(BlockCache* cache, torch::Tensor& k, torch::Tensor& v) {
    if (cache == nullptr) return;
    if (cache->keys.defined()) {
        k = torch::cat({cache->keys, k}, 2);
        v = torch::cat({cache->values, v}, 2);
    }
    cache->keys = k;
    cache->values = v;
}

torch::nn::Linear linear(std::int64_t in, std::int64_t out, bool bias) {
    return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

// GPT-2 uses "Conv1D": a linear layer whose weight is stored transposed, [in, out].
class Conv1DImpl : public torch::nn::Module {
public:
    Conv1DImpl(std::int64_t in, std::int64_t out) {
        weight = register_parameter("weight", torch::empty({in, out}));
        bias = register_parameter("bias", torch::zeros({out}));
        torch::nn::init::normal_(weight, 0.0, 0.02);
    }
    torch::Tensor forward(const torch::Tensor& x) { return torch::addmm(bias, x.reshape({-1, x.size(-1)}), weight)
                                                         .view(outputShape(x)); }
    torch::Tensor weight;
    torch::Tensor bias;

private:
    std::vector<std::int64_t> outputShape(const torch::Tensor& x) const {
        auto shape = x.sizes().vec();
        shape.back() = weight.size(1);
        return shape;
    }
};
TORCH_MODULE(Conv1D);

class Gpt2Attention : public torch::nn::Module {
public:
    explicit Gpt2Attention(const ModelConfig& c) : heads_(c.numHeads), headDim_(c.headDim) {
        c_attn = register_module("c_attn", Conv1D(c.hiddenSize, 3 * c.hiddenSize));
        c_proj = register_module("c_proj", Conv1D(c.hiddenSize, c.hiddenSize));
    }
    torch::Tensor forward(const torch::Tensor& x, const AttentionContext& context, BlockCache* cache) {
        auto qkv = c_attn->forward(x).split(heads_ * headDim_, -1);
        auto q = splitHeads(qkv[0], heads_, headDim_);
        auto k = splitHeads(qkv[1], heads_, headDim_);
        auto v = splitHeads(qkv[2], heads_, headDim_);
        appendToCache(cache, k, v);
        return c_proj->forward(mergeHeads(attend(q, k, v, context)));
    }
    Conv1D c_attn{nullptr};
    Conv1D c_proj{nullptr};

private:
    std::int64_t heads_;
    std::int64_t headDim_;
};

class Gpt2Mlp : public torch::nn::Module {
public:
    explicit Gpt2Mlp(const ModelConfig& c) : activation_(c.activation) {
        c_fc = register_module("c_fc", Conv1D(c.hiddenSize, c.intermediateSize));
        c_proj = register_module("c_proj", Conv1D(c.intermediateSize, c.hiddenSize));
    }
    torch::Tensor forward(const torch::Tensor& x) { return c_proj->forward(activate(c_fc->forward(x), activation_)); }
    Conv1D c_fc{nullptr};
    Conv1D c_proj{nullptr};

private:
    Activation activation_;
};

class Gpt2Block : public DecoderBlockImpl {
public:
    explicit Gpt2Block(const ModelConfig& c) {
        auto norm = torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.normEps);
        ln_1 = register_module("ln_1", torch::nn::LayerNorm(norm));
        attn = register_module("attn", std::make_shared<Gpt2Attention>(c));
        ln_2 = register_module("ln_2", torch::nn::LayerNorm(norm));
        mlp = register_module("mlp", std::make_shared<Gpt2Mlp>(c));
    }
    torch::Tensor forward(const torch::Tensor& hidden, const AttentionContext& context, BlockCache* cache) override {
        auto h = hidden + attn->forward(ln_1->forward(hidden), context, cache);
        return h + mlp->forward(ln_2->forward(h));
    }
    torch::nn::LayerNorm ln_1{nullptr};
    std::shared_ptr<Gpt2Attention> attn;
    torch::nn::LayerNorm ln_2{nullptr};
    std::shared_ptr<Gpt2Mlp> mlp;
};

class OptAttention : public torch::nn::Module {
public:
    explicit OptAttention(const ModelConfig& c) : heads_(c.numHeads), headDim_(c.headDim) {
        k_proj = register_module("k_proj", linear(c.hiddenSize, c.hiddenSize, true));
        v_proj = register_module("v_proj", linear(c.hiddenSize, c.hiddenSize, true));
        q_proj = register_module("q_proj", linear(c.hiddenSize, c.hiddenSize, true));
        out_proj = register_module("out_proj", linear(c.hiddenSize, c.hiddenSize, true));
    }
    torch::Tensor forward(const torch::Tensor& x, const AttentionContext& context, BlockCache* cache) {
        auto q = splitHeads(q_proj->forward(x), heads_, headDim_);
        auto k = splitHeads(k_proj->forward(x), heads_, headDim_);
        auto v = splitHeads(v_proj->forward(x), heads_, headDim_);
        appendToCache(cache, k, v);
        return out_proj->forward(mergeHeads(attend(q, k, v, context)));
    }
    torch::nn::Linear k_proj{nullptr}, v_proj{nullptr}, q_proj{nullptr}, out_proj{nullptr};

private:
    std::int64_t heads_;
    std::int64_t headDim_;
};

class OptBlock : public DecoderBlockImpl {
public:
    explicit OptBlock(const ModelConfig& c) : activation_(c.activation) {
        auto norm = torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.normEps);
        self_attn = register_module("self_attn", std::make_shared<OptAttention>(c));
        self_attn_layer_norm = register_module("self_attn_layer_norm", torch::nn::LayerNorm(norm));
        fc1 = register_module("fc1", linear(c.hiddenSize, c.intermediateSize, true));
        fc2 = register_module("fc2", linear(c.intermediateSize, c.hiddenSize, true));
        final_layer_norm = register_module("final_layer_norm", torch::nn::LayerNorm(norm));
    }
    torch::Tensor forward(const torch::Tensor& hidden, const AttentionContext& context, BlockCache* cache) override {
        auto h = hidden + self_attn->forward(self_attn_layer_norm->forward(hidden), context, cache);
        return h + fc2->forward(activate(fc1->forward(final_layer_norm->forward(h)), activation_));
    }
    std::shared_ptr<OptAttention> self_attn;
    torch::nn::LayerNorm self_attn_layer_norm{nullptr};
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
    torch::nn::LayerNorm final_layer_norm{nullptr};

private:
    Activation activation_;
};

// Llama RMSNorm: normalised in fp32 and cast back before the weight, as transformers does.
class RmsNormImpl : public torch::nn::Module {
public:
    RmsNormImpl(std::int64_t dim, double eps) : eps_(eps) { weight = register_parameter("weight", torch::ones({dim})); }
    torch::Tensor forward(const torch::Tensor& x) {
        auto x32 = x.to(torch::kFloat32);
        auto normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, true) + eps_);
        return weight * normed.to(x.scalar_type());
    }
    torch::Tensor weight;

private:
    double eps_;
};
TORCH_MODULE(RmsNorm);

torch::Tensor rotateHalf(const torch::Tensor& x) {
    auto halves = x.chunk(2, -1);
    return torch::cat({-halves[1], halves[0]}, -1);
}

class LlamaAttention : public torch::nn::Module {
public:
    explicit LlamaAttention(const ModelConfig& c) : heads_(c.numHeads), kvHeads_(c.numKvHeads), headDim_(c.headDim) {
        q_proj = register_module("q_proj", linear(c.hiddenSize, heads_ * headDim_, c.attentionBias));
        k_proj = register_module("k_proj", linear(c.hiddenSize, kvHeads_ * headDim_, c.attentionBias));
        v_proj = register_module("v_proj", linear(c.hiddenSize, kvHeads_ * headDim_, c.attentionBias));
        o_proj = register_module("o_proj", linear(heads_ * headDim_, c.hiddenSize, c.attentionBias));
    }
    torch::Tensor forward(const torch::Tensor& x, const AttentionContext& context, BlockCache* cache) {
        auto q = splitHeads(q_proj->forward(x), heads_, headDim_);
        auto k = splitHeads(k_proj->forward(x), kvHeads_, headDim_);
        auto v = splitHeads(v_proj->forward(x), kvHeads_, headDim_);
        const auto& cos = context.ropeCos;
        const auto& sin = context.ropeSin;
        q = q * cos + rotateHalf(q) * sin;
        k = k * cos + rotateHalf(k) * sin;
        appendToCache(cache, k, v);
        return o_proj->forward(mergeHeads(attend(q, k, v, context)));
    }
    torch::nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};

private:
    std::int64_t heads_;
    std::int64_t kvHeads_;
    std::int64_t headDim_;
};

class LlamaMlp : public torch::nn::Module {
public:
    explicit LlamaMlp(const ModelConfig& c) {
        gate_proj = register_module("gate_proj", linear(c.hiddenSize, c.intermediateSize, c.mlpBias));
        up_proj = register_module("up_proj", linear(c.hiddenSize, c.intermediateSize, c.mlpBias));
        down_proj = register_module("down_proj", linear(c.intermediateSize, c.hiddenSize, c.mlpBias));
    }
    torch::Tensor forward(const torch::Tensor& x) {
        return down_proj->forward(torch::silu(gate_proj->forward(x)) * up_proj->forward(x));
    }
    torch::nn::Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};

class LlamaBlock : public DecoderBlockImpl {
public:
    explicit LlamaBlock(const ModelConfig& c) {
        self_attn = register_module("self_attn", std::make_shared<LlamaAttention>(c));
        mlp = register_module("mlp", std::make_shared<LlamaMlp>(c));
        input_layernorm = register_module("input_layernorm", RmsNorm(c.hiddenSize, c.normEps));
        post_attention_layernorm = register_module("post_attention_layernorm", RmsNorm(c.hiddenSize, c.normEps));
    }
    torch::Tensor forward(const torch::Tensor& hidden, const AttentionContext& context, BlockCache* cache) override {
        auto h = hidden + self_attn->forward(input_layernorm->forward(hidden), context, cache);
        return h + mlp->forward(post_attention_layernorm->forward(h));
    }
    std::shared_ptr<LlamaAttention> self_attn;
    std::shared_ptr<LlamaMlp> mlp;
    RmsNorm input_layernorm{nullptr};
    RmsNorm post_attention_layernorm{nullptr};
};

}  // namespace

torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                     const AttentionContext& context) {
    const bool grouped = k.size(1) != q.size(1);
    if (context.mask.defined()) {
        return at::scaled_dot_product_attention(q, k, v, context.mask, 0.0, false, std::nullopt, grouped);
    }
    return at::scaled_dot_product_attention(q, k, v, std::nullopt, 0.0, context.causal, std::nullopt, grouped);
}

NormImpl::NormImpl(const ModelConfig& config) : eps_(config.normEps) {
    weight = register_parameter("weight", torch::ones({config.hiddenSize}));
    if (config.architecture != Architecture::Llama) bias = register_parameter("bias", torch::zeros({config.hiddenSize}));
}

torch::Tensor NormImpl::forward(const torch::Tensor& x) {
    if (bias.defined()) return torch::layer_norm(x, {x.size(-1)}, weight, bias, eps_);
    auto x32 = x.to(torch::kFloat32);
    auto normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, true) + eps_);
    return weight * normed.to(x.scalar_type());
}

DecoderBlock makeBlock(const ModelConfig& config) {
    switch (config.architecture) {
        case Architecture::Gpt2: return std::make_shared<Gpt2Block>(config);
        case Architecture::Opt: return std::make_shared<OptBlock>(config);
        case Architecture::Llama: return std::make_shared<LlamaBlock>(config);
    }
    return nullptr;
}

}  // namespace offsite::model

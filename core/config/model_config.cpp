// Parsing and writing of Hugging Face config.json for the decoder families we run (GPT-2, OPT, Llama).
#include "core/config/model_config.h"

#include <cmath>
#include <limits>

#include "core/base/file_io.h"
#include "core/json/json.h"

namespace offsite::config {
namespace {

constexpr std::size_t kMaxConfigBytes = 4u << 20;

// Bounds that no real decoder exceeds; they stop absurd values before they become allocations.
constexpr std::int64_t kMaxVocab = 4'000'000;
constexpr std::int64_t kMaxHidden = 65'536;
constexpr std::int64_t kMaxLayers = 1'024;
constexpr std::int64_t kMaxHeads = 1'024;
constexpr std::int64_t kMaxIntermediate = 1'048'576;
constexpr std::int64_t kMaxPositions = 10'000'000;

class FieldReader {
public:
    FieldReader(const json::Value& root, std::string_view source) : root_(root), source_(source) {}

    [[nodiscard]] Error missing(std::string_view key) const {
        return makeError(ErrorKind::InvalidInput,
                         std::string(source_) + ": the required field \"" + std::string(key) +
                             "\" is missing; the file is incomplete or is not a model configuration");
    }
    [[nodiscard]] Error invalid(std::string_view key, const std::string& why) const {
        return makeError(ErrorKind::InvalidInput,
                         std::string(source_) + ": the field \"" + std::string(key) + "\" " + why);
    }

    [[nodiscard]] Result<std::int64_t> integer(std::string_view key, std::int64_t lo, std::int64_t hi) const {
        const json::Value* v = root_.find(key);
        if (v == nullptr || v->isNull()) return missing(key);
        return checkInteger(key, *v, lo, hi);
    }
    [[nodiscard]] Result<std::int64_t> integerOr(std::string_view key, std::int64_t fallback, std::int64_t lo,
                                                 std::int64_t hi) const {
        const json::Value* v = root_.find(key);
        if (v == nullptr || v->isNull()) return fallback;
        return checkInteger(key, *v, lo, hi);
    }
    [[nodiscard]] Result<std::optional<std::int64_t>> optionalTokenId(std::string_view key) const {
        const json::Value* v = root_.find(key);
        if (v == nullptr || v->isNull()) return std::optional<std::int64_t>{};
        if (v->isArray()) {  // some configs list several eos ids; the first is the primary one
            if (v->items().empty()) return std::optional<std::int64_t>{};
            OFFSITE_ASSIGN_OR_RETURN(auto first, checkInteger(key, v->items().front(), 0, kMaxVocab - 1));
            return std::optional<std::int64_t>{first};
        }
        OFFSITE_ASSIGN_OR_RETURN(auto id, checkInteger(key, *v, 0, kMaxVocab - 1));
        return std::optional<std::int64_t>{id};
    }
    [[nodiscard]] Result<double> number(std::string_view key, double fallback, double lo, double hi) const {
        const json::Value* v = root_.find(key);
        if (v == nullptr || v->isNull()) return fallback;
        auto d = v->asDouble();
        if (!d) return invalid(key, "must be a number");
        if (!std::isfinite(*d) || *d < lo || *d > hi) {
            return invalid(key, "is " + v->numberLiteral() + ", outside the plausible range [" + format(lo) +
                                    ", " + format(hi) + "]");
        }
        return *d;
    }
    [[nodiscard]] Result<bool> boolean(std::string_view key, bool fallback) const {
        const json::Value* v = root_.find(key);
        if (v == nullptr || v->isNull()) return fallback;
        auto b = v->asBool();
        if (!b) return invalid(key, "must be true or false");
        return *b;
    }
    [[nodiscard]] Result<std::string> string(std::string_view key, std::string fallback) const {
        const json::Value* v = root_.find(key);
        if (v == nullptr || v->isNull()) return fallback;
        if (!v->isString()) return invalid(key, "must be a string");
        return *v->asString();
    }
    [[nodiscard]] bool has(std::string_view key) const {
        const json::Value* v = root_.find(key);
        return v != nullptr && !v->isNull();
    }

private:
    static std::string format(double d) {
        std::string s = std::to_string(d);
        while (s.size() > 1 && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    }
    [[nodiscard]] Result<std::int64_t> checkInteger(std::string_view key, const json::Value& v, std::int64_t lo,
                                                    std::int64_t hi) const {
        auto i = v.asInt64();
        if (!i) return invalid(key, "must be a whole number");
        if (*i < lo || *i > hi) {
            return invalid(key, "is " + std::to_string(*i) + ", outside the plausible range [" +
                                    std::to_string(lo) + ", " + std::to_string(hi) + "]");
        }
        return *i;
    }

    const json::Value& root_;
    std::string_view source_;
};

Result<Activation> parseActivation(const FieldReader& f, std::string_view key, const std::string& name) {
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") return Activation::GeluTanh;
    if (name == "gelu") return Activation::Gelu;
    if (name == "relu") return Activation::Relu;
    if (name == "silu" || name == "swish") return Activation::Silu;
    return f.invalid(key, "names the activation \"" + name + "\", which Offsite Studio does not support "
                          "(supported: gelu_new, gelu, relu, silu)");
}

Status checkHeads(const FieldReader& f, const ModelConfig& c) {
    if (c.numKvHeads > c.numHeads || c.numHeads % c.numKvHeads != 0) {
        return f.invalid("num_key_value_heads", "(" + std::to_string(c.numKvHeads) +
                                                    ") must divide the number of attention heads (" +
                                                    std::to_string(c.numHeads) + ")");
    }
    return {};
}

Result<ModelConfig> parseGpt2(const FieldReader& f) {
    ModelConfig c;
    c.architecture = Architecture::Gpt2;
    OFFSITE_ASSIGN_OR_RETURN(c.vocabSize, f.integer("vocab_size", 1, kMaxVocab));
    OFFSITE_ASSIGN_OR_RETURN(c.hiddenSize, f.integer("n_embd", 1, kMaxHidden));
    OFFSITE_ASSIGN_OR_RETURN(c.numLayers, f.integer("n_layer", 1, kMaxLayers));
    OFFSITE_ASSIGN_OR_RETURN(c.numHeads, f.integer("n_head", 1, kMaxHeads));
    OFFSITE_ASSIGN_OR_RETURN(c.maxPositions, f.integer("n_positions", 1, kMaxPositions));
    OFFSITE_ASSIGN_OR_RETURN(c.intermediateSize, f.integerOr("n_inner", 4 * c.hiddenSize, 1, kMaxIntermediate));
    OFFSITE_ASSIGN_OR_RETURN(c.normEps, f.number("layer_norm_epsilon", 1e-5, 1e-12, 1e-1));
    OFFSITE_ASSIGN_OR_RETURN(auto act, f.string("activation_function", "gelu_new"));
    OFFSITE_ASSIGN_OR_RETURN(c.activation, parseActivation(f, "activation_function", act));
    OFFSITE_ASSIGN_OR_RETURN(c.tieWordEmbeddings, f.boolean("tie_word_embeddings", true));
    if (c.hiddenSize % c.numHeads != 0) {
        return f.invalid("n_embd", "(" + std::to_string(c.hiddenSize) + ") must be a multiple of n_head (" +
                                       std::to_string(c.numHeads) + ")");
    }
    OFFSITE_ASSIGN_OR_RETURN(bool scaleWeights, f.boolean("scale_attn_weights", true));
    OFFSITE_ASSIGN_OR_RETURN(bool byLayer, f.boolean("scale_attn_by_inverse_layer_idx", false));
    OFFSITE_ASSIGN_OR_RETURN(bool upcast, f.boolean("reorder_and_upcast_attn", false));
    if (!scaleWeights || byLayer || upcast) {
        return makeError(ErrorKind::Unsupported,
                         "config.json: this GPT-2 variant changes how attention is scaled "
                         "(scale_attn_weights/scale_attn_by_inverse_layer_idx/reorder_and_upcast_attn), "
                         "which Offsite Studio does not support");
    }
    c.numKvHeads = c.numHeads;
    c.headDim = c.hiddenSize / c.numHeads;
    return c;
}

Result<ModelConfig> parseOpt(const FieldReader& f) {
    ModelConfig c;
    c.architecture = Architecture::Opt;
    OFFSITE_ASSIGN_OR_RETURN(c.vocabSize, f.integer("vocab_size", 1, kMaxVocab));
    OFFSITE_ASSIGN_OR_RETURN(c.hiddenSize, f.integer("hidden_size", 1, kMaxHidden));
    OFFSITE_ASSIGN_OR_RETURN(c.numLayers, f.integer("num_hidden_layers", 1, kMaxLayers));
    OFFSITE_ASSIGN_OR_RETURN(c.numHeads, f.integer("num_attention_heads", 1, kMaxHeads));
    OFFSITE_ASSIGN_OR_RETURN(c.maxPositions, f.integer("max_position_embeddings", 1, kMaxPositions));
    OFFSITE_ASSIGN_OR_RETURN(c.intermediateSize, f.integer("ffn_dim", 1, kMaxIntermediate));
    OFFSITE_ASSIGN_OR_RETURN(auto act, f.string("activation_function", "relu"));
    OFFSITE_ASSIGN_OR_RETURN(c.activation, parseActivation(f, "activation_function", act));
    OFFSITE_ASSIGN_OR_RETURN(c.tieWordEmbeddings, f.boolean("tie_word_embeddings", true));
    OFFSITE_ASSIGN_OR_RETURN(bool preNorm, f.boolean("do_layer_norm_before", true));
    OFFSITE_ASSIGN_OR_RETURN(bool bias, f.boolean("enable_bias", true));
    OFFSITE_ASSIGN_OR_RETURN(bool affine, f.boolean("layer_norm_elementwise_affine", true));
    OFFSITE_ASSIGN_OR_RETURN(auto projDim, f.integerOr("word_embed_proj_dim", c.hiddenSize, 1, kMaxHidden));
    if (!preNorm || !bias || !affine || projDim != c.hiddenSize) {
        return makeError(ErrorKind::Unsupported,
                         "config.json: this OPT variant (post-norm, no biases, non-affine norms or a projected "
                         "embedding as in OPT-350m) is not supported; use another OPT size");
    }
    if (c.hiddenSize % c.numHeads != 0) {
        return f.invalid("hidden_size", "(" + std::to_string(c.hiddenSize) +
                                            ") must be a multiple of num_attention_heads (" +
                                            std::to_string(c.numHeads) + ")");
    }
    c.numKvHeads = c.numHeads;
    c.headDim = c.hiddenSize / c.numHeads;
    c.normEps = 1e-5;  // OPT's LayerNorm uses the PyTorch default
    return c;
}

Result<ModelConfig> parseLlama(const FieldReader& f) {
    ModelConfig c;
    c.architecture = Architecture::Llama;
    OFFSITE_ASSIGN_OR_RETURN(c.vocabSize, f.integer("vocab_size", 1, kMaxVocab));
    OFFSITE_ASSIGN_OR_RETURN(c.hiddenSize, f.integer("hidden_size", 1, kMaxHidden));
    OFFSITE_ASSIGN_OR_RETURN(c.numLayers, f.integer("num_hidden_layers", 1, kMaxLayers));
    OFFSITE_ASSIGN_OR_RETURN(c.numHeads, f.integer("num_attention_heads", 1, kMaxHeads));
    OFFSITE_ASSIGN_OR_RETURN(c.numKvHeads, f.integerOr("num_key_value_heads", c.numHeads, 1, kMaxHeads));
    OFFSITE_ASSIGN_OR_RETURN(c.intermediateSize, f.integer("intermediate_size", 1, kMaxIntermediate));
    OFFSITE_ASSIGN_OR_RETURN(c.maxPositions, f.integerOr("max_position_embeddings", 2048, 1, kMaxPositions));
    OFFSITE_ASSIGN_OR_RETURN(c.normEps, f.number("rms_norm_eps", 1e-6, 1e-12, 1e-1));
    OFFSITE_ASSIGN_OR_RETURN(c.ropeTheta, f.number("rope_theta", 10000.0, 1.0, 1e12));
    OFFSITE_ASSIGN_OR_RETURN(auto act, f.string("hidden_act", "silu"));
    OFFSITE_ASSIGN_OR_RETURN(c.activation, parseActivation(f, "hidden_act", act));
    OFFSITE_ASSIGN_OR_RETURN(c.tieWordEmbeddings, f.boolean("tie_word_embeddings", false));
    OFFSITE_ASSIGN_OR_RETURN(c.attentionBias, f.boolean("attention_bias", false));
    OFFSITE_ASSIGN_OR_RETURN(c.mlpBias, f.boolean("mlp_bias", false));
    if (f.has("rope_scaling")) {
        return makeError(ErrorKind::Unsupported,
                         "config.json: this model uses RoPE scaling (\"rope_scaling\"), which Offsite Studio "
                         "does not support yet");
    }
    OFFSITE_ASSIGN_OR_RETURN(bool slidingWindow, f.boolean("use_sliding_window", false));
    if (slidingWindow) {
        return makeError(ErrorKind::Unsupported, "config.json: sliding-window attention is not supported");
    }
    if (c.activation != Activation::Silu) {
        return f.invalid("hidden_act", "must be \"silu\" for the Llama family");
    }
    std::int64_t defaultHeadDim = c.hiddenSize / c.numHeads;
    OFFSITE_ASSIGN_OR_RETURN(c.headDim, f.integerOr("head_dim", defaultHeadDim, 1, kMaxHidden));
    if (c.headDim % 2 != 0) return f.invalid("head_dim", "must be even for rotary position embeddings");
    if (!f.has("head_dim") && c.hiddenSize % c.numHeads != 0) {
        return f.invalid("hidden_size", "must be a multiple of num_attention_heads");
    }
    OFFSITE_TRY(checkHeads(f, c));
    return c;
}

}  // namespace

std::string_view ModelConfig::architectureName() const {
    switch (architecture) {
        case Architecture::Gpt2: return "gpt2";
        case Architecture::Opt: return "opt";
        case Architecture::Llama: return "llama";
    }
    return "unknown";
}

Result<ModelConfig> parseModelConfig(std::string_view jsonText, std::string_view source) {
    json::ParseLimits limits;
    limits.maxBytes = kMaxConfigBytes;
    limits.maxDepth = 16;
    auto parsed = json::parse(jsonText, limits);
    if (!parsed.ok()) {
        return makeError(ErrorKind::InvalidInput, std::string(source) + " is not valid JSON (" +
                                                      parsed.error().message + ")");
    }
    const json::Value& root = parsed.value();
    if (!root.isObject()) {
        return makeError(ErrorKind::InvalidInput, std::string(source) + " must hold a JSON object");
    }
    if (root.find("auto_map") != nullptr) {
        return makeError(ErrorKind::Unsupported,
                         std::string(source) + " asks for custom Python code (\"auto_map\"); models that need "
                                               "code to load are refused because code from a file could run");
    }
    FieldReader f(root, source);
    OFFSITE_ASSIGN_OR_RETURN(auto modelType, f.string("model_type", ""));
    Result<ModelConfig> config = makeError(ErrorKind::Internal, "unreachable");
    if (modelType == "gpt2") {
        config = parseGpt2(f);
    } else if (modelType == "opt") {
        config = parseOpt(f);
    } else if (modelType == "llama" || modelType == "mistral" || modelType == "qwen2") {
        if (modelType == "qwen2" && !f.has("attention_bias")) {
            // Qwen2 configs omit attention_bias but the model has q/k/v biases.
            auto c = parseLlama(f);
            if (c.ok()) c->attentionBias = true;
            config = std::move(c);
        } else {
            config = parseLlama(f);
        }
    } else if (modelType.empty()) {
        return f.missing("model_type");
    } else {
        return makeError(ErrorKind::Unsupported,
                         std::string(source) + ": the model type \"" + modelType +
                             "\" is not supported; Offsite Studio runs GPT-2, OPT and Llama-family models");
    }
    if (!config.ok()) return config.error();
    ModelConfig& c = config.value();
    OFFSITE_ASSIGN_OR_RETURN(c.bosTokenId, f.optionalTokenId("bos_token_id"));
    OFFSITE_ASSIGN_OR_RETURN(c.eosTokenId, f.optionalTokenId("eos_token_id"));
    OFFSITE_ASSIGN_OR_RETURN(c.padTokenId, f.optionalTokenId("pad_token_id"));
    for (auto id : {c.bosTokenId, c.eosTokenId}) {
        if (id && *id >= c.vocabSize) {
            return makeError(ErrorKind::InvalidInput, std::string(source) + ": a special token id (" +
                                                          std::to_string(*id) + ") lies outside the vocabulary of " +
                                                          std::to_string(c.vocabSize));
        }
    }
    return config;
}

Result<ModelConfig> loadModelConfig(const std::filesystem::path& configJson) {
    OFFSITE_ASSIGN_OR_RETURN(auto text, readFile(configJson, kMaxConfigBytes));
    return parseModelConfig(text, configJson.filename().string());
}

std::string toHuggingFaceJson(const ModelConfig& c) {
    using json::Value;
    Value root = Value::object();
    auto optionalId = [&](const char* key, const std::optional<std::int64_t>& id) {
        root.set(key, id ? Value::integer(*id) : Value::null());
    };
    switch (c.architecture) {
        case Architecture::Gpt2: {
            Value archs = Value::array();
            archs.push(Value::string("GPT2LMHeadModel"));
            root.set("architectures", std::move(archs));
            root.set("model_type", Value::string("gpt2"));
            root.set("vocab_size", Value::integer(c.vocabSize));
            root.set("n_embd", Value::integer(c.hiddenSize));
            root.set("n_layer", Value::integer(c.numLayers));
            root.set("n_head", Value::integer(c.numHeads));
            root.set("n_positions", Value::integer(c.maxPositions));
            root.set("n_inner", Value::integer(c.intermediateSize));
            root.set("layer_norm_epsilon", Value::number(c.normEps));
            root.set("activation_function", Value::string(c.activation == Activation::Gelu ? "gelu" : "gelu_new"));
            break;
        }
        case Architecture::Opt: {
            Value archs = Value::array();
            archs.push(Value::string("OPTForCausalLM"));
            root.set("architectures", std::move(archs));
            root.set("model_type", Value::string("opt"));
            root.set("vocab_size", Value::integer(c.vocabSize));
            root.set("hidden_size", Value::integer(c.hiddenSize));
            root.set("word_embed_proj_dim", Value::integer(c.hiddenSize));
            root.set("num_hidden_layers", Value::integer(c.numLayers));
            root.set("num_attention_heads", Value::integer(c.numHeads));
            root.set("ffn_dim", Value::integer(c.intermediateSize));
            root.set("max_position_embeddings", Value::integer(c.maxPositions));
            root.set("activation_function", Value::string("relu"));
            root.set("do_layer_norm_before", Value::boolean(true));
            root.set("enable_bias", Value::boolean(true));
            break;
        }
        case Architecture::Llama: {
            Value archs = Value::array();
            archs.push(Value::string("LlamaForCausalLM"));
            root.set("architectures", std::move(archs));
            root.set("model_type", Value::string("llama"));
            root.set("vocab_size", Value::integer(c.vocabSize));
            root.set("hidden_size", Value::integer(c.hiddenSize));
            root.set("intermediate_size", Value::integer(c.intermediateSize));
            root.set("num_hidden_layers", Value::integer(c.numLayers));
            root.set("num_attention_heads", Value::integer(c.numHeads));
            root.set("num_key_value_heads", Value::integer(c.numKvHeads));
            root.set("head_dim", Value::integer(c.headDim));
            root.set("max_position_embeddings", Value::integer(c.maxPositions));
            root.set("rms_norm_eps", Value::number(c.normEps));
            root.set("rope_theta", Value::number(c.ropeTheta));
            root.set("hidden_act", Value::string("silu"));
            root.set("attention_bias", Value::boolean(c.attentionBias));
            root.set("mlp_bias", Value::boolean(c.mlpBias));
            break;
        }
    }
    root.set("tie_word_embeddings", Value::boolean(c.tieWordEmbeddings));
    optionalId("bos_token_id", c.bosTokenId);
    optionalId("eos_token_id", c.eosTokenId);
    optionalId("pad_token_id", c.padTokenId);
    root.set("torch_dtype", Value::string("float32"));
    return json::serialize(root, json::Style::Pretty) + "\n";
}

std::int64_t parametersPerBlock(const ModelConfig& c) {
    const std::int64_t d = c.hiddenSize;
    const std::int64_t ff = c.intermediateSize;
    switch (c.architecture) {
        case Architecture::Gpt2:
        case Architecture::Opt:
            // q,k,v,o with biases; two MLP linears with biases; two LayerNorms.
            return 4 * (d * d + d) + (d * ff + ff) + (ff * d + d) + 4 * d;
        case Architecture::Llama: {
            const std::int64_t qDim = c.numHeads * c.headDim;
            const std::int64_t kvDim = c.numKvHeads * c.headDim;
            std::int64_t attn = d * qDim + 2 * d * kvDim + qDim * d;
            if (c.attentionBias) attn += qDim + 2 * kvDim + d;
            std::int64_t mlp = 3 * d * ff + (c.mlpBias ? 2 * ff + d : 0);
            return attn + mlp + 2 * d;
        }
    }
    return 0;
}

}  // namespace offsite::config

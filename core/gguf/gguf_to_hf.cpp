// GGUF (Llama) -> Hugging Face folder. Weights are dequantized tensor by tensor, q/k rows are un-permuted,
// and the folder is staged in a hidden sibling directory that one rename publishes.
#include "core/gguf/gguf_to_hf.h"

#include <stdlib.h>  // mkdtemp

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/safetensors/safetensors.h"

namespace offsite::gguf {
namespace {

namespace fs = std::filesystem;
using json::Value;

constexpr std::string_view kArch = "llama";

// Limits that keep a hostile header from asking for absurd models.
constexpr std::uint64_t kMaxDimension = 1u << 20;
constexpr std::uint64_t kMaxLayers = 4096;
constexpr std::uint64_t kMaxHeads = 4096;

std::string key(std::string_view suffix) { return std::string(kArch) + "." + std::string(suffix); }

// Integral values as integers ("100000", as Hugging Face writes rope_theta), others as numbers.
Value numberValue(double value) {
    if (std::abs(value) < 9.0e15 && value == std::trunc(value)) {
        return Value::integer(static_cast<std::int64_t>(value));
    }
    return Value::number(value);
}

// A float32 metadata value printed as its shortest float32 form ("1e-05", not "9.99999974737875e-06").
double shortestFloat32(double value) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof(buf), static_cast<float>(value));
    double out = value;
    std::from_chars(buf, res.ptr, out);
    return out;
}

Result<std::uint64_t> positive(const GgufFile& file, std::string_view k, std::uint64_t max) {
    OFFSITE_ASSIGN_OR_RETURN(const std::uint64_t v, file.getUint(k));
    if (v == 0 || v > max) {
        return makeError(ErrorKind::InvalidInput, file.sourceName() + ": metadata \"" + std::string(k) + "\" is " +
                                                      std::to_string(v) + ", expected 1 to " + std::to_string(max));
    }
    return v;
}

std::optional<std::uint64_t> optionalUint(const GgufFile& file, std::string_view k) {
    if (!file.find(k)) return std::nullopt;
    auto v = file.getUint(k);
    if (!v.ok()) return std::nullopt;
    return *v;
}

// Checks UTF-8 (no overlongs, surrogates or code points past U+10FFFF) so JSON output stays valid.
bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) { ++i; continue; }
        int len = 0;
        std::uint32_t cp = 0;
        std::uint32_t minCp = 0;
        if ((b0 & 0xe0) == 0xc0) { len = 2; cp = b0 & 0x1f; minCp = 0x80; }
        else if ((b0 & 0xf0) == 0xe0) { len = 3; cp = b0 & 0x0f; minCp = 0x800; }
        else if ((b0 & 0xf8) == 0xf0) { len = 4; cp = b0 & 0x07; minCp = 0x10000; }
        else return false;
        if (i + static_cast<std::size_t>(len) > s.size()) return false;
        for (int k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((b & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < minCp || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s.substr(0, 60)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
    if (s.size() > 60) out += "...";
    return out + "\"";
}

// token_type values of llama.cpp's vocabulary.
constexpr std::int64_t kTokenNormal = 1;
constexpr std::int64_t kTokenControl = 3;
constexpr std::int64_t kTokenUserDefined = 4;

struct Vocabulary {
    std::vector<std::string_view> tokens;
    std::vector<std::int64_t> types;  // empty when the file has none
    std::vector<std::pair<std::string_view, std::string_view>> merges;
    std::string_view pre;
};

// The pre-tokenizers (llama.cpp "tokenizer.ggml.pre") that are GPT-2's byte-level regex, optionally preceded by
// splitting every digit on its own.
bool isDigitsThenByteLevel(std::string_view pre) {
    static constexpr std::array<std::string_view, 7> kNames{"smollm", "starcoder", "refact", "codeshell",
                                                            "command-r", "exaone", "minerva-7b"};
    for (auto n : kNames) {
        if (pre == n) return true;
    }
    return false;
}

Result<Vocabulary> readVocabulary(const GgufFile& file) {
    const std::string& src = file.sourceName();
    OFFSITE_ASSIGN_OR_RETURN(const std::string_view model, file.getString("tokenizer.ggml.model"));
    if (model != "gpt2") {
        return makeError(ErrorKind::Unsupported,
                         src + " has a \"" + std::string(model) +
                             "\" tokenizer; only byte-level BPE (\"gpt2\", as in SmolLM2) can be converted");
    }
    Vocabulary vocab;
    if (file.find("tokenizer.ggml.pre")) {
        OFFSITE_ASSIGN_OR_RETURN(vocab.pre, file.getString("tokenizer.ggml.pre"));
    } else {
        vocab.pre = "gpt-2";
    }
    if (!isDigitsThenByteLevel(vocab.pre) && vocab.pre != "gpt-2") {
        return makeError(ErrorKind::Unsupported,
                         src + " uses the \"" + std::string(vocab.pre) +
                             "\" pre-tokenizer, which this converter does not know (supported: smollm, starcoder, "
                             "gpt-2 and their equivalents); the tokenizer would split text differently");
    }
    OFFSITE_ASSIGN_OR_RETURN(vocab.tokens, file.getStringArray("tokenizer.ggml.tokens"));
    if (vocab.tokens.empty()) {
        return makeError(ErrorKind::InvalidInput, src + ": tokenizer.ggml.tokens is empty");
    }
    if (file.find("tokenizer.ggml.token_type")) {
        OFFSITE_ASSIGN_OR_RETURN(vocab.types, file.getIntArray("tokenizer.ggml.token_type"));
        if (vocab.types.size() != vocab.tokens.size()) {
            return makeError(ErrorKind::InvalidInput,
                             src + ": tokenizer.ggml.token_type has " + std::to_string(vocab.types.size()) +
                                 " entries but there are " + std::to_string(vocab.tokens.size()) + " tokens");
        }
    }
    std::unordered_map<std::string_view, std::size_t> ids;
    ids.reserve(vocab.tokens.size());
    for (std::size_t id = 0; id < vocab.tokens.size(); ++id) {
        const std::string_view t = vocab.tokens[id];
        if (!validUtf8(t)) {
            return makeError(ErrorKind::InvalidInput,
                             src + ": token " + std::to_string(id) + " is not valid UTF-8; the tokenizer is damaged");
        }
        if (!ids.emplace(t, id).second) {
            return makeError(ErrorKind::Unsupported, src + ": token " + quoted(t) + " appears twice (ids " +
                                                         std::to_string(ids[t]) + " and " + std::to_string(id) +
                                                         "); a Hugging Face vocabulary cannot hold duplicates");
        }
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<std::string_view> merges, file.getStringArray("tokenizer.ggml.merges"));
    vocab.merges.reserve(merges.size());
    for (std::size_t k = 0; k < merges.size(); ++k) {
        const std::string_view m = merges[k];
        // llama.cpp splits at the first space after the first byte, so a merge may start with a space token.
        const std::size_t space = m.size() > 1 ? m.find(' ', 1) : std::string_view::npos;
        if (space == std::string_view::npos) {
            return makeError(ErrorKind::InvalidInput,
                             src + ": merge " + std::to_string(k) + " " + quoted(m) + " is not two tokens separated by a space");
        }
        const std::string_view a = m.substr(0, space);
        const std::string_view b = m.substr(space + 1);
        if (!ids.contains(a) || !ids.contains(b)) {
            return makeError(ErrorKind::InvalidInput, src + ": merge " + std::to_string(k) + " " + quoted(m) +
                                                          " uses a token that is not in the vocabulary");
        }
        vocab.merges.emplace_back(a, b);
    }
    return vocab;
}

Value byteLevel(bool addPrefixSpace, bool trimOffsets) {
    Value v = Value::object();
    v.set("type", Value::string("ByteLevel"));
    v.set("add_prefix_space", Value::boolean(addPrefixSpace));
    v.set("trim_offsets", Value::boolean(trimOffsets));
    v.set("use_regex", Value::boolean(true));
    return v;
}

Value addedToken(std::uint64_t id, std::string_view content, bool special) {
    Value t = Value::object();
    t.set("id", Value::unsignedInteger(id));
    t.set("content", Value::string(std::string(content)));
    t.set("single_word", Value::boolean(false));
    t.set("lstrip", Value::boolean(false));
    t.set("rstrip", Value::boolean(false));
    t.set("normalized", Value::boolean(false));
    t.set("special", Value::boolean(special));
    return t;
}

bool isAddedType(std::int64_t type) { return type == kTokenControl || type == kTokenUserDefined; }

std::string tokenOrEmpty(const Vocabulary& vocab, std::optional<std::uint64_t> id) {
    if (!id || *id >= vocab.tokens.size()) return {};
    return std::string(vocab.tokens[*id]);
}

// Removes a staging folder unless released.

Error cancelled(const fs::path& outDir) {
    return makeError(ErrorKind::Cancelled, "conversion cancelled; nothing was written to " + outDir.string());
}

std::uint16_t floatToBfloat16(float f) {
    const auto bits = std::bit_cast<std::uint32_t>(f);
    if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((bits >> 16) | 0x40u);  // quiet NaN
    const std::uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);  // round to nearest even, like torch
    return static_cast<std::uint16_t>((bits + rounding) >> 16);
}

}  // namespace

std::optional<std::string> huggingFaceTensorName(std::string_view name) {
    if (name == "token_embd.weight") return "model.embed_tokens.weight";
    if (name == "output_norm.weight") return "model.norm.weight";
    if (name == "output.weight") return "lm_head.weight";
    if (!name.starts_with("blk.")) return std::nullopt;
    std::string_view rest = name.substr(4);
    const std::size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 5) return std::nullopt;
    const std::string_view index = rest.substr(0, dot);
    for (char c : index) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    if (index.size() > 1 && index[0] == '0') return std::nullopt;
    static const std::map<std::string_view, std::string_view> kSuffixes{
        {"attn_norm.weight", "input_layernorm.weight"},
        {"attn_q.weight", "self_attn.q_proj.weight"},
        {"attn_k.weight", "self_attn.k_proj.weight"},
        {"attn_v.weight", "self_attn.v_proj.weight"},
        {"attn_output.weight", "self_attn.o_proj.weight"},
        {"ffn_norm.weight", "post_attention_layernorm.weight"},
        {"ffn_gate.weight", "mlp.gate_proj.weight"},
        {"ffn_up.weight", "mlp.up_proj.weight"},
        {"ffn_down.weight", "mlp.down_proj.weight"},
    };
    const auto it = kSuffixes.find(rest.substr(dot + 1));
    if (it == kSuffixes.end()) return std::nullopt;
    return "model.layers." + std::string(index) + "." + std::string(it->second);
}

Status unpermuteRotaryRows(std::span<const float> gguf, std::span<float> hf, std::uint64_t heads,
                           std::uint64_t cols) {
    if (heads == 0 || cols == 0 || gguf.size() != hf.size() || gguf.size() % cols != 0) {
        return makeError(ErrorKind::InvalidInput, "unpermuteRotaryRows: buffer sizes do not match the shape");
    }
    const std::uint64_t rows = gguf.size() / cols;
    if (rows % (2 * heads) != 0) {
        return makeError(ErrorKind::InvalidInput, std::to_string(rows) + " rows cannot be split into " +
                                                      std::to_string(heads) + " heads of even size");
    }
    const std::uint64_t headDim = rows / heads;
    const std::uint64_t half = headDim / 2;
    for (std::uint64_t h = 0; h < heads; ++h) {
        for (std::uint64_t i = 0; i < 2; ++i) {
            for (std::uint64_t j = 0; j < half; ++j) {
                const std::uint64_t from = h * headDim + 2 * j + i;
                const std::uint64_t to = h * headDim + i * half + j;
                std::memcpy(hf.data() + to * cols, gguf.data() + from * cols, cols * sizeof(float));
            }
        }
    }
    return {};
}

Result<LlamaHyperparameters> readLlamaHyperparameters(const GgufFile& file) {
    const std::string& src = file.sourceName();
    OFFSITE_ASSIGN_OR_RETURN(const std::string_view arch, file.getString("general.architecture"));
    if (arch != kArch) {
        return makeError(ErrorKind::Unsupported, src + " is a \"" + std::string(arch) +
                                                     "\" model; only Llama-architecture GGUF files (such as SmolLM2) "
                                                     "can be converted");
    }
    LlamaHyperparameters hp;
    OFFSITE_ASSIGN_OR_RETURN(hp.hiddenSize, positive(file, key("embedding_length"), kMaxDimension));
    OFFSITE_ASSIGN_OR_RETURN(hp.intermediateSize, positive(file, key("feed_forward_length"), kMaxDimension));
    OFFSITE_ASSIGN_OR_RETURN(hp.numLayers, positive(file, key("block_count"), kMaxLayers));
    OFFSITE_ASSIGN_OR_RETURN(hp.numHeads, positive(file, key("attention.head_count"), kMaxHeads));
    if (file.find(key("attention.head_count_kv"))) {
        OFFSITE_ASSIGN_OR_RETURN(hp.numKvHeads, positive(file, key("attention.head_count_kv"), kMaxHeads));
    } else {
        hp.numKvHeads = hp.numHeads;
    }
    OFFSITE_ASSIGN_OR_RETURN(hp.contextLength, positive(file, key("context_length"), 1u << 24));
    OFFSITE_ASSIGN_OR_RETURN(const double eps, file.getFloat(key("attention.layer_norm_rms_epsilon")));
    hp.rmsNormEps = shortestFloat32(eps);
    if (file.find(key("rope.freq_base"))) {
        OFFSITE_ASSIGN_OR_RETURN(const double theta, file.getFloat(key("rope.freq_base")));
        hp.ropeTheta = shortestFloat32(theta);
    }
    if (!(hp.rmsNormEps > 0.0 && hp.rmsNormEps < 1.0) || !(hp.ropeTheta > 0.0 && std::isfinite(hp.ropeTheta))) {
        return makeError(ErrorKind::InvalidInput, src + ": the RMSNorm epsilon or RoPE base is out of range");
    }
    if (file.find("general.rope_scaling") || file.find(key("rope.scaling.type")) || file.findTensor("rope_freqs.weight")) {
        return makeError(ErrorKind::Unsupported,
                         src + " uses RoPE scaling (as Llama 3.1 does), which this converter does not carry over");
    }
    if (hp.hiddenSize % hp.numHeads != 0 || hp.numHeads % hp.numKvHeads != 0) {
        return makeError(ErrorKind::InvalidInput, src + ": " + std::to_string(hp.numHeads) + " heads and " +
                                                      std::to_string(hp.numKvHeads) + " key/value heads do not divide " +
                                                      "the hidden size " + std::to_string(hp.hiddenSize));
    }
    hp.headDim = hp.hiddenSize / hp.numHeads;
    if (hp.headDim % 2 != 0) {
        return makeError(ErrorKind::InvalidInput, src + ": the head size " + std::to_string(hp.headDim) +
                                                      " is odd, which rotary embeddings cannot use");
    }
    if (file.find(key("rope.dimension_count"))) {
        OFFSITE_ASSIGN_OR_RETURN(const std::uint64_t ropeDims, file.getUint(key("rope.dimension_count")));
        if (ropeDims != hp.headDim) {
            return makeError(ErrorKind::Unsupported, src + ": RoPE covers " + std::to_string(ropeDims) +
                                                         " of the " + std::to_string(hp.headDim) +
                                                         " dimensions per head; partial rotary is not supported");
        }
    }
    const TensorInfo* embed = file.findTensor("token_embd.weight");
    if (!embed || embed->dims.size() != 2 || embed->dims[0] != hp.hiddenSize) {
        return makeError(ErrorKind::InvalidInput, src + " has no token_embd.weight tensor of width " +
                                                      std::to_string(hp.hiddenSize) + "; it is not a complete Llama model");
    }
    hp.vocabSize = embed->dims[1];
    if (file.find(key("vocab_size"))) {
        OFFSITE_ASSIGN_OR_RETURN(const std::uint64_t v, file.getUint(key("vocab_size")));
        if (v != hp.vocabSize) {
            return makeError(ErrorKind::InvalidInput, src + ": llama.vocab_size is " + std::to_string(v) +
                                                          " but token_embd.weight has " + std::to_string(hp.vocabSize) +
                                                          " rows");
        }
    }
    hp.tiedEmbeddings = file.findTensor("output.weight") == nullptr;
    hp.bosTokenId = optionalUint(file, "tokenizer.ggml.bos_token_id");
    hp.eosTokenId = optionalUint(file, "tokenizer.ggml.eos_token_id");
    hp.padTokenId = optionalUint(file, "tokenizer.ggml.padding_token_id");
    return hp;
}

Result<std::string> buildConfigJson(const GgufFile& file, OutputDtype dtype) {
    OFFSITE_ASSIGN_OR_RETURN(const LlamaHyperparameters hp, readLlamaHyperparameters(file));
    Value c = Value::object();
    Value archs = Value::array();
    archs.push(Value::string("LlamaForCausalLM"));
    c.set("architectures", std::move(archs));
    c.set("model_type", Value::string("llama"));
    c.set("vocab_size", Value::unsignedInteger(hp.vocabSize));
    c.set("hidden_size", Value::unsignedInteger(hp.hiddenSize));
    c.set("intermediate_size", Value::unsignedInteger(hp.intermediateSize));
    c.set("num_hidden_layers", Value::unsignedInteger(hp.numLayers));
    c.set("num_attention_heads", Value::unsignedInteger(hp.numHeads));
    c.set("num_key_value_heads", Value::unsignedInteger(hp.numKvHeads));
    c.set("head_dim", Value::unsignedInteger(hp.headDim));
    c.set("max_position_embeddings", Value::unsignedInteger(hp.contextLength));
    c.set("rms_norm_eps", Value::number(hp.rmsNormEps));
    c.set("rope_theta", numberValue(hp.ropeTheta));
    c.set("rope_scaling", Value::null());
    c.set("hidden_act", Value::string("silu"));
    c.set("attention_bias", Value::boolean(false));
    c.set("attention_dropout", Value::number(0.0));
    c.set("mlp_bias", Value::boolean(false));
    c.set("pretraining_tp", Value::integer(1));
    c.set("initializer_range", Value::number(0.02));
    c.set("tie_word_embeddings", Value::boolean(hp.tiedEmbeddings));
    c.set("use_cache", Value::boolean(true));
    if (hp.bosTokenId) c.set("bos_token_id", Value::unsignedInteger(*hp.bosTokenId));
    if (hp.eosTokenId) c.set("eos_token_id", Value::unsignedInteger(*hp.eosTokenId));
    if (hp.padTokenId) c.set("pad_token_id", Value::unsignedInteger(*hp.padTokenId));
    c.set("torch_dtype", Value::string(dtype == OutputDtype::BFloat16 ? "bfloat16" : "float32"));
    return json::serialize(c, json::Style::Pretty) + "\n";
}

Result<std::string> buildGenerationConfigJson(const GgufFile& file) {
    OFFSITE_ASSIGN_OR_RETURN(const LlamaHyperparameters hp, readLlamaHyperparameters(file));
    Value g = Value::object();
    if (hp.bosTokenId) g.set("bos_token_id", Value::unsignedInteger(*hp.bosTokenId));
    if (hp.eosTokenId) g.set("eos_token_id", Value::unsignedInteger(*hp.eosTokenId));
    if (hp.padTokenId) g.set("pad_token_id", Value::unsignedInteger(*hp.padTokenId));
    return json::serialize(g, json::Style::Pretty) + "\n";
}

Result<std::string> buildTokenizerJson(const GgufFile& file) {
    OFFSITE_ASSIGN_OR_RETURN(const Vocabulary vocab, readVocabulary(file));
    Value t = Value::object();
    t.set("version", Value::string("1.0"));
    t.set("truncation", Value::null());
    t.set("padding", Value::null());

    Value added = Value::array();
    for (std::size_t id = 0; id < vocab.types.size(); ++id) {
        if (isAddedType(vocab.types[id])) added.push(addedToken(id, vocab.tokens[id], vocab.types[id] == kTokenControl));
    }
    t.set("added_tokens", std::move(added));
    t.set("normalizer", Value::null());

    Value pre = byteLevel(false, true);
    if (isDigitsThenByteLevel(vocab.pre)) {
        Value digits = Value::object();
        digits.set("type", Value::string("Digits"));
        digits.set("individual_digits", Value::boolean(true));
        Value seq = Value::object();
        seq.set("type", Value::string("Sequence"));
        Value list = Value::array();
        list.push(std::move(digits));
        list.push(std::move(pre));
        seq.set("pretokenizers", std::move(list));
        pre = std::move(seq);
    }
    t.set("pre_tokenizer", std::move(pre));
    // ByteLevel post-processing only adjusts offsets: encoding adds no BOS/EOS, as llama.cpp with
    // add_bos_token false.
    t.set("post_processor", byteLevel(true, false));
    t.set("decoder", byteLevel(true, true));

    Value model = Value::object();
    model.set("type", Value::string("BPE"));
    model.set("dropout", Value::null());
    model.set("unk_token", Value::null());
    model.set("continuing_subword_prefix", Value::null());
    model.set("end_of_word_suffix", Value::null());
    model.set("fuse_unk", Value::boolean(false));
    model.set("byte_fallback", Value::boolean(false));
    model.set("ignore_merges", Value::boolean(false));
    Value v = Value::object();
    for (std::size_t id = 0; id < vocab.tokens.size(); ++id) {
        v.set(std::string(vocab.tokens[id]), Value::unsignedInteger(id));
    }
    model.set("vocab", std::move(v));
    Value merges = Value::array();
    for (const auto& [a, b] : vocab.merges) {
        Value pair = Value::array();
        pair.push(Value::string(std::string(a)));
        pair.push(Value::string(std::string(b)));
        merges.push(std::move(pair));
    }
    model.set("merges", std::move(merges));
    t.set("model", std::move(model));
    return json::serialize(t, json::Style::Compact) + "\n";
}

Result<std::string> buildTokenizerConfigJson(const GgufFile& file) {
    OFFSITE_ASSIGN_OR_RETURN(const Vocabulary vocab, readVocabulary(file));
    OFFSITE_ASSIGN_OR_RETURN(const LlamaHyperparameters hp, readLlamaHyperparameters(file));
    Value c = Value::object();
    bool addBos = false;
    if (file.find("tokenizer.ggml.add_bos_token")) {
        OFFSITE_ASSIGN_OR_RETURN(addBos, file.getBool("tokenizer.ggml.add_bos_token"));
    }
    if (addBos) {
        return makeError(ErrorKind::Unsupported,
                         file.sourceName() + " asks for a BOS token before every text (tokenizer.ggml.add_bos_token), "
                                             "which this converter does not reproduce yet");
    }
    c.set("add_bos_token", Value::boolean(false));
    c.set("add_prefix_space", Value::boolean(false));
    Value decoder = Value::object();
    for (std::size_t id = 0; id < vocab.types.size(); ++id) {
        if (!isAddedType(vocab.types[id])) continue;
        Value entry = addedToken(id, vocab.tokens[id], vocab.types[id] == kTokenControl);
        Value withoutId = Value::object();
        for (const auto& [k, val] : entry.members()) {
            if (k != "id") withoutId.set(k, val);
        }
        decoder.set(std::to_string(id), std::move(withoutId));
    }
    c.set("added_tokens_decoder", std::move(decoder));
    const std::string bos = tokenOrEmpty(vocab, hp.bosTokenId);
    const std::string eos = tokenOrEmpty(vocab, hp.eosTokenId);
    const std::string pad = tokenOrEmpty(vocab, hp.padTokenId);
    const std::string unk = tokenOrEmpty(vocab, optionalUint(file, "tokenizer.ggml.unknown_token_id"));
    if (!bos.empty()) c.set("bos_token", Value::string(bos));
    if (!eos.empty()) c.set("eos_token", Value::string(eos));
    if (!pad.empty()) c.set("pad_token", Value::string(pad));
    if (!unk.empty()) c.set("unk_token", Value::string(unk));
    if (file.find("tokenizer.chat_template")) {
        OFFSITE_ASSIGN_OR_RETURN(const std::string_view tmpl, file.getString("tokenizer.chat_template"));
        if (!validUtf8(tmpl)) {
            return makeError(ErrorKind::InvalidInput, file.sourceName() + ": the chat template is not valid UTF-8");
        }
        c.set("chat_template", Value::string(std::string(tmpl)));
    }
    c.set("clean_up_tokenization_spaces", Value::boolean(false));
    c.set("model_max_length", Value::unsignedInteger(hp.contextLength));
    c.set("tokenizer_class", Value::string("GPT2Tokenizer"));
    return json::serialize(c, json::Style::Pretty) + "\n";
}

Status convertToHuggingFace(const fs::path& ggufPath, const fs::path& outDir, const ConvertOptions& options) {
    const auto report = [&](const ConvertProgress& p) { return !options.progress || options.progress(p); };
    ConvertProgress progress;
    if (!report(progress)) return cancelled(outDir);

    std::error_code ec;
    if (outDir.filename().empty()) {
        return makeError(ErrorKind::InvalidInput, "the output folder " + outDir.string() +
                                                      " has no name; give a path such as models/smollm2-hf");
    }
    const bool exists = fs::exists(fs::symlink_status(outDir, ec));
    if (exists && options.existingOutput == ExistingOutput::Refuse) {
        return makeError(ErrorKind::InvalidInput, "the output folder " + outDir.string() +
                                                      " already exists; choose a new folder or delete it first");
    }
    if (exists && !fs::is_directory(fs::symlink_status(outDir, ec))) {
        return makeError(ErrorKind::InvalidInput, outDir.string() + " exists and is not a folder; choose another path");
    }

    OFFSITE_ASSIGN_OR_RETURN(const GgufFile file, GgufFile::open(ggufPath));
    OFFSITE_ASSIGN_OR_RETURN(const LlamaHyperparameters hp, readLlamaHyperparameters(file));
    // Build every JSON document first: a tokenizer we cannot convert fails before minutes of dequantizing.
    OFFSITE_ASSIGN_OR_RETURN(const std::string configJson, buildConfigJson(file, options.dtype));
    OFFSITE_ASSIGN_OR_RETURN(const std::string generationJson, buildGenerationConfigJson(file));
    OFFSITE_ASSIGN_OR_RETURN(const std::string tokenizerJson, buildTokenizerJson(file));
    OFFSITE_ASSIGN_OR_RETURN(const std::string tokenizerConfigJson, buildTokenizerConfigJson(file));

    // Map and check every tensor before the slow part.
    const std::string& src = file.sourceName();
    std::set<std::string> seen;
    for (const TensorInfo& t : file.tensors()) {
        auto hfName = huggingFaceTensorName(t.name);
        if (!hfName) {
            return makeError(ErrorKind::Unsupported, src + ": tensor \"" + std::string(t.name) +
                                                         "\" has no counterpart in a Hugging Face Llama model");
        }
        if (t.name.starts_with("blk.")) {
            const std::uint64_t layer = std::stoull(std::string(t.name.substr(4, t.name.find('.', 4) - 4)));
            if (layer >= hp.numLayers) {
                return makeError(ErrorKind::InvalidInput, src + ": tensor \"" + std::string(t.name) +
                                                              "\" belongs to a layer past block_count " +
                                                              std::to_string(hp.numLayers));
            }
        }
        if (!canDequantize(t.type)) {
            return makeError(ErrorKind::Unsupported,
                             src + ": tensor \"" + std::string(t.name) + "\" is stored as " +
                                 std::string(tensorTypeName(t.type)) +
                                 ", which this converter cannot dequantize (supported: F32, F16, BF16, Q4_0, Q4_1, "
                                 "Q8_0); pick a GGUF with one of those quantizations");
        }
        seen.insert(*hfName);
    }
    // The shape each Hugging Face tensor must have (GGUF order reversed).
    std::map<std::string, std::vector<std::uint64_t>> expected;
    const std::uint64_t d = hp.hiddenSize;
    const std::uint64_t kvRows = hp.numKvHeads * hp.headDim;
    expected["model.embed_tokens.weight"] = {hp.vocabSize, d};
    expected["model.norm.weight"] = {d};
    if (!hp.tiedEmbeddings) expected["lm_head.weight"] = {hp.vocabSize, d};
    for (std::uint64_t l = 0; l < hp.numLayers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        expected[p + "input_layernorm.weight"] = {d};
        expected[p + "post_attention_layernorm.weight"] = {d};
        expected[p + "self_attn.q_proj.weight"] = {hp.numHeads * hp.headDim, d};
        expected[p + "self_attn.k_proj.weight"] = {kvRows, d};
        expected[p + "self_attn.v_proj.weight"] = {kvRows, d};
        expected[p + "self_attn.o_proj.weight"] = {d, hp.numHeads * hp.headDim};
        expected[p + "mlp.gate_proj.weight"] = {hp.intermediateSize, d};
        expected[p + "mlp.up_proj.weight"] = {hp.intermediateSize, d};
        expected[p + "mlp.down_proj.weight"] = {d, hp.intermediateSize};
    }
    for (const auto& [name, shape] : expected) {
        if (!seen.contains(name)) {
            return makeError(ErrorKind::NotFound, src + " lacks the tensor for " + name +
                                                      "; the model is incomplete");
        }
    }
    for (const TensorInfo& t : file.tensors()) {
        const std::string hfName = *huggingFaceTensorName(t.name);
        if (t.hfShape() != expected[hfName]) {
            return makeError(ErrorKind::InvalidInput, src + ": tensor \"" + std::string(t.name) +
                                                          "\" does not have the shape the model's hyper-parameters imply");
        }
    }

    // Dequantize. Buffers hold the output bytes (F32 or BF16) of every tensor until the single write.
    struct Converted {
        std::string name;
        std::vector<std::int64_t> shape;
        std::vector<std::byte> bytes;
    };
    std::vector<Converted> converted;
    converted.reserve(file.tensors().size());
    progress.stage = ConvertProgress::Stage::Dequantizing;
    progress.tensorsTotal = file.tensors().size();
    std::vector<float> scratch;
    std::vector<float> values;
    for (const TensorInfo& t : file.tensors()) {
        progress.tensorName = t.name;
        if (!report(progress)) return cancelled(outDir);
        Converted c;
        c.name = *huggingFaceTensorName(t.name);
        for (auto dim : t.hfShape()) c.shape.push_back(static_cast<std::int64_t>(dim));
        values.assign(static_cast<std::size_t>(t.elementCount), 0.0f);
        OFFSITE_TRY(file.dequantize(t, values));
        const bool isQ = c.name.ends_with("q_proj.weight");
        if (isQ || c.name.ends_with("k_proj.weight")) {
            scratch.assign(values.size(), 0.0f);
            OFFSITE_TRY(unpermuteRotaryRows(values, scratch, isQ ? hp.numHeads : hp.numKvHeads, d));
            values.swap(scratch);
        }
        if (options.dtype == OutputDtype::BFloat16) {
            c.bytes.resize(values.size() * 2);
            for (std::size_t k = 0; k < values.size(); ++k) {
                const std::uint16_t b = floatToBfloat16(values[k]);
                std::memcpy(c.bytes.data() + 2 * k, &b, 2);
            }
        } else {
            c.bytes.resize(values.size() * sizeof(float));
            std::memcpy(c.bytes.data(), values.data(), c.bytes.size());
        }
        converted.push_back(std::move(c));
        ++progress.tensorsDone;
    }
    progress.tensorName = {};
    values = {};
    scratch = {};

    // Stage the folder next to the destination (same file system, so the final rename is atomic).
    fs::create_directories(outDir.parent_path().empty() ? fs::path(".") : outDir.parent_path(), ec);
    OFFSITE_ASSIGN_OR_RETURN(const fs::path stagingPath, makeSiblingFolder(outDir, "partial"));
    ScopedFolder staging(stagingPath);

    progress.stage = ConvertProgress::Stage::WritingWeights;
    if (!report(progress)) return cancelled(outDir);
    std::vector<safetensors::TensorView> views;
    views.reserve(converted.size());
    for (const Converted& c : converted) {
        views.push_back({c.name, options.dtype == OutputDtype::BFloat16 ? safetensors::DType::BF16 : safetensors::DType::F32,
                         c.shape, std::span<const std::byte>(c.bytes)});
    }
    const safetensors::Metadata metadata{{"format", "pt"}, {"source", "gguf"}};
    if (auto st = safetensors::write(staging.path() / "model.safetensors", views, metadata); !st.ok()) {
        return st.error().withContext("writing model.safetensors");
    }
    views.clear();
    converted.clear();

    progress.stage = ConvertProgress::Stage::WritingTokenizer;
    if (!report(progress)) return cancelled(outDir);
    const std::array<std::pair<const char*, const std::string*>, 4> documents{{
        {"config.json", &configJson},
        {"generation_config.json", &generationJson},
        {"tokenizer.json", &tokenizerJson},
        {"tokenizer_config.json", &tokenizerConfigJson},
    }};
    for (const auto& [name, text] : documents) {
        OFFSITE_TRY(writeFileAtomic(staging.path() / name, *text));
    }

    progress.stage = ConvertProgress::Stage::Publishing;
    if (!report(progress)) return cancelled(outDir);
    std::optional<ScopedFolder> old;
    if (fs::exists(fs::symlink_status(outDir, ec))) {
        OFFSITE_ASSIGN_OR_RETURN(const fs::path oldPath, makeSiblingFolder(outDir, "old"));
        fs::rename(outDir, oldPath, ec);  // replaces the empty placeholder folder
        if (ec) {
            fs::remove(oldPath, ec);
            return makeError(ErrorKind::Io, "cannot move the existing " + outDir.string() + " aside: " + ec.message());
        }
        old.emplace(oldPath);
    }
    fs::rename(staging.path(), outDir, ec);
    if (ec) {
        const std::string why = ec.message();
        if (old) {
            std::error_code restore;
            fs::rename(old->path(), outDir, restore);
            if (!restore) old->release();
        }
        return makeError(ErrorKind::Io, "cannot move the converted model into " + outDir.string() + ": " + why);
    }
    staging.release();
    const fs::path parent = outDir.parent_path().empty() ? fs::path(".") : outDir.parent_path();
    OFFSITE_TRY(syncDirectory(parent));
    return {};
}

}  // namespace offsite::gguf

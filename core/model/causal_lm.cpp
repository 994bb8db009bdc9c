// Assembly of embeddings, decoder blocks, final norm and head into a causal LM; weight loading from
// safetensors with strict name/shape checks; the Hugging Face loss.
#include "core/model/causal_lm.h"

#include <cstring>
#include <set>

#include "core/base/file_io.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::model {
namespace {

using config::Architecture;
namespace st = offsite::safetensors;

// OPT's learned positions are offset by 2 (a fairseq legacy).
constexpr std::int64_t kOptPositionOffset = 2;

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::optional<torch::ScalarType> torchType(st::DType dtype) {
    switch (dtype) {
        case st::DType::F64: return torch::kFloat64;
        case st::DType::F32: return torch::kFloat32;
        case st::DType::F16: return torch::kFloat16;
        case st::DType::BF16: return torch::kBFloat16;
        case st::DType::I64: return torch::kInt64;
        case st::DType::I32: return torch::kInt32;
        case st::DType::I16: return torch::kInt16;
        case st::DType::I8: return torch::kInt8;
        case st::DType::U8: return torch::kUInt8;
        case st::DType::Bool: return torch::kBool;
        default: return std::nullopt;
    }
}

bool isFloating(st::DType dtype) {
    return dtype == st::DType::F32 || dtype == st::DType::F16 || dtype == st::DType::BF16 || dtype == st::DType::F64;
}

// Names that checkpoints carry but that hold no learned state of ours.
bool isIgnorableBuffer(const std::string& name) {
    auto endsWith = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return endsWith(".attn.bias") || endsWith(".attn.masked_bias") || endsWith("rotary_emb.inv_freq");
}

}  // namespace

Result<st::TensorView> tensorView(const std::string& name, const torch::Tensor& tensor) {
    std::optional<st::DType> dtype;
    switch (tensor.scalar_type()) {
        case torch::kFloat32: dtype = st::DType::F32; break;
        case torch::kFloat16: dtype = st::DType::F16; break;
        case torch::kBFloat16: dtype = st::DType::BF16; break;
        case torch::kFloat64: dtype = st::DType::F64; break;
        case torch::kInt64: dtype = st::DType::I64; break;
        default: break;
    }
    if (!dtype || !tensor.is_contiguous() || !tensor.device().is_cpu()) {
        return makeError(ErrorKind::Unsupported, "the tensor \"" + name + "\" cannot be written (type or layout)");
    }
    return st::TensorView{name, *dtype, tensor.sizes().vec(),
                          std::span<const std::byte>(static_cast<const std::byte*>(tensor.data_ptr()),
                                                     static_cast<std::size_t>(tensor.nbytes()))};
}

Error torchError(const std::string& what, const std::exception& e) {
    std::string message = e.what();
    if (auto newline = message.find('\n'); newline != std::string::npos) message.resize(newline);
    return makeError(ErrorKind::Internal, what + ": " + message);
}

Result<torch::Tensor> tensorFromFile(const st::ModelFiles& files, const std::string& name) {
    const st::TensorInfo* info = files.find(name);
    if (info == nullptr) return makeError(ErrorKind::NotFound, "the tensor \"" + name + "\" is missing");
    auto type = torchType(info->dtype);
    if (!type) {
        return makeError(ErrorKind::Unsupported, "the tensor \"" + name + "\" has the data type " +
                                                     std::string(st::dtypeName(info->dtype)) +
                                                     ", which cannot be loaded");
    }
    auto bytes = files.bytes(name);
    auto out = torch::empty(info->shape, torch::TensorOptions().dtype(*type));
    if (static_cast<std::size_t>(out.nbytes()) != bytes.size()) {
        return makeError(ErrorKind::Integrity, "the tensor \"" + name + "\" has an inconsistent size");
    }
    // memcpy rather than from_blob: the mapped bytes need not be aligned for the element type.
    if (!bytes.empty()) std::memcpy(out.data_ptr(), bytes.data(), bytes.size());
    return out;
}

CausalLMImpl::CausalLMImpl(const config::ModelConfig& config) : config_(config) {
    const auto d = config.hiddenSize;
    tokenEmbedding_ = torch::nn::Embedding(config.vocabSize, d);
    layers_ = torch::nn::ModuleList();
    norm_ = Norm(config);
    switch (config.architecture) {
        case Architecture::Gpt2: {
            body_ = register_module("transformer", std::make_shared<torch::nn::Module>());
            positionEmbedding_ = torch::nn::Embedding(config.maxPositions, d);
            body_->register_module("wte", tokenEmbedding_);
            body_->register_module("wpe", positionEmbedding_);
            body_->register_module("h", layers_);
            body_->register_module("ln_f", norm_);
            break;
        }
        case Architecture::Opt: {
            auto model = register_module("model", std::make_shared<torch::nn::Module>());
            body_ = model->register_module("decoder", std::make_shared<torch::nn::Module>());
            positionEmbedding_ = torch::nn::Embedding(config.maxPositions + kOptPositionOffset, d);
            body_->register_module("embed_tokens", tokenEmbedding_);
            body_->register_module("embed_positions", positionEmbedding_);
            body_->register_module("layers", layers_);
            body_->register_module("final_layer_norm", norm_);
            break;
        }
        case Architecture::Llama: {
            body_ = register_module("model", std::make_shared<torch::nn::Module>());
            body_->register_module("embed_tokens", tokenEmbedding_);
            body_->register_module("layers", layers_);
            body_->register_module("norm", norm_);
            // inv_freq exactly as transformers computes it (fp32, integer arange).
            auto exponents = torch::arange(0, config.headDim, 2, torch::kInt64).to(torch::kFloat32) /
                             static_cast<double>(config.headDim);
            ropeInvFreq_ = 1.0 / torch::pow(config.ropeTheta, exponents);
            break;
        }
    }
    for (std::int64_t i = 0; i < config.numLayers; ++i) {
        auto block = makeBlock(config);
        blocks_.push_back(block);
        layers_->push_back(block);
    }
    if (!config.tieWordEmbeddings) {
        lmHead_ = register_module("lm_head",
                                  torch::nn::Linear(torch::nn::LinearOptions(d, config.vocabSize).bias(false)));
    }
}

void CausalLMImpl::setBlocks(std::vector<DecoderBlock> blocks) {
    auto list = torch::nn::ModuleList();
    for (auto& block : blocks) list->push_back(block);
    const char* name = config_.architecture == Architecture::Gpt2 ? "h" : "layers";
    layers_ = body_->replace_module(name, list);
    blocks_ = std::move(blocks);
    config_.numLayers = static_cast<std::int64_t>(blocks_.size());
}

torch::Tensor CausalLMImpl::positionIds(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                        std::int64_t past) const {
    const auto length = inputIds.size(1);
    if (config_.architecture == Architecture::Opt && attentionMask.defined()) {
        // transformers' OPT derives positions from the mask, so padding does not shift them.
        auto mask = attentionMask.to(torch::kInt64);
        auto positions = torch::cumsum(mask, 1) * mask - 1;
        return positions.narrow(1, past, length);
    }
    auto options = torch::TensorOptions().dtype(torch::kInt64).device(inputIds.device());
    return torch::arange(past, past + length, options).unsqueeze(0).expand({inputIds.size(0), length});
}

torch::Tensor CausalLMImpl::embed(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                  std::int64_t past) {
    auto hidden = tokenEmbedding_->forward(inputIds);
    if (positionEmbedding_) {
        auto positions = positionIds(inputIds, attentionMask, past);
        if (config_.architecture == Architecture::Opt) positions = positions + kOptPositionOffset;
        hidden = hidden + positionEmbedding_->forward(positions);
    }
    return hidden;
}

AttentionContext CausalLMImpl::attentionContext(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                                std::int64_t past) {
    AttentionContext context;
    const auto batch = inputIds.size(0);
    const auto length = inputIds.size(1);
    const auto total = past + length;
    auto device = inputIds.device();
    if (attentionMask.defined()) {
        auto rows = torch::arange(past, total, torch::TensorOptions().dtype(torch::kInt64).device(device));
        auto cols = torch::arange(total, torch::TensorOptions().dtype(torch::kInt64).device(device));
        auto causal = cols.unsqueeze(0) <= rows.unsqueeze(1);                      // [T, S]
        auto keyValid = attentionMask.to(torch::kBool).view({batch, 1, 1, total});  // [B, 1, 1, S]
        auto mask = causal.view({1, 1, length, total}) & keyValid;
        // A row with nothing to attend to (a left-padding query) would give NaN; let it see itself.
        auto empty = ~mask.any(-1, true);
        auto diagonal = (cols.unsqueeze(0) == rows.unsqueeze(1)).view({1, 1, length, total});
        context.mask = mask | (empty & diagonal);
    } else if (length == 1 || past > 0) {
        if (length == 1) {
            context.causal = false;  // one new query sees every cached key
        } else {
            auto rows = torch::arange(past, total, torch::TensorOptions().dtype(torch::kInt64).device(device));
            auto cols = torch::arange(total, torch::TensorOptions().dtype(torch::kInt64).device(device));
            context.mask = (cols.unsqueeze(0) <= rows.unsqueeze(1)).view({1, 1, length, total});
        }
    } else {
        context.causal = true;
    }
    if (config_.architecture == Architecture::Llama) {
        auto positions = positionIds(inputIds, attentionMask, past).to(torch::kFloat32);
        auto invFreq = ropeInvFreq_.to(device);
        auto freqs = positions.unsqueeze(-1) * invFreq.view({1, 1, -1});  // [B, T, D/2]
        auto angles = torch::cat({freqs, freqs}, -1);
        auto dtype = tokenEmbedding_->weight.scalar_type();
        context.ropeCos = angles.cos().to(dtype).unsqueeze(1);
        context.ropeSin = angles.sin().to(dtype).unsqueeze(1);
    }
    return context;
}

torch::Tensor CausalLMImpl::runBlocks(torch::Tensor hidden, const AttentionContext& context, std::size_t first,
                                      std::size_t last, KvCache* cache) {
    for (std::size_t i = first; i < last && i < blocks_.size(); ++i) {
        hidden = blocks_[i]->forward(hidden, context, cache ? &cache->blocks[i] : nullptr);
    }
    return hidden;
}

torch::Tensor CausalLMImpl::hiddenStates(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                         KvCache* cache) {
    const std::int64_t past = cache ? cache->length() : 0;
    auto context = attentionContext(inputIds, attentionMask, past);
    auto hidden = embed(inputIds, attentionMask, past);
    hidden = runBlocks(hidden, context, 0, blocks_.size(), cache);
    return norm_->forward(hidden);
}

torch::Tensor CausalLMImpl::logits(const torch::Tensor& hidden) {
    if (lmHead_) return lmHead_->forward(hidden);
    return torch::nn::functional::linear(hidden, tokenEmbedding_->weight);
}

torch::Tensor CausalLMImpl::forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                    KvCache* cache) {
    return logits(hiddenStates(inputIds, attentionMask, cache));
}

void CausalLMImpl::initializeWeights() {
    torch::NoGradGuard noGrad;
    for (auto& item : named_parameters(true)) {
        const std::string& name = item.key();
        auto& p = item.value();
        const bool isNorm = name.find("norm") != std::string::npos || name.find("ln_") != std::string::npos;
        if (p.dim() >= 2) p.normal_(0.0, 0.02);
        else if (isNorm && name.size() >= 6 && name.compare(name.size() - 6, 6, "weight") == 0) p.fill_(1.0);
        else p.zero_();
    }
}

Status CausalLMImpl::loadWeights(const st::ModelFiles& files) {
    torch::NoGradGuard noGrad;
    std::set<std::string> used;
    for (auto& item : named_parameters(/*recurse=*/true)) {
        const std::string& name = item.key();
        std::string fileName = name;
        if (files.find(fileName) == nullptr && config_.architecture == Architecture::Gpt2 &&
            name.rfind("transformer.", 0) == 0) {
            fileName = name.substr(std::string("transformer.").size());  // original GPT-2 checkpoints
        }
        const st::TensorInfo* info = files.find(fileName);
        if (info == nullptr) {
            return makeError(ErrorKind::NotFound,
                             "the weights lack the tensor \"" + name + "\" that a " +
                                 std::string(config_.architectureName()) + " model with " +
                                 std::to_string(config_.numLayers) +
                                 " blocks needs; the weights do not belong to this config.json");
        }
        torch::Tensor& param = item.value();
        if (info->shape != param.sizes().vec()) {
            return makeError(ErrorKind::InvalidInput, "the tensor \"" + fileName + "\" has the shape " +
                                                          shapeText(info->shape) + " but config.json implies " +
                                                          shapeText(param.sizes().vec()));
        }
        if (!isFloating(info->dtype)) {
            return makeError(ErrorKind::InvalidInput, "the tensor \"" + fileName +
                                                          "\" is not floating point (" +
                                                          std::string(st::dtypeName(info->dtype)) + ")");
        }
        OFFSITE_ASSIGN_OR_RETURN(auto source, tensorFromFile(files, fileName));
        param.copy_(source);
        used.insert(fileName);
    }
    for (const auto& name : files.names()) {
        if (used.count(name) || isIgnorableBuffer(name)) continue;
        if (config_.tieWordEmbeddings && name == "lm_head.weight") continue;  // a saved copy of the tied head
        return makeError(ErrorKind::InvalidInput,
                         "the weights contain the tensor \"" + name + "\" that this " +
                             std::string(config_.architectureName()) + " model with " +
                             std::to_string(config_.numLayers) +
                             " blocks does not have; the weights and config.json do not match");
    }
    return {};
}

Status CausalLMImpl::saveWeights(const std::filesystem::path& file) {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> keep;
    std::vector<st::TensorView> views;
    for (auto& item : named_parameters(true)) {
        auto t = item.value().detach().to(torch::kCPU, torch::kFloat32).contiguous();
        keep.push_back(t);
        OFFSITE_ASSIGN_OR_RETURN(auto view, tensorView(item.key(), t));
        views.push_back(std::move(view));
    }
    return st::write(file, views, st::Metadata{{"format", "pt"}});
}

Status CausalLMImpl::saveModel(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot create " + folder.string() + ": " + ec.message());
    OFFSITE_TRY(writeFileAtomic(folder / "config.json", config::toHuggingFaceJson(config_)));
    return saveWeights(folder / "model.safetensors");
}

torch::Tensor causalLmLoss(const torch::Tensor& logits, const torch::Tensor& labels) {
    const auto length = logits.size(1);
    auto shiftedLogits = logits.narrow(1, 0, length - 1).reshape({-1, logits.size(-1)}).to(torch::kFloat32);
    auto shiftedLabels = labels.narrow(1, 1, length - 1).reshape({-1});
    return torch::nn::functional::cross_entropy(
        shiftedLogits, shiftedLabels, torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex));
}

}  // namespace offsite::model

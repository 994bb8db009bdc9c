// The adapter fine-tuning loop, its checkpoints and its exact resume.
#include "core/trainer/trainer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include <ATen/autocast_mode.h>
#include <c10/core/CachingDeviceAllocator.h>
#include <torch/torch.h>

#include "core/base/file_io.h"
#include "core/config/model_config.h"
#include "core/crypto/sha256.h"
#include "core/emulator/naming.h"
#include "core/emulator/split.h"
#include "core/json/json.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/observed_write.h"
#include "core/safetensors/safetensors.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
namespace F = torch::nn::functional;
namespace st = offsite::safetensors;

constexpr std::size_t kMaxStateJsonBytes = 64u << 20;

bool usesExamples(const TrainingParams& p) { return !p.trainExamples.empty(); }
bool isLora(TrainableSet set);

Status validateExamples(const std::vector<Example>& examples, const TrainingParams& p, const std::string& which) {
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto& e = examples[i];
        if (e.completion.empty()) {
            return makeError(ErrorKind::InvalidInput, which + " example " + std::to_string(i + 1) +
                                                          " has an empty completion; every example needs something "
                                                          "to learn");
        }
        const auto length = e.prompt.size() + e.completion.size();
        if (e.completion.size() > static_cast<std::size_t>(p.blockSize)) {
            return makeError(ErrorKind::InvalidInput,
                             which + " example " + std::to_string(i + 1) + " has a completion of " +
                                 std::to_string(e.completion.size()) + " tokens, more than the block size of " +
                                 std::to_string(p.blockSize) + "; shorten it or raise the block size (--block-size)");
        }
        if (length > static_cast<std::size_t>(p.blockSize) && p.truncation != Truncation::Left) {
            return makeError(ErrorKind::InvalidInput,
                             which + " example " + std::to_string(i + 1) + " has " + std::to_string(length) +
                                 " tokens, more than the limit of " + std::to_string(p.blockSize) +
                                 " (the block size); shorten it, raise the block size (--block-size), or cut long "
                                 "prompts from the left (--truncate left)");
        }
    }
    return {};
}

// The examples as trained on: with Truncation::Left, a prompt too long for the block loses its first tokens.
std::vector<Example> truncatedExamples(const std::vector<Example>& examples, const TrainingParams& p) {
    std::vector<Example> out = examples;
    const auto block = static_cast<std::size_t>(p.blockSize);
    for (auto& e : out) {
        if (e.prompt.size() + e.completion.size() <= block) continue;
        const std::size_t keep = block - e.completion.size();
        e.prompt.erase(e.prompt.begin(), e.prompt.end() - static_cast<std::ptrdiff_t>(keep));
    }
    return out;
}

Status validate(const TrainingParams& p) {
    auto bad = [](const std::string& m) { return makeError(ErrorKind::InvalidInput, m); };
    if (p.blockSize < 2) return bad("the block size must be at least 2 tokens");
    if (p.microBatch < 1 || p.accumulation < 1) return bad("the batch size and accumulation steps must be at least 1");
    if (p.maxSteps < 1) return bad("train for at least one step");
    if (!(p.learningRate > 0.0) || !std::isfinite(p.learningRate)) return bad("the learning rate must be positive");
    if (p.weightDecay < 0.0 || !std::isfinite(p.weightDecay)) return bad("the weight decay cannot be negative");
    if (p.warmupSteps < 0) return bad("the warm-up cannot be negative");
    if (p.checkpointEvery < 0) return bad("the checkpoint interval cannot be negative");
    if (p.patience < 0) return bad("the early-stopping patience cannot be negative");
    if (p.checkpointEvery > 0 && p.checkpointFolder.empty()) {
        return bad("checkpoints every " + std::to_string(p.checkpointEvery) + " steps need a checkpoint folder");
    }
    if (isLora(p.trainable)) {
        if (p.lora.rank < 1 || p.lora.rank > 4096) return bad("the LoRA rank must be between 1 and 4096");
        if (!(p.lora.alpha > 0.0) || !std::isfinite(p.lora.alpha)) return bad("the LoRA alpha must be positive");
        if (p.lora.dropout != 0.0) {
            return makeError(ErrorKind::Unsupported, "LoRA dropout is not supported (the update is trained as merged "
                                                     "weights); set the LoRA dropout to 0");
        }
    }
    if (usesExamples(p)) {
        if (!p.trainTokens.empty()) return bad("give either a token stream or examples to train on, not both");
        OFFSITE_TRY(validateExamples(p.trainExamples, p, "training"));
        OFFSITE_TRY(validateExamples(p.validationExamples, p, "validation"));
        return {};
    }
    if (p.trainTokens.size() < static_cast<std::size_t>(p.blockSize)) {
        return bad("the training text has " + std::to_string(p.trainTokens.size()) +
                   " tokens, fewer than one block of " + std::to_string(p.blockSize) +
                   "; add more text or choose a smaller block size");
    }
    return {};
}

Status checkVocabulary(const std::vector<std::int32_t>& ids, std::int64_t vocab) {
    for (auto id : ids) {
        if (id < 0 || id >= vocab) {
            return makeError(ErrorKind::InvalidInput, "the training data holds the token id " + std::to_string(id) +
                                                          ", outside the model's vocabulary; was it tokenized with "
                                                          "this model's tokenizer?");
        }
    }
    return {};
}

torch::Tensor toBlocks(const std::vector<std::int32_t>& tokens, int blockSize) {
    const auto count = static_cast<std::int64_t>(tokens.size()) / blockSize;
    std::vector<std::int64_t> ids(tokens.begin(), tokens.begin() + count * blockSize);
    return torch::tensor(ids, torch::kInt64).view({count, blockSize});
}

// One forward/backward's worth of sequences: ids [B, T], the attention mask (undefined when nothing is padded) and
// the labels (kIgnoreIndex where no loss is taken: prompts and padding).
struct Batch {
    torch::Tensor ids;
    torch::Tensor mask;
    torch::Tensor labels;
    std::int64_t predicted = 0;  // labels[:, 1:] that are not ignored
};

Batch blockBatch(const torch::Tensor& rows) {
    Batch b;
    b.ids = rows;
    b.labels = rows;
    b.predicted = rows.size(0) * (rows.size(1) - 1);
    return b;
}

// tokens(prompt) ++ tokens(completion), right padded to the longest row; loss on the completion only.
Batch exampleBatch(const std::vector<const Example*>& rows) {
    std::size_t longest = 0;
    for (const auto* e : rows) longest = std::max(longest, e->prompt.size() + e->completion.size());
    const auto n = static_cast<std::int64_t>(rows.size());
    const auto t = static_cast<std::int64_t>(longest);
    auto ids = torch::zeros({n, t}, torch::kInt64);
    auto mask = torch::zeros({n, t}, torch::kInt64);
    auto labels = torch::full({n, t}, model::kIgnoreIndex, torch::kInt64);
    auto idA = ids.accessor<std::int64_t, 2>();
    auto maskA = mask.accessor<std::int64_t, 2>();
    auto labelA = labels.accessor<std::int64_t, 2>();
    Batch b;
    bool padded = false;
    for (std::int64_t r = 0; r < n; ++r) {
        const Example& e = *rows[static_cast<std::size_t>(r)];
        std::int64_t c = 0;
        for (auto id : e.prompt) {
            idA[r][c] = id;
            maskA[r][c++] = 1;
        }
        for (auto id : e.completion) {
            idA[r][c] = id;
            maskA[r][c] = 1;
            labelA[r][c++] = id;
        }
        padded = padded || c < t;
        // A completion token at position 0 (empty prompt) has nothing before it to predict it.
        b.predicted += static_cast<std::int64_t>(e.completion.size()) - (e.prompt.empty() ? 1 : 0);
    }
    b.ids = ids;
    b.mask = padded ? mask : torch::Tensor();
    b.labels = labels;
    return b;
}

// The batch on the training device (a no-op on the CPU). Built on the host, copied once per micro-batch.
Batch onDevice(Batch b, const torch::Device& device) {
    if (b.ids.device() == device) return b;
    const bool labelsAreIds = b.labels.is_same(b.ids);
    b.ids = b.ids.to(device);
    if (b.mask.defined()) b.mask = b.mask.to(device);
    b.labels = labelsAreIds ? b.ids : b.labels.to(device);
    return b;
}

// bf16 autocast on one device type for the lifetime of the guard (as torch.autocast), restoring what was set.
class AutocastBf16 {
public:
    AutocastBf16(bool on, at::DeviceType device) : on_(on), device_(device) {
        if (!on_) return;
        wasEnabled_ = at::autocast::is_autocast_enabled(device_);
        wasType_ = at::autocast::get_autocast_dtype(device_);
        at::autocast::set_autocast_enabled(device_, true);
        at::autocast::set_autocast_dtype(device_, at::kBFloat16);
        at::autocast::increment_nesting();
    }
    ~AutocastBf16() {
        if (!on_) return;
        if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
        at::autocast::set_autocast_enabled(device_, wasEnabled_);
        at::autocast::set_autocast_dtype(device_, wasType_);
    }
    AutocastBf16(const AutocastBf16&) = delete;
    AutocastBf16& operator=(const AutocastBf16&) = delete;

private:
    bool on_;
    at::DeviceType device_;
    bool wasEnabled_ = false;
    at::ScalarType wasType_ = at::kBFloat16;
};

// What the backward pass of a checkpointed block needs to run it again. Kept alive by the step (LossParts) until
// the backward pass is done.
struct BlockRecompute {
    model::CausalLMImpl* lm = nullptr;
    std::shared_ptr<const model::AttentionContext> context;
    std::size_t block = 0;
    std::vector<torch::Tensor> params;  // the block's parameters that take gradients
    bool autocast = false;
    at::DeviceType device = at::kCPU;

    torch::Tensor run(const torch::Tensor& hidden) const {
        AutocastBf16 cast(autocast, device);
        return lm->runBlocks(hidden, *context, block, block + 1);
    }
};

// Activation checkpointing of one block (libtorch has no torch.utils.checkpoint): the forward pass runs the block
// without recording a graph and saves only its input; the backward pass runs it again with gradients on and takes
// the gradients of its input and trainable parameters from that recomputation. The parameters are inputs of the
// function so that the engine accumulates their gradients as usual.
struct CheckpointedBlock : public torch::autograd::Function<CheckpointedBlock> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor hidden, at::TensorList params,
                                 std::int64_t handle) {
        (void)params;  // reach the recomputation through the handle
        ctx->saved_data["handle"] = handle;
        ctx->save_for_backward({hidden});
        torch::NoGradGuard noGrad;
        return reinterpret_cast<const BlockRecompute*>(handle)->run(hidden);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        const auto* recompute = reinterpret_cast<const BlockRecompute*>(ctx->saved_data["handle"].toInt());
        const torch::Tensor saved = ctx->get_saved_variables()[0];
        const bool inputNeedsGrad = ctx->needs_input_grad(0);
        torch::Tensor input = saved.detach().requires_grad_(inputNeedsGrad);
        torch::Tensor output;
        {
            torch::AutoGradMode enable(true);
            output = recompute->run(input);
        }
        std::vector<torch::Tensor> wrt;
        if (inputNeedsGrad) wrt.push_back(input);
        wrt.insert(wrt.end(), recompute->params.begin(), recompute->params.end());
        auto grads = torch::autograd::grad({output}, wrt, {gradOutputs[0]}, /*retain_graph=*/false,
                                           /*create_graph=*/false, /*allow_unused=*/true);
        torch::autograd::variable_list out;
        std::size_t next = 0;
        out.push_back(inputNeedsGrad ? grads[next++] : torch::Tensor());
        for (std::size_t i = 0; i < recompute->params.size(); ++i) out.push_back(grads[next++]);
        out.push_back(torch::Tensor());  // the handle
        return out;
    }
};

struct ForwardOptions {
    bool checkpointBlocks = false;
    bool autocast = false;
};

struct LossParts {
    torch::Tensor sum;       // summed next-token loss over non-ignored labels
    torch::Tensor logits;    // [B, T, V]
    std::vector<std::shared_ptr<BlockRecompute>> recompute;  // checkpointed blocks, until the backward pass
};

// The model's forward pass (as CausalLMImpl::forward), with blocks checkpointed when asked and gradients are on.
torch::Tensor forwardLogits(model::CausalLMImpl& lm, const Batch& batch, const ForwardOptions& options,
                            std::vector<std::shared_ptr<BlockRecompute>>& recompute) {
    const at::DeviceType device = batch.ids.device().type();
    AutocastBf16 cast(options.autocast, device);
    if (!options.checkpointBlocks || !torch::GradMode::is_enabled()) return lm.forward(batch.ids, batch.mask);
    auto context = std::make_shared<const model::AttentionContext>(lm.attentionContext(batch.ids, batch.mask, 0));
    auto hidden = lm.embed(batch.ids, batch.mask, 0);
    for (std::size_t i = 0; i < lm.blocks().size(); ++i) {
        std::vector<torch::Tensor> params;
        for (const auto& param : lm.blocks()[i]->parameters()) {
            if (param.requires_grad()) params.push_back(param);
        }
        if (params.empty() && !hidden.requires_grad()) {  // below the trainable blocks: no graph anyway
            hidden = lm.runBlocks(hidden, *context, i, i + 1);
            continue;
        }
        auto r = std::make_shared<BlockRecompute>(
            BlockRecompute{&lm, context, i, std::move(params), options.autocast, device});
        hidden = CheckpointedBlock::apply(hidden, at::TensorList(r->params), reinterpret_cast<std::int64_t>(r.get()));
        recompute.push_back(std::move(r));
    }
    return lm.logits(lm.finalNorm(hidden));
}

LossParts lossSum(model::CausalLMImpl& lm, const Batch& batch, const ForwardOptions& options = {}) {
    std::vector<std::shared_ptr<BlockRecompute>> recompute;
    auto logits = forwardLogits(lm, batch, options, recompute);
    const auto length = batch.ids.size(1);
    auto predicted = logits.narrow(1, 0, length - 1).reshape({-1, logits.size(-1)}).to(torch::kFloat32);
    auto targets = batch.labels.narrow(1, 1, length - 1).reshape({-1});
    auto sum = F::cross_entropy(
        predicted, targets, F::CrossEntropyFuncOptions().reduction(torch::kSum).ignore_index(model::kIgnoreIndex));
    return {sum, logits, std::move(recompute)};
}

struct Evaluation {
    double loss = std::numeric_limits<double>::quiet_NaN();
    double accuracy = -1.0;
};

// A float64 sum that stays on the device until the end (one host sync per validation, not one per batch); adding
// float32 values to it in float64 gives the same value as adding them on the host.
torch::Tensor deviceSum(const torch::Device& device, torch::ScalarType type = torch::kFloat64) {
    return torch::zeros({}, torch::TensorOptions().dtype(type).device(device));
}

Evaluation evaluateBlocks(model::CausalLMImpl& lm, const torch::Tensor& blocks, int microBatch,
                          const torch::Device& device) {
    torch::NoGradGuard noGrad;
    lm.eval();
    torch::Tensor total = deviceSum(device);
    std::int64_t count = 0;
    for (std::int64_t start = 0; start < blocks.size(0); start += microBatch) {
        auto batch = onDevice(
            blockBatch(blocks.narrow(0, start, std::min<std::int64_t>(microBatch, blocks.size(0) - start))), device);
        total += lossSum(lm, batch).sum.to(torch::kFloat64);
        count += batch.predicted;
    }
    lm.train();
    Evaluation out;
    if (count) out.loss = total.item<double>() / static_cast<double>(count);
    return out;
}

Evaluation evaluateExamples(model::CausalLMImpl& lm, const std::vector<Example>& examples, int microBatch,
                            const torch::Device& device) {
    torch::NoGradGuard noGrad;
    lm.eval();
    torch::Tensor total = deviceSum(device);
    std::int64_t count = 0;
    torch::Tensor correct = deviceSum(device, torch::kInt64);
    for (std::size_t start = 0; start < examples.size(); start += static_cast<std::size_t>(microBatch)) {
        std::vector<const Example*> rows;
        for (std::size_t i = start; i < std::min(examples.size(), start + static_cast<std::size_t>(microBatch)); ++i) {
            rows.push_back(&examples[i]);
        }
        auto batch = onDevice(exampleBatch(rows), device);
        auto parts = lossSum(lm, batch);
        total += parts.sum.to(torch::kFloat64);
        count += batch.predicted;
        // Teacher-forced exact match of the completion: every label position's argmax equals the label.
        const auto length = batch.ids.size(1);
        auto guesses = parts.logits.narrow(1, 0, length - 1).argmax(-1);
        auto targets = batch.labels.narrow(1, 1, length - 1);
        auto scored = targets.ne(model::kIgnoreIndex);
        auto wrong = (guesses.ne(targets) & scored).sum(1);
        correct += (wrong.eq(0) & scored.any(1)).sum();
    }
    lm.train();
    Evaluation out;
    if (count) out.loss = total.item<double>() / static_cast<double>(count);
    if (!examples.empty()) {
        out.accuracy = static_cast<double>(correct.item<std::int64_t>()) / static_cast<double>(examples.size());
    }
    return out;
}

std::int64_t residentBytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long long size = 0;
    long long resident = 0;
    const int read = std::fscanf(f, "%lld %lld", &size, &resident);
    std::fclose(f);
    if (read != 2) return 0;
    return static_cast<std::int64_t>(resident) * static_cast<std::int64_t>(::sysconf(_SC_PAGESIZE));
}

struct MemoryUse {
    std::int64_t now = 0;
    std::int64_t peak = 0;
};

// CUDA: the caching allocator's allocated bytes (what tensors hold, not what it reserved), now and at their peak
// since resetMemoryPeak. CPU: the process's resident memory now and at its peak.
MemoryUse memoryUse(const torch::Device& device) {
    if (device.is_cuda()) {
        try {
            const auto stats = c10::getDeviceAllocator(c10::DeviceType::CUDA)->getDeviceStats(device.index());
            const auto& allocated =
                stats.allocated_bytes[static_cast<std::size_t>(c10::CachingAllocator::StatType::AGGREGATE)];
            return {allocated.current, allocated.peak};
        } catch (const std::exception&) {
            return {};  // statistics are informative only
        }
    }
    rusage usage{};
    const std::int64_t peak = ::getrusage(RUSAGE_SELF, &usage) == 0 ? std::int64_t{usage.ru_maxrss} * 1024 : 0;
    const std::int64_t now = residentBytes();
    return {now, std::max(now, peak)};
}

void resetMemoryPeak(const torch::Device& device) {
    if (!device.is_cuda()) return;  // the process's peak RSS cannot be reset
    try {
        c10::getDeviceAllocator(c10::DeviceType::CUDA)->resetPeakStats(device.index());
    } catch (const std::exception&) {
    }
}

std::string exactText(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string hashTokens(const std::vector<std::int32_t>& ids) {
    return crypto::sha256Hex(
        std::string_view(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(std::int32_t)));
}

std::string hashExamples(const std::vector<Example>& examples) {
    crypto::Sha256 h;
    for (const auto& e : examples) {
        const std::int64_t sizes[2] = {static_cast<std::int64_t>(e.prompt.size()),
                                       static_cast<std::int64_t>(e.completion.size())};
        h.update(std::string_view(reinterpret_cast<const char*>(sizes), sizeof sizes));
        h.update(std::string_view(reinterpret_cast<const char*>(e.prompt.data()), e.prompt.size() * 4));
        h.update(std::string_view(reinterpret_cast<const char*>(e.completion.data()), e.completion.size() * 4));
    }
    return h.finishHex();
}

// Everything a run's trajectory depends on, by name: a checkpoint continues only a run whose settings, data and
// model give the same values. Threads, outputs and checkpoint settings are not part of it.
Result<std::vector<std::pair<std::string, std::string>>> trajectorySettings(const TrainingParams& p) {
    std::vector<std::pair<std::string, std::string>> s;
    std::vector<fs::path> modelFiles;
    std::error_code ec;
    for (fs::directory_iterator it(p.modelFolder, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name == "config.json" || name == "split.json" || it->path().extension() == ".safetensors") {
            modelFiles.push_back(it->path());
        }
    }
    std::sort(modelFiles.begin(), modelFiles.end());
    crypto::Sha256 model;
    for (const auto& file : modelFiles) {
        OFFSITE_ASSIGN_OR_RETURN(auto digest, crypto::sha256OfFile(file));
        model.update(file.filename().string() + ":" + digest.sha256 + "\n");
    }
    s.emplace_back("model", model.finishHex());
    s.emplace_back("trainable", std::to_string(static_cast<int>(p.trainable)));
    if (isLora(p.trainable)) {
        s.emplace_back("lora", std::to_string(p.lora.rank) + "/" + exactText(p.lora.alpha) + "/" +
                                   exactText(p.lora.dropout));
    }
    s.emplace_back("block_size", std::to_string(p.blockSize));
    // Only when set, so runs without it keep the settings hash of their checkpoints.
    if (p.truncation != Truncation::None) s.emplace_back("truncation", std::to_string(static_cast<int>(p.truncation)));
    if (p.autocastBf16) s.emplace_back("autocast", "bf16");
    s.emplace_back("micro_batch", std::to_string(p.microBatch));
    s.emplace_back("accumulation", std::to_string(p.accumulation));
    s.emplace_back("max_steps", std::to_string(p.maxSteps));
    s.emplace_back("learning_rate", exactText(p.learningRate));
    s.emplace_back("weight_decay", exactText(p.weightDecay));
    s.emplace_back("schedule", std::to_string(static_cast<int>(p.schedule)));
    s.emplace_back("warmup_steps", std::to_string(p.warmupSteps));
    s.emplace_back("clip_norm", exactText(p.clipNorm));
    s.emplace_back("data_order", std::to_string(static_cast<int>(p.order)));
    s.emplace_back("seed", std::to_string(p.seed));
    s.emplace_back("eval_every", std::to_string(p.evalEvery));
    s.emplace_back("patience", std::to_string(p.patience));
    s.emplace_back("train_tokens", hashTokens(p.trainTokens));
    s.emplace_back("validation_tokens", hashTokens(p.validationTokens));
    s.emplace_back("train_examples", hashExamples(p.trainExamples));
    s.emplace_back("validation_examples", hashExamples(p.validationExamples));
    return s;
}

std::string settingsHash(const std::vector<std::pair<std::string, std::string>>& settings) {
    std::string text;
    for (const auto& [k, v] : settings) text += k + "=" + v + "\n";
    return crypto::sha256Hex(text);
}

st::TensorView byteView(const std::string& name, const torch::Tensor& bytes) {
    return st::TensorView{name, st::DType::U8, {bytes.numel()},
                          std::span<const std::byte>(static_cast<const std::byte*>(bytes.data_ptr()),
                                                     static_cast<std::size_t>(bytes.numel()))};
}

// The state of a run that a checkpoint carries besides the model's trainable tensors.
struct LoopState {
    int step = 0;
    torch::Tensor order;  // the current epoch's data order
    std::int64_t cursor = 0;
    std::vector<torch::Tensor> best;  // adapter tensors at the best validation, or empty
    int validationsSinceBest = 0;     // for early stopping
};

// What the trainer needs to know about its model to checkpoint and restore it.
struct TrainableState {
    std::vector<std::pair<std::string, torch::Tensor>> trainable;  // trains (reaches the optimizer)
    std::vector<std::pair<std::string, torch::Tensor>> adapter;    // written out (the whole trainable blocks)
};

bool isLora(TrainableSet set) { return set == TrainableSet::AdapterLora || set == TrainableSet::AllBlocksLora; }

// The linears LoRA adapts, per family, in Hugging Face's module order (the order their A matrices are initialised).
std::vector<std::string> loraTargets(config::Architecture arch) {
    switch (arch) {
        case config::Architecture::Llama:
            return {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                    "mlp.gate_proj",    "mlp.up_proj",      "mlp.down_proj"};
        case config::Architecture::Opt:
            return {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj", "fc1", "fc2"};
        case config::Architecture::Gpt2: return {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};
    }
    return {};
}

std::string moduleNames(const std::vector<std::string>& targets) {
    std::string out;
    for (const auto& t : targets) {
        const auto name = t.substr(t.rfind('.') == std::string::npos ? 0 : t.rfind('.') + 1);
        if (out.find(name) == std::string::npos) out += (out.empty() ? "" : ",") + name;
    }
    return out;
}

// One adapted linear. The update is applied as merged weights: before every forward the frozen weight holds
// W0 + scale * B A, its gradient G is computed by autograd, and A and B get scale * B^T G and scale * G A^T (the
// chain rule through the merge), which is LoRA's gradient exactly.
struct LoraLinear {
    std::string name;     // the weight's model name without ".weight"
    torch::Tensor weight;  // the model's parameter, overwritten with the merge
    torch::Tensor base;    // W0
    torch::Tensor a;       // [rank, in]
    torch::Tensor b;       // [out, rank]
    bool transposed = false;  // GPT-2 Conv1D stores the weight as [in, out]
};

struct Lora {
    std::vector<LoraLinear> linears;
    double scale = 1.0;

    void merge() {
        torch::NoGradGuard noGrad;
        for (auto& l : linears) {
            auto delta = l.b.mm(l.a).mul(scale);
            l.weight.copy_(l.base + (l.transposed ? delta.t() : delta));
        }
    }
    void clearGradients() {
        for (auto& l : linears) l.weight.mutable_grad() = torch::Tensor();
    }
    void chainGradients() {
        torch::NoGradGuard noGrad;
        for (auto& l : linears) {
            auto g = l.weight.grad();
            if (!g.defined()) continue;
            if (l.transposed) g = g.t();
            l.a.mutable_grad() = l.b.t().mm(g).mul(scale);
            l.b.mutable_grad() = g.mm(l.a.t()).mul(scale);
            l.weight.mutable_grad() = torch::Tensor();
        }
    }
};

// Writes a safetensors file; with `written`, also records its name, size and SHA-256, hashed while it is written.
Status writeTensors(const fs::path& file, const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                    const st::Metadata& metadata = {}, std::vector<CheckpointFile>* written = nullptr) {
    std::vector<torch::Tensor> keep;
    std::vector<st::TensorView> views;
    for (const auto& [name, tensor] : tensors) {
        auto t = tensor.detach().to(torch::kCPU).contiguous();  // files are device-independent
        keep.push_back(t);
        if (t.scalar_type() == torch::kUInt8) {
            views.push_back(byteView(name, t));
        } else {
            OFFSITE_ASSIGN_OR_RETURN(auto view, model::tensorView(name, t));
            views.push_back(std::move(view));
        }
    }
    if (written == nullptr) return st::write(file, views, metadata);
    crypto::Sha256 hash;
    std::uint64_t size = 0;
    OFFSITE_TRY(st::write(file, views, metadata, [&](std::span<const std::byte> bytes) {
        hash.update(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        size += bytes.size();
    }));
    written->push_back(CheckpointFile{file.filename().string(), size, hash.finishHex()});
    return {};
}

Result<fs::path> saveCheckpoint(const TrainingParams& p, const std::string& paramsHash,
                                const std::vector<std::pair<std::string, std::string>>& settings,
                                const TrainableState& model, torch::optim::AdamW& optimizer, at::Generator& data,
                                const LoopState& loop, const TrainingResult& result, const torch::Device& device) {
    std::error_code ec;
    fs::create_directories(p.checkpointFolder, ec);
    if (ec) {
        return makeError(ErrorKind::Io, "cannot create the checkpoint folder " + p.checkpointFolder.string() + ": " +
                                            ec.message());
    }
    const fs::path target = p.checkpointFolder / checkpointName(loop.step);
    OFFSITE_ASSIGN_OR_RETURN(const fs::path stagingPath, makeSiblingFolder(target, "tmp"));
    ScopedFolder staging(stagingPath);

    torch::NoGradGuard noGrad;
    // Every file is hashed while it is written, for checkpoint.json (no read-back).
    std::vector<CheckpointFile> written;
    OFFSITE_TRY(writeTensors(stagingPath / "trainable.safetensors", model.trainable, {}, &written));

    std::vector<std::pair<std::string, torch::Tensor>> moments;
    json::Value adamSteps = json::Value::object();
    for (const auto& [name, param] : model.trainable) {
        auto it = optimizer.state().find(param.unsafeGetTensorImpl());
        if (it == optimizer.state().end()) continue;
        const auto& s = static_cast<const torch::optim::AdamWParamState&>(*it->second);
        moments.emplace_back(name + ".exp_avg", s.exp_avg());
        moments.emplace_back(name + ".exp_avg_sq", s.exp_avg_sq());
        adamSteps.set(name, json::Value::integer(s.step()));
    }
    if (!moments.empty()) OFFSITE_TRY(writeTensors(stagingPath / "optimizer.safetensors", moments, {}, &written));

    std::vector<std::pair<std::string, torch::Tensor>> state;
    {
        auto cpu = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(cpu.mutex());
        state.emplace_back("rng.cpu", cpu.get_state());
    }
    if (device.is_cuda()) {
        // Nothing the trainer runs draws from it today (no dropout), but a resumed run must continue any that will.
        auto cuda = at::globalContext().defaultGenerator(device);
        std::lock_guard<std::mutex> lock(cuda.mutex());
        state.emplace_back("rng.cuda", cuda.get_state());
    }
    {
        std::lock_guard<std::mutex> lock(data.mutex());
        state.emplace_back("rng.data", data.get_state());
    }
    if (loop.order.defined()) state.emplace_back("data.order", loop.order);
    state.emplace_back("losses", torch::tensor(result.losses, torch::kFloat64));
    OFFSITE_TRY(writeTensors(stagingPath / "state.safetensors", state, {}, &written));

    if (!loop.best.empty()) {
        std::vector<std::pair<std::string, torch::Tensor>> best;
        for (std::size_t i = 0; i < model.adapter.size(); ++i) best.emplace_back(model.adapter[i].first, loop.best[i]);
        OFFSITE_TRY(writeTensors(stagingPath / "best.safetensors", best, {}, &written));
    }

    json::Value scalars = json::Value::object();
    scalars.set("step", json::Value::integer(loop.step));
    scalars.set("data_cursor", json::Value::integer(loop.cursor));
    scalars.set("data_seed", json::Value::unsignedInteger(p.seed));
    scalars.set("best_validation_loss", json::Value::number(result.bestValidationLoss));
    scalars.set("best_step", json::Value::integer(result.bestStep));
    scalars.set("validations_since_best", json::Value::integer(loop.validationsSinceBest));
    scalars.set("final_validation_loss", json::Value::number(result.finalValidationLoss));
    scalars.set("final_validation_accuracy", json::Value::number(result.finalValidationAccuracy));
    scalars.set("adam_steps", std::move(adamSteps));
    json::Value settingsJson = json::Value::object();
    for (const auto& [k, v] : settings) settingsJson.set(k, json::Value::string(v));
    scalars.set("settings", std::move(settingsJson));
    const std::string stateJson = json::serialize(scalars, json::Style::Pretty) + "\n";
    OFFSITE_TRY(writeFileAtomic(stagingPath / "state.json", stateJson));
    written.push_back(CheckpointFile{"state.json", stateJson.size(), crypto::sha256Hex(stateJson)});

    OFFSITE_ASSIGN_OR_RETURN(auto published, publishCheckpoint(stagingPath, p.checkpointFolder, loop.step, paramsHash,
                                                               p.keepCheckpoints, std::move(written)));
    staging.release();
    return published;
}

Error damaged(const fs::path& folder, const std::string& what) {
    return makeError(ErrorKind::Integrity, "the checkpoint " + folder.string() + " cannot be resumed: " + what);
}

Result<double> jsonNumber(const json::Value& doc, const char* key, const fs::path& folder) {
    const auto* v = doc.find(key);
    if (!v) return damaged(folder, std::string("state.json lacks \"") + key + "\"");
    if (v->isNull()) return -1.0;
    auto d = v->asDouble();
    if (!d) return damaged(folder, std::string("state.json has a malformed \"") + key + "\"");
    return *d;
}

Result<std::int64_t> jsonInteger(const json::Value& doc, const char* key, const fs::path& folder) {
    const auto* v = doc.find(key);
    if (!v || !v->asInt64()) return damaged(folder, std::string("state.json lacks \"") + key + "\"");
    return *v->asInt64();
}

Status restoreTensor(const st::ModelFiles& files, const std::string& name, torch::Tensor& into, const fs::path& folder) {
    auto t = model::tensorFromFile(files, name);
    if (!t.ok()) return damaged(folder, t.error().message);
    if (t->sizes() != into.sizes() || t->scalar_type() != into.scalar_type()) {
        return damaged(folder, "the tensor \"" + name + "\" has another shape or type than the model's");
    }
    torch::NoGradGuard noGrad;
    into.copy_(*t);
    return {};
}

// Loads a verified checkpoint into the model, optimizer, generators and loop; the caller checked the settings hash.
// Tensors are read on the host and copied into the model's and optimizer's tensors on the training device, so a
// checkpoint resumes on either device. The CUDA generator's state is restored only on CUDA, when the checkpoint has
// one (a CPU checkpoint resumed on CUDA keeps the seeded CUDA generator).
Status restoreCheckpoint(const CheckpointInfo& info, const TrainableState& model, torch::optim::AdamW& optimizer,
                         at::Generator& data, std::int64_t itemCount, LoopState& loop, TrainingResult& result,
                         const torch::Device& device) {
    const fs::path& folder = info.folder;
    OFFSITE_ASSIGN_OR_RETURN(auto text, readFile(folder / "state.json", kMaxStateJsonBytes));
    auto doc = json::parse(text);
    if (!doc.ok()) return damaged(folder, "state.json is not valid JSON");
    OFFSITE_ASSIGN_OR_RETURN(auto step, jsonInteger(*doc, "step", folder));
    if (step != info.step) return damaged(folder, "state.json and checkpoint.json disagree on the step");
    OFFSITE_ASSIGN_OR_RETURN(loop.cursor, jsonInteger(*doc, "data_cursor", folder));
    OFFSITE_ASSIGN_OR_RETURN(result.bestValidationLoss, jsonNumber(*doc, "best_validation_loss", folder));
    OFFSITE_ASSIGN_OR_RETURN(auto bestStep, jsonInteger(*doc, "best_step", folder));
    OFFSITE_ASSIGN_OR_RETURN(result.finalValidationLoss, jsonNumber(*doc, "final_validation_loss", folder));
    OFFSITE_ASSIGN_OR_RETURN(result.finalValidationAccuracy, jsonNumber(*doc, "final_validation_accuracy", folder));
    result.bestStep = static_cast<int>(bestStep);
    OFFSITE_ASSIGN_OR_RETURN(auto sinceBest, jsonInteger(*doc, "validations_since_best", folder));
    loop.validationsSinceBest = static_cast<int>(sinceBest);
    loop.step = static_cast<int>(step);

    OFFSITE_ASSIGN_OR_RETURN(auto trainable, st::ModelFiles::open(folder / "trainable.safetensors"));
    if (trainable.size() != model.trainable.size()) {
        return damaged(folder, "it holds " + std::to_string(trainable.size()) + " trainable tensors, this run trains " +
                                   std::to_string(model.trainable.size()));
    }
    for (auto [name, param] : model.trainable) OFFSITE_TRY(restoreTensor(trainable, name, param, folder));

    const auto* adamSteps = doc->find("adam_steps");
    if (!adamSteps || !adamSteps->isObject()) return damaged(folder, "state.json lacks the optimizer step counts");
    if (adamSteps->size() > 0) {
        OFFSITE_ASSIGN_OR_RETURN(auto moments, st::ModelFiles::open(folder / "optimizer.safetensors"));
        for (const auto& [name, param] : model.trainable) {
            const auto* count = adamSteps->find(name);
            if (!count) continue;
            if (!count->asInt64()) return damaged(folder, "a malformed optimizer step count");
            auto expAvg = torch::zeros_like(param);
            auto expAvgSq = torch::zeros_like(param);
            OFFSITE_TRY(restoreTensor(moments, name + ".exp_avg", expAvg, folder));
            OFFSITE_TRY(restoreTensor(moments, name + ".exp_avg_sq", expAvgSq, folder));
            auto s = std::make_unique<torch::optim::AdamWParamState>();
            s->step(*count->asInt64());
            s->exp_avg(expAvg);
            s->exp_avg_sq(expAvgSq);
            optimizer.state()[param.unsafeGetTensorImpl()] = std::move(s);
        }
    }

    OFFSITE_ASSIGN_OR_RETURN(auto state, st::ModelFiles::open(folder / "state.safetensors"));
    OFFSITE_ASSIGN_OR_RETURN(auto cpuState, model::tensorFromFile(state, "rng.cpu"));
    OFFSITE_ASSIGN_OR_RETURN(auto dataState, model::tensorFromFile(state, "rng.data"));
    OFFSITE_ASSIGN_OR_RETURN(auto losses, model::tensorFromFile(state, "losses"));
    if (cpuState.scalar_type() != torch::kUInt8 || dataState.scalar_type() != torch::kUInt8 ||
        losses.scalar_type() != torch::kFloat64 || losses.numel() != step) {
        return damaged(folder, "state.safetensors has unexpected contents");
    }
    {
        auto cpu = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(cpu.mutex());
        cpu.set_state(cpuState);
    }
    {
        std::lock_guard<std::mutex> lock(data.mutex());
        data.set_state(dataState);
    }
    if (device.is_cuda() && state.find("rng.cuda")) {
        OFFSITE_ASSIGN_OR_RETURN(auto cudaState, model::tensorFromFile(state, "rng.cuda"));
        if (cudaState.scalar_type() != torch::kUInt8) return damaged(folder, "its CUDA generator state is malformed");
        auto cuda = at::globalContext().defaultGenerator(device);
        std::lock_guard<std::mutex> lock(cuda.mutex());
        cuda.set_state(cudaState);
    }
    if (state.find("data.order")) {
        OFFSITE_ASSIGN_OR_RETURN(loop.order, model::tensorFromFile(state, "data.order"));
        if (loop.cursor < 0 || loop.cursor > loop.order.numel()) return damaged(folder, "the data cursor is out of range");
        // The order indexes the data: it must be a permutation of this run's items.
        if (loop.order.scalar_type() != torch::kInt64 || loop.order.dim() != 1 || loop.order.numel() != itemCount ||
            !torch::equal(std::get<0>(loop.order.sort()), torch::arange(itemCount, torch::kInt64))) {
            return damaged(folder, "its data order does not fit this data set");
        }
    }
    result.losses.assign(losses.data_ptr<double>(), losses.data_ptr<double>() + losses.numel());

    loop.best.clear();
    if (fs::exists(folder / "best.safetensors")) {
        OFFSITE_ASSIGN_OR_RETURN(auto best, st::ModelFiles::open(folder / "best.safetensors"));
        for (const auto& [name, tensor] : model.adapter) {
            auto copy = torch::empty_like(tensor);
            OFFSITE_TRY(restoreTensor(best, name, copy, folder));
            loop.best.push_back(copy);
        }
    }
    result.steps = loop.step;
    return {};
}

// Which checkpoint to resume: one named checkpoint (must verify) or the newest that verifies in a folder of them.
Result<CheckpointInfo> chooseCheckpoint(const fs::path& from, TrainingResult& result) {
    std::error_code ec;
    if (fs::exists(from / kCheckpointManifest, ec)) return readCheckpointInfo(from);
    OFFSITE_ASSIGN_OR_RETURN(auto found, findResumableCheckpoint(from));
    for (const auto& w : found.warnings) result.warnings.push_back(w);
    for (const auto& corrupt : found.corrupt) {
        auto moved = quarantineCheckpoint(corrupt);
        if (!moved.ok()) result.warnings.push_back(moved.error().message);
    }
    return found.info;
}

// The floating-point type a tensor of the model folder is stored in (float32 when absent or not a float).
torch::ScalarType storedType(const st::ModelFiles& files, const std::string& name) {
    const auto* info = files.find(name);
    if (info == nullptr) return torch::kFloat32;
    switch (info->dtype) {
        case st::DType::BF16: return torch::kBFloat16;
        case st::DType::F16: return torch::kFloat16;
        default: return torch::kFloat32;
    }
}

std::uint64_t tensorBytes(const std::vector<std::pair<std::string, torch::Tensor>>& tensors) {
    std::uint64_t total = 0;
    for (const auto& [name, t] : tensors) total += static_cast<std::uint64_t>(t.numel()) * t.element_size();
    return total;
}

// What one checkpoint takes on disk, from above: the trainable tensors with their two AdamW moments, the best
// adapter, the data order and loss history, the RNG states and the JSON files.
std::uint64_t estimatedCheckpointBytes(const TrainableState& state, std::int64_t items, int maxSteps, bool validates) {
    return 3 * tensorBytes(state.trainable) + (validates ? tensorBytes(state.adapter) : 0) +
           8 * static_cast<std::uint64_t>(std::max<std::int64_t>(items, 0)) + 8 * static_cast<std::uint64_t>(maxSteps) +
           (std::uint64_t{256} << 10);
}

std::optional<std::uint64_t> availableBytes(const TrainingParams& p) {
    std::error_code ec;
    fs::path at = p.checkpointFolder;
    while (!at.empty() && !fs::exists(at, ec)) {
        if (at == at.parent_path()) break;
        at = at.parent_path();
    }
    if (at.empty()) at = ".";
    if (p.freeSpace) return p.freeSpace(at);
    const auto info = fs::space(at, ec);
    if (ec) return std::nullopt;
    return static_cast<std::uint64_t>(info.available);
}

std::string byteText(std::uint64_t bytes) {
    char buffer[32];
    if (bytes >= (std::uint64_t{1} << 30)) {
        std::snprintf(buffer, sizeof buffer, "%.1f GiB", static_cast<double>(bytes) / (1u << 30));
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1u << 20));
    }
    return buffer;
}

// CKPT-4: why a checkpoint cannot be written now for lack of space, or nullopt.
std::optional<std::string> spaceShortage(const TrainingParams& p, std::uint64_t estimate, const fs::path& last) {
    if (p.checkpointFolder.empty()) return std::nullopt;
    const auto available = availableBytes(p);
    const std::uint64_t needed = 2 * estimate + p.checkpointSpaceMargin;
    if (!available || *available >= needed) return std::nullopt;
    return "not enough disk space for a checkpoint in " + p.checkpointFolder.string() + ": " + byteText(*available) +
           " free, " + byteText(needed) + " needed (twice the checkpoint's " + byteText(estimate) +
           " plus a margin); free some space, then resume" +
           (last.empty() ? std::string(" (the run has no checkpoint yet, so it starts again from the beginning)")
                         : " (it continues from " + last.string() + ")");
}

bool isDiskFull(const Error& e, const TrainingParams& p, std::uint64_t estimate) {
    if (e.kind != ErrorKind::Io) return false;
    if (e.message.find("free some disk space") != std::string::npos) return true;  // ENOSPC, EDQUOT (file_io)
    const auto available = availableBytes(p);
    return available && *available < estimate;
}

Status checkSettings(const CheckpointInfo& info, const std::string& hash,
                     const std::vector<std::pair<std::string, std::string>>& settings) {
    if (info.paramsHash == hash) return {};
    std::string differs;
    auto text = readFile(info.folder / "state.json", kMaxStateJsonBytes);
    if (text.ok()) {
        if (auto doc = json::parse(*text); doc.ok()) {
            if (const auto* saved = doc->find("settings")) {
                for (const auto& [k, v] : settings) {
                    const auto* old = saved->find(k);
                    if (!old || !old->asString() || *old->asString() != v) differs += (differs.empty() ? "" : ", ") + k;
                }
            }
        }
    }
    return makeError(ErrorKind::InvalidInput,
                     "the checkpoint " + info.folder.string() + " belongs to a run with other settings, data or "
                     "model" + (differs.empty() ? std::string() : " (" + differs + " differ)") +
                         "; resume with the settings it was started with, or start a new run");
}

}  // namespace

Result<TrainingResult> train(const TrainingParams& p, const ProgressCallback& onStep) {
    OFFSITE_TRY(validate(p));
    OFFSITE_ASSIGN_OR_RETURN(auto config, config::loadModelConfig(p.modelFolder / "config.json"));
    if (p.blockSize > config.maxPositions) {
        return makeError(ErrorKind::InvalidInput, "the block size " + std::to_string(p.blockSize) +
                                                      " is longer than the model's context of " +
                                                      std::to_string(config.maxPositions) + " tokens");
    }
    OFFSITE_TRY(checkVocabulary(p.trainTokens, config.vocabSize));
    OFFSITE_TRY(checkVocabulary(p.validationTokens, config.vocabSize));
    for (const auto* set : {&p.trainExamples, &p.validationExamples}) {
        for (const auto& e : *set) {
            OFFSITE_TRY(checkVocabulary(e.prompt, config.vocabSize));
            OFFSITE_TRY(checkVocabulary(e.completion, config.vocabSize));
        }
    }

    // The examples as trained on (copies only when prompts are cut).
    std::vector<Example> cutTrain;
    std::vector<Example> cutValidation;
    const std::vector<Example>* trainSet = &p.trainExamples;
    const std::vector<Example>* validationSet = &p.validationExamples;
    if (p.truncation == Truncation::Left) {
        cutTrain = truncatedExamples(p.trainExamples, p);
        cutValidation = truncatedExamples(p.validationExamples, p);
        trainSet = &cutTrain;
        validationSet = &cutValidation;
    }

    // Which blocks train.
    std::set<int> trainableBlocks;
    const int blocks = static_cast<int>(config.numLayers);
    if (p.trainable == TrainableSet::AllBlocks || p.trainable == TrainableSet::AllBlocksLora) {
        for (int i = 0; i < blocks; ++i) trainableBlocks.insert(i);
    } else {
        auto plan = emulator::readSplitPlan(p.modelFolder);
        if (!plan.ok()) {
            return plan.error().withContext("training the adapter needs a split model folder (made by `offsite owner "
                                            "split`)");
        }
        if (static_cast<int>(plan->sourceBlocks.size()) != blocks) {
            return makeError(ErrorKind::InvalidInput, "split.json and config.json disagree on the number of blocks");
        }
        for (int e = 0; e < blocks; ++e) {
            if (!plan->isAdapterBlock(e)) continue;
            if (p.trainable == TrainableSet::TopAdapterOnly && e < plan->spec.bottom) continue;
            trainableBlocks.insert(e);
        }
        if (trainableBlocks.empty()) {
            return makeError(ErrorKind::InvalidInput, "this split has no top adapter blocks to train with the bottom frozen");
        }
    }

    // The settings a checkpoint must match (hashing the model costs a read of its files, so only when needed).
    std::vector<std::pair<std::string, std::string>> settings;
    std::string paramsHash;
    if (!p.checkpointFolder.empty() || !p.resumeFrom.empty() || p.control != nullptr) {
        OFFSITE_ASSIGN_OR_RETURN(settings, trajectorySettings(p));
        paramsHash = settingsHash(settings);
    }

    TrainingResult result;
    OFFSITE_ASSIGN_OR_RETURN(result.device, model::resolveDevice(p.device));
    const torch::Device device =
        result.device == model::Device::Cuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    try {
        if (p.threads > 0) torch::set_num_threads(p.threads);
        torch::manual_seed(p.seed);  // the CUDA generators too
        resetMemoryPeak(device);
        model::CausalLM lm(config);
        OFFSITE_ASSIGN_OR_RETURN(auto files, st::ModelFiles::open(p.modelFolder));
        OFFSITE_TRY(lm->loadWeights(files));
        if (device.is_cuda()) lm->to(device);  // the frozen and the trainable parts
        lm->train();

        std::vector<torch::Tensor> decay;
        std::vector<torch::Tensor> noDecay;
        TrainableState state;
        Lora lora;
        const bool useLora = isLora(p.trainable);
        std::map<std::string, torch::Tensor> byName;
        for (auto& item : lm->named_parameters(true)) {
            auto& param = item.value();
            byName[item.key()] = param;
            const int block = emulator::blockOf(config.architecture, item.key());
            const bool inSet = block >= 0 && trainableBlocks.count(block) > 0;
            const bool trains = inSet && !useLora && (p.trainable != TrainableSet::AdapterBitFit || param.dim() == 1);
            param.set_requires_grad(trains);
            if (inSet && !useLora) state.adapter.emplace_back(item.key(), param);
            if (trains) {
                state.trainable.emplace_back(item.key(), param);
                (param.dim() >= 2 ? decay : noDecay).push_back(param);
                result.trainableParameters += param.numel();
            } else {
                result.frozenParameters += param.numel();
            }
        }
        if (useLora) {
            lora.scale = p.lora.alpha / p.lora.rank;
            const std::string prefix = emulator::blockPrefix(config.architecture);
            auto init = at::detail::createCPUGenerator(p.seed);
            for (int block : trainableBlocks) {
                for (const auto& target : loraTargets(config.architecture)) {
                    LoraLinear l;
                    l.name = prefix + std::to_string(block) + "." + target;
                    auto it = byName.find(l.name + ".weight");
                    if (it == byName.end() || it->second.dim() != 2) {
                        return makeError(ErrorKind::Internal, "the model has no linear \"" + l.name + "\" for LoRA");
                    }
                    l.weight = it->second;
                    l.transposed = config.architecture == config::Architecture::Gpt2;
                    const auto in = l.weight.size(l.transposed ? 0 : 1);
                    const auto out = l.weight.size(l.transposed ? 1 : 0);
                    l.base = l.weight.detach().clone();
                    // PEFT: kaiming_uniform_(A, a=sqrt(5)), i.e. uniform(-1/sqrt(in), 1/sqrt(in)); B = 0.
                    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
                    // Drawn on the host from the seeded generator, so A is the same on every device.
                    l.a = torch::empty({p.lora.rank, in})
                              .uniform_(-bound, bound, init)
                              .to(device)
                              .set_requires_grad(true);
                    l.b = torch::zeros({out, p.lora.rank}, torch::TensorOptions().device(device)).set_requires_grad(true);
                    l.weight.set_requires_grad(true);  // its gradient is chained into A and B
                    const std::string peft = "base_model.model." + l.name;
                    state.trainable.emplace_back(peft + ".lora_A.weight", l.a);
                    state.trainable.emplace_back(peft + ".lora_B.weight", l.b);
                    decay.push_back(l.a);
                    decay.push_back(l.b);
                    result.trainableParameters += l.a.numel() + l.b.numel();
                    lora.linears.push_back(std::move(l));
                }
            }
            state.adapter = state.trainable;
        }
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                       torch::optim::AdamWOptions(p.learningRate).weight_decay(p.weightDecay)));
        groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
                                         torch::optim::AdamWOptions(p.learningRate).weight_decay(0.0)));
        torch::optim::AdamW optimizer(std::move(groups), torch::optim::AdamWOptions(p.learningRate));
        std::vector<torch::Tensor> trainable = decay;
        trainable.insert(trainable.end(), noDecay.begin(), noDecay.end());

        const bool examples = usesExamples(p);
        torch::Tensor trainBlocks;
        torch::Tensor validationBlocks;
        std::int64_t itemCount = 0;
        if (examples) {
            itemCount = static_cast<std::int64_t>(p.trainExamples.size());
        } else {
            trainBlocks = toBlocks(p.trainTokens, p.blockSize);
            itemCount = trainBlocks.size(0);
            if (p.validationTokens.size() >= static_cast<std::size_t>(p.blockSize)) {
                validationBlocks = toBlocks(p.validationTokens, p.blockSize);
            }
        }
        const bool canValidate = examples ? !p.validationExamples.empty() : validationBlocks.defined();
        auto generator = at::detail::createCPUGenerator(p.seed);
        LoopState loop;

        if (!p.resumeFrom.empty()) {
            OFFSITE_ASSIGN_OR_RETURN(auto info, chooseCheckpoint(p.resumeFrom, result));
            OFFSITE_TRY(checkSettings(info, paramsHash, settings));
            OFFSITE_TRY(restoreCheckpoint(info, state, optimizer, generator, itemCount, loop, result, device));
            result.resumedFromStep = loop.step;
            result.lastCheckpoint = info.folder;
        }
        const std::uint64_t checkpointBytes = estimatedCheckpointBytes(state, itemCount, p.maxSteps, canValidate);
        if (auto shortage = spaceShortage(p, checkpointBytes, result.lastCheckpoint)) {
            result.outcome = TrainingOutcome::Paused;
            result.pauseReason = *shortage;
            return result;
        }

        auto nextItem = [&]() -> std::int64_t {
            if (!loop.order.defined() || loop.cursor >= loop.order.size(0)) {
                loop.order = p.order == DataOrder::Shuffled
                                 ? torch::randperm(itemCount, generator, torch::TensorOptions().dtype(torch::kInt64))
                                 : torch::arange(itemCount, torch::kInt64);
                loop.cursor = 0;
            }
            return loop.order[loop.cursor++].item<std::int64_t>();
        };
        auto checkpointNow = [&]() -> Status {
            auto saved = saveCheckpoint(p, paramsHash, settings, state, optimizer, generator, loop, result, device);
            if (!saved.ok()) {
                std::string kept = result.lastCheckpoint.empty() ? std::string("no earlier checkpoint exists")
                                                                 : "the previous checkpoint " +
                                                                       result.lastCheckpoint.string() + " is kept";
                return saved.error().withContext("saving the checkpoint at step " + std::to_string(loop.step) +
                                                 " failed (" + kept + ")");
            }
            result.lastCheckpoint = *saved;
            return {};
        };

        const ForwardOptions forwardOptions{p.activationCheckpointing, p.autocastBf16};
        while (loop.step < p.maxSteps) {
            const int step = loop.step;
            auto started = std::chrono::steady_clock::now();
            const double rate = scheduledRate(p.schedule, p.learningRate, p.warmupSteps, p.maxSteps, step);
            for (auto& group : optimizer.param_groups()) {
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
            }
            optimizer.zero_grad();
            if (useLora) {
                lora.merge();
                lora.clearGradients();
            }
            // Gather the whole step first so every micro-batch loss is divided by the step's count of predicted
            // tokens: then k micro-batches give exactly the gradient of one batch of k, ragged examples included.
            std::vector<Batch> micro;
            std::int64_t stepTokens = 0;
            std::int64_t stepInputTokens = 0;
            for (int m = 0; m < p.accumulation; ++m) {
                if (examples) {
                    std::vector<const Example*> rows;
                    for (int b = 0; b < p.microBatch; ++b) {
                        rows.push_back(&(*trainSet)[static_cast<std::size_t>(nextItem())]);
                    }
                    micro.push_back(onDevice(exampleBatch(rows), device));
                } else {
                    std::vector<torch::Tensor> rows;
                    for (int b = 0; b < p.microBatch; ++b) rows.push_back(trainBlocks[nextItem()]);
                    micro.push_back(onDevice(blockBatch(torch::stack(rows)), device));
                }
                stepTokens += micro.back().predicted;
                stepInputTokens += micro.back().ids.numel();
            }
            if (stepTokens == 0) {
                return makeError(ErrorKind::InvalidInput, "the examples of step " + std::to_string(step + 1) +
                                                              " have no completion token to learn from");
            }
            // The step's loss stays on the device until every micro-batch is done: one host sync per step.
            torch::Tensor lossTotal = deviceSum(device);
            for (const auto& batch : micro) {
                auto parts = lossSum(*lm, batch, forwardOptions);
                auto scaled = parts.sum / static_cast<double>(stepTokens);
                scaled.backward();
                lossTotal += scaled.detach().to(torch::kFloat64);
            }
            const double stepLoss = lossTotal.item<double>();
            if (!std::isfinite(stepLoss)) {
                return makeError(ErrorKind::InvalidInput,
                                 "the loss became NaN or infinite at step " + std::to_string(step + 1) +
                                     "; lower the learning rate (it is " + std::to_string(p.learningRate) + ")");
            }
            if (useLora) lora.chainGradients();
            double gradNorm = torch::nn::utils::clip_grad_norm_(
                trainable, p.clipNorm > 0.0 ? p.clipNorm : std::numeric_limits<double>::infinity());
            optimizer.step();
            result.losses.push_back(stepLoss);
            loop.step = step + 1;
            result.steps = loop.step;

            StepMetrics metrics;
            metrics.step = loop.step;
            metrics.totalSteps = p.maxSteps;
            metrics.loss = stepLoss;
            metrics.learningRate = rate;
            metrics.gradNorm = gradNorm;
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            metrics.tokensPerSecond = static_cast<double>(stepInputTokens) / seconds;
            const bool validateNow =
                canValidate && ((p.evalEvery > 0 && loop.step % p.evalEvery == 0) || loop.step == p.maxSteps);
            if (validateNow) {
                if (useLora) lora.merge();
                auto eval = examples ? evaluateExamples(*lm, *validationSet, p.microBatch, device)
                                     : evaluateBlocks(*lm, validationBlocks, p.microBatch, device);
                metrics.validationLoss = eval.loss;
                metrics.validationAccuracy = eval.accuracy;
                result.finalValidationLoss = eval.loss;
                result.finalValidationAccuracy = eval.accuracy;
                if (result.bestValidationLoss < 0 || eval.loss < result.bestValidationLoss) {
                    result.bestValidationLoss = eval.loss;
                    result.bestStep = loop.step;
                    loop.best.clear();
                    for (auto& [name, tensor] : state.adapter) loop.best.push_back(tensor.detach().clone());
                    loop.validationsSinceBest = 0;
                } else {
                    ++loop.validationsSinceBest;
                }
            }
            const auto request = p.control ? p.control->requested() : TrainingControl::Request::None;
            if (request != TrainingControl::Request::None) p.control->clear();  // acted on once
            result.stoppedEarly = p.patience > 0 && loop.validationsSinceBest >= p.patience && loop.step < p.maxSteps;
            const bool last = loop.step == p.maxSteps || result.stoppedEarly;
            const bool pause = request == TrainingControl::Request::Pause && !last;
            const bool stop = request == TrainingControl::Request::Stop && !last;
            if (pause && p.checkpointFolder.empty()) {
                return makeError(ErrorKind::InvalidInput,
                                 "pausing needs a checkpoint folder to write the run's state to; set one, or stop "
                                 "instead");
            }
            const bool due = p.checkpointEvery > 0 && loop.step % p.checkpointEvery == 0;
            std::string selfPause;  // CKPT-4: no space for the checkpoint
            if (!p.checkpointFolder.empty() && (due || pause || stop)) {
                if (auto shortage = spaceShortage(p, checkpointBytes, result.lastCheckpoint)) {
                    selfPause = *shortage;
                } else if (auto saved = checkpointNow(); !saved.ok()) {
                    if (!isDiskFull(saved.error(), p, checkpointBytes)) return saved.error();
                    selfPause = saved.error().message + "; free some disk space, then resume";
                } else {
                    metrics.checkpoint = result.lastCheckpoint;
                }
                if (!selfPause.empty() && stop) {
                    result.warnings.push_back("no checkpoint at step " + std::to_string(loop.step) + ": " + selfPause);
                    selfPause.clear();  // a stop writes its outputs; only the checkpoint is missing
                }
            }
            const MemoryUse memory = memoryUse(device);
            metrics.memoryBytes = memory.now;
            metrics.peakMemoryBytes = memory.peak;
            result.peakMemoryBytes = std::max(result.peakMemoryBytes, memory.peak);
            if (onStep && !onStep(metrics)) {
                return makeError(ErrorKind::Cancelled, "training was stopped at step " + std::to_string(loop.step));
            }
            if (pause || !selfPause.empty()) {
                result.outcome = TrainingOutcome::Paused;
                result.pauseReason = selfPause;
                return result;
            }
            if (stop) {
                result.outcome = TrainingOutcome::Stopped;
                break;
            }
            if (result.stoppedEarly) break;
        }

        if (!p.outputAdapter.empty()) {
            // The adapter kept is the one with the best validation loss on the emulator, as in the reference. A
            // plain adapter is written in the dtype of the model's own tensors of those names (a BF16 package's
            // adapter goes back as BF16, rounded to nearest even: the layout the export checks exactly, and the
            // bytes whose SHA-256 its provenance records); LoRA's tensors, which the model has not, stay float32.
            std::vector<std::pair<std::string, torch::Tensor>> out;
            for (std::size_t i = 0; i < state.adapter.size(); ++i) {
                const auto& name = state.adapter[i].first;
                out.emplace_back(name, (loop.best.empty() ? state.adapter[i].second : loop.best[i])
                                           .to(useLora ? torch::kFloat32 : storedType(files, name)));
            }
            st::Metadata metadata{{"format", "pt"}};
            if (useLora) {
                metadata.emplace_back("peft_type", "LORA");
                metadata.emplace_back("lora_rank", std::to_string(p.lora.rank));
                metadata.emplace_back("lora_alpha", exactText(p.lora.alpha));
                metadata.emplace_back("lora_dropout", exactText(p.lora.dropout));
                metadata.emplace_back("target_modules", moduleNames(loraTargets(config.architecture)));
                metadata.emplace_back("fan_in_fan_out", config.architecture == config::Architecture::Gpt2 ? "true" : "false");
            }
            OFFSITE_TRY(writeTensors(p.outputAdapter, out, metadata));
        }
        if (!p.outputModel.empty()) {
            if (!loop.best.empty()) {
                torch::NoGradGuard noGrad;
                for (std::size_t i = 0; i < state.adapter.size(); ++i) state.adapter[i].second.copy_(loop.best[i]);
            }
            if (useLora) lora.merge();  // the whole model with the (best) update merged in
            OFFSITE_TRY(lm->saveModel(p.outputModel));
            // A whole model folder: the tokenizer comes along, so the tuned model can be evaluated and prompted.
            for (const char* name : {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}) {
                const std::filesystem::path from = p.modelFolder / name;
                if (!std::filesystem::is_regular_file(from)) continue;
                OFFSITE_ASSIGN_OR_RETURN(const std::string bytes, readFile(from, std::size_t{64} << 20));
                OFFSITE_TRY(writeFileAtomic(p.outputModel / name, bytes));
            }
        }
    } catch (const std::exception& e) {
        return model::torchError("training failed", e);
    }
    return result;
}

}  // namespace offsite::trainer

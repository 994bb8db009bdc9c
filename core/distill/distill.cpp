// Emulator distillation: teacher = the full model's original middle blocks, student = the split's emulator blocks.
#include "core/distill/distill.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include <torch/torch.h>

#include "core/base/file_io.h"
#include "core/config/model_config.h"
#include "core/emulator/naming.h"
#include "core/emulator/split.h"
#include "core/json/json.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::distill {
namespace {

namespace fs = std::filesystem;
namespace F = torch::nn::functional;
namespace st = offsite::safetensors;

constexpr const char* kEmulatorShard = "emulator.safetensors";

Status validate(const DistillParams& p) {
    auto bad = [](const std::string& m) { return makeError(ErrorKind::InvalidInput, m); };
    if (p.fullModel.empty()) return bad("give the full model folder the split was made from");
    if (p.splitFolder.empty()) return bad("give the split folder to distil (made by `offsite owner split`)");
    if (p.blockSize < 2) return bad("the block size must be at least 2 tokens");
    if (p.batchSize < 1) return bad("the batch size must be at least 1");
    if (p.maxSteps < 1) return bad("distil for at least one step");
    if (!(p.learningRate > 0.0) || !std::isfinite(p.learningRate)) return bad("the learning rate must be positive");
    if (p.weightDecay < 0.0 || !std::isfinite(p.weightDecay)) return bad("the weight decay cannot be negative");
    if (p.warmupSteps < 0) return bad("the warm-up cannot be negative");
    if (!(p.lmWeight >= 0.0) || !(p.kdWeight >= 0.0) || !std::isfinite(p.lmWeight) || !std::isfinite(p.kdWeight) ||
        p.lmWeight + p.kdWeight <= 0.0) {
        return bad("the LM and KD weights must be non-negative and not both zero");
    }
    if (p.evalEvery < 0 || p.maxValidationBlocks < 0) return bad("validation settings cannot be negative");
    if (p.trainTokens.size() < static_cast<std::size_t>(p.blockSize)) {
        return bad("the training text has " + std::to_string(p.trainTokens.size()) +
                   " tokens, fewer than one block of " + std::to_string(p.blockSize) +
                   "; add more text or choose a smaller block size");
    }
    if (!p.output.empty()) {
        std::error_code ec;
        if (fs::exists(p.output, ec)) {
            return bad(p.output.string() + " already exists; choose a new folder for the distilled split");
        }
    }
    return {};
}

Status checkTokens(const std::vector<std::int32_t>& tokens, std::int64_t vocab, const char* what) {
    for (auto id : tokens) {
        if (id < 0 || id >= vocab) {
            return makeError(ErrorKind::InvalidInput, std::string("the ") + what + " holds the token id " +
                                                          std::to_string(id) +
                                                          ", outside the model's vocabulary; was it tokenized with "
                                                          "this model's tokenizer?");
        }
    }
    return {};
}

// The split must come from this full model: same shape, and the split's frozen tensors (adapter blocks,
// embeddings, norm, head) must be the full model's.
Status checkSameModel(const config::ModelConfig& full, const config::ModelConfig& split, const emulator::SplitPlan& plan) {
    const bool sameShape = full.architecture == split.architecture && full.vocabSize == split.vocabSize &&
                           full.hiddenSize == split.hiddenSize && full.numHeads == split.numHeads &&
                           full.numKvHeads == split.numKvHeads && full.headDim == split.headDim &&
                           full.intermediateSize == split.intermediateSize &&
                           full.tieWordEmbeddings == split.tieWordEmbeddings;
    if (!sameShape || plan.originalBlocks != static_cast<int>(full.numLayers)) {
        return makeError(ErrorKind::InvalidInput,
                         "the split folder was not made from this full model (their config.json files or block "
                         "counts differ); give the model folder that `offsite owner split` was run on");
    }
    if (static_cast<int>(plan.sourceBlocks.size()) != static_cast<int>(split.numLayers)) {
        return makeError(ErrorKind::InvalidInput, "split.json and config.json of the split folder disagree on the "
                                                  "number of blocks; split the model again");
    }
    return {};
}

torch::Tensor toBlocks(const std::vector<std::int32_t>& tokens, int blockSize, std::int64_t maxBlocks) {
    auto count = static_cast<std::int64_t>(tokens.size()) / blockSize;
    if (maxBlocks > 0) count = std::min(count, maxBlocks);
    std::vector<std::int64_t> ids(tokens.begin(), tokens.begin() + count * blockSize);
    return torch::tensor(ids, torch::kInt64).view({count, blockSize});
}

// Perplexity of a whole model (exp of the mean next-token loss) over token blocks (on the host), computed on the
// model's device with one host sync at the end (float64 sums: the same value as summing on the host).
double perplexity(model::CausalLMImpl& lm, const torch::Tensor& blocks, int batch, const torch::Device& device) {
    torch::NoGradGuard noGrad;
    auto total = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(device));
    std::int64_t count = 0;
    for (std::int64_t start = 0; start < blocks.size(0); start += batch) {
        auto ids = blocks.narrow(0, start, std::min<std::int64_t>(batch, blocks.size(0) - start)).to(device);
        auto logits = lm.forward(ids);
        const auto length = ids.size(1);
        auto predicted = logits.narrow(1, 0, length - 1).reshape({-1, logits.size(-1)}).to(torch::kFloat32);
        auto targets = ids.narrow(1, 1, length - 1).reshape({-1});
        total += F::cross_entropy(predicted, targets, F::CrossEntropyFuncOptions().reduction(torch::kSum))
                     .to(torch::kFloat64);
        count += targets.numel();
    }
    return count ? std::exp(total.item<double>() / static_cast<double>(count))
                 : std::numeric_limits<double>::quiet_NaN();
}

std::optional<torch::ScalarType> floatType(st::DType dtype) {
    switch (dtype) {
        case st::DType::F32: return torch::kFloat32;
        case st::DType::F16: return torch::kFloat16;
        case st::DType::BF16: return torch::kBFloat16;
        case st::DType::F64: return torch::kFloat64;
        default: return std::nullopt;
    }
}

// A file of the input carried into the staging folder: a hard link where the file system allows it (our writers
// never modify a published file in place, they replace it), else a durable copy.
Status carryOver(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_hard_link(from, to, ec);
    if (!ec) return {};
    OFFSITE_ASSIGN_OR_RETURN(auto mapped, MappedFile::open(from));
    OFFSITE_ASSIGN_OR_RETURN(auto writer, AtomicFileWriter::create(to));
    OFFSITE_TRY(writer.write(mapped.bytes()));
    return writer.commit();
}

struct Student {
    std::vector<std::string> names;  // Hugging Face names in the split model
    std::vector<torch::Tensor> params;
};

// Writes the distilled split: every file of the input but emulator.safetensors carried over, emulator.safetensors
// rewritten with the student's tensors (in the input's dtype) and every other tensor's bytes copied verbatim, and
// distill.json recording how it was made. Staged beside the output and published with one rename.
Status writeOutput(const DistillParams& p, const Student& student, const std::vector<torch::Tensor>& values,
                   const json::Value& record) {
    const fs::path shardPath = p.splitFolder / kEmulatorShard;
    OFFSITE_ASSIGN_OR_RETURN(auto shard, st::File::open(shardPath));
    std::map<std::string, std::size_t> studentIndex;
    for (std::size_t i = 0; i < student.names.size(); ++i) studentIndex.emplace(student.names[i], i);

    std::vector<torch::Tensor> keep;
    std::vector<st::TensorView> views;
    std::size_t written = 0;
    for (const auto& info : shard.tensors()) {
        auto it = studentIndex.find(info.name);
        if (it == studentIndex.end()) {
            views.push_back(st::TensorView{info.name, info.dtype, info.shape, shard.bytes(info)});
            continue;
        }
        auto type = floatType(info.dtype);
        if (!type || info.shape != values[it->second].sizes().vec()) {
            return makeError(ErrorKind::InvalidInput, shardPath.string() + ": the tensor \"" + info.name +
                                                          "\" does not match the emulator block it should hold");
        }
        auto t = values[it->second].detach().to(torch::kCPU, *type).contiguous();
        keep.push_back(t);
        OFFSITE_ASSIGN_OR_RETURN(auto view, model::tensorView(info.name, t));
        views.push_back(std::move(view));
        ++written;
    }
    if (written != student.names.size()) {
        return makeError(ErrorKind::InvalidInput, shardPath.string() + " does not hold all of the emulator's blocks; "
                                                  "split the model again with `offsite owner split`");
    }

    std::error_code ec;
    const fs::path parent = p.output.parent_path().empty() ? fs::path(".") : p.output.parent_path();
    fs::create_directories(parent, ec);
    OFFSITE_ASSIGN_OR_RETURN(const fs::path staging, makeSiblingFolder(p.output, "partial"));
    ScopedFolder temp(staging);
    for (const auto& entry : fs::directory_iterator(p.splitFolder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == kEmulatorShard || name == "distill.json" || name.empty() || name[0] == '.') continue;
        std::error_code typeError;
        if (!entry.is_regular_file(typeError)) continue;
        OFFSITE_TRY(carryOver(entry.path(), staging / name));
    }
    if (ec) return makeError(ErrorKind::Io, "cannot list " + p.splitFolder.string() + ": " + ec.message());
    OFFSITE_TRY(st::write(staging / kEmulatorShard, views, shard.metadata()));
    OFFSITE_TRY(writeFileAtomic(staging / "distill.json", json::serialize(record, json::Style::Pretty) + "\n"));
    OFFSITE_TRY(syncDirectory(staging));
    fs::rename(staging, p.output, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot publish " + p.output.string() + ": " + ec.message());
    temp.release();
    return syncDirectory(parent);
}

}  // namespace

Result<DistillResult> distill(const DistillParams& p, const DistillCallback& onStep) {
    OFFSITE_TRY(validate(p));
    OFFSITE_ASSIGN_OR_RETURN(auto fullConfig, config::loadModelConfig(p.fullModel / "config.json"));
    OFFSITE_ASSIGN_OR_RETURN(auto splitConfig, config::loadModelConfig(p.splitFolder / "config.json"));
    auto planResult = emulator::readSplitPlan(p.splitFolder);
    if (!planResult.ok()) {
        return planResult.error().withContext("distillation needs a split folder made by `offsite owner split`");
    }
    const emulator::SplitPlan plan = planResult.value();
    OFFSITE_TRY(checkSameModel(fullConfig, splitConfig, plan));
    if (p.blockSize > splitConfig.maxPositions) {
        return makeError(ErrorKind::InvalidInput, "the block size " + std::to_string(p.blockSize) +
                                                      " is longer than the model's context of " +
                                                      std::to_string(splitConfig.maxPositions) + " tokens");
    }
    OFFSITE_TRY(checkTokens(p.trainTokens, splitConfig.vocabSize, "training text"));
    OFFSITE_TRY(checkTokens(p.validationTokens, splitConfig.vocabSize, "validation text"));

    const auto bottom = static_cast<std::size_t>(plan.spec.bottom);
    const auto studentEnd = bottom + static_cast<std::size_t>(plan.spec.emulatorBlocks);
    const auto blocks = plan.sourceBlocks.size();
    const auto teacherBegin = static_cast<std::size_t>(plan.spec.bottom);
    const auto teacherEnd = static_cast<std::size_t>(plan.originalBlocks - plan.spec.top);
    const auto arch = splitConfig.architecture;

    DistillResult result;
    OFFSITE_ASSIGN_OR_RETURN(result.device, model::resolveDevice(p.device));
    const torch::Device device =
        result.device == model::Device::Cuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    const auto started = std::chrono::steady_clock::now();
    try {
        if (p.threads > 0) torch::set_num_threads(p.threads);
        torch::manual_seed(p.seed);
        OFFSITE_ASSIGN_OR_RETURN(auto fullFiles, st::ModelFiles::open(p.fullModel));
        OFFSITE_ASSIGN_OR_RETURN(auto splitFiles, st::ModelFiles::open(p.splitFolder));
        model::CausalLM full(fullConfig);
        if (auto loaded = full->loadWeights(fullFiles); !loaded.ok()) {
            return loaded.error().withContext("loading the full model " + p.fullModel.string());
        }
        model::CausalLM emulated(splitConfig);
        if (auto loaded = emulated->loadWeights(splitFiles); !loaded.ok()) {
            return loaded.error().withContext("loading the split " + p.splitFolder.string());
        }
        full->eval();
        emulated->train();

        // Every tensor but the student's must be the full model's own (else the teacher would not match).
        std::map<std::string, torch::Tensor> fullParams;
        for (auto& item : full->named_parameters(true)) fullParams.emplace(item.key(), item.value());
        Student student;
        std::vector<torch::Tensor> decay;
        std::vector<torch::Tensor> noDecay;
        const std::string prefix = emulator::blockPrefix(arch);
        for (auto& item : emulated->named_parameters(true)) {
            auto& param = item.value();
            std::string suffix;
            const int block = emulator::blockOf(arch, item.key(), &suffix);
            const bool inStudent = block >= static_cast<int>(bottom) && block < static_cast<int>(studentEnd);
            param.set_requires_grad(inStudent);
            if (inStudent) {
                student.names.push_back(item.key());
                student.params.push_back(param);
                (param.dim() >= 2 ? decay : noDecay).push_back(param);
                result.studentParameters += param.numel();
                continue;
            }
            const std::string fullName =
                block < 0 ? item.key() : prefix + std::to_string(plan.sourceBlocks[static_cast<std::size_t>(block)]) + "." + suffix;
            auto it = fullParams.find(fullName);
            if (it == fullParams.end() || !torch::equal(it->second, param)) {
                return makeError(ErrorKind::InvalidInput,
                                 "the split folder was not made from this full model: its tensor \"" + item.key() +
                                     "\" differs from the full model's \"" + fullName +
                                     "\"; give the model folder that `offsite owner split` was run on");
            }
        }
        if (!p.output.empty()) {
            // Fail before training, not after it, when the distilled emulator could not be written.
            const fs::path shardPath = p.splitFolder / kEmulatorShard;
            OFFSITE_ASSIGN_OR_RETURN(auto shard, st::File::open(shardPath));
            for (const auto& name : student.names) {
                if (shard.find(name) == nullptr) {
                    return makeError(ErrorKind::InvalidInput, shardPath.string() + " lacks the emulator tensor \"" + name +
                                                                  "\"; split the model again with `offsite owner split`");
                }
            }
        }
        fullParams.clear();  // holds every tensor of the full model; only the teacher's blocks stay alive below
        for (auto& param : full->parameters()) param.set_requires_grad(false);
        if (device.is_cuda()) {  // after the comparison above, which runs on the host
            full->to(device);
            emulated->to(device);
        }
        std::vector<model::DecoderBlock> teacher(full->blocks().begin() + static_cast<std::ptrdiff_t>(teacherBegin),
                                                 full->blocks().begin() + static_cast<std::ptrdiff_t>(teacherEnd));
        result.teacherParameters = static_cast<std::int64_t>(teacher.size()) * config::parametersPerBlock(fullConfig);

        torch::Tensor validationBlocks;
        if (p.validationTokens.size() >= static_cast<std::size_t>(p.blockSize)) {
            validationBlocks = toBlocks(p.validationTokens, p.blockSize, p.maxValidationBlocks);
            result.fullPerplexity = perplexity(*full, validationBlocks, p.batchSize, device);
            result.initialPerplexity = perplexity(*emulated, validationBlocks, p.batchSize, device);
        }
        full = nullptr;  // only the teacher's blocks are needed from here on

        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                       torch::optim::AdamWOptions(p.learningRate).weight_decay(p.weightDecay)));
        groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
                                         torch::optim::AdamWOptions(p.learningRate).weight_decay(0.0)));
        torch::optim::AdamW optimizer(std::move(groups), torch::optim::AdamWOptions(p.learningRate));

        auto trainBlocks = toBlocks(p.trainTokens, p.blockSize, 0);
        auto generator = at::detail::createCPUGenerator(p.seed);
        torch::Tensor order;
        std::int64_t cursor = 0;
        auto nextBlock = [&]() -> std::int64_t {
            if (!order.defined() || cursor >= order.size(0)) {
                order = p.order == DataOrder::Shuffled
                            ? torch::randperm(trainBlocks.size(0), generator, torch::TensorOptions().dtype(torch::kInt64))
                            : torch::arange(trainBlocks.size(0), torch::kInt64);
                cursor = 0;
            }
            return order[cursor++].item<std::int64_t>();
        };

        std::vector<torch::Tensor> best;
        for (int step = 0; step < p.maxSteps; ++step) {
            const auto stepStarted = std::chrono::steady_clock::now();
            const double rate =
                trainer::scheduledRate(p.schedule, p.learningRate, p.warmupSteps, p.maxSteps, step);
            for (auto& group : optimizer.param_groups()) {
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
            }
            optimizer.zero_grad();
            std::vector<torch::Tensor> rows;
            for (int b = 0; b < p.batchSize; ++b) rows.push_back(trainBlocks[nextBlock()]);
            auto ids = torch::stack(rows).to(device);
            auto context = emulated->attentionContext(ids, {}, 0);
            torch::Tensor hidden;
            torch::Tensor target;
            {
                // Nothing below the student trains: no autograd graph for the bottom blocks or the teacher.
                torch::NoGradGuard noGrad;
                hidden = emulated->runBlocks(emulated->embed(ids, {}, 0), context, 0, bottom);
                target = hidden;
                for (const auto& block : teacher) target = block->forward(target, context, nullptr);
            }
            auto studentOut = emulated->runBlocks(hidden, context, bottom, studentEnd);
            auto top = emulated->runBlocks(studentOut, context, studentEnd, blocks);
            auto lm = model::causalLmLoss(emulated->logits(emulated->finalNorm(top)), ids);
            auto targetF = target.to(torch::kFloat32);
            auto kd = (targetF - studentOut.to(torch::kFloat32)).pow(2).mean() / targetF.pow(2).mean();
            auto loss = p.lmWeight * lm + p.kdWeight * kd;
            // The three numbers reach the host together: one sync for them per step.
            const auto values = torch::stack({loss.detach(), lm.detach(), kd.detach()}).to(torch::kCPU, torch::kFloat64);
            const double lossValue = values[0].item<double>();
            if (!std::isfinite(lossValue)) {
                return makeError(ErrorKind::InvalidInput,
                                 "the loss became NaN or infinite at step " + std::to_string(step + 1) +
                                     "; lower the learning rate (it is " + std::to_string(p.learningRate) + ")");
            }
            loss.backward();
            const double gradNorm = torch::nn::utils::clip_grad_norm_(
                student.params, p.clipNorm > 0.0 ? p.clipNorm : std::numeric_limits<double>::infinity());
            optimizer.step();

            DistillStep metrics;
            metrics.step = step + 1;
            metrics.totalSteps = p.maxSteps;
            metrics.loss = lossValue;
            metrics.lm = values[1].item<double>();
            metrics.kd = values[2].item<double>();
            metrics.learningRate = rate;
            metrics.gradNorm = gradNorm;
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stepStarted).count();
            metrics.tokensPerSecond = static_cast<double>(ids.numel()) / std::max(seconds, 1e-9);
            result.losses.push_back(metrics.loss);
            result.lm.push_back(metrics.lm);
            result.kd.push_back(metrics.kd);
            result.steps = step + 1;

            const bool last = step + 1 == p.maxSteps;
            if (validationBlocks.defined() && ((p.evalEvery > 0 && (step + 1) % p.evalEvery == 0) || last)) {
                emulated->eval();
                metrics.validationPerplexity = perplexity(*emulated, validationBlocks, p.batchSize, device);
                emulated->train();
                if (result.bestPerplexity < 0 || metrics.validationPerplexity < result.bestPerplexity) {
                    result.bestPerplexity = metrics.validationPerplexity;
                    result.bestStep = step + 1;
                    best.clear();
                    for (auto& param : student.params) best.push_back(param.detach().clone());
                }
            }
            if (onStep && !onStep(metrics)) {
                return makeError(ErrorKind::Cancelled, "distillation was stopped at step " + std::to_string(step + 1));
            }
        }
        if (best.empty()) {
            result.bestStep = result.steps;
            for (auto& param : student.params) best.push_back(param.detach().clone());
        }
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

        if (!p.output.empty()) {
            json::Value record = json::Value::object();
            record.set("format", json::Value::string("offsite-distill"));
            record.set("version", json::Value::integer(1));
            record.set("split", json::Value::string(plan.spec.text()));
            record.set("steps", json::Value::integer(result.steps));
            record.set("kept_step", json::Value::integer(result.bestStep));
            record.set("block_size", json::Value::integer(p.blockSize));
            record.set("batch_size", json::Value::integer(p.batchSize));
            record.set("learning_rate", json::Value::number(p.learningRate));
            record.set("warmup_steps", json::Value::integer(p.warmupSteps));
            record.set("lm_weight", json::Value::number(p.lmWeight));
            record.set("kd_weight", json::Value::number(p.kdWeight));
            record.set("seed", json::Value::unsignedInteger(p.seed));
            record.set("train_tokens", json::Value::integer(static_cast<std::int64_t>(p.trainTokens.size())));
            if (result.bestPerplexity > 0) {
                record.set("validation_perplexity_before", json::Value::number(result.initialPerplexity));
                record.set("validation_perplexity_after", json::Value::number(result.bestPerplexity));
                record.set("validation_perplexity_full", json::Value::number(result.fullPerplexity));
            }
            OFFSITE_TRY(writeOutput(p, student, best, record));
        }
    } catch (const std::exception& e) {
        return model::torchError("distillation failed", e);
    }
    return result;
}

}  // namespace offsite::distill

// The adapter fine-tuning loop.
#include "core/trainer/trainer.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <set>

#include <torch/torch.h>

#include "core/config/model_config.h"
#include "core/emulator/naming.h"
#include "core/emulator/split.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;
namespace F = torch::nn::functional;

constexpr double kPi = 3.14159265358979323846;

// Learning rate for optimizer step `step` (0-based), as transformers' schedulers compute it.
double scheduledRate(const TrainingParams& p, int step) {
    if (step < p.warmupSteps) return p.learningRate * static_cast<double>(step) / std::max(1, p.warmupSteps);
    const double span = std::max(1, p.maxSteps - p.warmupSteps);
    const double progress = static_cast<double>(step - p.warmupSteps) / span;
    switch (p.schedule) {
        case Schedule::Constant: return p.learningRate;
        case Schedule::Linear: return p.learningRate * std::max(0.0, 1.0 - progress);
        case Schedule::Cosine: return p.learningRate * std::max(0.0, 0.5 * (1.0 + std::cos(kPi * progress)));
    }
    return p.learningRate;
}

Status validate(const TrainingParams& p) {
    auto bad = [](const std::string& m) { return makeError(ErrorKind::InvalidInput, m); };
    if (p.blockSize < 2) return bad("the block size must be at least 2 tokens");
    if (p.microBatch < 1 || p.accumulation < 1) return bad("the batch size and accumulation steps must be at least 1");
    if (p.maxSteps < 1) return bad("train for at least one step");
    if (!(p.learningRate > 0.0) || !std::isfinite(p.learningRate)) return bad("the learning rate must be positive");
    if (p.weightDecay < 0.0 || !std::isfinite(p.weightDecay)) return bad("the weight decay cannot be negative");
    if (p.warmupSteps < 0) return bad("the warm-up cannot be negative");
    if (p.trainTokens.size() < static_cast<std::size_t>(p.blockSize)) {
        return bad("the training text has " + std::to_string(p.trainTokens.size()) +
                   " tokens, fewer than one block of " + std::to_string(p.blockSize) +
                   "; add more text or choose a smaller block size");
    }
    return {};
}

torch::Tensor toBlocks(const std::vector<std::int32_t>& tokens, int blockSize) {
    const auto count = static_cast<std::int64_t>(tokens.size()) / blockSize;
    std::vector<std::int64_t> ids(tokens.begin(), tokens.begin() + count * blockSize);
    return torch::tensor(ids, torch::kInt64).view({count, blockSize});
}

// Sum of next-token losses and the number of predicted tokens.
std::pair<torch::Tensor, std::int64_t> lossSum(model::CausalLMImpl& lm, const torch::Tensor& ids) {
    auto logits = lm.forward(ids);
    const auto length = ids.size(1);
    auto predicted = logits.narrow(1, 0, length - 1).reshape({-1, logits.size(-1)}).to(torch::kFloat32);
    auto targets = ids.narrow(1, 1, length - 1).reshape({-1});
    auto sum = F::cross_entropy(predicted, targets, F::CrossEntropyFuncOptions().reduction(torch::kSum));
    return {sum, targets.numel()};
}

double evaluate(model::CausalLMImpl& lm, const torch::Tensor& blocks, int microBatch) {
    torch::NoGradGuard noGrad;
    lm.eval();
    double total = 0.0;
    std::int64_t count = 0;
    for (std::int64_t start = 0; start < blocks.size(0); start += microBatch) {
        auto batch = blocks.narrow(0, start, std::min<std::int64_t>(microBatch, blocks.size(0) - start));
        auto [sum, n] = lossSum(lm, batch);
        total += sum.item<double>();
        count += n;
    }
    lm.train();
    return count ? total / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN();
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
    for (auto id : p.trainTokens) {
        if (id < 0 || id >= config.vocabSize) {
            return makeError(ErrorKind::InvalidInput, "the training data holds the token id " + std::to_string(id) +
                                                          ", outside the model's vocabulary; was it tokenized with "
                                                          "this model's tokenizer?");
        }
    }

    // Which blocks train.
    std::set<int> trainableBlocks;
    const int blocks = static_cast<int>(config.numLayers);
    if (p.trainable == TrainableSet::AllBlocks) {
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

    TrainingResult result;
    try {
        if (p.threads > 0) torch::set_num_threads(p.threads);
        torch::manual_seed(p.seed);
        model::CausalLM lm(config);
        OFFSITE_ASSIGN_OR_RETURN(auto files, safetensors::ModelFiles::open(p.modelFolder));
        OFFSITE_TRY(lm->loadWeights(files));
        lm->train();

        const std::string prefix = emulator::blockPrefix(config.architecture);
        std::vector<torch::Tensor> decay;
        std::vector<torch::Tensor> noDecay;
        std::vector<std::pair<std::string, torch::Tensor>> adapterTensors;  // written out at the end
        for (auto& item : lm->named_parameters(true)) {
            auto& param = item.value();
            const int block = emulator::blockOf(config.architecture, item.key());
            const bool inSet = block >= 0 && trainableBlocks.count(block) > 0;
            const bool trains = inSet && (p.trainable != TrainableSet::AdapterBitFit || param.dim() == 1);
            param.set_requires_grad(trains);
            if (inSet) adapterTensors.emplace_back(item.key(), param);
            if (trains) {
                (param.dim() >= 2 ? decay : noDecay).push_back(param);
                result.trainableParameters += param.numel();
            } else {
                result.frozenParameters += param.numel();
            }
        }
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                       torch::optim::AdamWOptions(p.learningRate).weight_decay(p.weightDecay)));
        groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
                                         torch::optim::AdamWOptions(p.learningRate).weight_decay(0.0)));
        torch::optim::AdamW optimizer(std::move(groups), torch::optim::AdamWOptions(p.learningRate));
        std::vector<torch::Tensor> trainable = decay;
        trainable.insert(trainable.end(), noDecay.begin(), noDecay.end());

        auto trainBlocks = toBlocks(p.trainTokens, p.blockSize);
        torch::Tensor validationBlocks;
        if (p.validationTokens.size() >= static_cast<std::size_t>(p.blockSize)) {
            validationBlocks = toBlocks(p.validationTokens, p.blockSize);
        }
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
            auto started = std::chrono::steady_clock::now();
            const double rate = scheduledRate(p, step);
            for (auto& group : optimizer.param_groups()) {
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
            }
            optimizer.zero_grad();
            // Gather the whole step first so every micro-batch loss is divided by the step's token count: then k
            // micro-batches give exactly the gradient of one batch of k.
            std::vector<torch::Tensor> micro;
            std::int64_t stepTokens = 0;
            for (int m = 0; m < p.accumulation; ++m) {
                std::vector<torch::Tensor> rows;
                for (int b = 0; b < p.microBatch; ++b) rows.push_back(trainBlocks[nextBlock()]);
                micro.push_back(torch::stack(rows));
                stepTokens += static_cast<std::int64_t>(p.microBatch) * (p.blockSize - 1);
            }
            double stepLoss = 0.0;
            for (const auto& batch : micro) {
                auto [sum, n] = lossSum(*lm, batch);
                auto scaled = sum / static_cast<double>(stepTokens);
                scaled.backward();
                stepLoss += scaled.item<double>();
            }
            if (!std::isfinite(stepLoss)) {
                return makeError(ErrorKind::InvalidInput,
                                 "the loss became NaN or infinite at step " + std::to_string(step + 1) +
                                     "; lower the learning rate (it is " + std::to_string(p.learningRate) + ")");
            }
            double gradNorm = torch::nn::utils::clip_grad_norm_(
                trainable, p.clipNorm > 0.0 ? p.clipNorm : std::numeric_limits<double>::infinity());
            optimizer.step();
            result.losses.push_back(stepLoss);
            result.steps = step + 1;

            StepMetrics metrics;
            metrics.step = step + 1;
            metrics.totalSteps = p.maxSteps;
            metrics.loss = stepLoss;
            metrics.learningRate = rate;
            metrics.gradNorm = gradNorm;
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            metrics.tokensPerSecond = static_cast<double>(stepTokens + p.microBatch * p.accumulation) / seconds;
            const bool validateNow = validationBlocks.defined() &&
                                     ((p.evalEvery > 0 && (step + 1) % p.evalEvery == 0) || step + 1 == p.maxSteps);
            if (validateNow) {
                metrics.validationLoss = evaluate(*lm, validationBlocks, p.microBatch);
                result.finalValidationLoss = metrics.validationLoss;
                if (result.bestValidationLoss < 0 || metrics.validationLoss < result.bestValidationLoss) {
                    result.bestValidationLoss = metrics.validationLoss;
                    result.bestStep = step + 1;
                    best.clear();
                    for (auto& [name, tensor] : adapterTensors) best.push_back(tensor.detach().clone());
                }
            }
            if (onStep && !onStep(metrics)) {
                return makeError(ErrorKind::Cancelled, "training was stopped at step " + std::to_string(step + 1));
            }
        }

        if (!p.outputAdapter.empty()) {
            // The adapter kept is the one with the best validation loss on the emulator, as in the reference.
            std::vector<torch::Tensor> keep;
            std::vector<safetensors::TensorView> views;
            for (std::size_t i = 0; i < adapterTensors.size(); ++i) {
                auto t = (best.empty() ? adapterTensors[i].second : best[i]).detach().to(torch::kFloat32).contiguous();
                keep.push_back(t);
                OFFSITE_ASSIGN_OR_RETURN(auto view, model::tensorView(adapterTensors[i].first, t));
                views.push_back(std::move(view));
            }
            OFFSITE_TRY(safetensors::write(p.outputAdapter, views, safetensors::Metadata{{"format", "pt"}}));
        }
        if (!p.outputModel.empty()) {
            if (!best.empty()) {
                torch::NoGradGuard noGrad;
                for (std::size_t i = 0; i < adapterTensors.size(); ++i) adapterTensors[i].second.copy_(best[i]);
            }
            OFFSITE_TRY(lm->saveModel(p.outputModel));
        }
    } catch (const std::exception& e) {
        return model::torchError("training failed", e);
    }
    return result;
}

}  // namespace offsite::trainer

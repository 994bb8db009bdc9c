// Multiple-choice and perplexity evaluation.
#include "core/evaluation/evaluation.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <torch/torch.h>

#include "core/config/model_config.h"
#include "core/json/json.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::evaluation {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxLineBytes = 1u << 20;

struct Loaded {
    config::ModelConfig config;
    model::CausalLM lm{nullptr};
    torch::Device device = torch::kCPU;
};

Result<Loaded> loadModel(const fs::path& folder, const EvaluationOptions& options) {
    Loaded loaded;
    OFFSITE_ASSIGN_OR_RETURN(loaded.config, config::loadModelConfig(folder / "config.json"));
    OFFSITE_ASSIGN_OR_RETURN(auto files, safetensors::ModelFiles::open(folder));
    if (options.threads > 0) torch::set_num_threads(options.threads);
    const bool cuda = torch::cuda::is_available();
    if (options.device == model::Device::Cuda && !cuda) {
        return makeError(ErrorKind::Unsupported, "no NVIDIA GPU is usable here; evaluate on the CPU instead");
    }
    loaded.device = options.device != model::Device::Cpu && cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    loaded.lm = model::CausalLM(loaded.config);
    OFFSITE_TRY(loaded.lm->loadWeights(files));
    loaded.lm->to(loaded.device);
    loaded.lm->eval();
    return loaded;
}

std::size_t codePoints(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// One scored sequence: input ids and which target positions belong to the continuation.
struct Request {
    std::vector<std::int64_t> input;    // context + continuation, minus the last token
    std::vector<std::int64_t> targets;  // input shifted by one
    std::size_t continuationStart = 0;  // first target index that counts
    std::size_t item = 0;
    std::size_t choice = 0;
};

// Summed log-probabilities of the continuation targets, computed in batches on the device.
Result<std::vector<double>> scoreRequests(Loaded& loaded, const std::vector<Request>& requests,
                                          const EvaluationOptions& options) {
    std::vector<double> scores(requests.size(), 0.0);
    // Longest first keeps padding low; results go back by index.
    std::vector<std::size_t> order(requests.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return requests[a].input.size() > requests[b].input.size(); });
    const std::size_t batch = static_cast<std::size_t>(std::max(1, options.batchSize));
    c10::InferenceMode inference;
    for (std::size_t start = 0; start < order.size(); start += batch) {
        const std::size_t count = std::min(batch, order.size() - start);
        const auto length = static_cast<std::int64_t>(requests[order[start]].input.size());
        auto ids = torch::zeros({static_cast<std::int64_t>(count), length}, torch::kInt64);
        auto targets = torch::zeros({static_cast<std::int64_t>(count), length}, torch::kInt64);
        auto counts = torch::zeros({static_cast<std::int64_t>(count), length}, torch::kBool);
        for (std::size_t r = 0; r < count; ++r) {
            const Request& q = requests[order[start + r]];
            const auto n = static_cast<std::int64_t>(q.input.size());
            ids[static_cast<std::int64_t>(r)].narrow(0, 0, n).copy_(torch::tensor(q.input, torch::kInt64));
            targets[static_cast<std::int64_t>(r)].narrow(0, 0, n).copy_(torch::tensor(q.targets, torch::kInt64));
            counts[static_cast<std::int64_t>(r)].narrow(0, static_cast<std::int64_t>(q.continuationStart),
                                                        n - static_cast<std::int64_t>(q.continuationStart)).fill_(true);
        }
        ids = ids.to(loaded.device);
        targets = targets.to(loaded.device);
        counts = counts.to(loaded.device);
        auto logits = loaded.lm->forward(ids).to(torch::kFloat32);
        // log p(target) = logit[target] - logsumexp(logits): no full log-softmax tensor is built or copied.
        auto logProbs = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1) - logits.logsumexp(-1);
        auto sums = (logProbs * counts).sum(-1).to(torch::kCPU, torch::kFloat64);
        for (std::size_t r = 0; r < count; ++r) scores[order[start + r]] = sums[static_cast<std::int64_t>(r)].item<double>();
        if (options.progress && !options.progress(start + count, order.size())) {
            return makeError(ErrorKind::Cancelled, "the evaluation was cancelled");
        }
    }
    return scores;
}

}  // namespace

Result<std::vector<MultipleChoiceItem>> readMultipleChoiceJsonl(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorKind::NotFound, "cannot open " + path.string());
    std::vector<MultipleChoiceItem> items;
    std::string line;
    std::size_t number = 0;
    const std::string name = path.filename().string();
    while (std::getline(in, line)) {
        ++number;
        auto where = [&](const std::string& what) {
            return makeError(ErrorKind::InvalidInput, name + ", line " + std::to_string(number) + ": " + what);
        };
        if (line.size() > kMaxLineBytes) return where("the line is longer than 1 MiB");
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto parsed = json::parse(line);
        if (!parsed.ok()) return where("not valid JSON (" + parsed.error().message + ")");
        const json::Value& row = parsed.value();
        const json::Value* context = row.find("context");
        const json::Value* choices = row.find("choices");
        const json::Value* gold = row.find("gold");
        if (context == nullptr || !context->isString()) return where("\"context\" must be a string");
        if (choices == nullptr || !choices->isArray() || choices->size() < 2) {
            return where("\"choices\" must be a list of at least two strings");
        }
        MultipleChoiceItem item;
        item.context = *context->asString();
        for (const auto& c : choices->items()) {
            if (!c.isString() || c.asString()->empty()) return where("every choice must be a non-empty string");
            item.choices.push_back(*c.asString());
        }
        auto goldIndex = gold ? gold->asInt64() : std::nullopt;
        if (!goldIndex || *goldIndex < 0 || *goldIndex >= static_cast<std::int64_t>(item.choices.size())) {
            return where("\"gold\" must be the index (from 0) of the right choice");
        }
        item.gold = static_cast<int>(*goldIndex);
        items.push_back(std::move(item));
    }
    if (items.empty()) return makeError(ErrorKind::InvalidInput, name + " holds no questions");
    return items;
}

Result<MultipleChoiceResult> evaluateMultipleChoice(const fs::path& modelFolder,
                                                    const std::vector<MultipleChoiceItem>& items,
                                                    const EvaluationOptions& options) {
    if (items.empty()) return makeError(ErrorKind::InvalidInput, "there is nothing to evaluate");
    OFFSITE_ASSIGN_OR_RETURN(auto tok, tokenizer::Tokenizer::fromFile(modelFolder / "tokenizer.json"));
    try {
        OFFSITE_ASSIGN_OR_RETURN(auto loaded, loadModel(modelFolder, options));
        const auto maxLength = static_cast<std::size_t>(loaded.config.maxPositions);
        std::optional<std::int64_t> prefix = loaded.config.eosTokenId;
        if (!prefix && tok.eosId()) prefix = *tok.eosId();
        std::vector<Request> requests;
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (std::size_t c = 0; c < items[i].choices.size(); ++c) {
                // lm-evaluation-harness: trailing spaces of the context move to the continuation; the continuation's
                // tokens are those of encode(context + continuation) after encode(context).
                std::string context = items[i].context;
                std::string continuation = items[i].choices[c];
                const auto kept = context.find_last_not_of(' ');
                const std::size_t spaces = kept == std::string::npos ? context.size() : context.size() - kept - 1;
                if (spaces > 0) {
                    continuation = context.substr(context.size() - spaces) + continuation;
                    context.resize(context.size() - spaces);
                }
                auto contextIds = tok.encode(context, tokenizer::SpecialTokens::Skip);
                auto whole = tok.encode(context + continuation, tokenizer::SpecialTokens::Skip);
                std::vector<std::int64_t> contextPart(whole.begin(), whole.begin() + std::min(contextIds.size(), whole.size()));
                std::vector<std::int64_t> continuationPart(whole.begin() + std::min(contextIds.size(), whole.size()), whole.end());
                if (contextPart.empty()) {
                    if (!prefix) return makeError(ErrorKind::InvalidInput, "a question has no context and the model has no end-of-text token to start from");
                    contextPart.push_back(*prefix);
                }
                if (continuationPart.empty()) {
                    return makeError(ErrorKind::InvalidInput, "question " + std::to_string(i + 1) + ", choice " +
                                                                  std::to_string(c + 1) + " adds no tokens to the context");
                }
                std::vector<std::int64_t> all = contextPart;
                all.insert(all.end(), continuationPart.begin(), continuationPart.end());
                if (all.size() > maxLength + 1) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(maxLength + 1));
                Request q;
                q.input.assign(all.begin(), all.end() - 1);
                q.targets.assign(all.begin() + 1, all.end());
                q.continuationStart = q.targets.size() - std::min(q.targets.size(), continuationPart.size());
                q.item = i;
                q.choice = c;
                requests.push_back(std::move(q));
            }
        }
        OFFSITE_ASSIGN_OR_RETURN(auto scores, scoreRequests(loaded, requests, options));
        MultipleChoiceResult result;
        result.items = items.size();
        result.logLikelihoods.resize(items.size());
        for (std::size_t r = 0; r < requests.size(); ++r) result.logLikelihoods[requests[r].item].push_back(scores[r]);
        std::size_t correct = 0;
        std::size_t correctNorm = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& ll = result.logLikelihoods[i];
            std::size_t best = 0;
            std::size_t bestNorm = 0;
            for (std::size_t c = 1; c < ll.size(); ++c) {
                if (ll[c] > ll[best]) best = c;
                const double norm = ll[c] / static_cast<double>(codePoints(items[i].choices[c]));
                if (norm > ll[bestNorm] / static_cast<double>(codePoints(items[i].choices[bestNorm]))) bestNorm = c;
            }
            result.predictions.push_back(static_cast<int>(best));
            correct += static_cast<int>(best) == items[i].gold;
            correctNorm += static_cast<int>(bestNorm) == items[i].gold;
        }
        result.accuracy = static_cast<double>(correct) / static_cast<double>(items.size());
        result.normalizedAccuracy = static_cast<double>(correctNorm) / static_cast<double>(items.size());
        return result;
    } catch (const std::exception& e) {
        return model::torchError("evaluation failed", e);
    }
}

Result<PerplexityResult> evaluatePerplexity(const fs::path& modelFolder, const std::vector<std::int32_t>& tokens,
                                            int blockSize, const EvaluationOptions& options) {
    if (blockSize < 2) return makeError(ErrorKind::InvalidInput, "the block size must be at least 2 tokens");
    if (tokens.size() < static_cast<std::size_t>(blockSize)) {
        return makeError(ErrorKind::InvalidInput, "the text has " + std::to_string(tokens.size()) +
                                                      " tokens, fewer than one block of " + std::to_string(blockSize));
    }
    try {
        OFFSITE_ASSIGN_OR_RETURN(auto loaded, loadModel(modelFolder, options));
        if (blockSize > loaded.config.maxPositions) {
            return makeError(ErrorKind::InvalidInput, "the block size is longer than the model's context");
        }
        std::vector<Request> requests;
        for (std::size_t start = 0; start + static_cast<std::size_t>(blockSize) <= tokens.size(); start += static_cast<std::size_t>(blockSize)) {
            Request q;
            q.input.assign(tokens.begin() + static_cast<std::ptrdiff_t>(start),
                           tokens.begin() + static_cast<std::ptrdiff_t>(start + blockSize - 1));
            q.targets.assign(tokens.begin() + static_cast<std::ptrdiff_t>(start + 1),
                             tokens.begin() + static_cast<std::ptrdiff_t>(start + blockSize));
            requests.push_back(std::move(q));
        }
        OFFSITE_ASSIGN_OR_RETURN(auto scores, scoreRequests(loaded, requests, options));
        PerplexityResult result;
        double total = 0.0;
        for (double s : scores) total -= s;
        result.tokens = static_cast<std::int64_t>(requests.size()) * (blockSize - 1);
        result.meanLoss = total / static_cast<double>(result.tokens);
        result.perplexity = std::exp(result.meanLoss);
        return result;
    } catch (const std::exception& e) {
        return model::torchError("evaluation failed", e);
    }
}

}  // namespace offsite::evaluation

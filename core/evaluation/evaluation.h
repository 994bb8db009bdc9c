// Evaluation on the device: perplexity of a text in non-overlapping blocks, and zero-shot multiple choice scored
// the way lm-evaluation-harness does (acc: highest summed log-likelihood of the continuation; acc_norm: divided by
// the continuation's length in bytes). Only the continuation tokens' log-probabilities are gathered; full
// log-softmax tensors never leave the device. Classification is multiple choice over label words.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/model/language_model.h"

namespace offsite::evaluation {

struct MultipleChoiceItem {
    std::string context;
    std::vector<std::string> choices;
    int gold = 0;
};

// JSONL, one object per line: {"context": str, "choices": [str, ...], "gold": int}. Row-level messages name the
// line and the field.
[[nodiscard]] Result<std::vector<MultipleChoiceItem>> readMultipleChoiceJsonl(const std::filesystem::path& path);

struct EvaluationOptions {
    model::Device device = model::Device::Auto;
    int threads = 0;
    int batchSize = 8;  // sequences per forward pass
    // Called with (done, total); returning false cancels (ErrorKind::Cancelled).
    std::function<bool(std::size_t, std::size_t)> progress;
};

struct MultipleChoiceResult {
    std::size_t items = 0;
    double accuracy = 0.0;            // acc
    double normalizedAccuracy = 0.0;  // acc_norm
    std::vector<std::vector<double>> logLikelihoods;  // per item, per choice (nats)
    std::vector<int> predictions;                     // argmax of acc
};

struct PerplexityResult {
    std::int64_t tokens = 0;  // predicted tokens
    double meanLoss = 0.0;
    double perplexity = 0.0;
};

// `modelFolder` holds config.json, safetensors and tokenizer.json.
[[nodiscard]] Result<MultipleChoiceResult> evaluateMultipleChoice(const std::filesystem::path& modelFolder,
                                                                  const std::vector<MultipleChoiceItem>& items,
                                                                  const EvaluationOptions& options = {});

[[nodiscard]] Result<PerplexityResult> evaluatePerplexity(const std::filesystem::path& modelFolder,
                                                          const std::vector<std::int32_t>& tokens, int blockSize,
                                                          const EvaluationOptions& options = {});

}  // namespace offsite::evaluation

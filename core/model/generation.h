// Token generation with a KV cache over a CausalLM: greedy, or sampling with temperature, top-k and top-p.
#pragma once

#include <vector>

#include <torch/torch.h>

#include "core/model/causal_lm.h"
#include "core/model/language_model.h"

namespace offsite::model {

// Returns the new tokens. Runs under inference mode. The callback may stop early.
[[nodiscard]] std::vector<std::int64_t> generateTokens(CausalLMImpl& model, const std::vector<std::int64_t>& prompt,
                                                       const GenerationOptions& options,
                                                       const TokenCallback& onToken = {});

// Picks the next token from logits [V] according to options (used by generateTokens and tests).
[[nodiscard]] std::int64_t pickToken(const torch::Tensor& logits, const GenerationOptions& options,
                                     torch::Generator& generator);

}  // namespace offsite::model

// Greedy and sampled decoding with a KV cache: one prefill over the prompt, then one token per step.
#include "core/model/generation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

namespace offsite::model {

std::int64_t pickToken(const torch::Tensor& logits, const GenerationOptions& options, torch::Generator& generator) {
    if (options.sampling == Sampling::Greedy || options.temperature <= 0.0) {
        return logits.argmax(-1).item<std::int64_t>();
    }
    auto scores = logits.to(torch::kFloat32).to(torch::kCPU) / options.temperature;
    const auto vocab = scores.size(-1);
    if (options.topK > 0 && options.topK < vocab) {
        auto kth = std::get<0>(scores.topk(options.topK)).min();
        scores = scores.masked_fill(scores < kth, -std::numeric_limits<float>::infinity());
    }
    if (options.topP < 1.0) {
        auto [sorted, order] = scores.sort(/*dim=*/-1, /*descending=*/true);
        auto cumulative = sorted.softmax(-1).cumsum(-1);
        // Drop tokens once the mass before them already reaches top_p (the first token always stays).
        auto drop = (cumulative - sorted.softmax(-1)) >= options.topP;
        auto dropped = torch::zeros_like(drop).scatter(-1, order, drop);
        scores = scores.masked_fill(dropped, -std::numeric_limits<float>::infinity());
    }
    auto probabilities = scores.softmax(-1);
    return torch::multinomial(probabilities, 1, false, generator).item<std::int64_t>();
}

std::vector<std::int64_t> generateTokens(CausalLMImpl& model, const std::vector<std::int64_t>& prompt,
                                         const GenerationOptions& options, const TokenCallback& onToken) {
    c10::InferenceMode inference;
    auto device = model.tokenEmbeddingWeight().device();
    auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);
    auto cache = model.makeCache();
    std::vector<std::int64_t> produced;
    if (prompt.empty() || options.maxNewTokens <= 0) return produced;

    const auto maxPositions = model.config().maxPositions;
    auto input = torch::tensor(prompt, torch::kInt64).to(device).unsqueeze(0);
    for (int step = 0; step < options.maxNewTokens; ++step) {
        if (static_cast<std::int64_t>(prompt.size() + produced.size()) >= maxPositions) break;
        auto hidden = model.hiddenStates(input, {}, &cache);
        auto logits = model.logits(hidden.select(1, hidden.size(1) - 1)).squeeze(0);
        std::int64_t token = pickToken(logits, options, generator);
        produced.push_back(token);
        if (onToken && !onToken(static_cast<std::int32_t>(token))) break;
        if (std::find(options.stopIds.begin(), options.stopIds.end(), token) != options.stopIds.end()) break;
        input = torch::full({1, 1}, token, torch::TensorOptions().dtype(torch::kInt64).device(device));
    }
    return produced;
}

}  // namespace offsite::model

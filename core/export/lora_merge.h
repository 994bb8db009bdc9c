// A LoRA adapter made exportable: the model owner expects back exactly the package's adapter layout (the adapter
// blocks' tensors, ST-3), while a run trained with LoRA produces low-rank tensors ("base_model.model.<module>.
// lora_A.weight" / "lora_B.weight" with peft_type, lora_rank, lora_alpha, target_modules and fan_in_fan_out in the
// safetensors metadata, as `offsite train --trainable lora` writes them). The data owner holds the package's
// adapter weights W, so the update is merged on their side: W' = W + alpha/rank * B A (transposed for GPT-2's
// Conv1D, fan_in_fan_out), computed in float32 and stored in W's dtype (round to nearest even), every other tensor
// copied unchanged. This is the arithmetic of the owner's plug-in (core/emulator/plugin.h), so plugging in the
// merged adapter gives the model that plugging in the LoRA adapter gives. Torch-free.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/base/result.h"
#include "core/safetensors/safetensors.h"

namespace offsite::exports {

struct LoraMergeInfo {
    int rank = 0;
    double alpha = 0.0;
    std::size_t mergedLinears = 0;  // package tensors that received an update

    // "LoRA rank 4, alpha 32, merged into 8 linears of the package's adapter".
    [[nodiscard]] std::string text() const;
};

// Whether a safetensors file is a LoRA adapter (metadata peft_type "LORA").
[[nodiscard]] bool isLoraAdapter(const safetensors::File& file);

// The merged adapter as safetensors bytes, with exactly the tensors (names, dtypes, shapes) of `packageAdapter`.
// Refused (InvalidInput, naming the tensor): malformed LoRA metadata, a LoRA tensor without its partner, a target
// that is not a 2-D F32/BF16/F16 tensor of the package's adapter (e.g. LoRA on emulator blocks), shapes that do
// not fit, NaN or infinite values.
[[nodiscard]] Result<std::string> mergeLoraAdapter(const safetensors::File& lora,
                                                   const safetensors::File& packageAdapter,
                                                   LoraMergeInfo* info = nullptr);

// The same, read from and written to files (the output atomically; it must differ from both inputs).
[[nodiscard]] Result<LoraMergeInfo> writeMergedLoraAdapter(const std::filesystem::path& lora,
                                                           const std::filesystem::path& packageAdapter,
                                                           const std::filesystem::path& output);

}  // namespace offsite::exports

// Plug-in (model owner): the tuned adapter blocks replace blocks 0..l-1 and N-r..N-1 of the full model; nothing
// else changes. The result is a Hugging Face folder of the full model that transformers loads.
#pragma once

#include <filesystem>
#include <functional>

#include "core/base/result.h"
#include "core/emulator/split.h"

namespace offsite::emulator {

struct PluginOptions {
    // Called after each tensor; returning false cancels (ErrorKind::Cancelled, nothing written).
    std::function<bool(std::size_t done, std::size_t total)> progress;
};

struct PluginResult {
    std::size_t replacedTensors = 0;  // tensors replaced (or, for a LoRA adapter, merged)
    bool lora = false;                // the adapter was LoRA tensors, merged as W + alpha/rank * B A
    std::vector<int> replacedBlocks;  // original block indices
};

// fullModel: the owner's full model folder; splitFolder: the split it was made from (for split.json); adapter:
// a safetensors file with the adapter blocks under the split model's names (model.layers.<emulated index>.*),
// e.g. the data owner's tuned adapter.safetensors. Every tensor of every adapter block must be present, with the
// full model's shape and type; tensors of emulator blocks or anything else are refused. A LoRA adapter (metadata
// peft_type "LORA", lora_rank, lora_alpha, target_modules, fan_in_fan_out; tensors
// "base_model.model.<module>.lora_A.weight" / "lora_B.weight") is merged instead: W + alpha/rank * B A for every
// target linear of every adapter block (all must be present). Writes `output` (must not exist) atomically.
[[nodiscard]] Result<PluginResult> plugIn(const std::filesystem::path& fullModel, const std::filesystem::path& splitFolder,
                                          const std::filesystem::path& adapter, const std::filesystem::path& output,
                                          const PluginOptions& options = {});

}  // namespace offsite::emulator

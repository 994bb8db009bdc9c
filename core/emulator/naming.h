// Hugging Face tensor names of decoder blocks, shared by split and plug-in: where a family keeps its blocks
// ("model.layers.", "transformer.h.", "model.decoder.layers.") and which block a tensor belongs to.
#pragma once

#include <string>

#include "core/config/model_config.h"

namespace offsite::emulator {

[[nodiscard]] std::string blockPrefix(config::Architecture arch);
// The transformers name of a checkpoint tensor (original GPT-2 checkpoints omit "transformer.").
[[nodiscard]] std::string canonicalName(config::Architecture arch, const std::string& name);
// Block index of a canonical name and the rest of the name after "<prefix><index>."; -1 for embeddings,
// final norm and head.
[[nodiscard]] int blockOf(config::Architecture arch, const std::string& name, std::string* suffix = nullptr);
// Buffers some checkpoints carry that hold no learned state (causal masks, rotary frequencies).
[[nodiscard]] bool isBufferName(const std::string& name);

}  // namespace offsite::emulator

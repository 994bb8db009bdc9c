// safetensors::write with an observer of the bytes: every byte written is handed to `onBytes` in file order, so a
// caller can hash a file while it is written instead of reading it back (the trainer's checkpoints). A header of
// its own so that the many users of safetensors.h are not rebuilt for it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <vector>

#include "core/safetensors/safetensors.h"

namespace offsite::safetensors {

[[nodiscard]] Status write(const std::filesystem::path& path, const std::vector<TensorView>& tensors,
                           const Metadata& metadata, const std::function<void(std::span<const std::byte>)>& onBytes);

}  // namespace offsite::safetensors

// The fit check before training: how much memory a run needs for a model, batch and sequence length, how much
// the chosen device has free, and the largest batch that fits. Qt-free.
//
// The estimate (bytes, fp32 training, AdamW), with P all parameters, T the trainable ones, B the micro-batch,
// S the block size, L layers, h the hidden size, a the attention heads, V the vocabulary:
//   weights     = 4 P
//   gradients   = 4 T
//   optimizer   = 8 T                                  (AdamW's two moments)
//   activations = L * B * S * (34 h + 5 a S) * 2       (Korthikanti et al. 2022 per-layer count for 16-bit
//                                                        activations, doubled for fp32; every layer is kept
//                                                        because gradients flow through the frozen emulator
//                                                        down to the bottom adapter)
//               + 8 B S V                               (logits and their gradient)
//   total       = 1.1 * (weights + gradients + optimizer + activations)   (10 % for the allocator and buffers)
// A batch "fits" when the total is at most 85 % of the free memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/base/result.h"

namespace offsite::ui {

struct ModelShape {
    std::int64_t parameters = 0;
    std::int64_t trainableParameters = 0;
    std::int64_t layers = 0;
    std::int64_t hidden = 0;
    std::int64_t heads = 0;
    std::int64_t vocab = 0;
    std::int64_t maxPositions = 0;
};

struct MemoryEstimate {
    std::int64_t weights = 0;
    std::int64_t gradients = 0;
    std::int64_t optimizer = 0;
    std::int64_t activations = 0;
    std::int64_t total = 0;
};

// Reads config.json, the safetensors index and split.json (adapter blocks are trainable; without split.json
// every block is).
[[nodiscard]] Result<ModelShape> readModelShape(const std::filesystem::path& modelFolder);
[[nodiscard]] MemoryEstimate estimateTrainingMemory(const ModelShape& shape, int microBatch, int blockSize);
// The largest power-of-two micro-batch up to maxBatch that fits in `freeBytes`; 0 when not even 1 fits.
[[nodiscard]] int suggestMicroBatch(const ModelShape& shape, int blockSize, std::int64_t freeBytes, int maxBatch = 64);
[[nodiscard]] bool fits(const MemoryEstimate& estimate, std::int64_t freeBytes);

// Free memory: the system's available RAM (/proc/meminfo) for the CPU; for an NVIDIA GPU, NVML loaded at run
// time when the driver provides it (nullopt otherwise).
[[nodiscard]] std::optional<std::int64_t> freeSystemMemory();
struct GpuMemory {
    std::int64_t free = 0;
    std::int64_t total = 0;
};
[[nodiscard]] std::optional<GpuMemory> freeGpuMemory();

}  // namespace offsite::ui

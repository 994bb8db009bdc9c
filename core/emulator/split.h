// The offsite split (model owner): a model of N blocks becomes an adapter (the bottom l and top r blocks,
// trainable) and an emulator (the m = N - l - r middle blocks compressed to k, frozen), written as ONE Hugging
// Face model folder of l + k + r blocks whose weights are sharded into adapter.safetensors and
// emulator.safetensors, plus split.json recording which original block each new block came from. transformers
// loads the folder as an ordinary (smaller) model; the data owner trains exactly the adapter shard.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/config/model_config.h"

namespace offsite::emulator {

// "l-k-r": l bottom adapter blocks, k emulator blocks, r top adapter blocks.
struct SplitSpec {
    int bottom = 2;
    int emulatorBlocks = 8;
    int top = 2;
    [[nodiscard]] std::string text() const;
};

[[nodiscard]] Result<SplitSpec> parseSplit(std::string_view text);

// Uniform layer drop of the reference: stride = (m - 1) / (k - 1), keep round_half_even(i * stride) for
// i = 0..k-1 (indices into the middle, 0-based). First and last middle blocks are always kept.
[[nodiscard]] Result<std::vector<int>> uniformDropIndices(int middleBlocks, int keep);

struct SplitPlan {
    SplitSpec spec;
    int originalBlocks = 0;
    // For each block of the emulated model (0 .. l+k+r-1), the original block it is a copy of.
    std::vector<int> sourceBlocks;
    [[nodiscard]] bool isAdapterBlock(int emulatedIndex) const;
    [[nodiscard]] std::vector<int> emulatorSourceBlocks() const;  // the k kept middle blocks, absolute
};

// Checks that the split fits the model (k >= 2, l + r < N, k <= N - l - r, l + r >= 1) with messages that say
// what to change.
[[nodiscard]] Result<SplitPlan> planSplit(const config::ModelConfig& config, const SplitSpec& spec);

// Per-tensor compressions the paper ablates, applied to the emulator's middle blocks (2-D weights only).
enum class Compression { None = 1, MagnitudePrune, FakeQuantize };

struct SplitOptions {
    SplitSpec spec;
    Compression compression = Compression::None;
    double pruneRatio = 0.0;  // MagnitudePrune: fraction of each weight matrix set to zero (smallest |w|)
    int quantizeBits = 8;     // FakeQuantize: uniform per-tensor quantization to 2^bits levels
    // Called after each tensor; returning false cancels (ErrorKind::Cancelled, nothing written).
    std::function<bool(std::size_t done, std::size_t total)> progress;
};

struct SplitResult {
    SplitPlan plan;
    std::int64_t adapterParameters = 0;
    std::int64_t emulatorParameters = 0;  // blocks kept in the emulator plus embeddings, norm and head
};

// Reads the model folder `source` (config.json + safetensors) and writes the split folder `output` (which must
// not exist): config.json (l+k+r blocks), model.safetensors.index.json, adapter.safetensors,
// emulator.safetensors, split.json, and tokenizer files copied from the source when present. Atomic: built in a
// sibling temp folder and renamed.
[[nodiscard]] Result<SplitResult> writeSplit(const std::filesystem::path& source, const std::filesystem::path& output,
                                             const SplitOptions& options);

// Reads split.json of a split folder.
[[nodiscard]] Result<SplitPlan> readSplitPlan(const std::filesystem::path& splitFolder);

}  // namespace offsite::emulator

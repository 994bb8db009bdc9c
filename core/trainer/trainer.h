// Adapter fine-tuning (data owner), the loop both the app and the command line run: a causal-LM model folder
// (normally an offsite split: adapter blocks trainable, emulator frozen), token blocks of text, AdamW with decay
// groups, a warm-up schedule, gradient clipping and accumulation, validation, cancellation, and the tuned adapter
// written as safetensors under the split model's names. Torch-free interface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/base/result.h"

namespace offsite::trainer {

enum class TrainableSet {
    AdapterBlocks = 1,  // every weight of the split's adapter blocks (the reference setting)
    TopAdapterOnly,     // "freeze bottom": only the top adapter blocks
    AdapterBitFit,      // only the 1-D parameters (biases, norms) of the adapter blocks
    AllBlocks,          // every block (the full fine-tune baseline; embeddings, final norm and head stay frozen)
};

enum class Schedule { Constant = 1, Linear, Cosine };
enum class DataOrder { Shuffled = 1, Sequential };

struct TrainingParams {
    std::filesystem::path modelFolder;           // config.json + safetensors (+ split.json for adapter sets)
    std::vector<std::int32_t> trainTokens;       // the training text as one token stream
    std::vector<std::int32_t> validationTokens;  // may be empty
    int blockSize = 128;                         // tokens per training sequence
    int microBatch = 4;                          // sequences per forward/backward
    int accumulation = 1;                        // micro-batches per optimizer step
    int maxSteps = 100;                          // optimizer steps
    double learningRate = 1e-4;
    double weightDecay = 0.0;  // applied to matrices only, never to biases and norms
    Schedule schedule = Schedule::Linear;
    int warmupSteps = 0;
    double clipNorm = 1.0;  // <= 0: no clipping
    DataOrder order = DataOrder::Shuffled;
    std::uint64_t seed = 42;
    int evalEvery = 0;  // optimizer steps between validations; 0: only at the end
    int threads = 0;    // 0: LibTorch's default
    TrainableSet trainable = TrainableSet::AdapterBlocks;
    std::filesystem::path outputAdapter;  // the tuned trainable blocks (safetensors); empty: not written
    std::filesystem::path outputModel;    // the whole tuned (emulated) model folder; empty: not written
};

struct StepMetrics {
    int step = 0;           // optimizer steps done
    int totalSteps = 0;
    double loss = 0.0;      // mean token loss of this step's batch
    double learningRate = 0.0;
    double gradNorm = 0.0;  // before clipping
    double tokensPerSecond = 0.0;
    double validationLoss = -1.0;  // set on validation steps, else negative
};

struct TrainingResult {
    int steps = 0;
    std::vector<double> losses;  // one per optimizer step
    double finalValidationLoss = -1.0;
    double bestValidationLoss = -1.0;
    int bestStep = 0;
    std::int64_t trainableParameters = 0;
    std::int64_t frozenParameters = 0;
};

// Called after every optimizer step; returning false stops at this step boundary (ErrorKind::Cancelled).
using ProgressCallback = std::function<bool(const StepMetrics&)>;

[[nodiscard]] Result<TrainingResult> train(const TrainingParams& params, const ProgressCallback& onStep = {});

}  // namespace offsite::trainer

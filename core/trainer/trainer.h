// Adapter fine-tuning (data owner), the loop both the app and the command line run: a causal-LM model folder
// (normally an offsite split: adapter blocks trainable, emulator frozen), token blocks of text, AdamW with decay
// groups, a warm-up schedule, gradient clipping and accumulation, validation, cancellation, and the tuned adapter
// written as safetensors under the split model's names; checkpoints, pause, stop and bitwise-exact resume.
// Torch-free interface.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/model/device.h"
#include "core/trainer/checkpoint.h"
#include "core/trainer/schedule.h"

namespace offsite::trainer {

enum class TrainableSet {
    AdapterBlocks = 1,  // every weight of the split's adapter blocks (the reference setting)
    TopAdapterOnly,     // "freeze bottom": only the top adapter blocks
    AdapterBitFit,      // only the 1-D parameters (biases, norms) of the adapter blocks
    AllBlocks,          // every block (the full fine-tune baseline; embeddings, final norm and head stay frozen)
    AdapterLora,        // LoRA on the attention and MLP linears of the adapter blocks; everything else frozen
    AllBlocksLora,      // LoRA on the linears of every block (the "fine-tune + LoRA" baseline)
};

// Low-rank adaptation (PEFT's LoRA): W x + scale * B A x with A [rank, in] Kaiming-uniform initialised (as PEFT),
// B [out, rank] zero-initialised, scale = alpha / rank; biases stay frozen. The tuned adapter is written as the
// LoRA tensors under PEFT-like names ("base_model.model.<module>.lora_A.weight") with the configuration in the
// safetensors metadata; the plug-in merges W + scale * B A into the full model.
struct LoraOptions {
    int rank = 4;
    double alpha = 32.0;
    // Dropout on the LoRA input. Only 0 is supported: the update is applied as merged weights, which has no
    // separate LoRA input path to drop out on.
    double dropout = 0.0;
};

// What happens to an example (prompt ++ completion) longer than the block size.
enum class Truncation {
    None = 1,  // refused with a message naming the example and the options (the default)
    Left,      // the completion is kept whole and the prompt is cut from the left (its start is dropped)
};
enum class DataOrder { Shuffled = 1, Sequential };

// Thread-safe requests checked at optimizer-step boundaries (the GUI/job thread calls these; the training thread
// polls them). The ProgressCallback's bool stays "keep going": false = Cancel (ErrorKind::Cancelled, no outputs).
class TrainingControl {
public:
    enum class Request { None = 0, Pause, Stop };
    // Write a checkpoint at the next step boundary, then return TrainingOutcome::Paused (needs a checkpoint folder).
    void requestPause() { request_.store(static_cast<int>(Request::Pause)); }
    // Finish at the next step boundary: write the outputs (adapter/model) as if done, TrainingOutcome::Stopped.
    void requestStop() { request_.store(static_cast<int>(Request::Stop)); }
    [[nodiscard]] Request requested() const { return static_cast<Request>(request_.load()); }
    void clear() { request_.store(0); }

private:
    std::atomic<int> request_{0};
};

enum class TrainingOutcome { Completed = 1, Paused, Stopped };

// One supervised example: the model reads tokens(prompt) ++ tokens(completion) and the loss covers the completion
// only. Classification is text -> label word and multiple choice is context -> correct choice, both in this form
// (the prompt template is applied when the examples are made).
struct Example {
    std::vector<std::int32_t> prompt;
    std::vector<std::int32_t> completion;  // at least one token
};

struct TrainingParams {
    std::filesystem::path modelFolder;           // config.json + safetensors (+ split.json for adapter sets)
    // The data: either a token stream (causal LM on blocks of blockSize) or examples (prompt -> completion, right
    // padded per micro-batch, at most blockSize tokens each). Exactly one of trainTokens and trainExamples is set.
    std::vector<std::int32_t> trainTokens;       // the training text as one token stream
    std::vector<std::int32_t> validationTokens;  // may be empty
    std::vector<Example> trainExamples;
    std::vector<Example> validationExamples;     // may be empty; validation also reports accuracy
    int blockSize = 128;                         // tokens per training sequence
    // Examples longer than blockSize: refused (None) or their prompts cut from the left (Left). A completion
    // longer than blockSize is refused either way.
    Truncation truncation = Truncation::None;
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
    // Early stopping: stop after this many validations in a row without a new best validation loss (the best
    // adapter is the one written); 0: never stop early.
    int patience = 0;
    int threads = 0;    // 0: LibTorch's default
    // Where the model (trainable and frozen parts), the optimizer state and every batch live. Auto: the NVIDIA GPU
    // when model::cudaUsable(), else the CPU; Cuda without a usable GPU fails before anything is written. Not a
    // trajectory setting: a checkpoint written on one device resumes on the other (CPU runs stay bitwise exact).
    model::Device device = model::Device::Auto;
    // Activation checkpointing: every block that takes part in the backward pass keeps only its input during the
    // forward pass and runs again, with gradients, during the backward pass (torch.utils.checkpoint's scheme):
    // less memory for about one more forward pass of those blocks. Same gradients up to float rounding.
    bool activationCheckpointing = false;
    // bf16 autocast on the device of the model for the training forward passes (matrix products in bfloat16;
    // weights, gradients and optimizer stay float32; validation stays float32): CUDA's autocast on the GPU. On the
    // CPU, where float32 is the default, it only exercises the code path (and is slower).
    bool autocastBf16 = false;
    TrainableSet trainable = TrainableSet::AdapterBlocks;
    LoraOptions lora;  // used by the LoRA trainable sets
    std::filesystem::path outputAdapter;  // the tuned trainable blocks (safetensors); empty: not written
    std::filesystem::path outputModel;    // the whole tuned (emulated) model folder; empty: not written

    TrainingControl* control = nullptr;      // optional pause/stop requests
    std::filesystem::path checkpointFolder;  // where checkpoints go (one subfolder per checkpoint); empty: none
    int checkpointEvery = 0;                 // optimizer steps between checkpoints; 0: only on pause/stop
    int keepCheckpoints = 2;                 // newest checkpoints kept (at least 2)
    // CKPT-4, disk space: before the run starts and before every checkpoint, the file system holding
    // checkpointFolder must have at least twice the estimated checkpoint size plus checkpointSpaceMargin available.
    // When it has not, or when a save fails for lack of space (the staging folder removed, earlier checkpoints
    // intact), the run pauses: TrainingOutcome::Paused with TrainingResult::pauseReason saying what to free; it
    // resumes from its newest checkpoint. freeSpace answers the bytes available to this process for a path (the
    // nearest existing folder above the checkpoint folder); nullopt skips the check. Empty: std::filesystem::space.
    std::function<std::optional<std::uint64_t>(const std::filesystem::path&)> freeSpace;
    std::uint64_t checkpointSpaceMargin = std::uint64_t{16} << 20;
    // A checkpoint to continue from: one checkpoint folder (ckpt-<step>, must verify) or a folder of checkpoints
    // (the newest that verifies is taken, damaged ones are skipped with a warning). It must have been written by a
    // run with the same settings, data and model, else ErrorKind::InvalidInput.
    std::filesystem::path resumeFrom;
};

struct StepMetrics {
    int step = 0;           // optimizer steps done
    int totalSteps = 0;
    double loss = 0.0;      // mean token loss of this step's batch
    double learningRate = 0.0;
    double gradNorm = 0.0;  // before clipping
    double tokensPerSecond = 0.0;
    double validationLoss = -1.0;  // set on validation steps, else negative
    // Examples only: the share of validation examples whose every completion token is the model's top choice
    // (teacher-forced; for a one-token label word this is the label's argmax accuracy); else negative.
    double validationAccuracy = -1.0;
    // On the CPU the process's resident memory (RSS) now and its peak so far; on CUDA the bytes the CUDA caching
    // allocator has handed out now and their peak since the run started.
    std::int64_t memoryBytes = 0;
    std::int64_t peakMemoryBytes = 0;
    std::filesystem::path checkpoint;  // non-empty when this step wrote one
};

struct TrainingResult {
    int steps = 0;
    std::vector<double> losses;  // one per optimizer step
    double finalValidationLoss = -1.0;
    double bestValidationLoss = -1.0;
    int bestStep = 0;
    double finalValidationAccuracy = -1.0;  // examples only
    bool stoppedEarly = false;              // early stopping ended the run (outcome Completed)
    std::int64_t trainableParameters = 0;
    std::int64_t frozenParameters = 0;
    model::Device device = model::Device::Cpu;  // the device the run used (never Auto)
    std::int64_t peakMemoryBytes = 0;           // as StepMetrics::peakMemoryBytes, at the end of the run
    TrainingOutcome outcome = TrainingOutcome::Completed;
    std::filesystem::path lastCheckpoint;  // the newest checkpoint this run wrote (or resumed from)
    int resumedFromStep = 0;               // 0 when not resumed
    std::vector<std::string> warnings;     // e.g. damaged checkpoints skipped when resuming
    // Why the run paused by itself (outcome Paused without a pause request): not enough disk space for a
    // checkpoint (CKPT-4), with what to do. Empty otherwise.
    std::string pauseReason;
};

// Called after every optimizer step (after that step's checkpoint, if any); returning false stops at this step
// boundary (ErrorKind::Cancelled, no outputs written; checkpoints already written stay).
using ProgressCallback = std::function<bool(const StepMetrics&)>;

[[nodiscard]] Result<TrainingResult> train(const TrainingParams& params, const ProgressCallback& onStep = {});

}  // namespace offsite::trainer

// `offsite train` in two modes sharing one set of training options: on a file (command_train.cpp) and on a data set
// of the workspace, recorded as a run through the core's job layer (command_train_workspace.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "app/cli/arguments.h"
#include "app/cli/workspace_access.h"
#include "core/base/result.h"
#include "core/json/json.h"
#include "core/trainer/trainer.h"

namespace offsite::cli {

// --device auto|cpu|cuda (default auto), checked against this machine before anything is read or written: cuda
// where this build finds no usable NVIDIA GPU is refused with what to use instead. Returns the device as asked
// (auto stays auto; the trainer resolves it the same way). Shared by `offsite train` and `offsite owner distill`.
[[nodiscard]] Result<model::Device> readDevice(const Arguments& args);

// The options of a training loop that `offsite train` and `offsite owner distill` share (--steps, --block-size,
// --batch, --warmup, --eval-every, --seed, --threads, --lr, --weight-decay, --clip, --schedule, --sequential,
// --device), each command with its own defaults.
struct LoopDefaults {
    long long steps = 100;
    long long blockSize = 128;
    const char* schedule = "linear";
};
struct LoopSettings {
    int steps = 0;
    int blockSize = 0;
    int batch = 0;
    int warmup = 0;
    int evalEvery = 0;
    std::uint64_t seed = 0;
    int threads = 0;
    double learningRate = 0.0;
    double weightDecay = 0.0;
    double clipNorm = 0.0;
    trainer::Schedule schedule = trainer::Schedule::Linear;
    bool sequential = false;
    model::Device device = model::Device::Auto;  // as asked, checked by readDevice
};
[[nodiscard]] Result<LoopSettings> readLoopSettings(const Arguments& args, const LoopDefaults& defaults);

// The start of a loop's --json line: step, the device that trains, loss, lr, grad_norm, tokens_per_s; the command
// adds its own fields.
[[nodiscard]] json::Value stepJson(int step, model::Device device, double loss, double learningRate, double gradNorm,
                                   double tokensPerSecond);
// The progress bar's text: "step 3/100 loss 2.3456<extra> lr 1.00e-04 1234 tok/s".
[[nodiscard]] std::string stepText(int step, int totalSteps, double loss, const std::string& extra,
                                   double learningRate, double tokensPerSecond);

// readLoopSettings with train's defaults, plus --trainable, LoRA, --patience, --activation-checkpointing, --bf16,
// --truncate, into `p` (model, data and outputs are not touched).
[[nodiscard]] Status readTrainingSettings(const Arguments& args, trainer::TrainingParams& p);

// `offsite train --dataset ID` (a new run) or `--resume-run ID` (a paused one).
[[nodiscard]] Result<int> runTrainInWorkspace(const Arguments& args);

}  // namespace offsite::cli

// Distillation of the emulator (model owner): the k kept middle blocks of an offsite split (the student) learn to
// reproduce the frozen original middle blocks l..N-r-1 of the full model (the teacher) on a general text corpus,
// with loss = lm_weight * LM + kd_weight * KD, KD = mean((T-S)^2) / mean(T^2) over all tokens and channels, LM the
// causal-LM loss of the emulated model (bottom adapter, student, top adapter, final norm, head; all but the
// student frozen). The student with the best validation perplexity of the emulated model is written as the
// emulator.safetensors of a new split folder; every other file and tensor is carried over unchanged.
// Torch-free interface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/base/result.h"
#include "core/model/device.h"
#include "core/trainer/schedule.h"

namespace offsite::distill {

using Schedule = trainer::Schedule;  // the trainer's schedules (core/trainer/schedule.h, header-only)
enum class DataOrder { Shuffled = 1, Sequential };

struct DistillParams {
    std::filesystem::path fullModel;    // the original model folder (config.json + safetensors)
    std::filesystem::path splitFolder;  // made from fullModel by `offsite owner split`; never modified
    std::filesystem::path output;       // the distilled split folder (must not exist); empty: nothing written
    std::vector<std::int32_t> trainTokens;       // the corpus as one token stream, cut into blocks
    std::vector<std::int32_t> validationTokens;  // held-out text; empty: no validation, the last student is kept
    int blockSize = 512;                         // tokens per sequence
    int batchSize = 4;                           // sequences per optimizer step
    int maxSteps = 1000;
    double learningRate = 1e-4;
    double weightDecay = 0.0;  // matrices only, never biases and norms
    Schedule schedule = Schedule::Cosine;
    int warmupSteps = 0;
    double clipNorm = 1.0;  // <= 0: no clipping
    double lmWeight = 1.0;
    double kdWeight = 30.0;
    DataOrder order = DataOrder::Shuffled;
    std::uint64_t seed = 42;
    int evalEvery = 0;  // optimizer steps between validations; 0: only at the end
    int maxValidationBlocks = 0;  // 0: every validation block
    int threads = 0;              // 0: LibTorch's default
    // Where the full model's teacher blocks, the emulated model, the optimizer state and the batches live; Auto:
    // the NVIDIA GPU when model::cudaUsable(), else the CPU. Cuda without a usable GPU fails before any work.
    model::Device device = model::Device::Auto;
};

struct DistillStep {
    int step = 0;  // optimizer steps done
    int totalSteps = 0;
    double loss = 0.0;  // lm_weight * LM + kd_weight * KD of this step's batch
    double lm = 0.0;
    double kd = 0.0;
    double learningRate = 0.0;
    double gradNorm = 0.0;  // before clipping
    double tokensPerSecond = 0.0;
    double validationPerplexity = -1.0;  // the emulated model's, on validation steps; else negative
};

struct DistillResult {
    int steps = 0;
    std::vector<double> losses;  // one per step
    std::vector<double> lm;
    std::vector<double> kd;
    // Validation perplexities (negative when there is no validation text): the emulated model before
    // distillation, the best student's, and the full model's on the same blocks (the ceiling).
    double initialPerplexity = -1.0;
    double bestPerplexity = -1.0;
    double fullPerplexity = -1.0;
    int bestStep = 0;  // the step whose student was kept (the last step without validation)
    std::int64_t studentParameters = 0;
    std::int64_t teacherParameters = 0;
    double seconds = 0.0;
    model::Device device = model::Device::Cpu;  // the device used (never Auto)
};

// Called after every optimizer step; returning false stops there (ErrorKind::Cancelled, nothing written).
using DistillCallback = std::function<bool(const DistillStep&)>;

[[nodiscard]] Result<DistillResult> distill(const DistillParams& params, const DistillCallback& onStep = {});

}  // namespace offsite::distill

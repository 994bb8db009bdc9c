// The learning-rate schedule both training loops use (adapter fine-tuning and emulator distillation), as
// transformers' schedulers compute it: linear warm-up from 0, then constant, linear decay or cosine decay to 0 at
// the last step. Torch-free and header-only, so the distiller shares it without linking the trainer.
#pragma once

#include <algorithm>
#include <cmath>

namespace offsite::trainer {

enum class Schedule { Constant = 1, Linear, Cosine };

// Learning rate for optimizer step `step` (0-based) of `maxSteps`, peaking at `peak` after `warmupSteps`.
[[nodiscard]] inline double scheduledRate(Schedule schedule, double peak, int warmupSteps, int maxSteps, int step) {
    constexpr double kPi = 3.14159265358979323846;
    if (step < warmupSteps) return peak * static_cast<double>(step) / std::max(1, warmupSteps);
    const double span = std::max(1, maxSteps - warmupSteps);
    const double progress = static_cast<double>(step - warmupSteps) / span;
    switch (schedule) {
        case Schedule::Constant: return peak;
        case Schedule::Linear: return peak * std::max(0.0, 1.0 - progress);
        case Schedule::Cosine: return peak * std::max(0.0, 0.5 * (1.0 + std::cos(kPi * progress)));
    }
    return peak;
}

}  // namespace offsite::trainer

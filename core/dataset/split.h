// The deterministic train/validation split. Each row goes to one side by a hash of the seed and the row's
// normalized content alone, so the split is the same on every machine, identical rows land on the same side
// (no leakage from train into validation), and appending rows never moves an existing row.
#pragma once

#include <cstdint>
#include <string>

#include "core/dataset/dataset.h"

namespace offsite::dataset {

// The task's fields in a fixed order with length prefixes, line endings as \n and surrounding white space
// trimmed: what "the same row" means for duplicates, the split and the fingerprint.
[[nodiscard]] std::string normalizedRow(const Example& example, TaskType task);

enum class SplitSide { Train = 1, Validation };

struct SplitOptions {
    std::uint64_t seed = 0;
    double validationFraction = 0.1;  // clamped to [0, 1]
};

[[nodiscard]] SplitSide assignSplit(const Example& example, TaskType task, const SplitOptions& options);

}  // namespace offsite::dataset

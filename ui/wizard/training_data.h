// Turns a validated data set into the trainer's token streams: every usable row's fields joined into one text
// (prompt then completion, text then label, context then the right choice), tokenized with the package's
// tokenizer, the last share of rows held out for validation. Runs on the training worker thread. Qt-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/base/result.h"
#include "core/dataset/dataset.h"

namespace offsite::ui {

struct TrainingTokens {
    std::vector<std::int32_t> train;
    std::vector<std::int32_t> validation;
    std::size_t trainRows = 0;
    std::size_t validationRows = 0;
};

[[nodiscard]] Result<TrainingTokens> tokenizeDataset(const dataset::DatasetSpec& spec,
                                                     const std::filesystem::path& tokenizerJson,
                                                     double validationShare, const std::atomic<bool>& stop);

}  // namespace offsite::ui

// Sample predictions for the evaluate step: a few examples from the validation side of the data set's
// deterministic split (the same rows training held out, dataset::assignSplit) and what the tuned emulator makes of
// them. Prompt and completion (and plain text, cut in half): the emulator's greedy continuation of the prompt
// against the expected completion. Classification and multiple choice: the label (choice) the emulator scores
// highest, core/evaluation's multiple-choice scoring, against the gold one. Uses the core's generation and
// evaluation code; runs on a worker thread. Qt-free.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/dataset/dataset.h"
#include "core/dataset/split.h"

namespace offsite::ui {

struct SamplePrediction {
    std::string input;      // the prompt, the text or the question
    std::string expected;   // the expected completion, or the gold label or choice
    std::string predicted;  // the emulator's greedy generation, or the label or choice it scores highest
    bool match = false;     // predicted equals expected (after trimming white space)
};

struct SamplePredictionParams {
    dataset::DatasetSpec spec;             // the imported data set
    dataset::SplitOptions split;           // the run's split: samples come from its validation side
    std::filesystem::path tunedModel;      // the tuned emulator (config.json, model.safetensors)
    std::filesystem::path tokenizerFile;   // the package's tokenizer.json
    std::size_t count = 5;                 // at most this many samples
    int maxNewTokens = 32;                 // generation length cap
};

[[nodiscard]] Result<std::vector<SamplePrediction>> predictSamples(const SamplePredictionParams& params,
                                                                   const std::atomic<bool>& stop);

}  // namespace offsite::ui

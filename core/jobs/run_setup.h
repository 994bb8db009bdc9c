// Training on an imported data set, and everything needed to resume a run from its row alone: the data come from
// the data set's tokenized cache (core/dataset/import.h), and the run's configuration JSON records the data set,
// tokenizer and split, so after a restart jobParamsForRun() rebuilds the same TrainingJobParams. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/dataset/split.h"
#include "core/jobs/training_job.h"

namespace offsite::jobs {

struct DatasetTrainingSetup {
    std::int64_t datasetId = 0;
    std::filesystem::path tokenizerFile;  // normally <model folder>/tokenizer.json
    dataset::SplitOptions split;          // the deterministic train/validation split
    // What the rows train as. nullopt: the data set's own task (supervised tasks as prompt -> completion
    // examples with the loss on the completion only, plain text as a token stream). PlainText: every row's whole
    // text as a token stream whatever the task (what runs before this option did). Another task must be the
    // data set's own (InvalidInput otherwise).
    std::optional<dataset::TaskType> task;
    std::string promptTemplate;  // classification / multiple choice (dataset::exampleTexts)
};

// Fills params.training's token streams, or its examples for a supervised task, from the data set's tokenized
// cache (built on first use), sets params.datasetId, and records the setup (task and template included, and
// params.training.outputAdapter when set) in params.extraConfigJson. InvalidInput when the data set has no
// training rows, changed since import, or is not of the task asked for.
[[nodiscard]] Status attachDataset(SharedWorkspace& shared, const DatasetTrainingSetup& setup,
                                   TrainingJobParams& params);

// The job parameters of an existing run, from its configuration JSON and its data set: what resuming after a
// restart needs. InvalidInput for a run that was not started on an imported data set.
[[nodiscard]] Result<TrainingJobParams> jobParamsForRun(SharedWorkspace& shared, std::int64_t runId);

}  // namespace offsite::jobs

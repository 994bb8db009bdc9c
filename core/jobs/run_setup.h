// Training on an imported data set, and everything needed to resume a run from its row alone: the data come from
// the data set's tokenized cache (core/dataset/import.h), and the run's configuration JSON records the data set,
// tokenizer and split, so after a restart jobParamsForRun() rebuilds the same TrainingJobParams. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/base/result.h"
#include "core/dataset/split.h"
#include "core/jobs/training_job.h"

namespace offsite::jobs {

struct DatasetTrainingSetup {
    std::int64_t datasetId = 0;
    std::filesystem::path tokenizerFile;  // normally <model folder>/tokenizer.json
    dataset::SplitOptions split;          // the deterministic train/validation split
};

// Fills params.training's token streams from the data set's tokenized cache (built on first use), sets
// params.datasetId, and records the setup (and params.training.outputAdapter, when set) in params.extraConfigJson.
// InvalidInput when the data set has no training tokens or changed since import.
[[nodiscard]] Status attachDataset(SharedWorkspace& shared, const DatasetTrainingSetup& setup,
                                   TrainingJobParams& params);

// The job parameters of an existing run, from its configuration JSON and its data set: what resuming after a
// restart needs. InvalidInput for a run that was not started on an imported data set.
[[nodiscard]] Result<TrainingJobParams> jobParamsForRun(SharedWorkspace& shared, std::int64_t runId);

}  // namespace offsite::jobs

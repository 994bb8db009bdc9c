// What the wizard's pages hand on to each other: the workspace, the verified package and where it was
// extracted, the chosen data set, the training settings, the run and its outputs. The pages fill it in order;
// the core objects it names own the real state (the workspace rows, the files on disk).
#pragma once

#include <QString>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/dataset/dataset.h"
#include "core/jobs/training_job.h"
#include "core/package/package.h"
#include "core/trainer/trainer.h"
#include "ui/settings/app_settings.h"


namespace offsite::ui {

struct WizardContext {
    workspace::Workspace* workspace = nullptr;
    // The same workspace behind the lock that training jobs use from their worker threads (the train and
    // evaluate steps use it; null when no workspace is open).
    jobs::SharedWorkspace* shared = nullptr;
    ComputeDevice device = ComputeDevice::Auto;
    AppSettings* settings = nullptr;  // the export's signing key file; may be null (then asked every time)

    // Import.
    std::optional<package::VerifiedPackage> package;
    std::int64_t packageId = 0;
    std::filesystem::path modelFolder;  // the extracted package: config, tokenizer, adapter and emulator

    // Data.
    std::optional<dataset::DatasetSpec> dataset;
    std::int64_t datasetId = 0;
    double validationShare = 0.1;  // the last rows, held out for validation

    // Settings: the trainer's parameters except the data and the paths, which the train page fills in.
    trainer::TrainingParams training;

    // Training.
    std::int64_t runId = 0;
    std::filesystem::path runFolder;  // <workspace>/runs/<id>
    std::optional<trainer::TrainingResult> result;
    std::vector<std::int32_t> validationTokens;  // kept for the evaluation page

    // Runs f on the workspace under the jobs' lock (a training job may be writing from its worker thread);
    // every page reads and writes the workspace through this. Requires an open workspace.
    template <typename F>
    auto withWorkspace(F&& f) -> decltype(f(std::declval<workspace::Workspace&>())) {
        if (shared != nullptr) return shared->with(std::forward<F>(f));
        return f(*workspace);
    }

    [[nodiscard]] std::filesystem::path adapterPath() const { return runFolder / "adapter.safetensors"; }
    [[nodiscard]] std::filesystem::path tunedModelFolder() const { return runFolder / "tuned-model"; }
};

}  // namespace offsite::ui

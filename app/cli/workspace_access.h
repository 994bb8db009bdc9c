// What the workspace commands share: the --workspace option, opening the workspace (or saying clearly that there
// is none), data-set options (format, task, columns, labels), and findings printed as file:line:column.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/cli/arguments.h"
#include "core/base/result.h"
#include "core/dataset/dataset.h"
#include "core/workspace/workspace.h"

namespace offsite::cli {

[[nodiscard]] OptionSpec workspaceOption();
[[nodiscard]] std::filesystem::path workspaceFolder(const Arguments& args);

enum class WorkspaceAccess { OpenExisting = 1, CreateIfMissing };
[[nodiscard]] Result<workspace::Workspace> openWorkspace(const Arguments& args, WorkspaceAccess access);

// --format, --task, --columns field=column,..., --choice-columns a,b,..., --labels a,b,...
[[nodiscard]] std::vector<OptionSpec> datasetOptions();
// The spec of the data set in the first positional argument.
[[nodiscard]] Result<dataset::DatasetSpec> datasetSpecFrom(const Arguments& args);
[[nodiscard]] std::vector<std::string> splitList(const std::string& text);

// "notes.csv:3:label: error: ... Fix: ..." (line and column left out when they do not apply).
[[nodiscard]] std::string describeFinding(const dataset::Finding& finding);

}  // namespace offsite::cli

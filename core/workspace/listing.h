// Read-only listings of a workspace for the library views (the desktop app's packages, data sets and exports
// tabs, a run's history). Separate from workspace.h so the listing queries grow without touching the store's
// write path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/workspace/workspace.h"

namespace offsite::workspace {

struct ExportListing {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string runName;
    std::optional<std::int64_t> checkpointId;
    std::string recipient;
    std::string contentSha256;
    std::int64_t sizeBytes = 0;
    std::int64_t createdAt = 0;  // ms since the epoch
    std::int64_t receipts = 0;
};

struct PackageListing {
    PackageRecord package;
    std::string publisherName;  // empty when the package has no publisher
};

// One line of a run's history from the audit log, oldest first: "run.created", "run.state" (fromState,
// toState, message), "checkpoint.saved" (step), "evaluation.recorded", and "export.created" for each export of
// the run (its receipt).
struct RunHistoryEntry {
    std::int64_t at = 0;  // ms since the epoch
    std::string action;
    std::string fromState;
    std::string toState;
    std::string message;
    std::optional<std::int64_t> step;
};

[[nodiscard]] Result<std::vector<PackageListing>> listPackages(Workspace& workspace);
[[nodiscard]] Result<std::vector<DatasetRecord>> listDatasets(Workspace& workspace);
[[nodiscard]] Result<std::vector<ExportListing>> listExports(Workspace& workspace);
[[nodiscard]] Result<std::vector<RunHistoryEntry>> runHistory(Workspace& workspace, std::int64_t runId);

}  // namespace offsite::workspace

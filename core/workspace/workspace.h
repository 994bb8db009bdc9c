// A user's workspace: one folder holding the SQLite database (workspace.sqlite), the content store (store/),
// migration backups (backups/) and a lock file that keeps a second process out. Opening runs the start-up
// sequence: lock, open with verified settings, migrate, recover runs interrupted by a crash, reconcile the
// store. Every change is one transaction; artifacts are durable in the store before their rows commit.
// A Workspace is used from one thread at a time (the trainer's worker owns its own MetricsBatcher).
//
// Durability (see docs/WORKSPACE.md): a call that returned success survives an application crash or kill;
// with storage that honours fsync it also survives power loss. Metrics go through MetricsBatcher, so a crash
// loses at most the one batch not yet flushed (MetricsBatchPolicy: at most maxPoints points or maxAge).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/workspace/audit_log.h"
#include "core/workspace/database.h"
#include "core/workspace/file_store.h"
#include "core/workspace/reconciler.h"
#include "core/workspace/run_state.h"
#include "core/workspace/schema.h"

namespace offsite::workspace {

// Where the workspace lives unless the user chose another folder: $OFFSITE_WORKSPACE, else
// $XDG_DATA_HOME/offsite-studio, else ~/.local/share/offsite-studio (empty variables count as unset).
[[nodiscard]] std::filesystem::path defaultWorkspaceFolder();

struct WorkspaceOptions {
    OpenOptions database;
    ReconcileMode reconcileMode = ReconcileMode::Quick;
};

struct StartupReport {
    MigrationReport migration;
    std::int64_t runsRecovered = 0;  // running -> paused after a crash
    ReconcileReport reconcile;
};

struct PublisherKey {
    std::string algorithm;  // "minisign-ed25519"
    std::string keyId;
    std::string publicKey;
};

struct PackageImport {
    std::string name;
    std::string version;
    std::optional<std::int64_t> publisherId;
    std::string manifestSha256;
    std::string sourcePath;  // where the user imported it from, for the import log
};

struct PackageRecord {
    std::int64_t id = 0;
    std::string name;
    std::string version;
    std::optional<std::int64_t> publisherId;
    std::string manifestSha256;
    std::string contentSha256;
    std::int64_t importedAt = 0;
};

struct DatasetRecord {
    std::int64_t id = 0;  // set by the workspace
    std::string name;
    std::string sourcePath;
    std::string format;       // "jsonl", "csv", "tsv", "text"
    std::string task;         // "text", "prompt_completion", "classification", "multiple_choice"
    std::string fingerprint;  // salted, so no content leaves the machine
    std::string statisticsJson = "{}";
    std::string validationJson = "{}";
    std::int64_t createdAt = 0;
};

struct NewRun {
    std::string name;
    std::optional<std::int64_t> packageId;
    std::optional<std::int64_t> datasetId;
    std::string configJson = "{}";
};

struct RunRecord {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> packageId;
    std::optional<std::int64_t> datasetId;
    std::string configJson;
    RunState state = RunState::Created;
    std::string stateMessage;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct MetricPoint {
    std::string name;  // "train/loss"
    std::int64_t step = 0;
    double value = 0.0;
};

enum class CheckpointVerification { Unverified = 1, Verified };

struct NewCheckpoint {
    std::int64_t runId = 0;
    std::int64_t step = 0;
    std::string folder;  // the checkpoint folder (CKPT-1), relative to the workspace
    CheckpointVerification verification = CheckpointVerification::Unverified;
};

struct CheckpointRecord {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::int64_t step = 0;
    std::string folder;
    std::string manifestSha256;
    CheckpointVerification verification = CheckpointVerification::Unverified;
    std::int64_t createdAt = 0;
};

struct RetiredCheckpoints {
    std::vector<CheckpointRecord> retired;  // rows deleted, oldest first
    std::uint64_t bytesFreed = 0;           // of the folders and manifests actually removed
    std::vector<std::string> notRemoved;    // folders or files that could not be removed (reported, not fatal)
};

struct NewExport {
    std::int64_t runId = 0;
    std::optional<std::int64_t> checkpointId;
    std::string recipient;
};

// What `offsite workspace check` reports; also the kill harness's invariants.
struct IntegrityReport {
    std::vector<std::string> integrityCheck;  // {"ok"} when intact
    std::vector<std::string> foreignKeyProblems;
    std::vector<std::string> invariantProblems;  // runs in unknown states, rows pointing at absent files
    AuditVerification audit;
    [[nodiscard]] bool ok() const {
        return integrityCheck.size() == 1 && integrityCheck.front() == "ok" && foreignKeyProblems.empty() &&
               invariantProblems.empty() && audit.intact();
    }
};

class Workspace {
public:
    [[nodiscard]] static Result<Workspace> open(const std::filesystem::path& folder,
                                                const WorkspaceOptions& options = {});
    Workspace(Workspace&& other) noexcept;
    Workspace& operator=(Workspace&&) = delete;
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;
    ~Workspace();  // releases the folder lock

    [[nodiscard]] const StartupReport& startupReport() const { return startup_; }
    [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }
    [[nodiscard]] Database& database() { return db_; }
    [[nodiscard]] const FileStore& store() const { return store_; }
    [[nodiscard]] FileStore& store() { return store_; }

    // Trusted publishers and their pinned keys.
    [[nodiscard]] Result<std::int64_t> addPublisher(std::string_view name);
    [[nodiscard]] Result<std::int64_t> pinPublisherKey(std::int64_t publisherId, const PublisherKey& key);
    [[nodiscard]] Status revokePublisherKey(std::int64_t keyId);

    // Packages: the bytes go into the store (durably) first, then one transaction adds the package, its
    // import-log line and an audit entry, so a crash never leaves a half-imported package.
    [[nodiscard]] Result<std::int64_t> importPackage(const PackageImport& package, std::string_view contents);
    [[nodiscard]] Result<std::int64_t> importPackageFile(const PackageImport& package,
                                                         const std::filesystem::path& file);
    [[nodiscard]] Status logRejectedPackage(std::string_view sourcePath, std::string_view message);
    [[nodiscard]] Result<std::vector<PackageRecord>> packages();

    // Data sets.
    [[nodiscard]] Result<std::int64_t> addDataset(const DatasetRecord& dataset);
    // The same, for a data set whose copy the caller already put into the store (durably): the copy's
    // store_files row commits in the same transaction as the data set, so the reconciler keeps the file.
    [[nodiscard]] Result<std::int64_t> addDataset(const DatasetRecord& dataset, const StoredFile& storedCopy);
    // Copies a file into the store (durably) for a record that commits afterwards (addDataset above); until
    // then the file has no row, and the start-up reconciler removes it if the record never commits.
    [[nodiscard]] Result<StoredFile> putFileInStore(const std::filesystem::path& source) {
        return store_.putFile(source);
    }
    [[nodiscard]] Status updateDatasetReport(std::int64_t datasetId, std::string_view statisticsJson,
                                             std::string_view validationJson);
    [[nodiscard]] Result<DatasetRecord> dataset(std::int64_t datasetId);

    // Runs and their state machine.
    [[nodiscard]] Result<std::int64_t> createRun(const NewRun& run);
    // ErrorKind::InvalidInput for a transition the state machine does not allow (nothing changes). The audit
    // entry names the actor ("trainer" for the job layer, "user" for a command such as `offsite runs cancel`).
    [[nodiscard]] Status transitionRun(std::int64_t runId, RunState to, std::string_view message,
                                       std::string_view actor = "trainer");
    [[nodiscard]] Result<RunRecord> run(std::int64_t runId);
    [[nodiscard]] Result<std::vector<RunRecord>> runs();
    // After a crash, runs still marked running are paused so the user can resume them; returns how many.
    [[nodiscard]] Result<std::int64_t> recoverInterruptedRuns();

    // Metrics: one transaction per call (a batch). Re-sending a point (same run, name, step) replaces it,
    // so a resumed run can replay its last steps safely.
    [[nodiscard]] Status appendMetrics(std::int64_t runId, std::span<const MetricPoint> batch);
    [[nodiscard]] Result<std::vector<MetricPoint>> metrics(std::int64_t runId);

    // Checkpoints: the manifest (checkpoint.json) is stored first, then the row commits.
    [[nodiscard]] Result<std::int64_t> recordCheckpoint(const NewCheckpoint& checkpoint,
                                                        std::string_view manifestJson);
    [[nodiscard]] Result<std::vector<CheckpointRecord>> checkpoints(std::int64_t runId);
    // Keeps the newest `keep` (>= 1) verified checkpoints of a run and retires the rows older than the oldest
    // of them, except a checkpoint an evaluation or export names. One transaction deletes those rows, the store
    // rows of their manifests that nothing else names, and adds a "checkpoint.retired" audit entry; after the
    // commit the checkpoint folders (only under runs/<id>/checkpoints/) and the manifests' files are removed.
    // A crash in between leaves folders without rows, which a resume records again and the next retirement
    // removes; never a row without its folder.
    [[nodiscard]] Result<RetiredCheckpoints> retireCheckpoints(std::int64_t runId, std::size_t keep);

    [[nodiscard]] Result<std::int64_t> recordEvaluation(std::int64_t runId,
                                                        std::optional<std::int64_t> checkpointId,
                                                        std::optional<std::int64_t> datasetId,
                                                        std::string_view metricsJson);
    // Exports: the encrypted bytes are stored first, then the row commits.
    [[nodiscard]] Result<std::int64_t> recordExport(const NewExport& exported,
                                                    std::string_view encryptedBytes);
    [[nodiscard]] Result<std::int64_t> recordReceipt(std::int64_t exportId, std::string_view receiptJson);

    // Audit log and checks.
    [[nodiscard]] Status appendAudit(const AuditEntry& entry);  // in its own transaction
    [[nodiscard]] Result<AuditVerification> verifyAuditChain();
    [[nodiscard]] Result<ReconcileReport> reconcile(ReconcileMode mode);
    [[nodiscard]] Result<IntegrityReport> checkIntegrity();

private:
    Workspace() = default;
    [[nodiscard]] Result<std::int64_t> insertStoreRow(const StoredFile& file, std::int64_t now);
    [[nodiscard]] Result<std::int64_t> importStored(const PackageImport& package, const StoredFile& file);
    [[nodiscard]] Result<std::int64_t> insertDataset(const DatasetRecord& dataset, const StoredFile* storedCopy);
    std::filesystem::path folder_;
    int lockFd_ = -1;
    Database db_;
    FileStore store_;
    StartupReport startup_;
};

struct MetricsBatchPolicy {
    std::size_t maxPoints = 256;
    std::chrono::milliseconds maxAge{2000};
};

// Buffers metric points and writes them in batches. The loss window: a crash loses at most the points added
// since the last successful flush, i.e. fewer than maxPoints points and less than maxAge of training.
// The destructor does not flush (it could not report an error); call flush() when the run stops.
class MetricsBatcher {
public:
    MetricsBatcher(Workspace& workspace, std::int64_t runId, MetricsBatchPolicy policy = {});
    [[nodiscard]] Status add(MetricPoint point);
    [[nodiscard]] Status flush();
    [[nodiscard]] std::size_t pending() const { return pending_.size(); }

private:
    Workspace& workspace_;
    std::int64_t runId_;
    MetricsBatchPolicy policy_;
    std::vector<MetricPoint> pending_;
    std::chrono::steady_clock::time_point oldest_{};
};

}  // namespace offsite::workspace

// The workspace: start-up sequence (lock, open, migrate, recover, reconcile) and the record-keeping API.
#include "core/workspace/workspace.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/json/json.h"

namespace offsite::workspace {
namespace fs = std::filesystem;
namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string subject(std::string_view kind, std::int64_t id) {
    return std::string(kind) + ":" + std::to_string(id);
}

std::string detailsOf(std::initializer_list<std::pair<const char*, json::Value>> fields) {
    json::Value v = json::Value::object();
    for (const auto& [key, value] : fields) v.set(key, value);
    return json::serialize(v);
}

Status requireJsonObject(std::string_view text, std::string_view what) {
    auto parsed = json::parse(text);
    if (!parsed.ok() || !parsed->isObject()) {
        return makeError(ErrorKind::InvalidInput, std::string(what) + " must be a JSON object");
    }
    return {};
}

// Reads one run row; columns in the order of kRunColumns.
constexpr std::string_view kRunColumns =
    "id, name, package_id, dataset_id, config_json, state, state_message, created_at, updated_at";

Result<RunRecord> readRun(const Statement& st) {
    RunRecord r;
    r.id = st.columnInt(0);
    r.name = st.columnText(1);
    r.packageId = st.columnOptionalInt(2);
    r.datasetId = st.columnOptionalInt(3);
    r.configJson = st.columnText(4);
    const std::string state = st.columnText(5);
    const auto parsed = runStateFromName(state);
    if (!parsed) {
        return makeError(ErrorKind::Integrity,
                         "run " + std::to_string(r.id) + " has an unknown state \"" + state + "\"");
    }
    r.state = *parsed;
    r.stateMessage = st.columnText(6);
    r.createdAt = st.columnInt(7);
    r.updatedAt = st.columnInt(8);
    return r;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Opening

Result<Workspace> Workspace::open(const fs::path& folder, const WorkspaceOptions& options) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        return makeError(ErrorKind::Io, folder.string() + ": cannot create the workspace folder (" +
                                            ec.message() + "); choose a folder you can write to");
    }
    Workspace ws;
    ws.folder_ = folder;
    const fs::path lockPath = folder / "workspace.lock";
    ws.lockFd_ = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (ws.lockFd_ < 0) {
        return makeError(ErrorKind::Io, lockPath.string() + ": cannot create the lock file (" +
                                            std::strerror(errno) + "); check the folder's permissions");
    }
    if (::flock(ws.lockFd_, LOCK_EX | LOCK_NB) != 0) {
        return makeError(ErrorKind::Io,
                         folder.string() +
                             " is already open in another Offsite Studio window or command; close "
                             "it and try again");
    }
    OFFSITE_ASSIGN_OR_RETURN(ws.db_, Database::open(folder / "workspace.sqlite", options.database));
    OFFSITE_ASSIGN_OR_RETURN(ws.startup_.migration,
                             migrateDatabase(ws.db_, folder / "backups", schemaMigrations()));
    OFFSITE_ASSIGN_OR_RETURN(ws.store_, FileStore::open(folder / "store"));
    OFFSITE_ASSIGN_OR_RETURN(ws.startup_.runsRecovered, ws.recoverInterruptedRuns());
    OFFSITE_ASSIGN_OR_RETURN(ws.startup_.reconcile, ws.reconcile(options.reconcileMode));
    return ws;
}

Workspace::Workspace(Workspace&& other) noexcept
    : folder_(std::move(other.folder_)),
      lockFd_(other.lockFd_),
      db_(std::move(other.db_)),
      store_(std::move(other.store_)),
      startup_(std::move(other.startup_)) {
    other.lockFd_ = -1;
}

Workspace::~Workspace() {
    // Close the database before giving up the lock, so the next owner never sees our connection.
    db_ = Database();
    if (lockFd_ >= 0) ::close(lockFd_);
}

// ---------------------------------------------------------------------------------------------------
// Publishers and keys

Result<std::int64_t> Workspace::addPublisher(std::string_view name) {
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             db_.prepare("INSERT INTO publishers (name, created_at) VALUES (?, ?)"));
    OFFSITE_TRY(st.bindAll(name, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"user", "publisher.added", subject("publisher", id),
                                  detailsOf({{"name", json::Value::string(std::string(name))}})},
                                 now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Result<std::int64_t> Workspace::pinPublisherKey(std::int64_t publisherId, const PublisherKey& key) {
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             db_.prepare("INSERT INTO publisher_keys (publisher_id, algorithm, key_id, "
                                         "public_key, pinned_at) VALUES (?, ?, ?, ?, ?)"));
    OFFSITE_TRY(st.bindAll(publisherId, key.algorithm, key.keyId, key.publicKey, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"user", "key.pinned", subject("publisher", publisherId),
                                  detailsOf({{"key_id", json::Value::string(key.keyId)},
                                             {"algorithm", json::Value::string(key.algorithm)}})},
                                 now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Status Workspace::revokePublisherKey(std::int64_t keyId) {
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db_.prepare("UPDATE publisher_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"));
    OFFSITE_TRY(st.bindAll(now, keyId));
    OFFSITE_TRY(st.run());
    if (db_.changes() == 0) {
        return makeError(ErrorKind::NotFound,
                         "key " + std::to_string(keyId) + " is not pinned or already revoked");
    }
    OFFSITE_TRY(appendAuditEntry(db_, {"user", "key.revoked", subject("key", keyId), "{}"}, now));
    return tx.commit();
}

// ---------------------------------------------------------------------------------------------------
// Packages

Result<std::int64_t> Workspace::insertStoreRow(const StoredFile& file, std::int64_t now) {
    // A file that was marked missing and is stored again becomes present again.
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT INTO store_files (sha256, size, state, added_at) VALUES (?, ?, "
                                  "'present', ?) ON CONFLICT (sha256) DO UPDATE SET state = 'present'"));
    OFFSITE_TRY(st.bindAll(file.sha256, static_cast<std::int64_t>(file.size), now));
    OFFSITE_TRY(st.run());
    return db_.changes();
}

Result<std::int64_t> Workspace::importStored(const PackageImport& package, const StoredFile& file) {
    if (!crypto::isSha256Hex(package.manifestSha256)) {
        return makeError(ErrorKind::InvalidInput,
                         "the package manifest hash must be 64 lowercase hex digits");
    }
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_TRY(insertStoreRow(file, now));
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT INTO packages (name, version, publisher_id, manifest_sha256, "
                                  "content_sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?)"));
    OFFSITE_TRY(st.bindAll(package.name, package.version, package.publisherId, package.manifestSha256,
                           file.sha256, now));
    Status inserted = st.run();
    if (!inserted.ok()) {
        if (inserted.error().kind == ErrorKind::InvalidInput) {
            return makeError(ErrorKind::InvalidInput, "package " + package.name + " " + package.version +
                                                          " is already in the workspace (or its publisher is "
                                                          "unknown); nothing was imported");
        }
        return inserted.error();
    }
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_ASSIGN_OR_RETURN(Statement log,
                             db_.prepare("INSERT INTO package_import_log (package_id, source_path, "
                                         "outcome, message, at) VALUES (?, ?, 'imported', ?, ?)"));
    OFFSITE_TRY(log.bindAll(id, package.sourcePath, "imported " + package.name + " " + package.version, now));
    OFFSITE_TRY(log.run());
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"user", "package.imported", subject("package", id),
                                  detailsOf({{"name", json::Value::string(package.name)},
                                             {"version", json::Value::string(package.version)},
                                             {"content_sha256", json::Value::string(file.sha256)}})},
                                 now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Result<std::int64_t> Workspace::importPackage(const PackageImport& package, std::string_view contents) {
    OFFSITE_ASSIGN_OR_RETURN(const StoredFile file, store_.put(contents));
    return importStored(package, file);
}

Result<std::int64_t> Workspace::importPackageFile(const PackageImport& package, const fs::path& file) {
    OFFSITE_ASSIGN_OR_RETURN(const StoredFile stored, store_.putFile(file));
    return importStored(package, stored);
}

Status Workspace::logRejectedPackage(std::string_view sourcePath, std::string_view message) {
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(Statement log,
                             db_.prepare("INSERT INTO package_import_log (package_id, source_path, "
                                         "outcome, message, at) VALUES (NULL, ?, 'rejected', ?, ?)"));
    OFFSITE_TRY(log.bindAll(sourcePath, message, now));
    OFFSITE_TRY(log.run());
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"user", "package.rejected", std::string(sourcePath),
                                  detailsOf({{"message", json::Value::string(std::string(message))}})},
                                 now));
    return tx.commit();
}

Result<std::vector<PackageRecord>> Workspace::packages() {
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             db_.prepare("SELECT id, name, version, publisher_id, manifest_sha256, "
                                         "content_sha256, imported_at FROM packages ORDER BY id"));
    std::vector<PackageRecord> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back(PackageRecord{st.columnInt(0), st.columnText(1), st.columnText(2),
                                    st.columnOptionalInt(3), st.columnText(4), st.columnText(5),
                                    st.columnInt(6)});
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Data sets

Result<std::int64_t> Workspace::addDataset(const DatasetRecord& dataset) {
    return insertDataset(dataset, nullptr);
}

Result<std::int64_t> Workspace::addDataset(const DatasetRecord& dataset, const StoredFile& storedCopy) {
    return insertDataset(dataset, &storedCopy);
}

Result<std::int64_t> Workspace::insertDataset(const DatasetRecord& dataset, const StoredFile* storedCopy) {
    OFFSITE_TRY(requireJsonObject(dataset.statisticsJson, "the data set statistics"));
    OFFSITE_TRY(requireJsonObject(dataset.validationJson, "the data set validation report"));
    if (storedCopy != nullptr && !store_.contains(storedCopy->sha256)) {
        return makeError(ErrorKind::NotFound, "the data set's copy " + storedCopy->sha256 +
                                                  " is not in the workspace store; import it again");
    }
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    if (storedCopy != nullptr) OFFSITE_TRY(insertStoreRow(*storedCopy, now));
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db_.prepare("INSERT INTO datasets (name, source_path, format, task, fingerprint, "
                    "statistics_json, validation_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    OFFSITE_TRY(st.bindAll(dataset.name, dataset.sourcePath, dataset.format, dataset.task,
                           dataset.fingerprint, dataset.statisticsJson, dataset.validationJson, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"user", "dataset.added", subject("dataset", id),
                                  detailsOf({{"fingerprint", json::Value::string(dataset.fingerprint)}})},
                                 now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Status Workspace::updateDatasetReport(std::int64_t datasetId, std::string_view statisticsJson,
                                      std::string_view validationJson) {
    OFFSITE_TRY(requireJsonObject(statisticsJson, "the data set statistics"));
    OFFSITE_TRY(requireJsonObject(validationJson, "the data set validation report"));
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db_.prepare("UPDATE datasets SET statistics_json = ?, validation_json = ? WHERE id = ?"));
    OFFSITE_TRY(st.bindAll(statisticsJson, validationJson, datasetId));
    OFFSITE_TRY(st.run());
    if (db_.changes() == 0)
        return makeError(ErrorKind::NotFound, "there is no data set " + std::to_string(datasetId));
    return tx.commit();
}

Result<DatasetRecord> Workspace::dataset(std::int64_t datasetId) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("SELECT id, name, source_path, format, task, fingerprint, statistics_json, "
                                  "validation_json, created_at FROM datasets WHERE id = ?"));
    OFFSITE_TRY(st.bindAll(datasetId));
    OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
    if (r != StepResult::Row)
        return makeError(ErrorKind::NotFound, "there is no data set " + std::to_string(datasetId));
    return DatasetRecord{st.columnInt(0),  st.columnText(1), st.columnText(2),
                         st.columnText(3), st.columnText(4), st.columnText(5),
                         st.columnText(6), st.columnText(7), st.columnInt(8)};
}

// ---------------------------------------------------------------------------------------------------
// Runs

Result<std::int64_t> Workspace::createRun(const NewRun& run) {
    OFFSITE_TRY(requireJsonObject(run.configJson, "the run configuration"));
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT INTO runs (name, package_id, dataset_id, config_json, state, "
                                  "created_at, updated_at) VALUES (?, ?, ?, ?, 'created', ?, ?)"));
    OFFSITE_TRY(st.bindAll(run.name, run.packageId, run.datasetId, run.configJson, now, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(
        db_,
        {"user", "run.created", subject("run", id), detailsOf({{"name", json::Value::string(run.name)}})},
        now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Status Workspace::transitionRun(std::int64_t runId, RunState to, std::string_view message, std::string_view actor) {
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(const RunRecord current, run(runId));
    if (!isLegalRunTransition(current.state, to)) {
        return makeError(ErrorKind::InvalidInput, "run " + std::to_string(runId) + " cannot go from " +
                                                      std::string(runStateName(current.state)) + " to " +
                                                      std::string(runStateName(to)) +
                                                      "; nothing was changed");
    }
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db_.prepare("UPDATE runs SET state = ?, state_message = ?, updated_at = ? WHERE id = ?"));
    OFFSITE_TRY(st.bindAll(runStateName(to), message, now, runId));
    OFFSITE_TRY(st.run());
    OFFSITE_TRY(
        appendAuditEntry(db_,
                         {std::string(actor), "run.state", subject("run", runId),
                          detailsOf({{"from", json::Value::string(std::string(runStateName(current.state)))},
                                     {"to", json::Value::string(std::string(runStateName(to)))},
                                     {"message", json::Value::string(std::string(message))}})},
                         now));
    return tx.commit();
}

Result<RunRecord> Workspace::run(std::int64_t runId) {
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             db_.prepare("SELECT " + std::string(kRunColumns) + " FROM runs WHERE id = ?"));
    OFFSITE_TRY(st.bindAll(runId));
    OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
    if (r != StepResult::Row)
        return makeError(ErrorKind::NotFound, "there is no run " + std::to_string(runId));
    return readRun(st);
}

Result<std::vector<RunRecord>> Workspace::runs() {
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             db_.prepare("SELECT " + std::string(kRunColumns) + " FROM runs ORDER BY id"));
    std::vector<RunRecord> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        OFFSITE_ASSIGN_OR_RETURN(RunRecord record, readRun(st));
        out.push_back(std::move(record));
    }
    return out;
}

Result<std::int64_t> Workspace::recoverInterruptedRuns() {
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    std::vector<std::int64_t> ids;
    {
        OFFSITE_ASSIGN_OR_RETURN(Statement st,
                                 db_.prepare("SELECT id FROM runs WHERE state = 'running' ORDER BY id"));
        for (;;) {
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
            if (r == StepResult::Done) break;
            ids.push_back(st.columnInt(0));
        }
    }
    if (ids.empty()) return std::int64_t{0};
    OFFSITE_ASSIGN_OR_RETURN(
        Statement update, db_.prepare("UPDATE runs SET state = 'paused', state_message = ?, updated_at = ? "
                                      "WHERE id = ?"));
    for (const std::int64_t id : ids) {
        OFFSITE_TRY(
            update.bindAll("paused after Offsite Studio stopped unexpectedly; resume it from its last "
                           "checkpoint",
                           now, id));
        OFFSITE_TRY(update.run());
        OFFSITE_TRY(appendAuditEntry(db_,
                                     {"recovery", "run.state", subject("run", id),
                                      detailsOf({{"from", json::Value::string("running")},
                                                 {"to", json::Value::string("paused")},
                                                 {"message", json::Value::string("interrupted")}})},
                                     now));
    }
    OFFSITE_TRY(tx.commit());
    return static_cast<std::int64_t>(ids.size());
}

// ---------------------------------------------------------------------------------------------------
// Metrics

Status Workspace::appendMetrics(std::int64_t runId, std::span<const MetricPoint> batch) {
    if (batch.empty()) return {};
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT OR REPLACE INTO metrics (run_id, name, step, value, recorded_at) "
                                  "VALUES (?, ?, ?, ?, ?)"));
    for (const MetricPoint& p : batch) {
        OFFSITE_TRY(st.bindAll(runId, p.name, p.step, p.value, now));
        OFFSITE_TRY(st.run());
    }
    return tx.commit();
}

Result<std::vector<MetricPoint>> Workspace::metrics(std::int64_t runId) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        db_.prepare("SELECT name, step, value FROM metrics WHERE run_id = ? ORDER BY name, step"));
    OFFSITE_TRY(st.bindAll(runId));
    std::vector<MetricPoint> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back(MetricPoint{st.columnText(0), st.columnInt(1), st.columnDouble(2)});
    }
    return out;
}

MetricsBatcher::MetricsBatcher(Workspace& workspace, std::int64_t runId, MetricsBatchPolicy policy)
    : workspace_(workspace), runId_(runId), policy_(policy) {}

Status MetricsBatcher::add(MetricPoint point) {
    if (pending_.empty()) oldest_ = std::chrono::steady_clock::now();
    pending_.push_back(std::move(point));
    if (pending_.size() >= policy_.maxPoints ||
        std::chrono::steady_clock::now() - oldest_ >= policy_.maxAge) {
        return flush();
    }
    return {};
}

Status MetricsBatcher::flush() {
    // On failure the points stay pending, so a later flush can still write them.
    OFFSITE_TRY(workspace_.appendMetrics(runId_, pending_));
    pending_.clear();
    return {};
}

// ---------------------------------------------------------------------------------------------------
// Checkpoints, evaluations, exports

Result<std::int64_t> Workspace::recordCheckpoint(const NewCheckpoint& checkpoint,
                                                 std::string_view manifestJson) {
    OFFSITE_TRY(requireJsonObject(manifestJson, "the checkpoint manifest"));
    OFFSITE_ASSIGN_OR_RETURN(const StoredFile manifest, store_.put(manifestJson));
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_TRY(insertStoreRow(manifest, now));
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT INTO checkpoints (run_id, step, folder, manifest_sha256, verified, "
                                  "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    const std::int64_t verified = checkpoint.verification == CheckpointVerification::Verified ? 1 : 0;
    OFFSITE_TRY(
        st.bindAll(checkpoint.runId, checkpoint.step, checkpoint.folder, manifest.sha256, verified, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"trainer", "checkpoint.saved", subject("run", checkpoint.runId),
                                  detailsOf({{"step", json::Value::integer(checkpoint.step)},
                                             {"manifest_sha256", json::Value::string(manifest.sha256)}})},
                                 now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Result<std::vector<CheckpointRecord>> Workspace::checkpoints(std::int64_t runId) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("SELECT id, run_id, step, folder, manifest_sha256, verified, created_at "
                                  "FROM checkpoints WHERE run_id = ? ORDER BY step"));
    OFFSITE_TRY(st.bindAll(runId));
    std::vector<CheckpointRecord> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back(CheckpointRecord{
            st.columnInt(0), st.columnInt(1), st.columnInt(2), st.columnText(3), st.columnText(4),
            st.columnInt(5) != 0 ? CheckpointVerification::Verified : CheckpointVerification::Unverified,
            st.columnInt(6)});
    }
    return out;
}

Result<RetiredCheckpoints> Workspace::retireCheckpoints(std::int64_t runId, std::size_t keep) {
    if (keep < 1) {
        return makeError(ErrorKind::InvalidInput, "keep at least 1 checkpoint per run (a resume needs one)");
    }
    RetiredCheckpoints out;
    std::vector<std::string> manifestsToRemove;
    {
        const std::int64_t now = nowMs();
        OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
        OFFSITE_ASSIGN_OR_RETURN(const std::vector<CheckpointRecord> rows, checkpoints(runId));  // by step
        std::size_t verifiedSeen = 0;
        std::optional<std::int64_t> oldestKeptStep;
        for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
            if (it->verification != CheckpointVerification::Verified) continue;
            if (++verifiedSeen == keep) {
                oldestKeptStep = it->step;
                break;
            }
        }
        if (!oldestKeptStep) return out;  // fewer than `keep` verified checkpoints: nothing to retire
        OFFSITE_ASSIGN_OR_RETURN(
            Statement named,
            db_.prepare("SELECT (SELECT count(*) FROM evaluations WHERE checkpoint_id = ?1) + "
                        "(SELECT count(*) FROM exports WHERE checkpoint_id = ?1)"));
        OFFSITE_ASSIGN_OR_RETURN(Statement del, db_.prepare("DELETE FROM checkpoints WHERE id = ?"));
        json::Value steps = json::Value::array();
        for (const CheckpointRecord& row : rows) {
            if (row.step >= *oldestKeptStep) break;
            named.reset();
            OFFSITE_TRY(named.bindAll(row.id));
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, named.step());
            const bool namedElsewhere = r == StepResult::Row && named.columnInt(0) > 0;
            named.reset();
            if (namedElsewhere) continue;  // an evaluation or export names it
            del.reset();
            OFFSITE_TRY(del.bindAll(row.id));
            OFFSITE_TRY(del.run());
            out.retired.push_back(row);
            steps.push(json::Value::integer(row.step));
        }
        if (out.retired.empty()) return out;
        // The manifests' store rows, unless another row still names the same bytes.
        OFFSITE_ASSIGN_OR_RETURN(
            Statement dropStore,
            db_.prepare("DELETE FROM store_files WHERE sha256 = ?1 "
                        "AND NOT EXISTS (SELECT 1 FROM checkpoints WHERE manifest_sha256 = ?1) "
                        "AND NOT EXISTS (SELECT 1 FROM packages WHERE content_sha256 = ?1) "
                        "AND NOT EXISTS (SELECT 1 FROM exports WHERE content_sha256 = ?1) "
                        "AND NOT EXISTS (SELECT 1 FROM datasets WHERE source_path = 'store:' || ?1)"));
        for (const CheckpointRecord& row : out.retired) {
            dropStore.reset();
            OFFSITE_TRY(dropStore.bindAll(row.manifestSha256));
            OFFSITE_TRY(dropStore.run());
            if (db_.changes() > 0) manifestsToRemove.push_back(row.manifestSha256);
        }
        OFFSITE_TRY(appendAuditEntry(db_,
                                     {"trainer", "checkpoint.retired", subject("run", runId),
                                      detailsOf({{"steps", steps},
                                                 {"kept_newest", json::Value::unsignedInteger(keep)}})},
                                     now));
        OFFSITE_TRY(tx.commit());
    }
    // The rows are gone; now the files. Only folders inside this run's checkpoint folder are ever removed.
    const std::filesystem::path allowed = (folder_ / "runs" / std::to_string(runId) / "checkpoints").lexically_normal();
    for (const CheckpointRecord& row : out.retired) {
        const std::filesystem::path target = (folder_ / row.folder).lexically_normal();
        if (target.parent_path() != allowed) {
            out.notRemoved.push_back(target.string() + " (outside " + allowed.string() + ", left alone)");
            continue;
        }
        std::error_code ec;
        std::uint64_t bytes = 0;
        for (std::filesystem::recursive_directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code sizeEc;
            if (it->is_regular_file(sizeEc)) bytes += it->file_size(sizeEc);
        }
        // Renamed first (one step), so a crash during the removal leaves a ".retired-" folder that the next
        // retirement finishes, never a half-removed checkpoint folder that looks like a checkpoint.
        const std::filesystem::path doomed = allowed / (".retired-" + target.filename().string());
        ec.clear();
        std::filesystem::rename(target, doomed, ec);
        if (!ec) std::filesystem::remove_all(doomed, ec);
        if (ec) {
            out.notRemoved.push_back(target.string() + " (" + ec.message() + ")");
        } else {
            out.bytesFreed += bytes;
        }
    }
    std::vector<std::filesystem::path> leftovers;
    std::error_code listEc;
    for (std::filesystem::directory_iterator it(allowed, listEc), end; !listEc && it != end; it.increment(listEc)) {
        if (it->path().filename().string().starts_with(".retired-")) leftovers.push_back(it->path());
    }
    for (const std::filesystem::path& leftover : leftovers) {
        std::error_code ec;
        std::filesystem::remove_all(leftover, ec);
        if (ec) out.notRemoved.push_back(leftover.string() + " (" + ec.message() + ")");
    }
    for (const std::string& sha : manifestsToRemove) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(store_.pathFor(sha), ec);
        if (const Status removed = store_.remove(sha); !removed.ok()) {
            out.notRemoved.push_back(removed.error().message);
        } else if (!ec) {
            out.bytesFreed += size;
        }
    }
    return out;
}

Result<std::int64_t> Workspace::recordEvaluation(std::int64_t runId, std::optional<std::int64_t> checkpointId,
                                                 std::optional<std::int64_t> datasetId,
                                                 std::string_view metricsJson) {
    OFFSITE_TRY(requireJsonObject(metricsJson, "the evaluation metrics"));
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT INTO evaluations (run_id, checkpoint_id, dataset_id, metrics_json, "
                                  "created_at) VALUES (?, ?, ?, ?, ?)"));
    OFFSITE_TRY(st.bindAll(runId, checkpointId, datasetId, metricsJson, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_, {"trainer", "evaluation.recorded", subject("run", runId), "{}"}, now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Result<std::int64_t> Workspace::recordExport(const NewExport& exported, std::string_view encryptedBytes) {
    OFFSITE_ASSIGN_OR_RETURN(const StoredFile file, store_.put(encryptedBytes));
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_TRY(insertStoreRow(file, now));
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st, db_.prepare("INSERT INTO exports (run_id, checkpoint_id, recipient, content_sha256, "
                                  "created_at) VALUES (?, ?, ?, ?, ?)"));
    OFFSITE_TRY(st.bindAll(exported.runId, exported.checkpointId, exported.recipient, file.sha256, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_,
                                 {"user", "export.created", subject("export", id),
                                  detailsOf({{"recipient", json::Value::string(exported.recipient)},
                                             {"content_sha256", json::Value::string(file.sha256)}})},
                                 now));
    OFFSITE_TRY(tx.commit());
    return id;
}

Result<std::int64_t> Workspace::recordReceipt(std::int64_t exportId, std::string_view receiptJson) {
    OFFSITE_TRY(requireJsonObject(receiptJson, "the export receipt"));
    const std::int64_t now = nowMs();
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             db_.prepare("INSERT INTO export_receipts (export_id, receipt_json, "
                                         "received_at) VALUES (?, ?, ?)"));
    OFFSITE_TRY(st.bindAll(exportId, receiptJson, now));
    OFFSITE_TRY(st.run());
    const std::int64_t id = db_.lastInsertRowId();
    OFFSITE_TRY(appendAuditEntry(db_, {"user", "export.receipt", subject("export", exportId), "{}"}, now));
    OFFSITE_TRY(tx.commit());
    return id;
}

// ---------------------------------------------------------------------------------------------------
// Audit and checks

Status Workspace::appendAudit(const AuditEntry& entry) {
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db_.begin());
    OFFSITE_TRY(appendAuditEntry(db_, entry, nowMs()));
    return tx.commit();
}

Result<AuditVerification> Workspace::verifyAuditChain() {
    return offsite::workspace::verifyAuditChain(db_);
}

Result<ReconcileReport> Workspace::reconcile(ReconcileMode mode) {
    return reconcileStore(db_, store_, mode, nowMs());
}

Result<IntegrityReport> Workspace::checkIntegrity() {
    IntegrityReport report;
    OFFSITE_ASSIGN_OR_RETURN(report.integrityCheck, db_.queryTextColumn("PRAGMA integrity_check"));
    OFFSITE_ASSIGN_OR_RETURN(report.foreignKeyProblems, db_.queryTextColumn("PRAGMA foreign_key_check"));
    OFFSITE_ASSIGN_OR_RETURN(
        const std::vector<std::string> badRuns,
        db_.queryTextColumn("SELECT 'run ' || id || ' is in an unknown state ' || state FROM runs "
                            "WHERE state NOT IN ('created', 'running', 'paused', "
                            "'completed', 'failed', 'cancelled')"));
    report.invariantProblems = badRuns;
    OFFSITE_ASSIGN_OR_RETURN(Statement files,
                             db_.prepare("SELECT sha256 FROM store_files WHERE state = 'present' "
                                         "ORDER BY sha256"));
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, files.step());
        if (r == StepResult::Done) break;
        const std::string sha = files.columnText(0);
        if (!store_.contains(sha)) report.invariantProblems.push_back("stored file " + sha + " is missing");
    }
    OFFSITE_ASSIGN_OR_RETURN(report.audit, offsite::workspace::verifyAuditChain(db_));
    return report;
}

}  // namespace offsite::workspace

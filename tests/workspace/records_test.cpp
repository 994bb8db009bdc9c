// What the workspace records: the run state machine (code and trigger), crash recovery of running runs,
// metric batches and their loss window, the hash-chained audit log, and the other tables' round trips.
#include <array>
#include <filesystem>
#include <map>
#include <vector>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"
#include "tests/workspace/workspace_test_support.h"

namespace offsite::workspace {
namespace {

using testing::TempFolderTest;

class RecordsTest : public TempFolderTest {
protected:
    // Drives a new run into `state` along legal transitions.
    std::int64_t runIn(Workspace& w, RunState state) {
        auto created = w.createRun(NewRun{"run in " + std::string(runStateName(state))});
        EXPECT_TRUE(created.ok());
        const std::int64_t id = created.value();
        auto go = [&](RunState to) { EXPECT_TRUE(w.transitionRun(id, to, "").ok()); };
        switch (state) {
            case RunState::Created:
                break;
            case RunState::Running:
                go(RunState::Running);
                break;
            case RunState::Paused:
                go(RunState::Running);
                go(RunState::Paused);
                break;
            case RunState::Completed:
                go(RunState::Running);
                go(RunState::Completed);
                break;
            case RunState::Failed:
                go(RunState::Failed);
                break;
            case RunState::Cancelled:
                go(RunState::Cancelled);
                break;
        }
        return id;
    }
};

constexpr std::array<RunState, 6> kAllStates = {RunState::Created,   RunState::Running, RunState::Paused,
                                                RunState::Completed, RunState::Failed,  RunState::Cancelled};

TEST_F(RecordsTest, EveryTransitionIsAcceptedExactlyWhenLegal) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    int legal = 0;
    int illegal = 0;
    for (const RunState from : kAllStates) {
        for (const RunState to : kAllStates) {
            if (from == to) continue;
            const std::int64_t id = runIn(w, from);
            const Status moved = w.transitionRun(id, to, "test");
            WS_ASSERT_OK_AND_ASSIGN(const RunRecord after, w.run(id));
            if (isLegalRunTransition(from, to)) {
                ++legal;
                EXPECT_TRUE(moved.ok()) << runStateName(from) << " -> " << runStateName(to);
                EXPECT_EQ(after.state, to);
            } else {
                ++illegal;
                ASSERT_FALSE(moved.ok()) << runStateName(from) << " -> " << runStateName(to);
                EXPECT_EQ(moved.error().kind, ErrorKind::InvalidInput);
                EXPECT_NE(moved.error().message.find("cannot go from"), std::string::npos);
                EXPECT_EQ(after.state, from);
                // The database refuses the same move even from raw SQL.
                const Status raw =
                    w.database().exec("UPDATE runs SET state = '" + std::string(runStateName(to)) +
                                      "' WHERE id = " + std::to_string(id));
                ASSERT_FALSE(raw.ok()) << runStateName(from) << " -> " << runStateName(to);
                EXPECT_NE(raw.error().message.find("illegal run state transition"), std::string::npos);
            }
        }
    }
    EXPECT_EQ(legal, 10);
    EXPECT_EQ(illegal, 20);
}

TEST_F(RecordsTest, DatabaseRefusesRunsThatDoNotStartCreatedOrHaveUnknownStates) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    EXPECT_FALSE(w.database()
                     .exec("INSERT INTO runs (name, state, created_at, updated_at) "
                           "VALUES ('x', 'running', 0, 0)")
                     .ok());
    const std::int64_t id = runIn(w, RunState::Running);
    EXPECT_FALSE(
        w.database().exec("UPDATE runs SET state = 'exploded' WHERE id = " + std::to_string(id)).ok());
    EXPECT_EQ(w.transitionRun(9999, RunState::Running, "").error().kind, ErrorKind::NotFound);
}

TEST_F(RecordsTest, RunningRunsArePausedAfterACrash) {
    std::int64_t running = 0;
    std::int64_t done = 0;
    {
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
        running = runIn(w, RunState::Running);
        done = runIn(w, RunState::Completed);
        // The process "dies" here: the workspace is closed without stopping the run.
    }
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    EXPECT_EQ(w.startupReport().runsRecovered, 1);
    WS_ASSERT_OK_AND_ASSIGN(const RunRecord paused, w.run(running));
    EXPECT_EQ(paused.state, RunState::Paused);
    EXPECT_NE(paused.stateMessage.find("resume"), std::string::npos);
    WS_ASSERT_OK_AND_ASSIGN(const RunRecord untouched, w.run(done));
    EXPECT_EQ(untouched.state, RunState::Completed);
    WS_ASSERT_OK(w.transitionRun(running, RunState::Running, "resumed"));
}

TEST_F(RecordsTest, MetricsAreWrittenInBatchesAndLoseAtMostTheUnflushedOne) {
    std::int64_t run = 0;
    {
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
        run = runIn(w, RunState::Running);
        MetricsBatcher batcher(w, run, MetricsBatchPolicy{10, std::chrono::hours(1)});
        for (std::int64_t step = 0; step < 25; ++step) {
            WS_ASSERT_OK(batcher.add(MetricPoint{"train/loss", step, 1.0 / static_cast<double>(step + 1)}));
        }
        EXPECT_EQ(batcher.pending(), 5u);
        // Crash: the 5 pending points are the loss window.
    }
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    WS_ASSERT_OK_AND_ASSIGN(std::vector<MetricPoint> points, w.metrics(run));
    ASSERT_EQ(points.size(), 20u);
    EXPECT_EQ(points.back().step, 19);
    // A resumed run replays from its checkpoint: re-sent steps replace, never duplicate.
    std::vector<MetricPoint> replay;
    for (std::int64_t step = 15; step < 30; ++step) replay.push_back(MetricPoint{"train/loss", step, 0.5});
    WS_ASSERT_OK(w.appendMetrics(run, replay));
    WS_ASSERT_OK_AND_ASSIGN(points, w.metrics(run));
    EXPECT_EQ(points.size(), 30u);
    EXPECT_DOUBLE_EQ(points[15].value, 0.5);
}

TEST_F(RecordsTest, MetricsBatcherFlushesByAge) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    const std::int64_t run = runIn(w, RunState::Running);
    MetricsBatcher batcher(w, run, MetricsBatchPolicy{1000, std::chrono::milliseconds(0)});
    WS_ASSERT_OK(batcher.add(MetricPoint{"loss", 1, 1.0}));
    EXPECT_EQ(batcher.pending(), 0u);
}

TEST_F(RecordsTest, AuditChainVerifiesAndFindsTheFirstTamperedRow) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t publisher, w.addPublisher("Owner"));
    WS_ASSERT_OK(w.pinPublisherKey(publisher, PublisherKey{"minisign-ed25519", "K1", "RWQkey"}));
    const std::int64_t run = runIn(w, RunState::Completed);
    (void)run;
    WS_ASSERT_OK_AND_ASSIGN(AuditVerification audit, w.verifyAuditChain());
    EXPECT_TRUE(audit.intact()) << audit.reason;
    EXPECT_EQ(audit.rowsChecked, 5);

    // The normal path cannot change history.
    const Status refused = w.database().exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("append-only"), std::string::npos);
    EXPECT_FALSE(w.database().exec("DELETE FROM audit_log WHERE id = 3").ok());

    // Someone with raw access drops the guard and edits row 3: the chain names it.
    WS_ASSERT_OK(w.database().exec("DROP TRIGGER audit_log_no_update"));
    WS_ASSERT_OK(
        w.database().exec("UPDATE audit_log SET details_json = '{\"name\":\"forged\"}' WHERE id = 3"));
    WS_ASSERT_OK_AND_ASSIGN(audit, w.verifyAuditChain());
    ASSERT_FALSE(audit.intact());
    EXPECT_EQ(*audit.firstBadId, 3);
    EXPECT_NE(audit.reason.find("changed"), std::string::npos);
    WS_ASSERT_OK_AND_ASSIGN(const IntegrityReport report, w.checkIntegrity());
    EXPECT_FALSE(report.ok());
}

TEST_F(RecordsTest, AuditChainDetectsADeletedOrRelinkedRow) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    for (int i = 0; i < 5; ++i)
        WS_ASSERT_OK(w.appendAudit(AuditEntry{"user", "note", "n" + std::to_string(i)}));
    WS_ASSERT_OK(w.database().exec("DROP TRIGGER audit_log_no_delete"));
    WS_ASSERT_OK(w.database().exec("DELETE FROM audit_log WHERE id = 2"));
    WS_ASSERT_OK_AND_ASSIGN(const AuditVerification audit, w.verifyAuditChain());
    ASSERT_FALSE(audit.intact());
    EXPECT_EQ(*audit.firstBadId, 3);
    EXPECT_NE(audit.reason.find("missing"), std::string::npos) << audit.reason;
}

TEST_F(RecordsTest, PackagesDataSetsEvaluationsExportsRoundTrip) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t publisher, w.addPublisher("Owner"));
    const PackageImport import{"adapter", "1.0", publisher, std::string(64, 'd'), "/media/pkg.otpkg"};
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t package, w.importPackage(import, "package bytes"));
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<PackageRecord> packages, w.packages());
    ASSERT_EQ(packages.size(), 1u);
    EXPECT_EQ(packages[0].contentSha256, crypto::sha256Hex("package bytes"));
    WS_ASSERT_OK_AND_ASSIGN(const std::string stored, w.store().read(packages[0].contentSha256, 1024));
    EXPECT_EQ(stored, "package bytes");

    // The same name and version again: refused with a clear message, nothing added.
    auto again = w.importPackage(import, "other bytes");
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("already in the workspace"), std::string::npos)
        << again.error().message;
    WS_ASSERT_OK(w.logRejectedPackage("/media/evil.otpkg", "signature does not verify"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t logLines,
                            w.database().queryInt("SELECT count(*) FROM package_import_log"));
    EXPECT_EQ(logLines, 2);

    DatasetRecord data;
    data.name = "tickets";
    data.sourcePath = "/data/tickets.csv";
    data.format = "csv";
    data.task = "classification";
    data.fingerprint = std::string(64, 'e');
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t dataset, w.addDataset(data));
    WS_ASSERT_OK(w.updateDatasetReport(dataset, "{\"rows\":10}", "{\"findings\":[{\"line\":3}]}"));
    WS_ASSERT_OK_AND_ASSIGN(const DatasetRecord readBack, w.dataset(dataset));
    EXPECT_EQ(readBack.statisticsJson, "{\"rows\":10}");
    EXPECT_FALSE(w.updateDatasetReport(dataset, "not json", "{}").ok());

    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t run,
                            w.createRun(NewRun{"r", package, dataset, "{\"lr\":1e-4}"}));
    WS_ASSERT_OK(w.transitionRun(run, RunState::Running, ""));
    WS_ASSERT_OK_AND_ASSIGN(
        const std::int64_t checkpoint,
        w.recordCheckpoint(NewCheckpoint{run, 100, "runs/1/ckpt-100", CheckpointVerification::Verified},
                           "{\"step\":100}"));
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<CheckpointRecord> checkpoints, w.checkpoints(run));
    ASSERT_EQ(checkpoints.size(), 1u);
    EXPECT_EQ(checkpoints[0].verification, CheckpointVerification::Verified);
    EXPECT_TRUE(w.store().contains(checkpoints[0].manifestSha256));
    EXPECT_FALSE(
        w.recordCheckpoint(NewCheckpoint{run, 100, "dup", CheckpointVerification::Verified}, "{\"s\":1}")
            .ok());
    WS_ASSERT_OK(w.recordEvaluation(run, checkpoint, dataset, "{\"accuracy\":0.9}"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t exported,
                            w.recordExport(NewExport{run, checkpoint, "age1xyz"}, "ciphertext"));
    WS_ASSERT_OK(w.recordReceipt(exported, "{\"ok\":true}"));
    EXPECT_FALSE(w.recordReceipt(9999, "{}").ok());  // foreign key
    // The export is part of its run's history (the library's run page shows it as the run's receipt).
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<RunHistoryEntry> history, runHistory(w, run));
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.back().action, "export.created");

    WS_ASSERT_OK_AND_ASSIGN(const IntegrityReport report, w.checkIntegrity());
    EXPECT_TRUE(report.ok());
}

// Retiring checkpoints: the newest `keep` verified ones stay, older rows go in one transaction with an audit
// entry, then their folders and manifests; a checkpoint an evaluation names stays; an unverified newer row does
// not count towards `keep`; a folder outside the run's checkpoint folder is never removed.
TEST_F(RecordsTest, RetiringKeepsTheNewestVerifiedCheckpointsAndRemovesOlderFoldersAndRows) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    const std::int64_t run = runIn(w, RunState::Running);
    const std::int64_t other = runIn(w, RunState::Running);
    const std::filesystem::path base = dir_ / "ws" / "runs" / std::to_string(run) / "checkpoints";
    std::map<std::int64_t, std::int64_t> ids;
    for (const std::int64_t step : {1, 2, 3, 4, 5, 6}) {
        const std::string folder = "runs/" + std::to_string(run) + "/checkpoints/ckpt-" + std::to_string(step);
        std::filesystem::create_directories(dir_ / "ws" / folder);
        WS_ASSERT_OK(writeFileAtomic(dir_ / "ws" / folder / "state.json", std::string(100, 'x')));
        const auto verification =
            step == 6 ? CheckpointVerification::Unverified : CheckpointVerification::Verified;
        WS_ASSERT_OK_AND_ASSIGN(ids[step], w.recordCheckpoint(NewCheckpoint{run, step, folder, verification},
                                                              "{\"step\":" + std::to_string(step) + "}"));
    }
    // The other run's checkpoint has the same manifest bytes as step 1: its store row must survive.
    WS_ASSERT_OK(w.recordCheckpoint(NewCheckpoint{other, 1, "runs/2/checkpoints/ckpt-1", CheckpointVerification::Verified},
                                    "{\"step\":1}"));
    WS_ASSERT_OK(w.recordEvaluation(run, ids[2], std::nullopt, "{\"loss\":1}"));
    const std::string manifest3 = crypto::sha256Hex("{\"step\":3}");
    ASSERT_TRUE(w.store().contains(manifest3));

    EXPECT_FALSE(w.retireCheckpoints(run, 0).ok());
    WS_ASSERT_OK_AND_ASSIGN(const RetiredCheckpoints retired, w.retireCheckpoints(run, 2));
    // Kept: 4 and 5 (the newest two verified), 6 (newer, unverified), 2 (an evaluation names it).
    std::vector<std::int64_t> retiredSteps;
    for (const auto& r : retired.retired) retiredSteps.push_back(r.step);
    EXPECT_EQ(retiredSteps, (std::vector<std::int64_t>{1, 3}));
    EXPECT_TRUE(retired.notRemoved.empty());
    EXPECT_GE(retired.bytesFreed, 200u);
    WS_ASSERT_OK_AND_ASSIGN(const auto rows, w.checkpoints(run));
    std::vector<std::int64_t> keptSteps;
    for (const auto& r : rows) keptSteps.push_back(r.step);
    EXPECT_EQ(keptSteps, (std::vector<std::int64_t>{2, 4, 5, 6}));
    EXPECT_FALSE(std::filesystem::exists(base / "ckpt-1"));
    EXPECT_FALSE(std::filesystem::exists(base / "ckpt-3"));
    for (const char* kept : {"ckpt-2", "ckpt-4", "ckpt-5", "ckpt-6"}) EXPECT_TRUE(std::filesystem::exists(base / kept));
    EXPECT_FALSE(w.store().contains(manifest3));
    EXPECT_TRUE(w.store().contains(crypto::sha256Hex("{\"step\":1}")));  // the other run still names it
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t retiredEntries,
                            w.database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'checkpoint.retired' "
                                                  "AND subject = 'run:" + std::to_string(run) + "'"));
    EXPECT_EQ(retiredEntries, 1);
    WS_ASSERT_OK_AND_ASSIGN(const IntegrityReport report, w.checkIntegrity());
    EXPECT_TRUE(report.ok());

    // Nothing more to retire; a row whose folder lies outside the run's checkpoint folder keeps its folder.
    WS_ASSERT_OK_AND_ASSIGN(const RetiredCheckpoints again, w.retireCheckpoints(run, 2));
    EXPECT_TRUE(again.retired.empty());
    std::filesystem::create_directories(dir_ / "ws" / "elsewhere");
    WS_ASSERT_OK(w.recordCheckpoint(NewCheckpoint{other, 0, "elsewhere", CheckpointVerification::Verified}, "{\"o\":0}"));
    WS_ASSERT_OK(w.recordCheckpoint(NewCheckpoint{other, 2, "runs/2/checkpoints/ckpt-2", CheckpointVerification::Verified},
                                    "{\"o\":2}"));
    WS_ASSERT_OK_AND_ASSIGN(const RetiredCheckpoints outside, w.retireCheckpoints(other, 2));
    ASSERT_EQ(outside.retired.size(), 1u);
    EXPECT_EQ(outside.notRemoved.size(), 1u);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "ws" / "elsewhere"));
}

TEST_F(RecordsTest, AStateChangeRecordsWhoMadeIt) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    const std::int64_t run = runIn(w, RunState::Paused);
    WS_ASSERT_OK(w.transitionRun(run, RunState::Cancelled, "cancelled by the user", "user"));
    WS_ASSERT_OK_AND_ASSIGN(const std::string actor,
                            w.database().queryText("SELECT actor FROM audit_log WHERE action = 'run.state' "
                                                   "ORDER BY id DESC LIMIT 1"));
    EXPECT_EQ(actor, "user");
    EXPECT_FALSE(w.transitionRun(run, RunState::Running, "resumed").ok());
}

TEST_F(RecordsTest, KeysCanBePinnedAndRevoked) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t publisher, w.addPublisher("Owner"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t key,
                            w.pinPublisherKey(publisher, PublisherKey{"minisign-ed25519", "K", "P"}));
    EXPECT_FALSE(
        w.pinPublisherKey(publisher, PublisherKey{"minisign-ed25519", "K2", "P"}).ok());  // same key twice
    EXPECT_FALSE(w.pinPublisherKey(4242, PublisherKey{"minisign-ed25519", "K3", "Q"}).ok());  // no publisher
    WS_ASSERT_OK(w.revokePublisherKey(key));
    EXPECT_EQ(w.revokePublisherKey(key).error().kind, ErrorKind::NotFound);
}

TEST_F(RecordsTest, ASecondProcessCannotOpenTheSameWorkspace) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace first, Workspace::open(dir_ / "ws"));
    auto second = Workspace::open(dir_ / "ws");
    ASSERT_FALSE(second.ok());
    EXPECT_NE(second.error().message.find("already open"), std::string::npos);
}

}  // namespace
}  // namespace offsite::workspace

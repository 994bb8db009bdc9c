// DB-3: I/O errors and a full disk. The fault-injection VFS fails the N-th write or sync, for N = 1 until the
// workload completes untouched, with each fault kind, once and from then on. Every failure must reach the
// caller as a clear message, roll its transaction back completely, and leave a workspace that passes every
// check and accepts new writes.
#include <array>

#include "core/crypto/sha256.h"
#include "core/workspace/fault_injection_vfs.h"
#include "tests/workspace/workspace_test_support.h"

namespace offsite::workspace {
namespace {

using testing::TempFolderTest;

class FaultInjectionTest : public TempFolderTest {
protected:
    static constexpr int kMetricPoints = 200;

    // The workload: a package import, a metrics batch, a checkpoint and resuming the run, in that order.
    // Returns the first error, or nothing.
    static Status workload(Workspace& w, std::int64_t run) {
        OFFSITE_TRY(w.importPackage(PackageImport{"p", "1", std::nullopt, std::string(64, '1'), "/src"},
                                    std::string(10000, 'p')));
        std::vector<MetricPoint> batch;
        for (int s = 0; s < kMetricPoints; ++s) batch.push_back(MetricPoint{"loss", s, 1.0 / (s + 1)});
        OFFSITE_TRY(w.appendMetrics(run, batch));
        OFFSITE_TRY(w.recordCheckpoint(NewCheckpoint{run, 10, "ckpt-10", CheckpointVerification::Verified},
                                       "{\"step\":10}"));
        OFFSITE_TRY(w.transitionRun(run, RunState::Running, "resumed by the test"));
        return {};
    }

    // All-or-nothing per transaction, and the database healthy.
    static void expectConsistent(Workspace& w, std::int64_t run, const std::string& context) {
        auto report = w.checkIntegrity();
        ASSERT_TRUE(report.ok()) << context << ": " << report.error().message;
        EXPECT_TRUE(report->ok()) << context;
        auto metrics =
            w.database().queryInt("SELECT count(*) FROM metrics WHERE run_id = " + std::to_string(run));
        ASSERT_TRUE(metrics.ok());
        EXPECT_TRUE(*metrics == 0 || *metrics == kMetricPoints)
            << context << ": " << *metrics << " metric rows";
        auto packages = w.packages();
        ASSERT_TRUE(packages.ok());
        for (const PackageRecord& p : *packages) {
            EXPECT_TRUE(w.store().contains(p.contentSha256)) << context;
        }
        auto logged = w.database().queryInt("SELECT count(*) FROM package_import_log");
        ASSERT_TRUE(logged.ok());
        EXPECT_EQ(static_cast<std::size_t>(*logged), packages->size()) << context;
        auto state = w.run(run);
        ASSERT_TRUE(state.ok());
        EXPECT_TRUE(state->state == RunState::Running || state->state == RunState::Paused) << context;
    }
};

struct Scenario {
    InjectedFault fault;
    FaultPersistence persistence;
    const char* name;
};

TEST_F(FaultInjectionTest, EveryFailedWriteOrSyncIsReportedRolledBackAndRecoverable) {
    auto vfs = FaultInjectionVfs::create("offsite-fault-test");
    ASSERT_TRUE(vfs.ok()) << vfs.error().message;

    // A template workspace with one running run, copied for every N so each attempt starts identically.
    const fs::path base = dir_ / "base";
    std::int64_t run = 0;
    {
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(base));
        WS_ASSERT_OK_AND_ASSIGN(run, w.createRun(NewRun{"victim"}));
        WS_ASSERT_OK(w.transitionRun(run, RunState::Running, ""));
        WS_ASSERT_OK(w.transitionRun(run, RunState::Paused, ""));  // recovery would pause it anyway
    }
    ASSERT_FALSE(fs::exists(base / "workspace.sqlite-wal"));  // checkpointed on close

    const std::array<Scenario, 4> scenarios = {{
        {InjectedFault::IoError, FaultPersistence::Once, "I/O error once"},
        {InjectedFault::DiskFull, FaultPersistence::Once, "disk full once"},
        {InjectedFault::IoError, FaultPersistence::FromThenOn, "I/O error from then on"},
        {InjectedFault::DiskFull, FaultPersistence::FromThenOn, "disk full from then on"},
    }};
    int totalFailures = 0;
    for (const Scenario& scenario : scenarios) {
        std::int64_t n = 1;
        int failures = 0;
        for (;; ++n) {
            ASSERT_LT(n, 2000) << "the workload never completed";
            const std::string context = std::string(scenario.name) + ", N=" + std::to_string(n);
            const fs::path folder = dir_ / "attempt";
            fs::remove_all(folder);
            fs::copy(base, folder, fs::copy_options::recursive);
            bool fired = false;
            {
                WorkspaceOptions options;
                options.database.vfsName = (*vfs)->name();
                WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(folder, options));
                (*vfs)->arm(n, scenario.fault, scenario.persistence);
                const Status result = workload(w, run);
                fired = (*vfs)->fired();
                (*vfs)->disarm();
                if (!fired) {
                    ASSERT_TRUE(result.ok()) << context << ": " << result.error().message;
                    break;
                }
                if (!result.ok()) {
                    if (failures == 0)
                        std::printf("[fault injection] %s: \"%s\"\n", context.c_str(),
                                    result.error().message.c_str());
                    ++failures;
                    const std::string& message = result.error().message;
                    EXPECT_EQ(result.error().kind, ErrorKind::Io) << context << ": " << message;
                    if (scenario.fault == InjectedFault::DiskFull) {
                        EXPECT_NE(message.find("the disk is full"), std::string::npos)
                            << context << ": " << message;
                    } else {
                        EXPECT_NE(message.find("disk"), std::string::npos) << context << ": " << message;
                    }
                    EXPECT_FALSE(w.database().inTransaction()) << context;
                }
                if (scenario.persistence == FaultPersistence::Once) {
                    // Same connection, fault gone: the workspace keeps working.
                    expectConsistent(w, run, context);
                    const Status after = w.appendAudit(AuditEntry{"test", "still.usable", context});
                    EXPECT_TRUE(after.ok()) << context << ": " << after.error().message;
                }
            }
            // Reopened from disk with the ordinary VFS: intact, consistent, writable.
            WS_ASSERT_OK_AND_ASSIGN(Workspace reopened, Workspace::open(folder));
            expectConsistent(reopened, run, context + " (reopened)");
            WS_ASSERT_OK(reopened.appendAudit(AuditEntry{"test", "usable.after.reopen", context}));
            if (HasFailure()) return;
        }
        EXPECT_GT(failures, 5) << scenario.name;
        totalFailures += failures;
        std::printf("[fault injection] %s: %d injected failures, workload completes from N=%lld\n",
                    scenario.name, failures, static_cast<long long>(n));
    }
    EXPECT_GT(totalFailures, 20);
}

TEST(FaultInjectionVfsTest, CountsOnlyWhileArmed) {
    auto vfs = FaultInjectionVfs::create("offsite-fault-count");
    ASSERT_TRUE(vfs.ok());
    EXPECT_EQ((*vfs)->onOperation(10), 0);
    EXPECT_EQ((*vfs)->operations(), 0);
    (*vfs)->arm(2, InjectedFault::DiskFull, FaultPersistence::Once);
    EXPECT_EQ((*vfs)->onOperation(10), 0);
    EXPECT_NE((*vfs)->onOperation(10), 0);
    EXPECT_EQ((*vfs)->onOperation(10), 0);
    EXPECT_TRUE((*vfs)->fired());
    EXPECT_FALSE(FaultInjectionVfs::create("offsite-fault-count").ok());  // names are unique
}

}  // namespace
}  // namespace offsite::workspace

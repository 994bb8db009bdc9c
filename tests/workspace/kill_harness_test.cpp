// DB-2 kill harness: a child process (workspace_crash_child) imports packages, writes metric batches,
// checkpoint rows, exports and state changes in a loop and is SIGKILLed at a random moment, again and again
// on the same workspace. After every kill the parent checks, without repairing anything first:
// integrity_check is ok, foreign_key_check is empty, every run is in a legal state, every package,
// checkpoint and export row points to a stored file that exists, every import has its package and log line,
// the audit chain verifies, and metric batches are all-or-nothing.
//
// Iterations: OFFSITE_KILL_ITERATIONS, else 200 (the slow-labelled variant defaults to 1000).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "core/workspace/audit_log.h"
#include "core/workspace/database.h"
#include "core/workspace/file_store.h"
#include "core/workspace/workspace.h"
#include "tests/workspace/workspace_test_support.h"

#ifndef OFFSITE_KILL_ITERATIONS_DEFAULT
#define OFFSITE_KILL_ITERATIONS_DEFAULT 200
#endif

namespace offsite::workspace {
namespace {

using testing::TempFolderTest;

int iterations() {
    if (const char* env = std::getenv("OFFSITE_KILL_ITERATIONS")) {
        const int n = std::atoi(env);
        if (n > 0) return n;
    }
    return OFFSITE_KILL_ITERATIONS_DEFAULT;
}

// Starts the child with its stdout on a pipe; it writes "ready" there once its start-up is done.
pid_t spawnChild(const fs::path& folder, std::uint64_t seed, int& readyFd) {
    const std::string exe = OFFSITE_WORKSPACE_CRASH_CHILD;
    const std::string dir = folder.string();
    const std::string seedText = std::to_string(seed);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The parent holds no open connection here (DB-5: never fork with one).
        ::dup2(fds[1], STDOUT_FILENO);
        ::execl(exe.c_str(), exe.c_str(), dir.c_str(), seedText.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    readyFd = fds[0];
    return pid;
}

// Waits (up to 20 s) for the child's "ready" line; false if it never came.
bool waitUntilReady(int fd) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 20000) != 1) return false;
    char buf[16];
    return ::read(fd, buf, sizeof(buf)) > 0;
}

struct Counts {
    std::int64_t packages = 0;
    std::int64_t runs = 0;
    std::int64_t metrics = 0;
    std::int64_t checkpoints = 0;
    std::int64_t exports = 0;
    std::int64_t audit = 0;
};

// Every invariant, straight after a kill, on a plain connection (no reconciler, no recovery).
void checkInvariants(const fs::path& folder, int iteration, Counts& counts, std::int64_t& orphansSeen) {
    const std::string at = "after kill " + std::to_string(iteration);
    auto opened = Database::open(folder / "workspace.sqlite");
    ASSERT_TRUE(opened.ok()) << at << ": " << opened.error().message;
    Database& db = *opened;
    auto version = db.queryInt("PRAGMA user_version");
    ASSERT_TRUE(version.ok());
    if (*version == 0) return;  // killed before the first migration committed: nothing to check yet
    ASSERT_EQ(*version, kLatestSchemaVersion) << at;

    auto integrity = db.queryTextColumn("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.ok());
    ASSERT_EQ(*integrity, std::vector<std::string>{"ok"}) << at;
    auto fk = db.queryTextColumn("PRAGMA foreign_key_check");
    ASSERT_TRUE(fk.ok());
    ASSERT_TRUE(fk->empty()) << at << ": foreign key problem in " << fk->front();
    auto badRuns = db.queryInt(
        "SELECT count(*) FROM runs WHERE state NOT IN ('created', 'running', 'paused', "
        "'completed', 'failed', 'cancelled')");
    ASSERT_TRUE(badRuns.ok());
    ASSERT_EQ(*badRuns, 0) << at;
    auto halfImported = db.queryInt(
        "SELECT (SELECT count(*) FROM packages) - (SELECT count(*) FROM "
        "package_import_log WHERE outcome = 'imported')");
    ASSERT_TRUE(halfImported.ok());
    ASSERT_EQ(*halfImported, 0) << at << ": a package without its import log line";
    auto raggedBatches = db.queryInt(
        "SELECT count(*) FROM (SELECT run_id, min(step) AS lo, count(*) AS n FROM "
        "metrics GROUP BY run_id, step / 64 HAVING n <> 64)");
    ASSERT_TRUE(raggedBatches.ok());
    ASSERT_EQ(*raggedBatches, 0) << at << ": a metrics batch was partly written";

    auto store = FileStore::open(folder / "store");
    ASSERT_TRUE(store.ok());
    auto referenced = db.queryTextColumn(
        "SELECT content_sha256 FROM packages UNION ALL SELECT manifest_sha256 FROM "
        "checkpoints UNION ALL SELECT content_sha256 FROM exports UNION ALL SELECT "
        "sha256 FROM store_files");
    ASSERT_TRUE(referenced.ok());
    for (const std::string& sha : *referenced) {
        ASSERT_TRUE(store->contains(sha))
            << at << ": a row points to a stored file that does not exist: " << sha;
    }
    auto listing = store->list();
    ASSERT_TRUE(listing.ok());
    const std::set<std::string> rows(referenced->begin(), referenced->end());
    for (const StoredFile& f : listing->files) {
        if (rows.count(f.sha256) == 0)
            ++orphansSeen;  // durable file, row not committed: the reconciler's job
    }
    auto audit = verifyAuditChain(db);
    ASSERT_TRUE(audit.ok());
    ASSERT_TRUE(audit->intact()) << at << ": " << audit->reason;

    counts.packages = db.queryInt("SELECT count(*) FROM packages").value();
    counts.runs = db.queryInt("SELECT count(*) FROM runs").value();
    counts.metrics = db.queryInt("SELECT count(*) FROM metrics").value();
    counts.checkpoints = db.queryInt("SELECT count(*) FROM checkpoints").value();
    counts.exports = db.queryInt("SELECT count(*) FROM exports").value();
    counts.audit = audit->rowsChecked;
}

class KillHarnessTest : public TempFolderTest {};

TEST_F(KillHarnessTest, SigkillAtRandomPointsNeverBreaksTheWorkspace) {
    const int total = iterations();
    const fs::path folder = dir_ / "ws";
    std::mt19937_64 rng(20261129);
    // Odd iterations kill at a random time after the child is ready, so the kill lands in its write loop even
    // on a loaded machine; even iterations count from the spawn, so kills also hit its start-up (open,
    // migration, recovery of running runs, the reconciler).
    std::uniform_int_distribution<int> delayUs(0, 40000);
    Counts counts;
    std::int64_t orphansSeen = 0;
    int killedBusy = 0;
    std::int64_t lastAudit = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int i = 1; i <= total; ++i) {
        int readyFd = -1;
        const pid_t child = spawnChild(folder, rng(), readyFd);
        ASSERT_GT(child, 0);
        if (i % 2 == 1 && !waitUntilReady(readyFd)) {
            ::kill(child, SIGKILL);
            ::waitpid(child, nullptr, 0);
            ::close(readyFd);
            FAIL() << "the child never finished its start-up before kill " << i;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        ASSERT_EQ(::kill(child, SIGKILL), 0);
        ::close(readyFd);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "the child stopped by itself before kill " << i << " (exit status "
            << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << "); see its message above";
        checkInvariants(folder, i, counts, orphansSeen);
        if (HasFatalFailure()) return;
        if (counts.audit > lastAudit) ++killedBusy;
        lastAudit = counts.audit;
    }
    // Finally the product's own start-up: recovery and the reconciler bring the store back in line.
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(folder));
    WS_ASSERT_OK_AND_ASSIGN(const IntegrityReport report, w.checkIntegrity());
    EXPECT_TRUE(report.ok());
    WS_ASSERT_OK_AND_ASSIGN(const ReconcileReport again, w.reconcile(ReconcileMode::Full));
    EXPECT_FALSE(again.changedAnything());
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<RunRecord> runs, w.runs());
    for (const RunRecord& r : runs) EXPECT_NE(r.state, RunState::Running);
    WS_ASSERT_OK_AND_ASSIGN(
        const std::int64_t reconciled,
        w.database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'store.reconciled'"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "[kill harness] %d SIGKILLs in %.1f s (%d after the child had committed something new); "
        "afterwards: %lld packages, %lld runs, %lld metric points, %lld checkpoints, %lld exports, "
        "%lld audit entries; orphan files seen after kills: %lld; reconciler runs that repaired: %lld\n",
        total, seconds, killedBusy, static_cast<long long>(counts.packages),
        static_cast<long long>(counts.runs), static_cast<long long>(counts.metrics),
        static_cast<long long>(counts.checkpoints), static_cast<long long>(counts.exports),
        static_cast<long long>(counts.audit), static_cast<long long>(orphansSeen),
        static_cast<long long>(reconciled));
    // Every kill after "ready" lands in the write loop; most of them after at least one new commit.
    EXPECT_GT(killedBusy, total / 4) << "too few kills landed while the child was working";
}

// DB-4: a kill while the first migration runs leaves version 0 with nothing in it, or the whole version 1.
TEST_F(KillHarnessTest, KillDuringMigrationLeavesTheOldOrTheNewVersion) {
    std::mt19937_64 rng(4);
    std::uniform_int_distribution<int> delayUs(0, 80000);
    int atOld = 0;
    int atNew = 0;
    for (int i = 0; i < 40; ++i) {
        const fs::path folder = dir_ / ("m" + std::to_string(i));
        fs::create_directories(folder);
        fs::copy_file(fs::path(OFFSITE_WORKSPACE_FIXTURES) / "schema_v0.sqlite", folder / "workspace.sqlite");
        int readyFd = -1;
        const pid_t child = spawnChild(folder, rng(), readyFd);
        ASSERT_GT(child, 0);
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        ::close(readyFd);
        auto db = Database::open(folder / "workspace.sqlite");
        ASSERT_TRUE(db.ok()) << db.error().message;
        auto version = db->queryInt("PRAGMA user_version");
        auto tables = db->queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
        ASSERT_TRUE(version.ok() && tables.ok());
        auto integrity = db->queryTextColumn("PRAGMA integrity_check");
        ASSERT_TRUE(integrity.ok());
        ASSERT_EQ(*integrity, std::vector<std::string>{"ok"});
        if (*version == 0) {
            EXPECT_EQ(*tables, 0) << "kill " << i << ": version 0 with part of the schema";
            ++atOld;
        } else if (*version == 1) {
            // Each migration is its own transaction: a kill between v1 and v2 leaves a complete v1.
            EXPECT_EQ(*tables, 14) << "kill " << i << ": version 1 with part of a later schema";
            ++atOld;
        } else if (*version == 2) {
            EXPECT_EQ(*tables, 17) << "kill " << i << ": version 2 with part of a later schema";
            ++atOld;
        } else {
            ASSERT_EQ(*version, kLatestSchemaVersion);
            EXPECT_GE(*tables, 18) << "kill " << i;
            ++atNew;
        }
    }
    std::printf("[kill harness] kills during the migrations: %d left an older complete version, %d version %lld\n",
                atOld, atNew, static_cast<long long>(kLatestSchemaVersion));
}

}  // namespace
}  // namespace offsite::workspace

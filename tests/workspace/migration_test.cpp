// Migrations (DB-4): committed fixtures of every earlier schema version open and migrate to the latest,
// a database from a newer version is refused unchanged, a backup is taken first, and a failing migration
// leaves the database at its old version.
#include <array>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/workspace/schema.h"
#include "tests/workspace/workspace_test_support.h"

namespace offsite::workspace {
namespace {

using testing::TempFolderTest;

class MigrationTest : public TempFolderTest {
protected:
    // Copies a committed fixture into a fresh workspace folder (the fixture itself is never opened for
    // writing).
    fs::path workspaceFrom(const std::string& fixture) {
        const fs::path folder = dir_ / "ws";
        fs::create_directories(folder);
        fs::copy_file(fs::path(OFFSITE_WORKSPACE_FIXTURES) / fixture, folder / "workspace.sqlite");
        return folder;
    }
    void expectHealthy(Workspace& w) {
        WS_ASSERT_OK_AND_ASSIGN(const IntegrityReport report, w.checkIntegrity());
        EXPECT_TRUE(report.ok()) << (report.integrityCheck.empty() ? "" : report.integrityCheck.front())
                                 << report.audit.reason;
        WS_ASSERT_OK_AND_ASSIGN(const std::int64_t version, w.database().queryInt("PRAGMA user_version"));
        EXPECT_EQ(version, kLatestSchemaVersion);
    }
};

TEST_F(MigrationTest, NewWorkspaceIsCreatedAtTheLatestVersion) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    EXPECT_EQ(w.startupReport().migration.fromVersion, 0);
    EXPECT_EQ(w.startupReport().migration.toVersion, kLatestSchemaVersion);
    EXPECT_FALSE(w.startupReport().migration.backup.has_value());  // nothing to back up in an empty database
    expectHealthy(w);
}

TEST_F(MigrationTest, FixtureV0MigratesToLatest) {
    const fs::path folder = workspaceFrom("schema_v0.sqlite");
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(folder));
    EXPECT_EQ(w.startupReport().migration.fromVersion, 0);
    EXPECT_EQ(w.startupReport().migration.toVersion, kLatestSchemaVersion);
    expectHealthy(w);
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t run, w.createRun(NewRun{"after migration"}));
    EXPECT_GT(run, 0);
}

TEST_F(MigrationTest, FixtureV1OpensWithItsDataIntact) {
    const fs::path folder = workspaceFrom("schema_v1.sqlite");
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(folder));
    EXPECT_EQ(w.startupReport().migration.fromVersion, 1);
    expectHealthy(w);
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<PackageRecord> packages, w.packages());
    ASSERT_EQ(packages.size(), 1u);
    EXPECT_EQ(packages[0].name, "smollm2-adapter");
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<RunRecord> runs, w.runs());
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].state, RunState::Completed);
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<MetricPoint> metrics, w.metrics(runs[0].id));
    EXPECT_EQ(metrics.size(), 2u);
    WS_ASSERT_OK_AND_ASSIGN(const AuditVerification audit, w.verifyAuditChain());
    EXPECT_TRUE(audit.intact()) << audit.reason;
    EXPECT_GE(audit.rowsChecked, 12);
    // The fixture ships without its store files: the reconciler marks the package, the checkpoint manifest
    // and the export as missing instead of deleting their rows.
    EXPECT_EQ(w.startupReport().reconcile.markedMissing.size(), 3u);
}

TEST_F(MigrationTest, FutureVersionIsRefusedAndLeftUnchanged) {
    const fs::path folder = workspaceFrom("schema_v99_future.sqlite");
    WS_ASSERT_OK_AND_ASSIGN(const std::string before, readFile(folder / "workspace.sqlite", 1u << 24));
    auto w = Workspace::open(folder);
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().kind, ErrorKind::Unsupported);
    EXPECT_NE(w.error().message.find("created by a newer version of Offsite Studio"), std::string::npos)
        << w.error().message;
    WS_ASSERT_OK_AND_ASSIGN(const std::string after, readFile(folder / "workspace.sqlite", 1u << 24));
    // Only WAL mode may have been recorded in the header by open(); the schema version and content stay.
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(folder / "workspace.sqlite"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t version, db.queryInt("PRAGMA user_version"));
    EXPECT_EQ(version, 99);
    EXPECT_EQ(before.size(), after.size());
    EXPECT_FALSE(fs::exists(folder / "backups"));
}

constexpr std::string_view kV2 = "CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (7);";
constexpr std::string_view kV2Broken =
    "CREATE TABLE extra (x INTEGER); INSERT INTO no_such_table VALUES (7);";

TEST_F(MigrationTest, BackupIsTakenBeforeMigratingAndHoldsTheOldVersion) {
    const fs::path folder = workspaceFrom("schema_v1.sqlite");
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(folder / "workspace.sqlite"));
    const std::array<Migration, 2> migrations = {{schemaMigrations()[0], {2, kV2}}};
    WS_ASSERT_OK_AND_ASSIGN(const MigrationReport report,
                            migrateDatabase(db, folder / "backups", migrations));
    EXPECT_EQ(report.fromVersion, 1);
    EXPECT_EQ(report.toVersion, 2);
    ASSERT_TRUE(report.backup.has_value());
    EXPECT_TRUE(fs::exists(*report.backup));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t version, db.queryInt("PRAGMA user_version"));
    EXPECT_EQ(version, 2);
    WS_ASSERT_OK_AND_ASSIGN(Database backup, Database::open(*report.backup));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t backupVersion, backup.queryInt("PRAGMA user_version"));
    EXPECT_EQ(backupVersion, 1);
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t packages, backup.queryInt("SELECT count(*) FROM packages"));
    EXPECT_EQ(packages, 1);
}

TEST_F(MigrationTest, FailingMigrationLeavesTheOldVersion) {
    const fs::path folder = workspaceFrom("schema_v1.sqlite");
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(folder / "workspace.sqlite"));
    const std::array<Migration, 2> migrations = {{schemaMigrations()[0], {2, kV2Broken}}};
    auto report = migrateDatabase(db, folder / "backups", migrations);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().message.find("nothing was changed"), std::string::npos)
        << report.error().message;
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t version, db.queryInt("PRAGMA user_version"));
    EXPECT_EQ(version, 1);
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t extra,
                            db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'"));
    EXPECT_EQ(extra, 0);
    EXPECT_FALSE(db.inTransaction());
}

TEST_F(MigrationTest, TransitionTableInTheSchemaMatchesTheCode) {
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(dir_ / "ws"));
    WS_ASSERT_OK_AND_ASSIGN(const std::vector<std::string> rows,
                            w.database().queryTextColumn("SELECT from_state || '>' || to_state FROM "
                                                         "run_state_transitions ORDER BY 1"));
    std::vector<std::string> expected;
    for (const auto& [from, to] : legalRunTransitions()) {
        expected.push_back(std::string(runStateName(from)) + ">" + std::string(runStateName(to)));
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(rows, expected);
}

}  // namespace
}  // namespace offsite::workspace

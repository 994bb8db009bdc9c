// Schema v3 (the trust store with signed key changes) from the committed fixture tests/data/workspace/
// schema_v3.sqlite (made by trust_make_v3_fixture, see tests/data/workspace/README.md): today's code opens
// it, keeps every row, reads the key change it recorded and verifies its audit chain (DB-4, PKG-8).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/workspace/schema.h"
#include "core/workspace/workspace.h"

namespace offsite::trust {
namespace {

namespace fs = std::filesystem;

class WorkspaceV3FixtureTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "offsite-v3-fixture-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
        fs::copy_file(fs::path(OFFSITE_TEST_DATA) / "workspace" / "schema_v3.sqlite",
                      root_ / "workspace.sqlite");
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(root_, ignored);
    }
    std::int64_t count(workspace::Workspace& ws, const std::string& sql) {
        auto n = ws.database().queryInt(sql);
        EXPECT_TRUE(n.ok()) << sql << ": " << (n.ok() ? "" : n.error().message);
        return n.ok() ? *n : -1;
    }
    fs::path root_;
};

TEST_F(WorkspaceV3FixtureTest, OpensKeepsItsRowsAndItsAuditChain) {
    auto opened = workspace::Workspace::open(root_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    workspace::Workspace& ws = *opened;
    EXPECT_EQ(ws.startupReport().migration.fromVersion, 3);
    EXPECT_EQ(ws.startupReport().migration.toVersion, workspace::kLatestSchemaVersion);

    // The trust store as two imports and a key change left it.
    EXPECT_EQ(count(ws, "SELECT count(*) FROM publishers"), 1);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM publisher_keys"), 2);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM packages"), 2);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM package_trust"), 2);
    EXPECT_EQ(count(ws, "SELECT max_version FROM package_lineage"), 2);
    EXPECT_EQ(count(ws, "SELECT floor_seconds FROM trust_time_floor"), 1'750'000'002);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM publisher_roots"), 1);
    EXPECT_EQ(count(ws, "SELECT version FROM publisher_roots"), 2);
    EXPECT_EQ(count(ws, "SELECT threshold FROM publisher_roots"), 1);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM audit_log WHERE action = 'key.rotated'"), 1);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM audit_log WHERE action = 'key.pinned'"), 1);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM audit_log WHERE action = 'package.imported'"), 2);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM datasets"), 1);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM runs"), 1);
    // The key change is still append-only.
    EXPECT_FALSE(ws.database().exec("UPDATE publisher_roots SET threshold = 2").ok());
    EXPECT_FALSE(ws.database().exec("DELETE FROM publisher_roots").ok());

    auto audit = ws.verifyAuditChain();
    ASSERT_TRUE(audit.ok()) << audit.error().message;
    EXPECT_TRUE(audit->intact()) << audit->reason;
    EXPECT_GE(audit->rowsChecked, 7);
    auto integrity = ws.checkIntegrity();
    ASSERT_TRUE(integrity.ok()) << integrity.error().message;
    // The fixture ships without its package folders and store files: they are reported missing, rows kept.
    EXPECT_EQ(count(ws, "SELECT count(*) FROM packages"), 2);
}

}  // namespace
}  // namespace offsite::trust

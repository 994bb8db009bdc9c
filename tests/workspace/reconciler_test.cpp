// The start-up reconciler (DB-6): orphans removed, leftovers of interrupted writes removed, rows whose files
// vanished marked missing and adopted again when the verified file comes back, damaged files quarantined,
// and the same disk state always giving the same, audit-logged report.
#include "core/workspace/reconciler.h"

#include <fstream>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "tests/workspace/workspace_test_support.h"

namespace offsite::workspace {
namespace {

using testing::TempFolderTest;

class ReconcilerTest : public TempFolderTest {
protected:
    fs::path ws() const { return dir_ / "ws"; }
    // An orphan as a killed import leaves it: the file durable in the store, its row never committed.
    std::string plantOrphan(const std::string& bytes) {
        auto store = FileStore::open(ws() / "store");
        EXPECT_TRUE(store.ok());
        auto put = store->put(bytes);
        EXPECT_TRUE(put.ok());
        return put->sha256;
    }
    std::string importOne(Workspace& w, const std::string& name, const std::string& bytes) {
        auto id =
            w.importPackage(PackageImport{name, "1", std::nullopt, std::string(64, 'f'), "/src"}, bytes);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return crypto::sha256Hex(bytes);
    }
    std::int64_t auditCount(Workspace& w, const std::string& action) {
        auto n = w.database().queryInt("SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
        return n.ok() ? n.value() : -1;
    }
};

TEST_F(ReconcilerTest, OrphanFilesAndLeftoversAreRemovedAndLogged) {
    { WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws())); }
    const std::string orphan = plantOrphan("an import that never committed");
    const fs::path shard = ws() / "store" / "sha256" / orphan.substr(0, 2);
    const fs::path leftover = shard / ".partial.tmp-ABC123";
    { std::ofstream(leftover) << "half a file"; }
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
    const ReconcileReport& report = w.startupReport().reconcile;
    ASSERT_EQ(report.orphansRemoved.size(), 1u);
    EXPECT_EQ(report.orphansRemoved[0], orphan);
    ASSERT_EQ(report.leftoversRemoved.size(), 1u);
    EXPECT_EQ(report.leftoversRemoved[0], leftover);
    EXPECT_FALSE(fs::exists(w.store().pathFor(orphan)));
    EXPECT_FALSE(fs::exists(leftover));
    EXPECT_EQ(auditCount(w, "store.reconciled"), 1);
    EXPECT_EQ(report.describe().size(), 2u);
    // Nothing left to do: a second pass changes nothing and logs nothing.
    WS_ASSERT_OK_AND_ASSIGN(const ReconcileReport again, w.reconcile(ReconcileMode::Full));
    EXPECT_FALSE(again.changedAnything());
    EXPECT_EQ(auditCount(w, "store.reconciled"), 1);
}

TEST_F(ReconcilerTest, MissingFilesAreMarkedAndAdoptedWhenTheyComeBack) {
    std::string sha;
    {
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
        sha = importOne(w, "p", "package content");
    }
    const fs::path file = ws() / "store" / "sha256" / sha.substr(0, 2) / sha.substr(2);
    fs::rename(file, dir_ / "moved-away");
    {
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
        ASSERT_EQ(w.startupReport().reconcile.markedMissing, std::vector<std::string>{sha});
        WS_ASSERT_OK_AND_ASSIGN(
            const std::string state,
            w.database().queryText("SELECT state FROM store_files WHERE sha256 = '" + sha + "'"));
        EXPECT_EQ(state, "missing");
        WS_ASSERT_OK_AND_ASSIGN(const std::int64_t packages,
                                w.database().queryInt("SELECT count(*) FROM packages"));
        EXPECT_EQ(packages, 1);  // the row is kept, never silently deleted
        WS_ASSERT_OK_AND_ASSIGN(const IntegrityReport report, w.checkIntegrity());
        EXPECT_TRUE(report.ok());
    }
    fs::rename(dir_ / "moved-away", file);
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
    EXPECT_EQ(w.startupReport().reconcile.adopted, std::vector<std::string>{sha});
    WS_ASSERT_OK_AND_ASSIGN(
        const std::string state,
        w.database().queryText("SELECT state FROM store_files WHERE sha256 = '" + sha + "'"));
    EXPECT_EQ(state, "present");
}

TEST_F(ReconcilerTest, DamagedFilesAreQuarantinedAndMarkedMissing) {
    std::string sha;
    {
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
        sha = importOne(w, "p", "checkpoint manifest");
    }
    const fs::path file = ws() / "store" / "sha256" / sha.substr(0, 2) / sha.substr(2);
    {
        std::ofstream(file, std::ios::binary | std::ios::trunc) << "checkpoint manifesT";
    }  // same size, one byte off
    // Quick mode trusts a same-size file; Full re-hashes it.
    WorkspaceOptions options;
    options.reconcileMode = ReconcileMode::Full;
    WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws(), options));
    EXPECT_EQ(w.startupReport().reconcile.quarantined, std::vector<std::string>{sha});
    EXPECT_EQ(w.startupReport().reconcile.markedMissing, std::vector<std::string>{sha});
    EXPECT_FALSE(fs::exists(file));
    EXPECT_TRUE(fs::exists(ws() / "store" / "quarantine"));
}

TEST_F(ReconcilerTest, SameDiskStateGivesTheSameReport) {
    std::vector<std::vector<std::string>> reports;
    for (int attempt = 0; attempt < 2; ++attempt) {
        fs::remove_all(ws());
        std::string kept;
        {
            WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
            kept = importOne(w, "kept", "kept bytes");
            importOne(w, "gone", "gone bytes");
        }
        fs::remove(ws() / "store" / "sha256" / crypto::sha256Hex("gone bytes").substr(0, 2) /
                   crypto::sha256Hex("gone bytes").substr(2));
        for (int i = 0; i < 5; ++i) plantOrphan("orphan " + std::to_string(i));
        WS_ASSERT_OK_AND_ASSIGN(Workspace w, Workspace::open(ws()));
        reports.push_back(w.startupReport().reconcile.describe());
        EXPECT_EQ(w.startupReport().reconcile.orphansRemoved.size(), 5u);
        EXPECT_TRUE(std::is_sorted(w.startupReport().reconcile.orphansRemoved.begin(),
                                   w.startupReport().reconcile.orphansRemoved.end()));
        EXPECT_TRUE(w.store().contains(kept));
    }
    EXPECT_EQ(reports[0], reports[1]);
}

TEST_F(ReconcilerTest, StorePutIsIdempotentAndVerifiesReads) {
    WS_ASSERT_OK_AND_ASSIGN(FileStore store, FileStore::open(dir_ / "store"));
    WS_ASSERT_OK_AND_ASSIGN(const StoredFile a, store.put("same"));
    WS_ASSERT_OK_AND_ASSIGN(const StoredFile b, store.put("same"));
    EXPECT_EQ(a.sha256, b.sha256);
    EXPECT_EQ(store.pathFor(a.sha256),
              dir_ / "store" / "sha256" / a.sha256.substr(0, 2) / a.sha256.substr(2));
    { std::ofstream(dir_ / "src.bin", std::ios::binary) << std::string(200000, 'z'); }
    WS_ASSERT_OK_AND_ASSIGN(const StoredFile big, store.putFile(dir_ / "src.bin"));
    EXPECT_EQ(big.size, 200000u);
    EXPECT_EQ(big.sha256, crypto::sha256Hex(std::string(200000, 'z')));
    WS_ASSERT_OK(store.verify(big.sha256));
    { std::ofstream(store.pathFor(a.sha256), std::ios::binary | std::ios::trunc) << "sane"; }
    auto damaged = store.read(a.sha256, 100);
    ASSERT_FALSE(damaged.ok());
    EXPECT_EQ(damaged.error().kind, ErrorKind::Integrity);
    // Storing the same bytes again repairs the damaged copy instead of trusting it.
    WS_ASSERT_OK(store.put("same"));
    WS_ASSERT_OK_AND_ASSIGN(const std::string repaired, store.read(a.sha256, 100));
    EXPECT_EQ(repaired, "same");
    EXPECT_FALSE(store.read("not-a-hash", 100).ok());
    WS_ASSERT_OK_AND_ASSIGN(const StoreListing listing, store.list());
    EXPECT_EQ(listing.files.size(), 2u);
    EXPECT_TRUE(listing.leftovers.empty());
}

}  // namespace
}  // namespace offsite::workspace

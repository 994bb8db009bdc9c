// Database layer: the settings read back at open (DB-1), file-system classification (DB-5), statements,
// transactions, error messages, and backups.
#include "core/workspace/database.h"

#include <sqlite3.h>

#include <fstream>

#include "tests/workspace/workspace_test_support.h"

namespace offsite::workspace {
namespace {

using testing::TempFolderTest;

class DatabaseTest : public TempFolderTest {};

TEST_F(DatabaseTest, PragmasAreAppliedAndReadBack) {
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite"));
    EXPECT_EQ(db.pragmas().journalMode, "wal");
    EXPECT_EQ(db.pragmas().synchronous, 2);
    EXPECT_EQ(db.pragmas().foreignKeys, 1);
    EXPECT_EQ(db.pragmas().busyTimeoutMs, 5000);
    EXPECT_EQ(db.pragmas().quickCheck, "ok");
    // And independently of what open() recorded.
    WS_ASSERT_OK_AND_ASSIGN(const std::string mode, db.queryText("PRAGMA journal_mode"));
    EXPECT_EQ(mode, "wal");
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t sync, db.queryInt("PRAGMA synchronous"));
    EXPECT_EQ(sync, 2);
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t fk, db.queryInt("PRAGMA foreign_keys"));
    EXPECT_EQ(fk, 1);
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t busy, db.queryInt("PRAGMA busy_timeout"));
    EXPECT_EQ(busy, 5000);
}

TEST_F(DatabaseTest, CustomBusyTimeoutIsVerified) {
    OpenOptions options;
    options.busyTimeout = std::chrono::milliseconds(1234);
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite", options));
    EXPECT_EQ(db.pragmas().busyTimeoutMs, 1234);
}

TEST(FilesystemKindTest, NetworkAndFuseMagicsAreRecognised) {
    EXPECT_EQ(classifyFilesystemMagic(0x6969), FilesystemKind::Network);      // NFS
    EXPECT_EQ(classifyFilesystemMagic(0xFF534D42), FilesystemKind::Network);  // CIFS
    EXPECT_EQ(classifyFilesystemMagic(0xFE534D42), FilesystemKind::Network);  // SMB2
    EXPECT_EQ(classifyFilesystemMagic(0x517B), FilesystemKind::Network);      // SMB
    EXPECT_EQ(classifyFilesystemMagic(0x65735546), FilesystemKind::Fuse);     // FUSE
    EXPECT_EQ(classifyFilesystemMagic(0xEF53), FilesystemKind::Local);        // ext4
    EXPECT_EQ(classifyFilesystemMagic(0x01021994), FilesystemKind::Local);    // tmpfs
    auto here = filesystemKindOf(fs::temp_directory_path());
    ASSERT_TRUE(here.ok()) << here.error().message;
}

TEST_F(DatabaseTest, NetworkAndFuseFoldersAreRefusedBeforeAnythingIsWritten) {
    for (const FilesystemKind kind : {FilesystemKind::Network, FilesystemKind::Fuse}) {
        OpenOptions options;
        options.filesystemProbe = [kind](const fs::path&) -> Result<FilesystemKind> { return kind; };
        auto db = Database::open(dir_ / "remote.sqlite", options);
        ASSERT_FALSE(db.ok());
        EXPECT_EQ(db.error().kind, ErrorKind::Unsupported);
        EXPECT_NE(db.error().message.find("local disk"), std::string::npos) << db.error().message;
        EXPECT_FALSE(fs::exists(dir_ / "remote.sqlite"));
        // Tests on odd CI file systems may opt out explicitly; the product never does.
        options.networkPolicy = NetworkFilesystemPolicy::AllowForTests;
        EXPECT_TRUE(Database::open(dir_ / "remote.sqlite", options).ok());
        fs::remove(dir_ / "remote.sqlite");
    }
}

TEST_F(DatabaseTest, OpeningAGarbageFileIsRefusedAsDamaged) {
    {
        std::ofstream out(dir_ / "junk.sqlite", std::ios::binary);
        out << std::string(8192, 'x');
    }
    auto db = Database::open(dir_ / "junk.sqlite");
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().kind, ErrorKind::Integrity) << db.error().message;
    EXPECT_NE(db.error().message.find("damaged"), std::string::npos) << db.error().message;
}

TEST_F(DatabaseTest, TransactionRollsBackUnlessCommitted) {
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite"));
    WS_ASSERT_OK(db.exec("CREATE TABLE t (x INTEGER NOT NULL)"));
    {
        WS_ASSERT_OK_AND_ASSIGN(Transaction tx, db.begin());
        WS_ASSERT_OK(db.exec("INSERT INTO t VALUES (1)"));
        EXPECT_TRUE(db.inTransaction());
    }
    EXPECT_FALSE(db.inTransaction());
    WS_ASSERT_OK_AND_ASSIGN(std::int64_t count, db.queryInt("SELECT count(*) FROM t"));
    EXPECT_EQ(count, 0);
    {
        WS_ASSERT_OK_AND_ASSIGN(Transaction tx, db.begin());
        WS_ASSERT_OK(db.exec("INSERT INTO t VALUES (2)"));
        WS_ASSERT_OK(tx.commit());
    }
    WS_ASSERT_OK_AND_ASSIGN(count, db.queryInt("SELECT count(*) FROM t"));
    EXPECT_EQ(count, 1);
}

TEST_F(DatabaseTest, TypedBindAndColumns) {
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite"));
    WS_ASSERT_OK(db.exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, n INTEGER)"));
    WS_ASSERT_OK_AND_ASSIGN(Statement insert, db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)"));
    const std::optional<std::int64_t> none;
    WS_ASSERT_OK(insert.bindAll(std::int64_t{1} << 40, 2.5, std::string("h\xC3\xA9llo\0x", 8), none));
    WS_ASSERT_OK(insert.run());
    WS_ASSERT_OK_AND_ASSIGN(Statement select, db.prepare("SELECT i, d, s, n FROM t"));
    WS_ASSERT_OK_AND_ASSIGN(const StepResult r, select.step());
    ASSERT_EQ(r, StepResult::Row);
    EXPECT_EQ(select.columnInt(0), std::int64_t{1} << 40);
    EXPECT_DOUBLE_EQ(select.columnDouble(1), 2.5);
    EXPECT_EQ(select.columnText(2), std::string("h\xC3\xA9llo\0x", 8));
    EXPECT_TRUE(select.columnIsNull(3));
    EXPECT_FALSE(select.columnOptionalInt(3).has_value());
}

TEST_F(DatabaseTest, ConstraintViolationIsInvalidInputAndChangesNothing) {
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite"));
    WS_ASSERT_OK(
        db.exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))"));
    Status bad = db.exec("INSERT INTO c VALUES (42)");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::InvalidInput);
    EXPECT_NE(bad.error().message.find("FOREIGN KEY"), std::string::npos) << bad.error().message;
}

TEST_F(DatabaseTest, ErrorMessagesSayWhatToDo) {
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite"));
    const Error full = db.errorFor(SQLITE_FULL, "saving metrics");
    EXPECT_EQ(full.kind, ErrorKind::Io);
    EXPECT_EQ(full.message.rfind("the disk is full", 0), 0u) << full.message;
    EXPECT_NE(full.message.find("Free some disk space"), std::string::npos);
    const Error io = db.errorFor(SQLITE_IOERR_FSYNC, "saving metrics");
    EXPECT_NE(io.message.find("the disk reported an error"), std::string::npos) << io.message;
    const Error busy = db.errorFor(SQLITE_BUSY, "saving");
    EXPECT_NE(busy.message.find("another program"), std::string::npos);
    const Error corrupt = db.errorFor(SQLITE_CORRUPT, "reading");
    EXPECT_EQ(corrupt.kind, ErrorKind::Integrity);
    EXPECT_NE(corrupt.message.find("backups folder"), std::string::npos);
}

TEST_F(DatabaseTest, BackupIsAConsistentCopy) {
    WS_ASSERT_OK_AND_ASSIGN(Database db, Database::open(dir_ / "a.sqlite"));
    WS_ASSERT_OK(db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3)"));
    WS_ASSERT_OK(db.backupTo(dir_ / "copy.sqlite"));
    EXPECT_FALSE(fs::exists(dir_ / "copy.sqlite.partial"));
    WS_ASSERT_OK_AND_ASSIGN(Database copy, Database::open(dir_ / "copy.sqlite"));
    WS_ASSERT_OK_AND_ASSIGN(const std::int64_t count, copy.queryInt("SELECT count(*) FROM t"));
    EXPECT_EQ(count, 3);
}

TEST_F(DatabaseTest, OneSqliteLibraryInTheProcess) {
    // The header we compiled against and the library we run with are the same SQLite (DB-5).
    EXPECT_STREQ(sqlite3_sourceid(), SQLITE_SOURCE_ID);
    EXPECT_EQ(sqlite3_libversion_number(), SQLITE_VERSION_NUMBER);
}

}  // namespace
}  // namespace offsite::workspace

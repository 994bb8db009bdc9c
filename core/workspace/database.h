// RAII access to one SQLite database: the connection, prepared statements with typed bind/column helpers,
// and transactions that roll back unless committed. Opening applies and reads back the reliability
// settings (DB-1: WAL, synchronous=FULL, foreign keys, busy timeout, quick_check) and refuses network and
// FUSE file systems (DB-5). Every SQLite failure becomes an Error whose message says what to do.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace offsite::workspace {

// What statfs says about the folder that holds the database.
enum class FilesystemKind { Local = 1, Network, Fuse };

// Classifies a statfs f_type magic (NFS, CIFS/SMB/SMB2, FUSE, everything else is local).
[[nodiscard]] FilesystemKind classifyFilesystemMagic(std::uint64_t magic);
[[nodiscard]] Result<FilesystemKind> filesystemKindOf(const std::filesystem::path& folder);

// What open() does on a network or FUSE file system. WAL needs shared memory that those file systems do not
// provide reliably, and their locking and fsync are not trustworthy, so the product refuses (the default).
// AllowForTests skips the check; it exists only so tests can run on unusual CI file systems.
enum class NetworkFilesystemPolicy { Refuse = 1, AllowForTests };

struct OpenOptions {
    // Name of a registered SQLite VFS (the fault-injection seam); empty means SQLite's default.
    std::string vfsName;
    std::chrono::milliseconds busyTimeout{5000};
    NetworkFilesystemPolicy networkPolicy = NetworkFilesystemPolicy::Refuse;
    // Test seam: how the database's folder is classified; empty means statfs (filesystemKindOf).
    std::function<Result<FilesystemKind>(const std::filesystem::path&)> filesystemProbe;
};

// The settings open() applied, as read back from SQLite.
struct AppliedPragmas {
    std::string journalMode;        // "wal"
    std::int64_t synchronous = -1;  // 2 = FULL
    std::int64_t foreignKeys = -1;  // 1
    std::int64_t busyTimeoutMs = -1;
    std::string quickCheck;  // "ok"
};

enum class StepResult { Row = 1, Done };

class Database;

// A prepared statement. Parameters are 1-based like SQLite's; columns are 0-based.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    [[nodiscard]] Status bind(int index, std::int64_t value);
    [[nodiscard]] Status bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    [[nodiscard]] Status bind(int index, double value);
    [[nodiscard]] Status bind(int index, std::string_view text);
    [[nodiscard]] Status bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    [[nodiscard]] Status bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    [[nodiscard]] Status bind(int index, std::nullopt_t);
    template <typename T>
    [[nodiscard]] Status bind(int index, const std::optional<T>& value) {
        if (!value) return bind(index, std::nullopt);
        return bind(index, *value);
    }
    // Binds every argument in order, starting at parameter 1.
    template <typename... Args>
    [[nodiscard]] Status bindAll(const Args&... args) {
        int index = 0;
        Status status;
        ((status.ok() ? (status = bind(++index, args), 0) : 0), ...);
        return status;
    }

    [[nodiscard]] Result<StepResult> step();
    // Steps to the end (for statements that return no rows) and resets, ready to be bound again.
    [[nodiscard]] Status run();
    void reset();

    [[nodiscard]] std::int64_t columnInt(int column) const;
    [[nodiscard]] double columnDouble(int column) const;
    [[nodiscard]] std::string columnText(int column) const;
    [[nodiscard]] bool columnIsNull(int column) const;
    [[nodiscard]] std::optional<std::int64_t> columnOptionalInt(int column) const;

private:
    friend class Database;
    Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Database* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

class Transaction;

class Database {
public:
    // Opens (creating if needed) and applies the reliability settings; refuses to continue when any of them
    // did not take effect or quick_check finds damage.
    [[nodiscard]] static Result<Database> open(const std::filesystem::path& path,
                                               const OpenOptions& options = {});

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] Status exec(std::string_view sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    // The first column of the first row, for one-value queries ("PRAGMA user_version").
    [[nodiscard]] Result<std::int64_t> queryInt(std::string_view sql);
    [[nodiscard]] Result<std::string> queryText(std::string_view sql);
    // Every row's first column as text ("PRAGMA integrity_check" answers one line per problem).
    [[nodiscard]] Result<std::vector<std::string>> queryTextColumn(std::string_view sql);

    // BEGIN IMMEDIATE: takes the write lock up front so a transaction never fails half-way with SQLITE_BUSY.
    [[nodiscard]] Result<Transaction> begin();

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    // Rows changed by the last INSERT/UPDATE/DELETE.
    [[nodiscard]] std::int64_t changes() const;
    [[nodiscard]] const AppliedPragmas& pragmas() const { return pragmas_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] bool inTransaction() const;

    // A consistent copy through the SQLite backup API (never a file copy of a live database), flushed to
    // disk.
    [[nodiscard]] Status backupTo(const std::filesystem::path& destination);

    // Turns an SQLite result code into an Error whose message names the database and says what to do.
    [[nodiscard]] Error errorFor(int code, std::string_view doing) const;

    // The raw handle, for tests and SQLite features this class does not wrap.
    [[nodiscard]] sqlite3* handle() const { return db_; }

private:
    friend class Workspace;  // holds one as a member
    Database() = default;
    [[nodiscard]] Status applySettings(const OpenOptions& options);
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    AppliedPragmas pragmas_;
};

// Rolls back on destruction unless commit() succeeded. Safe when SQLite already rolled back by itself
// (it does so after SQLITE_FULL and some I/O errors).
class [[nodiscard]] Transaction {
public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    [[nodiscard]] Status commit();
    void rollback();

private:
    friend class Database;
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_ = nullptr;
};

}  // namespace offsite::workspace

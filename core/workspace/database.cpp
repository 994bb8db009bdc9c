// SQLite connection, statements and transactions with errors as values; the reliability settings applied and
// verified at open; the file-system check; backups through the SQLite backup API.
#include "core/workspace/database.h"

#include <sqlite3.h>
#include <sys/vfs.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/base/file_io.h"

namespace offsite::workspace {
namespace {

// statfs f_type values (linux/magic.h and the CIFS/SMB/FUSE sources).
constexpr std::uint64_t kNfsMagic = 0x6969;
constexpr std::uint64_t kSmbMagic = 0x517B;
constexpr std::uint64_t kCifsMagic = 0xFF534D42;
constexpr std::uint64_t kSmb2Magic = 0xFE534D42;
constexpr std::uint64_t kFuseMagic = 0x65735546;
constexpr std::uint64_t kAfsMagic = 0x5346414F;
constexpr std::uint64_t kCephMagic = 0x00C36400;

std::string shortSql(std::string_view sql) {
    constexpr std::size_t kMax = 80;
    std::string out(sql.substr(0, kMax));
    for (char& c : out) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    if (sql.size() > kMax) out += "...";
    return out;
}

}  // namespace

FilesystemKind classifyFilesystemMagic(std::uint64_t magic) {
    switch (magic) {
        case kNfsMagic:
        case kSmbMagic:
        case kCifsMagic:
        case kSmb2Magic:
        case kAfsMagic:
        case kCephMagic:
            return FilesystemKind::Network;
        case kFuseMagic:
            return FilesystemKind::Fuse;
        default:
            return FilesystemKind::Local;
    }
}

Result<FilesystemKind> filesystemKindOf(const std::filesystem::path& folder) {
    struct statfs info {};
    if (::statfs(folder.c_str(), &info) != 0) {
        const int err = errno;
        return makeError(ErrorKind::Io, folder.string() +
                                            ": cannot tell which kind of disk holds this folder (" +
                                            std::strerror(err) + "); check that the folder exists");
    }
    return classifyFilesystemMagic(static_cast<std::uint64_t>(static_cast<unsigned long>(info.f_type)));
}

// ---------------------------------------------------------------------------------------------------
// Statement

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = other.stmt_;
        other.stmt_ = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

namespace {
Status bindResult(const Database* db, sqlite3_stmt* stmt, int rc, int index) {
    if (rc == SQLITE_OK) return {};
    return db->errorFor(rc, "binding parameter " + std::to_string(index) + " of \"" +
                                shortSql(sqlite3_sql(stmt) ? sqlite3_sql(stmt) : "") + "\"");
}
}  // namespace

Status Statement::bind(int index, std::int64_t value) {
    return bindResult(db_, stmt_, sqlite3_bind_int64(stmt_, index, value), index);
}

Status Statement::bind(int index, double value) {
    return bindResult(db_, stmt_, sqlite3_bind_double(stmt_, index, value), index);
}

Status Statement::bind(int index, std::string_view text) {
    return bindResult(
        db_, stmt_,
        sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}

Status Statement::bind(int index, std::nullopt_t) {
    return bindResult(db_, stmt_, sqlite3_bind_null(stmt_, index), index);
}

Result<StepResult> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return StepResult::Row;
    if (rc == SQLITE_DONE) return StepResult::Done;
    Error error = db_->errorFor(rc, "running \"" + shortSql(sqlite3_sql(stmt_)) + "\"");
    sqlite3_reset(stmt_);
    return error;
}

Status Statement::run() {
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, step());
        if (r == StepResult::Done) break;
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::columnInt(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::columnDouble(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::columnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return {};
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::columnIsNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::columnOptionalInt(int column) const {
    if (columnIsNull(column)) return std::nullopt;
    return columnInt(column);
}

// ---------------------------------------------------------------------------------------------------
// Database

Result<Database> Database::open(const std::filesystem::path& path, const OpenOptions& options) {
    std::filesystem::path folder = path.parent_path();
    if (folder.empty()) folder = ".";
    if (options.networkPolicy == NetworkFilesystemPolicy::Refuse) {
        OFFSITE_ASSIGN_OR_RETURN(const FilesystemKind kind, options.filesystemProbe
                                                                ? options.filesystemProbe(folder)
                                                                : filesystemKindOf(folder));
        if (kind != FilesystemKind::Local) {
            return makeError(
                ErrorKind::Unsupported,
                folder.string() + " is on a " +
                    (kind == FilesystemKind::Network ? "network drive" : "FUSE (user-space) drive") +
                    "; the workspace database needs a local disk to stay intact after a crash. "
                    "Choose a workspace folder on this computer's own disk");
        }
    }
    Database db;
    db.path_ = path;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;
    const int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags,
                                   options.vfsName.empty() ? nullptr : options.vfsName.c_str());
    if (rc != SQLITE_OK) return db.errorFor(rc, "opening");
    sqlite3_extended_result_codes(db.db_, 1);
    // Defensive mode: no writable_schema tricks or raw page edits can corrupt the file through this handle.
    sqlite3_db_config(db.db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    OFFSITE_TRY(db.applySettings(options));
    return db;
}

Status Database::applySettings(const OpenOptions& options) {
    const auto timeoutMs = static_cast<int>(options.busyTimeout.count());
    if (sqlite3_busy_timeout(db_, timeoutMs) != SQLITE_OK)
        return errorFor(sqlite3_errcode(db_), "setting up");
    OFFSITE_ASSIGN_OR_RETURN(pragmas_.journalMode, queryText("PRAGMA journal_mode=WAL"));
    OFFSITE_TRY(exec("PRAGMA synchronous=FULL"));
    OFFSITE_TRY(exec("PRAGMA foreign_keys=ON"));
    // Read everything back: a pragma that SQLite silently ignored must stop us, not weaken the guarantees.
    OFFSITE_ASSIGN_OR_RETURN(pragmas_.journalMode, queryText("PRAGMA journal_mode"));
    OFFSITE_ASSIGN_OR_RETURN(pragmas_.synchronous, queryInt("PRAGMA synchronous"));
    OFFSITE_ASSIGN_OR_RETURN(pragmas_.foreignKeys, queryInt("PRAGMA foreign_keys"));
    OFFSITE_ASSIGN_OR_RETURN(pragmas_.busyTimeoutMs, queryInt("PRAGMA busy_timeout"));
    const std::string where = "the workspace database " + path_.string();
    if (pragmas_.journalMode != "wal") {
        return makeError(ErrorKind::Unsupported,
                         where + " could not switch to write-ahead logging (journal mode is \"" +
                             pragmas_.journalMode +
                             "\"); the folder may be read-only or on an unsuitable disk. Choose a workspace "
                             "folder on a local disk you can write to");
    }
    if (pragmas_.synchronous != 2 || pragmas_.foreignKeys != 1 || pragmas_.busyTimeoutMs != timeoutMs) {
        return makeError(ErrorKind::Internal,
                         where + ": SQLite did not accept the safety settings (synchronous=" +
                             std::to_string(pragmas_.synchronous) +
                             ", foreign_keys=" + std::to_string(pragmas_.foreignKeys) +
                             ", busy_timeout=" + std::to_string(pragmas_.busyTimeoutMs) +
                             "); this SQLite library is unsuitable, please report this");
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<std::string> check, queryTextColumn("PRAGMA quick_check"));
    pragmas_.quickCheck = check.empty() ? std::string() : check.front();
    if (check.size() != 1 || check.front() != "ok") {
        return makeError(ErrorKind::Integrity,
                         where + " is damaged (quick_check: " + pragmas_.quickCheck +
                             "); restore it from the newest copy in the workspace's backups folder");
    }
    return {};
}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), pragmas_(std::move(other.pragmas_)) {
    other.db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = other.db_;
        path_ = std::move(other.path_);
        pragmas_ = std::move(other.pragmas_);
        other.db_ = nullptr;
    }
    return *this;
}

Database::~Database() {
    // close_v2 defers the close until every statement is finalized, so destruction order cannot leak.
    sqlite3_close_v2(db_);
}

Status Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) return errorFor(rc, "running \"" + shortSql(sql) + "\"");
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return errorFor(rc, "preparing \"" + shortSql(sql) + "\"");
    }
    if (stmt == nullptr) return makeError(ErrorKind::Internal, "empty SQL statement (a bug)");
    return Statement(this, stmt);
}

Result<std::int64_t> Database::queryInt(std::string_view sql) {
    OFFSITE_ASSIGN_OR_RETURN(Statement stmt, prepare(sql));
    OFFSITE_ASSIGN_OR_RETURN(const StepResult r, stmt.step());
    if (r != StepResult::Row) {
        return makeError(ErrorKind::NotFound, "\"" + shortSql(sql) + "\" returned no rows");
    }
    return stmt.columnInt(0);
}

Result<std::string> Database::queryText(std::string_view sql) {
    OFFSITE_ASSIGN_OR_RETURN(Statement stmt, prepare(sql));
    OFFSITE_ASSIGN_OR_RETURN(const StepResult r, stmt.step());
    if (r != StepResult::Row) {
        return makeError(ErrorKind::NotFound, "\"" + shortSql(sql) + "\" returned no rows");
    }
    return stmt.columnText(0);
}

Result<std::vector<std::string>> Database::queryTextColumn(std::string_view sql) {
    OFFSITE_ASSIGN_OR_RETURN(Statement stmt, prepare(sql));
    std::vector<std::string> rows;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, stmt.step());
        if (r == StepResult::Done) break;
        rows.push_back(stmt.columnText(0));
    }
    return rows;
}

Result<Transaction> Database::begin() {
    OFFSITE_TRY(exec("BEGIN IMMEDIATE"));
    return Transaction(this);
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}

std::int64_t Database::changes() const {
    return sqlite3_changes64(db_);
}

bool Database::inTransaction() const {
    return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}

Status Database::backupTo(const std::filesystem::path& destination) {
    std::filesystem::path partial = destination;
    partial += ".partial";
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    sqlite3* out = nullptr;
    int rc = sqlite3_open_v2(partial.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    auto fail = [&](int code) -> Status {
        std::string detail = out != nullptr ? sqlite3_errmsg(out) : sqlite3_errstr(code);
        sqlite3_close_v2(out);
        std::filesystem::remove(partial, ec);
        if ((code & 0xff) == SQLITE_FULL) {
            return makeError(ErrorKind::Io, "the disk is full: could not write the backup " +
                                                destination.string() +
                                                "; free some disk space and try again");
        }
        return makeError(ErrorKind::Io, "could not write the backup " + destination.string() + " (" + detail +
                                            "); check that the folder is writable and the disk has space");
    };
    if (rc != SQLITE_OK) return fail(rc);
    sqlite3_exec(out, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    sqlite3_backup* backup = sqlite3_backup_init(out, "main", db_, "main");
    if (backup == nullptr) return fail(sqlite3_errcode(out));
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    const int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return fail(rc);
    if (finish != SQLITE_OK) return fail(finish);
    rc = sqlite3_close(out);
    out = nullptr;
    if (rc != SQLITE_OK) return fail(rc);
    // The backup's own commit synced its content; publish it under its final name durably.
    if (::rename(partial.c_str(), destination.c_str()) != 0) {
        const int err = errno;
        std::filesystem::remove(partial, ec);
        return makeError(ErrorKind::Io, "could not publish the backup " + destination.string() + " (" +
                                            std::strerror(err) + ")");
    }
    std::filesystem::path folder = destination.parent_path();
    if (folder.empty()) folder = ".";
    return syncDirectory(folder);
}

Error Database::errorFor(int code, std::string_view doing) const {
    const int primary = code & 0xff;
    const std::string where = "the workspace database " + path_.string();
    const std::string detail = std::string(db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code)) +
                               ", SQLite code " + std::to_string(code);
    const std::string step(doing);
    switch (primary) {
        case SQLITE_FULL:
            return makeError(ErrorKind::Io, "the disk is full (" + step + " in " + where +
                                                "); nothing from this step was saved. Free some disk space "
                                                "and try again");
        case SQLITE_IOERR:
            return makeError(ErrorKind::Io, "the disk reported an error (" + detail + ") while " + step +
                                                " in " + where +
                                                "; nothing from this step was saved. Check that the "
                                                "disk is connected and healthy, then try again");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return makeError(ErrorKind::Integrity,
                             where + " is damaged or is not a workspace database (" + detail + ", while " +
                                 step +
                                 "); restore it from the newest copy in the workspace's backups folder");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return makeError(ErrorKind::Io, where + " is in use by another program (" + detail + ", while " +
                                                step +
                                                "); close other copies of Offsite Studio and try again");
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN:
        case SQLITE_AUTH:
            return makeError(ErrorKind::Io, where + " cannot be opened or written (" + detail + ", while " +
                                                step +
                                                "); check the folder's permissions and that the disk "
                                                "is not read-only");
        case SQLITE_CONSTRAINT:
            return makeError(ErrorKind::InvalidInput,
                             "refused by " + where + ": " + detail + " (while " + step + ")");
        case SQLITE_NOMEM:
            return makeError(ErrorKind::Io, "out of memory while " + step + " in " + where +
                                                "; close other programs and try again");
        default:
            return makeError(ErrorKind::Internal, "unexpected SQLite failure (" + detail + ") while " + step +
                                                      " in " + where + "; please report this");
    }
}

// ---------------------------------------------------------------------------------------------------
// Transaction

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) {
    other.db_ = nullptr;
}

Transaction::~Transaction() {
    rollback();
}

Status Transaction::commit() {
    if (db_ == nullptr) return makeError(ErrorKind::Internal, "commit of a finished transaction (a bug)");
    if (!db_->inTransaction()) {
        // SQLite already rolled back by itself (after SQLITE_FULL or an I/O error inside the transaction).
        db_ = nullptr;
        return makeError(ErrorKind::Io,
                         "the transaction was rolled back after an earlier error; nothing from "
                         "this step was saved. Try again");
    }
    const int rc = sqlite3_exec(db_->handle(), "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        const Error error = db_->errorFor(rc, "saving changes");
        rollback();
        return error;
    }
    db_ = nullptr;
    return {};
}

void Transaction::rollback() {
    if (db_ == nullptr) return;
    if (db_->inTransaction()) {
        // Best effort: if ROLLBACK itself fails SQLite rolls back when the connection closes or next opens.
        sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    db_ = nullptr;
}

}  // namespace offsite::workspace

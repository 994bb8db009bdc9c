// PKG-2's disk-full half: an import in a child process whose disk fills up at the N-th write (every write
// from the N-th on fails with ENOSPC: the staging files, the content store, SQLite's WAL), for N = 1, 2, ...
// until the import succeeds, and at growing RLIMIT_FSIZE limits (short writes, then EFBIG), leaves the
// workspace as it was or the package whole, never in between; the earlier package still verifies; and
// importing again with space finishes the job.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "core/crypto/sha256.h"
#include "core/trust/import.h"
#include "core/workspace/packages.h"
#include "trust_test_support.h"

namespace offsite::trust {
namespace {

using namespace testing;

constexpr std::int64_t kNow = 1'800'000'000;

// Exit status of the child importing under `fault` (see import_crash_child.cpp).
int importWithFault(const fs::path& ws, const fs::path& pkg, const fs::path& pub, const std::string& fault,
                    const fs::path& errors) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int devNull = ::open("/dev/null", O_WRONLY);
        const int err = ::open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (devNull >= 0) ::dup2(devNull, STDOUT_FILENO);
        if (err >= 0) ::dup2(err, STDERR_FILENO);
        ::execl(OFFSITE_IMPORT_CRASH_CHILD, OFFSITE_IMPORT_CRASH_CHILD, ws.c_str(), pkg.c_str(), pub.c_str(),
                fault.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Every file (not folder: an empty fan-out folder left by removing an orphan holds no state) under `root`, with
// its size and SHA-256, sorted.
std::string filesUnder(const fs::path& root) {
    std::vector<std::string> lines;
    std::error_code ec;
    if (!fs::exists(root, ec)) return {};
    for (const auto& item : fs::recursive_directory_iterator(root)) {
        if (item.is_directory()) continue;
        const std::string bytes = readBytes(item.path());
        lines.push_back(fs::relative(item.path(), root).string() + " " + std::to_string(bytes.size()) + " " +
                        crypto::sha256Hex(bytes).substr(0, 12));
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
}

// What the import may change: the trust tables, the audit entries other than the start-up reconciler's (which
// removes a stored file a failed import left), the content store and the packages folder.
std::string trustState(workspace::Workspace& ws) {
    std::string out;
    for (const char* table : {"publishers", "publisher_keys", "publisher_roots", "store_files", "packages",
                              "package_import_log", "package_trust", "package_lineage", "trust_time_floor",
                              "audit_log"}) {
        auto columns = ws.database().queryTextColumn(std::string("SELECT name FROM pragma_table_info('") + table +
                                                     "') ORDER BY cid");
        if (!columns.ok() || columns->empty()) return "cannot read " + std::string(table);
        std::string row;
        for (const auto& column : *columns) row += (row.empty() ? "" : " || '|' || ") + ("quote(" + column + ")");
        const std::string where = std::string(table) == "audit_log" ? " WHERE action <> 'store.reconciled'" : "";
        auto rows = ws.database().queryTextColumn("SELECT " + row + " FROM " + table + where + " ORDER BY 1");
        out += std::string(table) + ":\n";
        if (!rows.ok()) return out + rows.error().message;
        for (const auto& line : *rows) out += "  " + line + "\n";
    }
    return out + "store:\n" + filesUnder(ws.folder() / "store") + "packages:\n" + filesUnder(ws.folder() / "packages");
}

class ImportDiskFullTest : public ScratchTest {};

TEST_F(ImportDiskFullTest, EveryFailingWriteLeavesNothingOrTheWholePackage) {
    const auto started = std::chrono::steady_clock::now();
    writeSplitFolder(root_ / "split");
    auto key = crypto::SigningKey::generate();
    auto identity = crypto::AgeIdentity::generate();
    ASSERT_TRUE(key.ok() && identity.ok());
    writeBytes(root_ / "owner.pub", crypto::formatMinisignPublicKey(key->publicKey()));
    PackSpec spec;
    spec.recipient = identity->recipient().toString();
    ASSERT_TRUE(pack(root_ / "split", root_ / "v1.otpkg", *key, spec).ok());
    writeSplitFolder(root_ / "split2", 0.75f);
    spec.version = 2;
    spec.createdAt = 1'760'000'000;
    ASSERT_TRUE(pack(root_ / "split2", root_ / "v2.otpkg", *key, spec).ok());
    const std::string adapter1 = readBytes(root_ / "split" / "adapter.safetensors");
    const std::string adapter2 = readBytes(root_ / "split2" / "adapter.safetensors");

    // The workspace before: version 1 imported.
    const fs::path base = root_ / "base";
    std::string before;
    {
        auto ws = workspace::Workspace::open(base);
        ASSERT_TRUE(ws.ok()) << ws.error().message;
        ImportOptions o;
        o.presentedKey = key->publicKey();
        o.keyDecision = KeyDecision::TrustPresentedKey;
        o.now = kNow;
        auto first = importPackage(*ws, root_ / "v1.otpkg", o);
        ASSERT_TRUE(first.ok()) << first.error().message;
    }
    {
        auto ws = workspace::Workspace::open(base);
        ASSERT_TRUE(ws.ok());
        before = trustState(*ws);
    }

    int failed = 0;
    int whole = 0;
    std::string lastError;
    // One run under `fault`; true when the import succeeded.
    auto runOnce = [&](const std::string& fault) -> bool {
        SCOPED_TRACE(fault);
        const fs::path folder = root_ / "run";
        fs::remove_all(folder);
        fs::copy(base, folder, fs::copy_options::recursive);
        const int status = importWithFault(folder, root_ / "v2.otpkg", root_ / "owner.pub", fault, root_ / "child.err");
        EXPECT_TRUE(status == 0 || status == 5) << "the child crashed or could not start: " << status << " "
                                                << readBytes(root_ / "child.err");
        // Restart: the start-up reconciler and the importer's clean-up run, then the checks.
        auto ws = workspace::Workspace::open(folder);
        EXPECT_TRUE(ws.ok()) << ws.error().message;
        if (!ws.ok()) return true;
        auto cleaned = cleanUpPackageFolders(*ws);
        EXPECT_TRUE(cleaned.ok()) << cleaned.error().message;
        auto integrity = ws->checkIntegrity();
        EXPECT_TRUE(integrity.ok() && integrity->ok());
        auto records = workspace::packageTrustRecords(*ws);
        EXPECT_TRUE(records.ok() && !records->empty());
        if (!records.ok() || records->empty()) return true;
        EXPECT_EQ(readBytes((*records)[0].folder / "adapter.safetensors"), adapter1) << "version 1 was damaged";
        const bool imported = records->size() == 2;
        if (imported) {
            EXPECT_EQ(readBytes((*records)[1].folder / "adapter.safetensors"), adapter2);
            EXPECT_NE(trustState(*ws), before);
        } else {
            EXPECT_EQ(trustState(*ws), before) << "a failed import changed the workspace; the child said: "
                                               << readBytes(root_ / "child.err");
        }
        if (status == 0) {
            EXPECT_TRUE(imported) << "the import reported success without the package";
            return true;
        }
        ++failed;
        if (imported) ++whole;
        lastError = readBytes(root_ / "child.err");
        // With space again, the same import finishes (or finds the package already whole).
        ImportOptions o;
        o.now = kNow;
        auto again = importPackage(*ws, root_ / "v2.otpkg", o);
        if (imported) {
            EXPECT_FALSE(again.ok());
            if (!again.ok()) {
                EXPECT_NE(again.error().message.find("already imported"), std::string::npos);
            }
        } else {
            EXPECT_TRUE(again.ok() && again->status == ImportStatus::Imported)
                << (again.ok() ? "" : again.error().message);
        }
        return false;
    };
    long n = 1;
    for (; n <= 2000; ++n) {
        if (runOnce("enospc:" + std::to_string(n))) break;
        if (HasFatalFailure()) return;
    }
    ASSERT_LE(n, 2000) << "the import never succeeded";
    const int enospcFailures = failed;
    for (const std::uint64_t limit : {0, 100, 1000, 3000, 4096, 10000, 40000}) runOnce("fsize:" + std::to_string(limit));
    EXPECT_GT(enospcFailures, 10) << "too few write points were exercised";
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::printf("[import disk-full harness] the import makes %ld writes; ENOSPC from each of them and %d file size "
                "limits: %d failing runs (%d left the whole package), %lld ms; last failure: %s\n",
                n - 1, 7, failed, whole, static_cast<long long>(ms), lastError.c_str());
}

}  // namespace
}  // namespace offsite::trust

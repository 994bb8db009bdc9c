// Start-up reconciliation of the file store against store_files.
#include "core/workspace/reconciler.h"

#include <map>
#include <set>

#include "core/crypto/sha256.h"
#include "core/json/json.h"
#include "core/workspace/audit_log.h"

namespace offsite::workspace {
namespace fs = std::filesystem;

std::vector<std::string> ReconcileReport::describe() const {
    std::vector<std::string> lines;
    for (const auto& p : leftoversRemoved)
        lines.push_back("removed the leftover of an interrupted write: " + p.string());
    for (const auto& h : orphansRemoved) lines.push_back("removed a stored file no record refers to: " + h);
    for (const auto& h : quarantined) lines.push_back("quarantined a damaged stored file: " + h);
    for (const auto& h : markedMissing) lines.push_back("marked a stored file as missing: " + h);
    for (const auto& h : adopted) lines.push_back("found a missing stored file again: " + h);
    return lines;
}

namespace {

struct RowInfo {
    std::uint64_t size = 0;
    bool present = false;
};

json::Value hashArray(const std::vector<std::string>& hashes) {
    json::Value a = json::Value::array();
    for (const auto& h : hashes) a.push(json::Value::string(h));
    return a;
}

Status setState(Database& db, const std::string& sha, std::string_view state) {
    OFFSITE_ASSIGN_OR_RETURN(Statement st, db.prepare("UPDATE store_files SET state = ? WHERE sha256 = ?"));
    OFFSITE_TRY(st.bindAll(state, sha));
    return st.run();
}

Status quarantine(const FileStore& store, const std::string& sha, std::int64_t nowMs) {
    const fs::path folder = store.root() / "quarantine";
    std::error_code ec;
    fs::create_directories(folder, ec);
    fs::rename(store.pathFor(sha), folder / (sha + "-" + std::to_string(nowMs)), ec);
    if (ec) return store.remove(sha);
    return {};
}

}  // namespace

Result<ReconcileReport> reconcileStore(Database& db, const FileStore& store, ReconcileMode mode,
                                       std::int64_t nowMs) {
    ReconcileReport report;
    OFFSITE_ASSIGN_OR_RETURN(const StoreListing listing, store.list());
    for (const fs::path& leftover : listing.leftovers) {
        OFFSITE_TRY(store.removeLeftover(leftover));
        report.leftoversRemoved.push_back(leftover);
    }

    // The write lock for the whole walk: nothing may add rows while we decide what is an orphan.
    OFFSITE_ASSIGN_OR_RETURN(Transaction tx, db.begin());
    std::map<std::string, RowInfo> rows;
    {
        OFFSITE_ASSIGN_OR_RETURN(Statement st, db.prepare("SELECT sha256, size, state FROM store_files"));
        for (;;) {
            OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
            if (r == StepResult::Done) break;
            rows[st.columnText(0)] =
                RowInfo{static_cast<std::uint64_t>(st.columnInt(1)), st.columnText(2) == "present"};
        }
    }
    std::set<std::string> onDisk;
    for (const StoredFile& file : listing.files) {
        const auto row = rows.find(file.sha256);
        if (row == rows.end()) {
            // Durable before its row, and the row never committed: an interrupted import or save.
            OFFSITE_TRY(store.remove(file.sha256));
            report.orphansRemoved.push_back(file.sha256);
            continue;
        }
        bool good = file.size == row->second.size;
        // A file coming back from "missing" is always re-hashed before anything trusts it again.
        if (good && (mode == ReconcileMode::Full || !row->second.present))
            good = store.verify(file.sha256).ok();
        if (!good) {
            OFFSITE_TRY(quarantine(store, file.sha256, nowMs));
            report.quarantined.push_back(file.sha256);
            continue;
        }
        onDisk.insert(file.sha256);
        if (!row->second.present) {
            OFFSITE_TRY(setState(db, file.sha256, "present"));
            report.adopted.push_back(file.sha256);
        }
    }
    for (const auto& [sha, info] : rows) {
        if (info.present && onDisk.count(sha) == 0) {
            OFFSITE_TRY(setState(db, sha, "missing"));
            report.markedMissing.push_back(sha);
        }
    }
    if (report.changedAnything()) {
        json::Value details = json::Value::object();
        details.set("leftovers_removed",
                    json::Value::integer(static_cast<std::int64_t>(report.leftoversRemoved.size())));
        details.set("orphans_removed", hashArray(report.orphansRemoved));
        details.set("quarantined", hashArray(report.quarantined));
        details.set("marked_missing", hashArray(report.markedMissing));
        details.set("adopted", hashArray(report.adopted));
        OFFSITE_TRY(appendAuditEntry(
            db, AuditEntry{"reconciler", "store.reconciled", "store", json::serialize(details)}, nowMs));
    }
    OFFSITE_TRY(tx.commit());
    return report;
}

}  // namespace offsite::workspace

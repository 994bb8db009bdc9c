// `offsite runs list|show|cancel`, `offsite workspace check|clean`: what the workspace remembers about training
// runs, cancelling a paused one, whether the workspace is intact (SQLite integrity, foreign keys, invariants, the
// audit chain), and removing tokenized caches no unfinished run needs.
#include <cstdio>
#include <map>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/workspace_access.h"
#include "core/dataset/import.h"
#include "core/json/json.h"

namespace offsite::cli {
namespace {

OptionSpec jsonOption() { return {"json", OptionKind::Flag, "", "machine-readable output"}; }

std::string optionalId(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : "-"; }

json::Value runJson(const workspace::RunRecord& r) {
    json::Value v = json::Value::object();
    v.set("id", json::Value::integer(r.id));
    v.set("name", json::Value::string(r.name));
    v.set("packageId", r.packageId ? json::Value::integer(*r.packageId) : json::Value::null());
    v.set("datasetId", r.datasetId ? json::Value::integer(*r.datasetId) : json::Value::null());
    v.set("state", json::Value::string(std::string(workspace::runStateName(r.state))));
    v.set("message", json::Value::string(r.stateMessage));
    v.set("createdAt", json::Value::integer(r.createdAt));
    v.set("updatedAt", json::Value::integer(r.updatedAt));
    return v;
}

// The run's number, the command's one positional argument.
Result<long long> runNumber(const Arguments& args) {
    try {
        return std::stoll(args.positionals().at(0));
    } catch (const std::exception&) {
        return makeError(ErrorKind::InvalidInput, "give the run's number (see `offsite runs list`)");
    }
}

Result<int> runRunsList(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::OpenExisting));
    OFFSITE_ASSIGN_OR_RETURN(const auto runs, ws.runs());
    if (args.flag("json")) {
        json::Value out = json::Value::array();
        for (const auto& r : runs) out.push(runJson(r));
        std::printf("%s\n", json::serialize(out).c_str());
        return kExitOk;
    }
    if (runs.empty()) {
        std::printf("no runs yet in %s; start one with `offsite train --workspace ... --dataset ID`\n",
                    ws.folder().string().c_str());
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : runs) {
        rows.push_back({std::to_string(r.id), r.name, std::string(workspace::runStateName(r.state)),
                        optionalId(r.datasetId), r.stateMessage});
    }
    printTable({"id", "name", "state", "dataset", "message"}, rows);
    return kExitOk;
}

Result<int> runRunsShow(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::OpenExisting));
    OFFSITE_ASSIGN_OR_RETURN(const long long id, runNumber(args));
    OFFSITE_ASSIGN_OR_RETURN(const workspace::RunRecord run, ws.run(id));
    OFFSITE_ASSIGN_OR_RETURN(const auto metrics, ws.metrics(id));
    OFFSITE_ASSIGN_OR_RETURN(const auto checkpoints, ws.checkpoints(id));
    // Per metric: how many points, the last step and value.
    struct Series {
        std::size_t points = 0;
        std::int64_t lastStep = 0;
        double lastValue = 0.0;
    };
    std::map<std::string, Series> series;
    for (const auto& m : metrics) {
        auto& s = series[m.name];
        ++s.points;
        if (s.points == 1 || m.step >= s.lastStep) {
            s.lastStep = m.step;
            s.lastValue = m.value;
        }
    }
    if (args.flag("json")) {
        json::Value out = runJson(run);
        auto config = json::parse(run.configJson);
        out.set("config", config.ok() ? config.value() : json::Value::object());
        json::Value ms = json::Value::object();
        for (const auto& [name, s] : series) {
            json::Value v = json::Value::object();
            v.set("points", json::Value::unsignedInteger(s.points));
            v.set("lastStep", json::Value::integer(s.lastStep));
            v.set("last", json::Value::number(s.lastValue));
            ms.set(name, std::move(v));
        }
        out.set("metrics", std::move(ms));
        json::Value cs = json::Value::array();
        for (const auto& c : checkpoints) {
            json::Value v = json::Value::object();
            v.set("step", json::Value::integer(c.step));
            v.set("folder", json::Value::string(c.folder));
            v.set("verified", json::Value::boolean(c.verification == workspace::CheckpointVerification::Verified));
            cs.push(std::move(v));
        }
        out.set("checkpoints", std::move(cs));
        std::printf("%s\n", json::serialize(out).c_str());
        return kExitOk;
    }
    std::printf("run %lld: %s\nstate: %s%s%s\ndata set: %s   package: %s\nconfiguration: %s\n",
                static_cast<long long>(run.id), run.name.c_str(), std::string(workspace::runStateName(run.state)).c_str(),
                run.stateMessage.empty() ? "" : " - ", run.stateMessage.c_str(), optionalId(run.datasetId).c_str(),
                optionalId(run.packageId).c_str(), run.configJson.c_str());
    if (!series.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& [name, s] : series) {
            char value[32];
            std::snprintf(value, sizeof value, "%.6g", s.lastValue);
            rows.push_back({name, std::to_string(s.points), std::to_string(s.lastStep), value});
        }
        printTable({"metric", "points", "last step", "last value"}, rows);
    }
    for (const auto& c : checkpoints) {
        std::printf("checkpoint at step %lld: %s (%s)\n", static_cast<long long>(c.step), c.folder.c_str(),
                    c.verification == workspace::CheckpointVerification::Verified ? "verified" : "not verified");
    }
    return kExitOk;
}

Result<int> runWorkspaceCheck(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::OpenExisting));
    if (args.flag("full")) OFFSITE_TRY(ws.reconcile(workspace::ReconcileMode::Full));
    OFFSITE_ASSIGN_OR_RETURN(const workspace::IntegrityReport report, ws.checkIntegrity());
    std::vector<std::string> problems;
    if (!(report.integrityCheck.size() == 1 && report.integrityCheck.front() == "ok")) {
        for (const auto& line : report.integrityCheck) problems.push_back("database damage: " + line);
    }
    for (const auto& line : report.foreignKeyProblems) problems.push_back("broken reference: " + line);
    for (const auto& line : report.invariantProblems) problems.push_back(line);
    if (!report.audit.intact()) {
        problems.push_back("the audit log was altered at row " +
                           std::to_string(report.audit.firstBadId.value_or(0)) + ": " + report.audit.reason);
    }
    const auto reconciled = ws.startupReport().reconcile.describe();
    if (args.flag("json")) {
        json::Value out = json::Value::object();
        out.set("ok", json::Value::boolean(report.ok()));
        json::Value list = json::Value::array();
        for (const auto& p : problems) list.push(json::Value::string(p));
        out.set("problems", std::move(list));
        json::Value fixed = json::Value::array();
        for (const auto& p : reconciled) fixed.push(json::Value::string(p));
        out.set("repairedAtStart", std::move(fixed));
        out.set("auditEntries", json::Value::integer(report.audit.rowsChecked));
        std::printf("%s\n", json::serialize(out).c_str());
    } else {
        for (const auto& line : reconciled) std::printf("repaired at start: %s\n", line.c_str());
        for (const auto& p : problems) std::printf("problem: %s\n", p.c_str());
        if (report.ok()) {
            std::printf("workspace %s is intact: database ok, references ok, %lld audit entries chained\n",
                        ws.folder().string().c_str(), static_cast<long long>(report.audit.rowsChecked));
        } else {
            std::printf("workspace %s has %zu problem(s); restore it from a backup (%s) or ask for help\n",
                        ws.folder().string().c_str(), problems.size(), (ws.folder() / "backups").string().c_str());
        }
    }
    return report.ok() ? kExitOk : kExitError;
}

Result<int> runRunsCancel(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::OpenExisting));
    OFFSITE_ASSIGN_OR_RETURN(const long long id, runNumber(args));
    OFFSITE_ASSIGN_OR_RETURN(const workspace::RunRecord run, ws.run(id));
    if (run.state != workspace::RunState::Paused && run.state != workspace::RunState::Created) {
        return makeError(ErrorKind::InvalidInput,
                         "run " + std::to_string(id) + " is " + std::string(workspace::runStateName(run.state)) +
                             "; only a created or paused run can be cancelled here (stop a running one with Ctrl-C "
                             "twice); nothing was changed");
    }
    const std::string message = "cancelled by the user (was " + std::string(workspace::runStateName(run.state)) +
                                (run.stateMessage.empty() ? "" : ": " + run.stateMessage) + ")";
    OFFSITE_TRY(ws.transitionRun(id, workspace::RunState::Cancelled, message, "user"));
    if (args.flag("json")) {
        OFFSITE_ASSIGN_OR_RETURN(const workspace::RunRecord now, ws.run(id));
        std::printf("%s\n", json::serialize(runJson(now)).c_str());
    } else {
        std::printf("run %lld cancelled; it can no longer be resumed (its checkpoints stay until you remove them)\n",
                    id);
    }
    return kExitOk;
}

Result<int> runWorkspaceClean(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::OpenExisting));
    const bool dryRun = args.flag("dry-run");
    OFFSITE_ASSIGN_OR_RETURN(const dataset::CacheCleanup cleanup, dataset::cleanTokenizedCaches(ws, dryRun));
    if (args.flag("json")) {
        auto list = [](const std::vector<dataset::CacheFile>& files) {
            json::Value out = json::Value::array();
            for (const auto& f : files) {
                json::Value v = json::Value::object();
                v.set("file", json::Value::string(f.file.string()));
                v.set("bytes", json::Value::unsignedInteger(f.bytes));
                v.set("reason", json::Value::string(f.reason));
                out.push(std::move(v));
            }
            return out;
        };
        json::Value out = json::Value::object();
        out.set("dryRun", json::Value::boolean(dryRun));
        out.set(dryRun ? "wouldRemove" : "removed", list(cleanup.removed));
        out.set("kept", list(cleanup.kept));
        out.set("bytes", json::Value::unsignedInteger(cleanup.bytes));
        json::Value failed = json::Value::array();
        for (const auto& f : cleanup.notRemoved) failed.push(json::Value::string(f));
        out.set("notRemoved", std::move(failed));
        std::printf("%s\n", json::serialize(out).c_str());
        return cleanup.notRemoved.empty() ? kExitOk : kExitError;
    }
    for (const auto& f : cleanup.removed) {
        std::printf("%s %s (%s): %s\n", dryRun ? "would remove" : "removed", f.file.string().c_str(),
                    humanBytes(f.bytes).c_str(), f.reason.c_str());
    }
    for (const auto& f : cleanup.kept) {
        std::printf("kept %s (%s): %s\n", f.file.string().c_str(), humanBytes(f.bytes).c_str(), f.reason.c_str());
    }
    for (const auto& f : cleanup.notRemoved) std::printf("could not remove %s\n", f.c_str());
    if (cleanup.removed.empty()) {
        std::printf("nothing to clean in %s\n", ws.folder().string().c_str());
    } else {
        std::printf(dryRun ? "%zu old tokenized cache file(s), %s; run again without --dry-run to remove them\n"
                           : "removed %zu old tokenized cache file(s), %s\n",
                    cleanup.removed.size(), humanBytes(cleanup.bytes).c_str());
    }
    return cleanup.notRemoved.empty() ? kExitOk : kExitError;
}

}  // namespace

Command runsCancelCommand() {
    return Command{CommandSpec{"runs cancel", "cancel a created or paused run; it can no longer be resumed",
                               "offsite runs cancel ID [--workspace DIR] [--json]",
                               {workspaceOption(), jsonOption()}, 1, 1},
                   runRunsCancel};
}

Command workspaceCleanCommand() {
    return Command{
        CommandSpec{"workspace clean",
                    "remove old tokenized data caches that no unfinished run needs, and report their size",
                    "offsite workspace clean [--workspace DIR] [--dry-run] [--json]",
                    {workspaceOption(),
                     {"dry-run", OptionKind::Flag, "", "only list what would be removed"},
                     jsonOption()},
                    0, 0},
        runWorkspaceClean};
}

Command runsListCommand() {
    return Command{CommandSpec{"runs list", "list the training runs of the workspace",
                               "offsite runs list [--workspace DIR] [--json]",
                               {workspaceOption(), jsonOption()}, 0, 0},
                   runRunsList};
}

Command runsShowCommand() {
    return Command{CommandSpec{"runs show", "show one run: state, configuration, metrics, checkpoints",
                               "offsite runs show ID [--workspace DIR] [--json]",
                               {workspaceOption(), jsonOption()}, 1, 1},
                   runRunsShow};
}

Command workspaceCheckCommand() {
    return Command{
        CommandSpec{"workspace check", "check the workspace: database, references, invariants, audit chain",
                    "offsite workspace check [--workspace DIR] [--full] [--json]",
                    {workspaceOption(),
                     {"full", OptionKind::Flag, "", "also re-hash every stored file"},
                     jsonOption()},
                    0, 0},
        runWorkspaceCheck};
}

}  // namespace offsite::cli

// Queries over package_trust (schema v2).
#include "core/workspace/packages.h"

namespace offsite::workspace {
namespace {

constexpr std::string_view kSelect =
    "SELECT t.package_id, p.name, k.key_id, t.model_id, t.package_version, t.created_at, t.expires_at, "
    "t.architecture, t.split, t.export_recipient, pk.manifest_sha256, t.folder FROM package_trust t "
    "JOIN publisher_keys k ON k.id = t.publisher_key_id JOIN publishers p ON p.id = k.publisher_id "
    "JOIN packages pk ON pk.id = t.package_id";

PackageTrustRecord readRecord(const Statement& st, const std::filesystem::path& workspaceFolder) {
    PackageTrustRecord r;
    r.packageId = st.columnInt(0);
    r.publisher = st.columnText(1);
    r.keyId = st.columnText(2);
    r.modelId = st.columnText(3);
    r.packageVersion = st.columnInt(4);
    r.createdAt = st.columnInt(5);
    r.expiresAt = st.columnInt(6);
    r.architecture = st.columnText(7);
    r.split = st.columnText(8);
    r.exportRecipient = st.columnText(9);
    r.manifestSha256 = st.columnText(10);
    r.folder = workspaceFolder / st.columnText(11);
    return r;
}

}  // namespace

Result<PackageTrustRecord> packageTrustRecord(Workspace& workspace, std::int64_t packageId) {
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             workspace.database().prepare(std::string(kSelect) + " WHERE t.package_id = ?"));
    OFFSITE_TRY(st.bindAll(packageId));
    OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
    if (r != StepResult::Row) {
        return makeError(ErrorKind::NotFound, "package " + std::to_string(packageId) +
                                                  " is not an imported, verified package in this workspace");
    }
    return readRecord(st, workspace.folder());
}

Result<std::vector<PackageTrustRecord>> packageTrustRecords(Workspace& workspace) {
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             workspace.database().prepare(std::string(kSelect) + " ORDER BY t.package_id"));
    std::vector<PackageTrustRecord> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back(readRecord(st, workspace.folder()));
    }
    return out;
}

Result<std::filesystem::path> packageModelFolder(Workspace& workspace, std::int64_t packageId) {
    OFFSITE_ASSIGN_OR_RETURN(const PackageTrustRecord record, packageTrustRecord(workspace, packageId));
    std::error_code ec;
    if (!std::filesystem::is_directory(std::filesystem::symlink_status(record.folder, ec))) {
        return makeError(ErrorKind::Integrity, "the model folder of package " + std::to_string(packageId) +
                                                   " (" + record.folder.string() +
                                                   ") is missing; import the package again");
    }
    return record.folder;
}

}  // namespace offsite::workspace

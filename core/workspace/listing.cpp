// Read-only listing queries for the library views (see listing.h).
#include "core/workspace/listing.h"

namespace offsite::workspace {

Result<std::vector<PackageListing>> listPackages(Workspace& workspace) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        workspace.database().prepare(
            "SELECT p.id, p.name, p.version, p.publisher_id, p.manifest_sha256, p.content_sha256, p.imported_at, "
            "coalesce(pub.name, '') FROM packages p LEFT JOIN publishers pub ON pub.id = p.publisher_id "
            "ORDER BY p.id"));
    std::vector<PackageListing> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        PackageListing row;
        row.package = {st.columnInt(0), st.columnText(1),   st.columnText(2), st.columnOptionalInt(3),
                       st.columnText(4), st.columnText(5), st.columnInt(6)};
        row.publisherName = st.columnText(7);
        out.push_back(std::move(row));
    }
    return out;
}

Result<std::vector<DatasetRecord>> listDatasets(Workspace& workspace) {
    OFFSITE_ASSIGN_OR_RETURN(Statement st,
                             workspace.database().prepare(
                                 "SELECT id, name, source_path, format, task, fingerprint, statistics_json, "
                                 "validation_json, created_at FROM datasets ORDER BY id"));
    std::vector<DatasetRecord> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                       st.columnText(5), st.columnText(6), st.columnText(7), st.columnInt(8)});
    }
    return out;
}

Result<std::vector<ExportListing>> listExports(Workspace& workspace) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        workspace.database().prepare(
            "SELECT e.id, e.run_id, r.name, e.checkpoint_id, e.recipient, e.content_sha256, s.size, e.created_at, "
            "(SELECT count(*) FROM export_receipts x WHERE x.export_id = e.id) "
            "FROM exports e JOIN runs r ON r.id = e.run_id JOIN store_files s ON s.sha256 = e.content_sha256 "
            "ORDER BY e.id"));
    std::vector<ExportListing> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back({st.columnInt(0), st.columnInt(1), st.columnText(2), st.columnOptionalInt(3),
                       st.columnText(4), st.columnText(5), st.columnInt(6), st.columnInt(7), st.columnInt(8)});
    }
    return out;
}

Result<std::vector<RunHistoryEntry>> runHistory(Workspace& workspace, std::int64_t runId) {
    OFFSITE_ASSIGN_OR_RETURN(
        Statement st,
        workspace.database().prepare(
            "SELECT at, action, coalesce(json_extract(details_json, '$.from'), ''), "
            "coalesce(json_extract(details_json, '$.to'), ''), coalesce(json_extract(details_json, '$.message'), ''), "
            "json_extract(details_json, '$.step') FROM audit_log WHERE subject = ? OR (action = 'export.created' AND "
            "subject IN (SELECT 'export:' || id FROM exports WHERE run_id = ?)) ORDER BY id"));
    OFFSITE_TRY(st.bindAll("run:" + std::to_string(runId), runId));
    std::vector<RunHistoryEntry> out;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const StepResult r, st.step());
        if (r == StepResult::Done) break;
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                       st.columnOptionalInt(5)});
    }
    return out;
}

}  // namespace offsite::workspace

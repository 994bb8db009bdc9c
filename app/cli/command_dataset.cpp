// `offsite dataset import|validate|preview`: check a data set file, look at its first rows, and import it into the
// workspace (validated; refused with nothing changed when it has errors).
#include <cstdio>
#include <ctime>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/workspace_access.h"
#include "core/dataset/import.h"
#include "core/dataset/reader.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::cli {
namespace {

std::vector<OptionSpec> withDatasetOptions(std::vector<OptionSpec> extra) {
    std::vector<OptionSpec> out = datasetOptions();
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

OptionSpec jsonOption() { return {"json", OptionKind::Flag, "", "machine-readable output"}; }

void printReport(const dataset::ValidationReport& report) {
    for (const auto& f : report.findings) std::printf("%s\n", describeFinding(f).c_str());
    std::uint64_t shown = report.findings.size();
    std::uint64_t total = 0;
    for (const auto& [kind, n] : report.findingCounts) total += n;
    if (total > shown) {
        std::printf("(%llu more findings of the same kinds not listed)\n",
                    static_cast<unsigned long long>(total - shown));
    }
    const auto& s = report.statistics;
    std::printf("%llu records, %llu usable, %llu duplicates", static_cast<unsigned long long>(s.records),
                static_cast<unsigned long long>(s.usableRows), static_cast<unsigned long long>(s.duplicateRows));
    if (s.tokens) {
        std::printf(", %llu tokens (longest row %llu)", static_cast<unsigned long long>(*s.tokens),
                    static_cast<unsigned long long>(s.maxRowTokens.value_or(0)));
    }
    std::printf("\n");
    for (const auto& [label, n] : s.labelCounts)
        std::printf("  label %s: %llu\n", label.c_str(), static_cast<unsigned long long>(n));
    const auto& pii = report.personalData;
    if (pii.rowsWithPersonalData > 0) {
        std::printf("personal data in %llu rows: %llu e-mail addresses, %llu phone numbers, %llu card numbers, "
                    "%llu IBANs; remove them unless you are allowed to train on them\n",
                    static_cast<unsigned long long>(pii.rowsWithPersonalData),
                    static_cast<unsigned long long>(pii.emails), static_cast<unsigned long long>(pii.phoneNumbers),
                    static_cast<unsigned long long>(pii.cardNumbers), static_cast<unsigned long long>(pii.ibans));
    }
}

Result<int> runValidate(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(const dataset::DatasetSpec spec, datasetSpecFrom(args));
    dataset::ValidationOptions options;
    options.labels = splitList(args.valueOr("labels", ""));
    std::optional<tokenizer::Tokenizer> tok;
    if (auto file = args.value("tokenizer")) {
        OFFSITE_ASSIGN_OR_RETURN(tok, tokenizer::Tokenizer::fromFile(*file));
        options.tokenizer = &*tok;
    }
    OFFSITE_ASSIGN_OR_RETURN(const long long context, args.integer("context", 0, 0, 1'000'000'000));
    options.contextTokens = static_cast<std::size_t>(context);
    OFFSITE_ASSIGN_OR_RETURN(const dataset::ValidationReport report, dataset::validate(spec, options));
    if (args.flag("json")) {
        std::printf("%s\n", json::serialize(report.toJson()).c_str());
    } else {
        printReport(report);
        std::printf(report.blocksTraining() ? "%s has errors that block training; fix them and validate again\n"
                                            : "%s is ready to import\n",
                    spec.path.string().c_str());
    }
    return report.blocksTraining() ? kExitError : kExitOk;
}

Result<int> runPreview(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(const dataset::DatasetSpec spec, datasetSpecFrom(args));
    OFFSITE_ASSIGN_OR_RETURN(const long long rows, args.integer("rows", 5, 1, 10'000));
    OFFSITE_ASSIGN_OR_RETURN(const dataset::Preview preview,
                             dataset::preview(spec, static_cast<std::size_t>(rows)));
    const bool asJson = args.flag("json");
    json::Value out = json::Value::array();
    for (const auto& f : preview.sourceFindings) {
        if (!asJson) std::printf("%s\n", describeFinding(f).c_str());
    }
    for (const auto& row : preview.rows) {
        const std::string text = dataset::trainingText(row.example, spec.task);
        if (asJson) {
            json::Value item = json::Value::object();
            item.set("file", json::Value::string(row.file));
            item.set("line", json::Value::unsignedInteger(row.line));
            item.set("usable", json::Value::boolean(row.usable));
            item.set("text", json::Value::string(text));
            json::Value findings = json::Value::array();
            for (const auto& f : row.findings) findings.push(json::Value::string(describeFinding(f)));
            item.set("findings", std::move(findings));
            out.push(std::move(item));
            continue;
        }
        std::string shown = text;
        if (shown.size() > 200) shown = shown.substr(0, 200) + "...";
        for (char& c : shown) {
            if (c == '\n') c = '|';
        }
        std::printf("%s:%llu: %s\n", row.file.c_str(), static_cast<unsigned long long>(row.line), shown.c_str());
        for (const auto& f : row.findings) std::printf("  %s\n", describeFinding(f).c_str());
    }
    if (asJson) std::printf("%s\n", json::serialize(out).c_str());
    return kExitOk;
}

Result<int> runImport(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(const dataset::DatasetSpec spec, datasetSpecFrom(args));
    dataset::DatasetImportParams p;
    p.source = spec.path;
    p.format = spec.format;
    p.task = spec.task;
    p.columns = spec.columns;
    p.name = args.valueOr("name", "");
    p.copy = args.flag("copy") ? dataset::CopyPolicy::CopyIntoStore : dataset::CopyPolicy::KeepInPlace;
    p.tokenizerFile = args.valueOr("tokenizer", "");
    OFFSITE_ASSIGN_OR_RETURN(const long long context, args.integer("context", 0, 0, 1'000'000'000));
    p.contextTokens = static_cast<std::size_t>(context);
    p.labels = splitList(args.valueOr("labels", ""));
    const bool asJson = args.flag("json");
    ProgressBar bar("validating");
    if (!asJson) {
        p.progress = [&](const dataset::ValidationProgress& progress) {
            if (progress.totalBytes > 0)
                bar.update(double(progress.bytesRead) / double(progress.totalBytes),
                           std::to_string(progress.rows) + " rows");
            return true;
        };
    }
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::CreateIfMissing));
    OFFSITE_ASSIGN_OR_RETURN(const dataset::DatasetImportResult imported, dataset::importDataset(ws, p));
    if (asJson) {
        json::Value out = json::Value::object();
        out.set("datasetId", json::Value::integer(imported.datasetId));
        out.set("contentSha256", json::Value::string(imported.contentSha256));
        if (imported.storedCopy) out.set("storedCopy", json::Value::string(*imported.storedCopy));
        out.set("report", imported.report.toJson());
        std::printf("%s\n", json::serialize(out).c_str());
        return kExitOk;
    }
    bar.finish();
    printReport(imported.report);
    std::printf("imported data set %lld (%s) into %s%s\n", static_cast<long long>(imported.datasetId),
                spec.path.filename().string().c_str(), ws.folder().string().c_str(),
                imported.storedCopy ? " (copied into the workspace)" : " (the data stay where they are)");
    return kExitOk;
}

std::string importedWhen(std::int64_t ms) {
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
    return text;
}

Result<int> runList(const Arguments& args) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, openWorkspace(args, WorkspaceAccess::OpenExisting));
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<dataset::DatasetSummary> list, dataset::listImportedDatasets(ws));
    if (args.flag("json")) {
        json::Value out = json::Value::array();
        for (const auto& d : list) {
            json::Value v = json::Value::object();
            v.set("id", json::Value::integer(d.id));
            v.set("name", json::Value::string(d.name));
            v.set("task", json::Value::string(d.task));
            v.set("format", json::Value::string(d.format));
            v.set("rows", json::Value::unsignedInteger(d.rows));
            v.set("usableRows", json::Value::unsignedInteger(d.usableRows));
            v.set("storage", json::Value::string(d.storedCopy ? "copied" : "referenced"));
            v.set("location", json::Value::string(d.location));
            v.set("verdict", json::Value::string(d.verdict));
            v.set("warnings", json::Value::unsignedInteger(d.warnings));
            v.set("importedAt", json::Value::integer(d.importedAt));
            v.set("fingerprintPrefix", json::Value::string(d.fingerprintPrefix));
            out.push(std::move(v));
        }
        std::printf("%s\n", json::serialize(out).c_str());
        return kExitOk;
    }
    if (list.empty()) {
        std::printf("no data sets yet in %s; add one with `offsite dataset import FILE --workspace %s`\n",
                    ws.folder().string().c_str(), ws.folder().string().c_str());
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : list) {
        rows.push_back({std::to_string(d.id), d.name, std::to_string(d.rows), d.format, d.task,
                        d.storedCopy ? "copied" : "referenced", d.verdict, importedWhen(d.importedAt),
                        d.fingerprintPrefix});
    }
    printTable({"id", "name", "rows", "format", "task", "data", "validation", "imported", "fingerprint"}, rows);
    return kExitOk;
}

}  // namespace

Command datasetListCommand() {
    return Command{CommandSpec{"dataset list",
                               "list the workspace's data sets: rows, format, copied or referenced, validation, "
                               "import time, fingerprint",
                               "offsite dataset list [--workspace DIR] [--json]",
                               {workspaceOption(), jsonOption()}, 0, 0},
                   runList};
}

Command datasetImportCommand() {
    return Command{
        CommandSpec{"dataset import", "validate a data set and add it to the workspace",
                    "offsite dataset import FILE|FOLDER [--workspace DIR] [--task T] [--columns F=C,...] [options]",
                    withDatasetOptions({workspaceOption(),
                                        {"name", OptionKind::Value, "NAME", "name in the library (default: file name)"},
                                        {"copy", OptionKind::Flag, "", "keep a copy in the workspace (default: the "
                                                                       "data stay where they are)"},
                                        {"tokenizer", OptionKind::Value, "FILE", "tokenizer.json to count tokens"},
                                        {"context", OptionKind::Value, "N", "refuse rows longer than N tokens"},
                                        jsonOption()}),
                    1, 1},
        runImport};
}

Command datasetValidateCommand() {
    return Command{
        CommandSpec{"dataset validate", "check a data set file and list what to fix (line:column)",
                    "offsite dataset validate FILE|FOLDER [--task T] [--columns F=C,...] [options]",
                    withDatasetOptions({{"tokenizer", OptionKind::Value, "FILE", "tokenizer.json to count tokens"},
                                        {"context", OptionKind::Value, "N", "flag rows longer than N tokens"},
                                        jsonOption()}),
                    1, 1},
        runValidate};
}

Command datasetPreviewCommand() {
    return Command{
        CommandSpec{"dataset preview", "show the first rows of a data set as training will read them",
                    "offsite dataset preview FILE|FOLDER [--rows N] [--task T] [--columns F=C,...]",
                    withDatasetOptions({{"rows", OptionKind::Value, "N", "rows to show (default 5)"}, jsonOption()}),
                    1, 1},
        runPreview};
}

}  // namespace offsite::cli

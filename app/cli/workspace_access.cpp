// Shared pieces of the workspace commands (dataset, runs, workspace, train --workspace).
#include "app/cli/workspace_access.h"

#include "core/dataset/import.h"

namespace offsite::cli {
namespace fs = std::filesystem;

OptionSpec workspaceOption() {
    return {"workspace", OptionKind::Value, "DIR",
            "the workspace folder (default: $OFFSITE_WORKSPACE, else $XDG_DATA_HOME/offsite-studio, else "
            "~/.local/share/offsite-studio)"};
}

fs::path workspaceFolder(const Arguments& args) {
    if (auto chosen = args.value("workspace")) return *chosen;
    return workspace::defaultWorkspaceFolder();
}

Result<workspace::Workspace> openWorkspace(const Arguments& args, WorkspaceAccess access) {
    const fs::path folder = workspaceFolder(args);
    std::error_code ec;
    if (access == WorkspaceAccess::OpenExisting && !fs::exists(folder / "workspace.sqlite", ec)) {
        return makeError(ErrorKind::NotFound, "there is no workspace at " + folder.string() +
                                                  "; import a data set first (`offsite dataset import`) or "
                                                  "give the right folder with --workspace DIR");
    }
    return workspace::Workspace::open(folder);
}

std::vector<OptionSpec> datasetOptions() {
    return {{"format", OptionKind::Value, "jsonl|csv|tsv|text", "file format (default: from the extension)"},
            {"task", OptionKind::Value, "text|prompt_completion|classification|multiple_choice",
             "what the data set trains (default text)"},
            {"columns", OptionKind::Value, "FIELD=COLUMN,...",
             "map task fields to your column names, e.g. text=review,label=stars"},
            {"choice-columns", OptionKind::Value, "A,B,...", "multiple choice: the choice columns in order"},
            {"labels", OptionKind::Value, "A,B,...", "classification: the allowed labels"}};
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (char c : text) {
        if (c == ',') {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

Result<dataset::DatasetSpec> datasetSpecFrom(const Arguments& args) {
    dataset::DatasetSpec spec;
    spec.path = args.positionals().at(0);
    if (auto format = args.value("format")) {
        auto parsed = dataset::formatFromName(*format);
        if (!parsed) return makeError(ErrorKind::InvalidInput, "--format must be jsonl, csv, tsv or text");
        spec.format = *parsed;
    } else {
        OFFSITE_ASSIGN_OR_RETURN(spec.format, dataset::formatForPath(spec.path));
    }
    const std::string task = args.valueOr("task", "text");
    auto parsedTask = dataset::taskFromName(task);
    if (!parsedTask) {
        return makeError(ErrorKind::InvalidInput,
                         "--task must be text, prompt_completion, classification or multiple_choice");
    }
    spec.task = *parsedTask;
    for (const std::string& pair : splitList(args.valueOr("columns", ""))) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
            return makeError(ErrorKind::InvalidInput,
                             "--columns takes FIELD=COLUMN pairs separated by commas (e.g. text=review); \"" + pair +
                                 "\" is not one");
        }
        spec.columns.fields[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    spec.columns.choiceColumns = splitList(args.valueOr("choice-columns", ""));
    return spec;
}

std::string describeFinding(const dataset::Finding& f) {
    std::string out = f.file.empty() ? std::string("data set") : f.file;
    if (f.line > 0) out += ":" + std::to_string(f.line);
    if (!f.column.empty()) out += ":" + f.column;
    out += std::string(": ") + dataset::toString(f.severity) + ": " + f.message;
    if (!f.fix.empty()) out += ". Fix: " + f.fix;
    return out;
}

}  // namespace offsite::cli

// One streaming pass: the reader's per-record findings, then what needs the whole data set (duplicates via a
// set of 128-bit row hashes, label counts, imbalance, token lengths), the personal-data scan and the
// fingerprint.
#include "core/dataset/validation.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "core/base/file_io.h"
#include "core/dataset/reader.h"
#include "core/dataset/split.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::dataset {
namespace {

struct RowHash {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool operator==(const RowHash&) const = default;
};
struct RowHashHasher {
    std::size_t operator()(const RowHash& h) const { return static_cast<std::size_t>(h.high ^ (h.low * 31)); }
};

RowHash hashRow(const std::string& normalized) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(normalized.data()),
                       normalized.size());
    RowHash h;
    std::memcpy(&h.high, digest.data(), 8);
    std::memcpy(&h.low, digest.data() + 8, 8);
    return h;
}

class Collector {
public:
    Collector(ValidationReport& report, std::size_t cap) : report_(report), cap_(cap) {}
    void add(Finding finding) {
        auto& n = report_.findingCounts[finding.kind];
        if (n++ < cap_) report_.findings.push_back(std::move(finding));
    }

private:
    ValidationReport& report_;
    std::size_t cap_;
};

Finding datasetFinding(FindingKind kind, Severity severity, std::string file, std::uint64_t line,
                       std::string column, std::string message, std::string fix) {
    Finding f;
    f.kind = kind;
    f.severity = severity;
    f.file = std::move(file);
    f.line = line;
    f.column = std::move(column);
    f.message = std::move(message);
    f.fix = std::move(fix);
    return f;
}

}  // namespace

std::string trainingText(const Example& e, TaskType task) {
    switch (task) {
        case TaskType::PlainText:
            return e.text;
        case TaskType::PromptCompletion:
            return e.prompt + "\n" + e.completion;
        case TaskType::Classification:
            return e.text + "\n" + e.label;
        case TaskType::MultipleChoice: {
            std::string out = e.context;
            for (const auto& choice : e.choices) out += "\n" + choice;
            return out;
        }
    }
    return e.text;
}

namespace {

std::string asContinuation(const std::string& text) {
    if (text.empty() || text[0] == ' ' || text[0] == '\n' || text[0] == '\t') return text;
    return " " + text;
}

std::string applyTemplate(const std::string& pattern, const std::string& field, const std::string& value) {
    std::string out = pattern;
    const std::string key = "{" + field + "}";
    for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size())) {
        out.replace(at, key.size(), value);
    }
    return out;
}

}  // namespace

std::optional<ExampleTexts> exampleTexts(const Example& e, TaskType task, const std::string& promptTemplate) {
    switch (task) {
        case TaskType::PromptCompletion: return ExampleTexts{e.prompt, e.completion};
        case TaskType::Classification:
            return ExampleTexts{
                applyTemplate(promptTemplate.empty() ? "{text}\nAnswer:" : promptTemplate, "text", e.text),
                asContinuation(e.label)};
        case TaskType::MultipleChoice: {
            const bool valid = e.answer >= 0 && static_cast<std::size_t>(e.answer) < e.choices.size();
            return ExampleTexts{applyTemplate(promptTemplate.empty() ? "{context}" : promptTemplate, "context", e.context),
                                valid ? asContinuation(e.choices[static_cast<std::size_t>(e.answer)]) : std::string()};
        }
        case TaskType::PlainText: return std::nullopt;
    }
    return std::nullopt;
}

bool ValidationReport::blocksTraining() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::Error; });
}

std::uint64_t ValidationReport::count(FindingKind kind) const {
    auto it = findingCounts.find(kind);
    return it == findingCounts.end() ? 0 : it->second;
}

json::Value ValidationReport::toJson() const {
    json::Value root = json::Value::object();
    root.set("task", json::Value::string(toString(task)));
    root.set("format", json::Value::string(toString(format)));
    root.set("blocksTraining", json::Value::boolean(blocksTraining()));
    json::Value stats = json::Value::object();
    stats.set("records", json::Value::unsignedInteger(statistics.records));
    stats.set("usableRows", json::Value::unsignedInteger(statistics.usableRows));
    stats.set("duplicateRows", json::Value::unsignedInteger(statistics.duplicateRows));
    if (statistics.tokens) stats.set("tokens", json::Value::unsignedInteger(*statistics.tokens));
    if (statistics.maxRowTokens)
        stats.set("maxRowTokens", json::Value::unsignedInteger(*statistics.maxRowTokens));
    json::Value labels = json::Value::object();
    for (const auto& [label, n] : statistics.labelCounts) labels.set(label, json::Value::unsignedInteger(n));
    stats.set("labelCounts", std::move(labels));
    root.set("statistics", std::move(stats));
    json::Value pii = json::Value::object();
    pii.set("emails", json::Value::unsignedInteger(personalData.emails));
    pii.set("phoneNumbers", json::Value::unsignedInteger(personalData.phoneNumbers));
    pii.set("cardNumbers", json::Value::unsignedInteger(personalData.cardNumbers));
    pii.set("ibans", json::Value::unsignedInteger(personalData.ibans));
    pii.set("rowsWithPersonalData", json::Value::unsignedInteger(personalData.rowsWithPersonalData));
    root.set("personalData", std::move(pii));
    if (!fingerprint.empty()) root.set("fingerprint", json::Value::string(fingerprint));
    json::Value counts = json::Value::object();
    for (const auto& [kind, n] : findingCounts) counts.set(toString(kind), json::Value::unsignedInteger(n));
    root.set("findingCounts", std::move(counts));
    json::Value list = json::Value::array();
    for (const auto& f : findings) {
        json::Value item = json::Value::object();
        item.set("kind", json::Value::string(toString(f.kind)));
        item.set("severity", json::Value::string(toString(f.severity)));
        item.set("file", json::Value::string(f.file));
        item.set("line", json::Value::unsignedInteger(f.line));
        if (!f.column.empty()) item.set("column", json::Value::string(f.column));
        if (f.byteOffset) item.set("byteOffset", json::Value::unsignedInteger(*f.byteOffset));
        item.set("message", json::Value::string(f.message));
        item.set("fix", json::Value::string(f.fix));
        list.push(std::move(item));
    }
    root.set("findings", std::move(list));
    return root;
}

Result<ValidationReport> validate(const DatasetSpec& spec, const ValidationOptions& options) {
    OFFSITE_ASSIGN_OR_RETURN(RowReader reader, RowReader::open(spec));
    ValidationReport report;
    report.task = spec.task;
    report.format = spec.format;
    Collector collector(report, options.maxFindingsPerKind);
    for (const auto& f : reader.sourceFindings()) collector.add(f);

    std::optional<Fingerprinter> fingerprinter;
    if (!options.fingerprintSalt.empty()) fingerprinter.emplace(options.fingerprintSalt);
    std::unordered_map<RowHash, std::uint64_t, RowHashHasher> firstLineOf;
    std::map<std::string, std::pair<std::string, std::uint64_t>> firstSeen;  // label -> (file, line)
    const bool classification = spec.task == TaskType::Classification;
    const std::vector<std::string>& declared = options.labels;
    auto& stats = report.statistics;
    if (options.tokenizer != nullptr) {
        stats.tokens = 0;
        stats.maxRowTokens = 0;
    }
    std::string lastFile;

    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(std::optional<Row> row, reader.next());
        if (!row) break;
        ++stats.records;
        if (options.progress && stats.records % std::max<std::uint64_t>(options.progressInterval, 1) == 0) {
            if (!options.progress({stats.records, reader.bytesRead(), reader.totalBytes()})) {
                return makeError(ErrorKind::Cancelled, "validation of " + row->file + " was cancelled");
            }
        }
        lastFile = row->file;
        for (auto& f : row->findings) collector.add(std::move(f));
        if (!row->usable) continue;
        const Example& example = row->example;

        if (classification && !declared.empty() &&
            std::find(declared.begin(), declared.end(), example.label) == declared.end()) {
            std::string list;
            for (const auto& l : declared) list += (list.empty() ? "\"" : ", \"") + l + "\"";
            collector.add(datasetFinding(FindingKind::UnknownLabel, Severity::Error, row->file, row->line,
                                         "label", "the label \"" + example.label + "\" is not one of " + list,
                                         "correct the label (check spelling and case) or add it to the "
                                         "data set's labels"));
            continue;
        }

        const std::string normalized = normalizedRow(example, spec.task);
        const RowHash hash = hashRow(normalized);
        auto [it, inserted] = firstLineOf.emplace(hash, row->line);
        if (!inserted) {
            ++stats.duplicateRows;
            collector.add(datasetFinding(FindingKind::DuplicateRow, Severity::Warning, row->file, row->line,
                                         "", "this row repeats line " + std::to_string(it->second),
                                         "delete the repeated row; duplicates make the model memorize them"));
        }

        const std::string text = trainingText(example, spec.task);
        if (options.tokenizer != nullptr) {
            const auto n = static_cast<std::uint64_t>(options.tokenizer->encode(text).size());
            if (options.contextTokens > 0 && n > options.contextTokens) {
                collector.add(datasetFinding(
                    FindingKind::TooManyTokens, Severity::Error, row->file, row->line, "",
                    "this row is " + std::to_string(n) + " tokens long; the model reads at most " +
                        std::to_string(options.contextTokens),
                    "shorten the row or split it into several rows of at most " +
                        std::to_string(options.contextTokens) + " tokens"));
                continue;
            }
            *stats.tokens += n;
            stats.maxRowTokens = std::max(*stats.maxRowTokens, n);
        }

        ++stats.usableRows;
        if (classification) {
            ++stats.labelCounts[example.label];
            firstSeen.try_emplace(example.label, row->file, row->line);
        }
        PersonalDataCounts before = report.personalData;
        scanPersonalData(text, report.personalData);
        if (report.personalData.emails != before.emails ||
            report.personalData.phoneNumbers != before.phoneNumbers ||
            report.personalData.cardNumbers != before.cardNumbers ||
            report.personalData.ibans != before.ibans) {
            ++report.personalData.rowsWithPersonalData;
        }
        if (fingerprinter) fingerprinter->addRow(example, spec.task);
    }

    if (classification && !stats.labelCounts.empty()) {
        std::uint64_t largest = 0;
        std::uint64_t smallest = UINT64_MAX;
        std::string largestLabel;
        std::string smallestLabel;
        for (const auto& [label, n] : stats.labelCounts) {
            if (n < options.minLabelCount) {
                const auto& [file, line] = firstSeen[label];
                collector.add(datasetFinding(FindingKind::RareLabel, Severity::Warning, file, line, "label",
                                             "the label \"" + label + "\" appears only " + std::to_string(n) +
                                                 " time(s), fewer than " +
                                                 std::to_string(options.minLabelCount),
                                             "add more examples of \"" + label +
                                                 "\", merge it into another label, or check it for a typo"));
            }
            if (n > largest) {
                largest = n;
                largestLabel = label;
            }
            if (n < smallest) {
                smallest = n;
                smallestLabel = label;
            }
        }
        if (stats.labelCounts.size() > 1 &&
            static_cast<double>(largest) > options.maxClassImbalance * static_cast<double>(smallest)) {
            collector.add(datasetFinding(
                FindingKind::ClassImbalance, Severity::Warning, lastFile, 0, "label",
                "the classes are imbalanced: \"" + largestLabel + "\" has " + std::to_string(largest) +
                    " rows, \"" + smallestLabel + "\" only " + std::to_string(smallest),
                "add examples of the small classes or remove some of the large ones, or the model may learn "
                "to always answer \"" +
                    largestLabel + "\""));
        }
    }
    if (stats.usableRows == 0) {
        collector.add(
            datasetFinding(FindingKind::EmptyDataset, Severity::Error, displayName(spec.path), 0, "",
                           "the data set has no usable rows",
                           "check that the file is not empty and that the format and task are right"));
    }
    if (fingerprinter) report.fingerprint = fingerprinter->finishHex();
    return report;
}

}  // namespace offsite::dataset

// Streaming validation of a data set: one pass over the source producing a report with row-level findings a
// non-expert can act on (where, what is wrong, how to fix it), statistics, label counts, a personal-data scan
// and a salted fingerprint. Findings are capped per kind (with full counts) so a broken 1 GB file cannot make
// a 1 GB report. Has the long-job shape: options in, report out, a progress callback that can cancel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/dataset/dataset.h"
#include "core/dataset/privacy.h"
#include "core/json/json.h"

namespace offsite::tokenizer {
class Tokenizer;
}

namespace offsite::dataset {

struct ValidationProgress {
    std::uint64_t rows = 0;
    std::uint64_t bytesRead = 0;
    std::uint64_t totalBytes = 0;
};

struct ValidationOptions {
    // Classification: when not empty, any other label is an error.
    std::vector<std::string> labels;
    // Classification: a label seen fewer times than this is a warning (too few examples to learn from).
    std::uint64_t minLabelCount = 2;
    // Classification: warn when the largest class has more than this many times the rows of the smallest.
    double maxClassImbalance = 10.0;
    // When given, rows are tokenized (fields joined by "\n", special tokens added) and counted, and rows
    // longer than contextTokens (when > 0) are errors.
    const tokenizer::Tokenizer* tokenizer = nullptr;
    std::size_t contextTokens = 0;
    // The workspace's salt; when empty no fingerprint is computed.
    std::string fingerprintSalt;
    // At most this many findings of each kind are kept; the counts cover all of them.
    std::size_t maxFindingsPerKind = 100;
    // Called every progressInterval rows; returning false cancels (Error of kind Cancelled).
    std::function<bool(const ValidationProgress&)> progress;
    std::uint64_t progressInterval = 1024;
};

struct DatasetStatistics {
    std::uint64_t records = 0;     // everything read, usable or not
    std::uint64_t usableRows = 0;  // rows without errors
    std::uint64_t duplicateRows = 0;
    std::optional<std::uint64_t> tokens;  // over usable rows, when a tokenizer was given
    std::optional<std::uint64_t> maxRowTokens;
    std::map<std::string, std::uint64_t> labelCounts;
};

struct ValidationReport {
    TaskType task = TaskType::PlainText;
    SourceFormat format = SourceFormat::Jsonl;
    std::vector<Finding> findings;                       // capped per kind, in file order within a kind
    std::map<FindingKind, std::uint64_t> findingCounts;  // all of them
    DatasetStatistics statistics;
    PersonalDataCounts personalData;
    std::string fingerprint;  // hex SHA-256, empty without a salt

    // Training may not start while any finding is an error.
    [[nodiscard]] bool blocksTraining() const;
    [[nodiscard]] std::uint64_t count(FindingKind kind) const;
    // For the workspace's validation-report column.
    [[nodiscard]] json::Value toJson() const;
};

// What a row contributes to training and to token counts: the task's fields joined by "\n" (for
// multiple choice the context then each choice).
[[nodiscard]] std::string trainingText(const Example& example, TaskType task);

// What a supervised row trains on as prompt -> completion (the loss covers the completion only); `offsite train
// --data FILE` and the workspace's tokenized cache both use it, so the two give the same examples.
// Prompt -> completion: the two fields as given. Classification: the template with {text} replaced (default
// "{text}\nAnswer:") -> the label; multiple choice: the template with {context} replaced (default "{context}") ->
// the correct choice; label and choice get a leading space unless they start with white space, so they tokenize as
// a word after the prompt. Plain text: nullopt (a token stream, not examples).
struct ExampleTexts {
    std::string prompt;
    std::string completion;
};
[[nodiscard]] std::optional<ExampleTexts> exampleTexts(const Example& example, TaskType task,
                                                       const std::string& promptTemplate = {});

[[nodiscard]] Result<ValidationReport> validate(const DatasetSpec& spec, const ValidationOptions& options);

}  // namespace offsite::dataset

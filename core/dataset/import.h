// Data-set import into the workspace, and the tokenized cache training reads from. Import validates the source
// in one streaming pass, refuses a data set whose report has errors (nothing changes), and otherwise stores one
// datasets row (fingerprint, statistics, the validation report) in one transaction. The source is only ever
// read; the data stay where they are unless the caller asks for a copy in the workspace's content store.
// The tokenized cache holds a data set's train and validation token streams as int32 safetensors under
// <workspace>/cache/tokenized/, keyed by the tokenizer's hash and the data set's content hash: re-used while
// both match, rebuilt (atomically) when either changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/dataset/dataset.h"
#include "core/dataset/split.h"
#include "core/dataset/validation.h"

namespace offsite::workspace {
class Workspace;
struct DatasetRecord;
}  // namespace offsite::workspace

namespace offsite::dataset {

// What the workspace's datasets.task and datasets.format columns hold ("text", "prompt_completion",
// "classification", "multiple_choice"; "jsonl", "csv", "tsv", "text").
[[nodiscard]] const char* storageName(TaskType task);
[[nodiscard]] const char* storageName(SourceFormat format);
[[nodiscard]] std::optional<TaskType> taskFromName(std::string_view name);
[[nodiscard]] std::optional<SourceFormat> formatFromName(std::string_view name);

// The format a path's extension implies: .jsonl/.ndjson, .csv, .tsv/.tab, .txt/.text/.md and folders (text).
// InvalidInput with the accepted extensions otherwise.
[[nodiscard]] Result<SourceFormat> formatForPath(const std::filesystem::path& path);

enum class CopyPolicy { KeepInPlace = 1, CopyIntoStore };

struct DatasetImportParams {
    std::filesystem::path source;           // a file, or a folder of .txt files for plain text
    std::optional<SourceFormat> format;     // nullopt: from the extension (formatForPath)
    TaskType task = TaskType::PlainText;
    ColumnMapping columns;
    std::string name;                       // empty: the source's file name
    CopyPolicy copy = CopyPolicy::KeepInPlace;
    // Optional: rows are counted in tokens, and rows longer than contextTokens (when > 0) are errors.
    std::filesystem::path tokenizerFile;
    std::size_t contextTokens = 0;
    std::vector<std::string> labels;       // classification: the declared label set (empty: any)
    std::function<bool(const ValidationProgress&)> progress;  // returning false cancels (nothing changes)
};

struct DatasetImportResult {
    std::int64_t datasetId = 0;
    ValidationReport report;
    std::string contentSha256;               // of the source's bytes (see contentSha256Of)
    std::optional<std::string> storedCopy;   // the store's hash of the copy, when one was made
};

// Refusals (ErrorKind::InvalidInput, nothing changes): findings that block training (the message names the
// first ones as file:line:column and says how to fix them), a source that changed while it was read, a copy
// requested for a folder. Cancelled when the progress callback says so.
[[nodiscard]] Result<DatasetImportResult> importDataset(workspace::Workspace& workspace,
                                                        const DatasetImportParams& params);

// The workspace's fingerprint salt (<workspace>/fingerprint-salt, made on first use, written atomically).
[[nodiscard]] Result<std::string> fingerprintSalt(workspace::Workspace& workspace);

// SHA-256 of a source's content: the file's bytes, or for a folder of text files each .txt file's relative
// path, size and bytes in path order.
[[nodiscard]] Result<std::string> contentSha256Of(const std::filesystem::path& source);

// An imported data set, ready to read again: its row, the spec (path resolved to the store copy when there is
// one, column mapping restored) and the content hash recorded at import.
struct ImportedDataset {
    std::int64_t id = 0;
    std::string name;
    DatasetSpec spec;
    std::string contentSha256;
    std::string originalPath;
};
[[nodiscard]] Result<ImportedDataset> loadImportedDataset(workspace::Workspace& workspace, std::int64_t datasetId);

// One line of `offsite dataset list`: an imported data set as the library shows it.
struct DatasetSummary {
    std::int64_t id = 0;
    std::string name;
    std::string task;             // storage name ("classification", ...)
    std::string format;           // "jsonl", "csv", "tsv", "text"
    std::uint64_t rows = 0;       // records read at import
    std::uint64_t usableRows = 0;
    bool storedCopy = false;      // true: a copy lives in the workspace's store; false: referenced where it is
    std::string location;         // the original path (for a copy: where it was imported from)
    std::string verdict;          // "ready", "ready with warnings" (imports with errors are refused)
    std::uint64_t warnings = 0;
    std::int64_t importedAt = 0;  // ms since the epoch
    std::string fingerprintPrefix;  // the first 16 hex digits of the salted fingerprint
};
[[nodiscard]] Result<std::vector<DatasetSummary>> listImportedDatasets(workspace::Workspace& workspace);

// Old tokenized caches: the files under <workspace>/cache/tokenized/ that no run still able to train (created,
// running or paused) uses, i.e. caches of finished, failed or cancelled runs, of data sets that no run uses, of
// data sets no longer in the workspace, and temporary files of interrupted writes. A cache that a created,
// running or paused run's data set and tokenizer name is never removed (nor is anything outside that folder).
// With dryRun nothing is removed; otherwise each file is removed and one "cache.cleaned" audit entry lists them.
struct CacheFile {
    std::filesystem::path file;
    std::uint64_t bytes = 0;
    std::string reason;
};
struct CacheCleanup {
    std::vector<CacheFile> removed;  // with dryRun: what would be removed
    std::vector<CacheFile> kept;     // caches a run still needs
    std::uint64_t bytes = 0;         // of `removed`
    std::vector<std::string> notRemoved;
};
[[nodiscard]] Result<CacheCleanup> cleanTokenizedCaches(workspace::Workspace& workspace, bool dryRun);

struct TokenizeParams {
    std::int64_t datasetId = 0;
    std::filesystem::path tokenizerFile;  // the model's tokenizer.json
    SplitOptions split;                   // the deterministic train/validation split
    // false: every usable row's whole text (trainingText) as one token stream, each row followed by EOS.
    // true (supervised tasks only): one prompt -> completion example per row (exampleTexts, no EOS), so training
    // takes the loss on the completion only, as `offsite train --data FILE --task ...` does.
    bool asExamples = false;
    std::string promptTemplate;  // classification / multiple choice, with asExamples (see exampleTexts)
};

// One row as prompt -> completion token ids.
struct TokenizedExample {
    std::vector<std::int32_t> prompt;
    std::vector<std::int32_t> completion;
};

struct TokenizedDataset {
    std::vector<std::int32_t> train;       // usable rows on the train side, each followed by EOS when known
    std::vector<std::int32_t> validation;  // the same for the validation side
    // With TokenizeParams::asExamples (then train and validation are empty): the rows of each side, in file order.
    std::vector<TokenizedExample> trainExamples;
    std::vector<TokenizedExample> validationExamples;
    std::filesystem::path cacheFile;
    bool reused = false;                   // true when the cache file matched and was read back
    std::string tokenizerSha256;
    std::string contentSha256;
};

// Reads the cache when its tokenizer hash, content hash and split settings (and, for examples, the template)
// match, else tokenizes the data set and writes the cache atomically. InvalidInput when the source changed since
// import (import it again), or when examples are asked of a plain-text data set.
[[nodiscard]] Result<TokenizedDataset> tokenizedDataset(workspace::Workspace& workspace,
                                                        const TokenizeParams& params);

}  // namespace offsite::dataset

// The vocabulary of data-set import: which task a data set trains, which file format it comes in, how its
// columns map to the task's fields, one parsed example, and one finding about a row (what is wrong, where,
// how to fix it). Readers, validation, the split and the privacy aids all speak these types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace offsite::dataset {

// The task types the engine trains. Fields each needs:
//   PlainText: text; PromptCompletion: prompt, completion; Classification: text, label;
//   MultipleChoice: context, choices, answer (a 0-based index into choices).
enum class TaskType { PlainText = 1, PromptCompletion, Classification, MultipleChoice };

// Jsonl: one JSON object per line. Csv/Tsv: RFC 4180 with a header row (comma or tab). Text: UTF-8 text
// files (or a folder of .txt files), one example per non-blank line; only for PlainText.
enum class SourceFormat { Jsonl = 1, Csv, Tsv, Text };

// Task field -> the source's column (CSV header name or JSONL key). Fields not listed use their own name.
// For MultipleChoice in CSV/TSV, `choiceColumns` lists the choice columns in order; when empty, every header
// column whose name starts with "choice" is used, in header order. In JSONL, "choices" is an array of
// strings.
struct ColumnMapping {
    std::map<std::string, std::string> fields;
    std::vector<std::string> choiceColumns;
};

inline constexpr std::size_t kDefaultMaxRowBytes = std::size_t{8} << 20;

// What to read. `path` is a file, or for SourceFormat::Text a folder whose .txt files (subfolders included)
// are read in path order. Sources are only ever opened read-only.
struct DatasetSpec {
    std::filesystem::path path;
    SourceFormat format = SourceFormat::Jsonl;
    TaskType task = TaskType::PlainText;
    ColumnMapping columns;
    std::size_t maxRowBytes = kDefaultMaxRowBytes;  // a longer record is reported and skipped, never held
};

// One example. Only the fields of the task are filled.
struct Example {
    std::string text;
    std::string prompt;
    std::string completion;
    std::string label;
    std::string context;
    std::vector<std::string> choices;
    std::int64_t answer = -1;
};

enum class Severity { Error = 1, Warning };  // an error blocks training; a warning does not

enum class FindingKind {
    BadUtf8 = 1,
    EmptyField,
    RaggedRow,
    MissingColumn,
    MalformedRecord,  // a JSONL line that is not JSON, not an object, or a field of the wrong type
    RowTooLong,       // larger than DatasetSpec::maxRowBytes
    UnterminatedQuote,
    BadAnswer,      // multiple choice: answer is not an index into choices
    UnknownLabel,   // not in the declared label set
    RareLabel,      // seen fewer times than the minimum
    TooManyTokens,  // longer than the model's context
    DuplicateRow,
    ClassImbalance,
    EmptyDataset,
};

// Where: `file` is the source's display name, `line` the 1-based line where the record starts (0 for the
// whole data set), `column` the field or column name when one is at fault, `byteOffset` the file offset of
// bad bytes.
struct Finding {
    FindingKind kind = FindingKind::MalformedRecord;
    Severity severity = Severity::Error;
    std::string file;
    std::uint64_t line = 0;
    std::string column;
    std::optional<std::uint64_t> byteOffset;
    std::string message;  // what is wrong
    std::string fix;      // what to do about it
};

// A record as read: the example when it could be parsed (`usable`), and what is wrong with it otherwise.
struct Row {
    std::string file;
    std::uint64_t line = 0;
    Example example;
    bool usable = false;
    std::vector<Finding> findings;
};

[[nodiscard]] const char* toString(TaskType task);
[[nodiscard]] const char* toString(SourceFormat format);
[[nodiscard]] const char* toString(Severity severity);
[[nodiscard]] const char* toString(FindingKind kind);

}  // namespace offsite::dataset

// Streaming record readers. A small buffered byte source over a read-only FILE* feeds a line splitter (JSONL,
// text) or an RFC 4180 state machine (CSV/TSV); each record is then mapped onto the task's fields and checked
// for the problems that can be seen in one record alone.
#include "core/dataset/reader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/base/file_io.h"
#include "core/json/json.h"

namespace offsite::dataset {
namespace {

constexpr int kEof = -1;

// Buffered reads from one file opened "rb"; strips a UTF-8 byte-order mark at the start.
class ByteSource {
public:
    ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;
    ~ByteSource() { close(); }

    [[nodiscard]] Status open(const std::filesystem::path& path) {
        close();
        file_ = std::fopen(path.c_str(), "rb");
        if (file_ == nullptr) {
            return makeError(ErrorKind::Io,
                             "cannot open " + displayName(path) +
                                 " for reading; check that it exists and that you may read it");
        }
        pos_ = len_ = 0;
        offset_ = 0;
        failed_ = false;
        if (peek() == 0xEF) {
            // Look ahead without consuming: the buffer holds at least 3 bytes unless the file is shorter.
            if (len_ - pos_ >= 3 && static_cast<unsigned char>(buffer_[pos_ + 1]) == 0xBB &&
                static_cast<unsigned char>(buffer_[pos_ + 2]) == 0xBF) {
                pos_ += 3;
                offset_ += 3;
            }
        }
        return {};
    }

    void close() {
        if (file_ != nullptr) std::fclose(file_);
        file_ = nullptr;
    }

    int peek() {
        if (pos_ == len_ && !fill()) return kEof;
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    int get() {
        const int c = peek();
        if (c != kEof) {
            ++pos_;
            ++offset_;
        }
        return c;
    }
    [[nodiscard]] std::uint64_t offset() const { return offset_; }
    [[nodiscard]] bool failed() const { return failed_; }

private:
    bool fill() {
        if (file_ == nullptr) return false;
        pos_ = 0;
        len_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        if (len_ == 0 && std::ferror(file_) != 0) failed_ = true;
        return len_ > 0;
    }

    std::FILE* file_ = nullptr;
    std::array<char, 1u << 16> buffer_{};
    std::size_t pos_ = 0;
    std::size_t len_ = 0;
    std::uint64_t offset_ = 0;
    bool failed_ = false;
};

enum class ReadOutcome { Record = 1, End, TooLong, UnterminatedQuote };

struct Field {
    std::string value;
    std::uint64_t offset = 0;  // file offset of the field's first byte
};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool isBlank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::vector<std::string> requiredFields(TaskType task) {
    switch (task) {
        case TaskType::PlainText:
            return {"text"};
        case TaskType::PromptCompletion:
            return {"prompt", "completion"};
        case TaskType::Classification:
            return {"text", "label"};
        case TaskType::MultipleChoice:
            return {"context", "choices", "answer"};
    }
    return {};
}

std::string& fieldSlot(Example& example, const std::string& field) {
    if (field == "prompt") return example.prompt;
    if (field == "completion") return example.completion;
    if (field == "label") return example.label;
    if (field == "context") return example.context;
    return example.text;
}

}  // namespace

struct RowReader::Impl {
    DatasetSpec spec;
    std::vector<std::filesystem::path> files;
    std::size_t fileIndex = 0;
    ByteSource source;
    bool sourceOpen = false;
    std::string fileName;
    std::uint64_t line = 1;         // line of the next byte
    std::uint64_t bytesBefore = 0;  // sizes of the files already finished
    std::uint64_t total = 0;
    std::vector<Finding> sourceFindings;
    bool blocked = false;
    // CSV: column index per task field, and the header's width.
    std::vector<std::string> header;
    std::map<std::string, std::size_t> columnOf;
    std::vector<std::size_t> choiceColumns;

    [[nodiscard]] char delimiter() const { return spec.format == SourceFormat::Tsv ? '\t' : ','; }
    [[nodiscard]] bool isCsv() const {
        return spec.format == SourceFormat::Csv || spec.format == SourceFormat::Tsv;
    }

    std::string sourceColumn(const std::string& field) const {
        auto it = spec.columns.fields.find(field);
        return it == spec.columns.fields.end() ? field : it->second;
    }

    Finding finding(FindingKind kind, std::uint64_t atLine, std::string column, std::string message,
                    std::string fix) const {
        Finding f;
        f.kind = kind;
        f.severity = Severity::Error;
        f.file = fileName;
        f.line = atLine;
        f.column = std::move(column);
        f.message = std::move(message);
        f.fix = std::move(fix);
        return f;
    }

    // Reads one line (without its \n or \r\n) of at most maxRowBytes.
    ReadOutcome readLine(std::string& out) {
        out.clear();
        int c = source.get();
        if (c == kEof) return ReadOutcome::End;
        bool tooLong = false;
        while (c != kEof && c != '\n') {
            if (out.size() < spec.maxRowBytes) {
                out.push_back(static_cast<char>(c));
            } else {
                tooLong = true;
            }
            c = source.get();
        }
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return tooLong ? ReadOutcome::TooLong : ReadOutcome::Record;
    }

    // Reads one CSV record; line counting happens here because quoted fields may span lines.
    ReadOutcome readCsvRecord(std::vector<Field>& fields) {
        fields.clear();
        const char delim = delimiter();
        if (source.peek() == kEof) return ReadOutcome::End;
        Field field;
        field.offset = source.offset();
        bool inQuotes = false;
        bool quotedField = false;
        std::size_t recordBytes = 0;
        bool tooLong = false;
        auto finishField = [&] {
            fields.push_back(std::move(field));
            field = Field{};
            field.offset = source.offset();
            quotedField = false;
        };
        auto append = [&](int ch) {
            if (++recordBytes > spec.maxRowBytes) {
                tooLong = true;
                return;
            }
            field.value.push_back(static_cast<char>(ch));
        };
        for (;;) {
            const int c = source.get();
            if (c == kEof) {
                finishField();
                if (inQuotes) return ReadOutcome::UnterminatedQuote;
                return tooLong ? ReadOutcome::TooLong : ReadOutcome::Record;
            }
            if (inQuotes) {
                if (c == '"') {
                    if (source.peek() == '"') {
                        source.get();
                        append('"');
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == '\n') ++line;
                    append(c);
                }
                continue;
            }
            if (c == '"' && field.value.empty() && !quotedField) {
                inQuotes = true;
                quotedField = true;
                field.offset = source.offset();
            } else if (c == delim) {
                finishField();
            } else if (c == '\n' || (c == '\r' && source.peek() == '\n')) {
                if (c == '\r') source.get();
                ++line;
                finishField();
                return tooLong ? ReadOutcome::TooLong : ReadOutcome::Record;
            } else {
                append(c);
            }
        }
    }

    Status openNextFile() {
        while (fileIndex < files.size()) {
            const auto& path = files[fileIndex++];
            OFFSITE_TRY(source.open(path));
            sourceOpen = true;
            fileName = displayName(path);
            line = 1;
            if (isCsv()) OFFSITE_TRY(readHeader());
            return {};
        }
        sourceOpen = false;
        return {};
    }

    void finishFile() {
        std::error_code ec;
        const auto size = std::filesystem::file_size(files[fileIndex - 1], ec);
        if (!ec) bytesBefore += size;
        source.close();
        sourceOpen = false;
    }

    Status readHeader() {
        std::vector<Field> fields;
        const auto outcome = readCsvRecord(fields);
        if (outcome == ReadOutcome::End) return {};  // an empty file: no rows, reported as an empty data set
        if (outcome != ReadOutcome::Record) {
            sourceFindings.push_back(finding(FindingKind::MalformedRecord, 1, "",
                                             "the header row could not be read",
                                             "make the first line a list of column names"));
            blocked = true;
            return {};
        }
        header.clear();
        for (auto& f : fields) header.emplace_back(trimmed(f.value));
        auto indexOf = [&](const std::string& name) -> std::optional<std::size_t> {
            for (std::size_t i = 0; i < header.size(); ++i) {
                if (header[i] == name) return i;
            }
            return std::nullopt;
        };
        std::string headerList;
        for (const auto& h : header) headerList += (headerList.empty() ? "" : ", ") + ("\"" + h + "\"");
        for (const auto& field : requiredFields(spec.task)) {
            if (field == "choices") {
                choiceColumns.clear();
                if (spec.columns.choiceColumns.empty()) {
                    for (std::size_t i = 0; i < header.size(); ++i) {
                        if (header[i].rfind("choice", 0) == 0) choiceColumns.push_back(i);
                    }
                    if (choiceColumns.empty()) {
                        sourceFindings.push_back(
                            finding(FindingKind::MissingColumn, 1, "choices",
                                    "no choice columns in the header (the header has " + headerList + ")",
                                    "name the answer options \"choice1\", \"choice2\", ... or list them in "
                                    "the column "
                                    "mapping"));
                        blocked = true;
                    }
                } else {
                    for (const auto& name : spec.columns.choiceColumns) {
                        auto index = indexOf(name);
                        if (!index) {
                            sourceFindings.push_back(finding(
                                FindingKind::MissingColumn, 1, name,
                                "column \"" + name + "\" (a choice) is not in the header; the header has " +
                                    headerList,
                                "add the column to the file or fix its name in the column mapping"));
                            blocked = true;
                        } else {
                            choiceColumns.push_back(*index);
                        }
                    }
                }
                continue;
            }
            const std::string column = sourceColumn(field);
            auto index = indexOf(column);
            if (!index) {
                sourceFindings.push_back(finding(
                    FindingKind::MissingColumn, 1, column,
                    "column \"" + column + "\" (the " + field + ") is not in the header; the header has " +
                        headerList,
                    "add the column to the file or map \"" + field + "\" to one of the existing columns"));
                blocked = true;
            } else {
                columnOf[field] = *index;
            }
        }
        return {};
    }

    // Bad UTF-8 in one value: a finding with the file offset of the first bad byte.
    bool checkUtf8(Row& row, const std::string& column, std::string_view value, std::uint64_t valueOffset) {
        auto bad = json::findInvalidUtf8(value);
        if (!bad) return true;
        Finding f = finding(FindingKind::BadUtf8, row.line, column,
                            "invalid UTF-8 at byte " + std::to_string(valueOffset + *bad) + " of the file",
                            "save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\"); the bytes there are "
                            "probably in another encoding such as Latin-1 or Windows-1252");
        f.byteOffset = valueOffset + *bad;
        row.findings.push_back(std::move(f));
        return false;
    }

    void checkEmpty(Row& row, const std::string& field, const std::string& column, std::string_view value) {
        if (!isBlank(value)) return;
        row.findings.push_back(finding(FindingKind::EmptyField, row.line, column,
                                       "the " + field + " (column \"" + column + "\") is empty",
                                       "fill it in or delete the row"));
    }

    void checkAnswer(Row& row, const std::string& column) {
        const auto n = static_cast<std::int64_t>(row.example.choices.size());
        if (n < 2) {
            row.findings.push_back(
                finding(FindingKind::BadAnswer, row.line, sourceColumn("choices"),
                        "a multiple-choice row needs at least 2 choices, this one has " + std::to_string(n),
                        "add the missing choices or delete the row"));
        } else if (row.example.answer < 0 || row.example.answer >= n) {
            row.findings.push_back(
                finding(FindingKind::BadAnswer, row.line, column,
                        "the answer must be the 0-based number of the right choice (0 to " +
                            std::to_string(n - 1) + ")",
                        "set the answer to the position of the correct choice, counting from 0"));
        }
    }

    void finishRow(Row& row) {
        row.usable = std::none_of(row.findings.begin(), row.findings.end(),
                                  [](const Finding& f) { return f.severity == Severity::Error; });
    }

    Row csvRow(std::vector<Field>& fields, std::uint64_t startLine) {
        Row row;
        row.file = fileName;
        row.line = startLine;
        if (fields.size() != header.size()) {
            row.findings.push_back(finding(FindingKind::RaggedRow, startLine, "",
                                           "this row has " + std::to_string(fields.size()) +
                                               " columns but the header has " + std::to_string(header.size()),
                                           std::string("check for a missing or extra ") +
                                               (delimiter() == '\t' ? "tab" : "comma") +
                                               ", and put values that contain one in double quotes"));
            return row;
        }
        for (const auto& [field, index] : columnOf) {
            const std::string& column = header[index];
            if (!checkUtf8(row, column, fields[index].value, fields[index].offset)) continue;
            checkEmpty(row, field, column, fields[index].value);
            if (field == "answer") {
                const std::string_view v = trimmed(fields[index].value);
                std::int64_t answer = 0;
                bool digits = !v.empty() && v.size() < 10;
                for (char c : v) {
                    if (c < '0' || c > '9') {
                        digits = false;
                        break;
                    }
                    answer = answer * 10 + (c - '0');
                }
                if (!isBlank(v)) row.example.answer = digits ? answer : -1;
            } else {
                fieldSlot(row.example, field) = std::move(fields[index].value);
            }
        }
        for (std::size_t index : choiceColumns) {
            if (!checkUtf8(row, header[index], fields[index].value, fields[index].offset)) continue;
            if (isBlank(fields[index].value)) continue;  // fewer options in this row is allowed
            row.example.choices.push_back(std::move(fields[index].value));
        }
        if (spec.task == TaskType::MultipleChoice && row.findings.empty()) {
            checkAnswer(row, header[columnOf.at("answer")]);
        }
        return row;
    }

    Row jsonlRow(const std::string& text, std::uint64_t startLine, std::uint64_t lineOffset) {
        Row row;
        row.file = fileName;
        row.line = startLine;
        if (!checkUtf8(row, "", text, lineOffset)) return row;
        auto parsed = json::parse(text);
        if (!parsed.ok() || !parsed->isObject()) {
            row.findings.push_back(
                finding(FindingKind::MalformedRecord, startLine, "",
                        parsed.ok() ? "this line is JSON but not an object ({...})"
                                    : "this line is not valid JSON (" + parsed.error().message + ")",
                        "write one JSON object per line, e.g. {\"" +
                            sourceColumn(requiredFields(spec.task)[0]) + "\": \"...\"}"));
            return row;
        }
        const json::Value& object = *parsed;
        for (const auto& field : requiredFields(spec.task)) {
            const std::string key = sourceColumn(field);
            const json::Value* value = object.find(key);
            if (value == nullptr) {
                row.findings.push_back(finding(
                    FindingKind::MissingColumn, startLine, key,
                    "the key \"" + key + "\" (the " + field + ") is missing",
                    "add \"" + key + "\" to this line or map \"" + field + "\" to the key that holds it"));
                continue;
            }
            if (field == "choices") {
                bool allStrings = value->isArray();
                for (const auto& item : value->items()) {
                    if (!item.isString()) allStrings = false;
                }
                if (!allStrings) {
                    row.findings.push_back(finding(FindingKind::MalformedRecord, startLine, key,
                                                   "\"" + key + "\" must be an array of strings",
                                                   "write the choices as [\"first\", \"second\", ...]"));
                    continue;
                }
                for (const auto& item : value->items()) row.example.choices.push_back(*item.asString());
            } else if (field == "answer") {
                auto answer = value->asInt64();
                if (!answer) {
                    row.findings.push_back(finding(FindingKind::MalformedRecord, startLine, key,
                                                   "\"" + key + "\" must be a whole number",
                                                   "write the 0-based position of the right choice, e.g. 2"));
                    continue;
                }
                row.example.answer = *answer;
            } else if (field == "label" && value->isNumber() && value->asInt64()) {
                row.example.label = value->numberLiteral();  // integer class ids are labels too
            } else if (value->isString()) {
                checkEmpty(row, field, key, *value->asString());
                fieldSlot(row.example, field) = *value->asString();
            } else {
                row.findings.push_back(finding(FindingKind::MalformedRecord, startLine, key,
                                               "\"" + key + "\" must be a string",
                                               "put the " + field + " in double quotes"));
            }
        }
        if (spec.task == TaskType::MultipleChoice && row.findings.empty())
            checkAnswer(row, sourceColumn("answer"));
        return row;
    }

    Result<std::optional<Row>> next() {
        for (;;) {
            if (blocked) return std::optional<Row>{};
            if (!sourceOpen) {
                if (fileIndex >= files.size()) return std::optional<Row>{};
                OFFSITE_TRY(openNextFile());
                if (!sourceOpen || blocked) return std::optional<Row>{};
            }
            const std::uint64_t startLine = line;
            const std::uint64_t startOffset = source.offset();
            std::optional<Row> row;
            if (isCsv()) {
                std::vector<Field> fields;
                const auto outcome = readCsvRecord(fields);
                if (outcome == ReadOutcome::End) {
                    if (source.failed()) return makeError(ErrorKind::Io, "reading " + fileName + " failed");
                    finishFile();
                    continue;
                }
                if (outcome == ReadOutcome::Record && fields.size() == 1 && isBlank(fields[0].value))
                    continue;
                if (outcome == ReadOutcome::TooLong) {
                    row =
                        Row{fileName,
                            startLine,
                            {},
                            false,
                            {finding(FindingKind::RowTooLong, startLine, "",
                                     "this row is larger than " + std::to_string(spec.maxRowBytes) + " bytes",
                                     "split it into smaller rows or remove it")}};
                } else if (outcome == ReadOutcome::UnterminatedQuote) {
                    row =
                        Row{fileName,
                            startLine,
                            {},
                            false,
                            {finding(FindingKind::UnterminatedQuote, startLine, "",
                                     "a double quote opened in this row is never closed, so the rest of the "
                                     "file was read as one value",
                                     "close the quote, and write a quote inside a quoted value as \"\"")}};
                } else {
                    row = csvRow(fields, startLine);
                }
            } else {
                std::string text;
                const auto outcome = readLine(text);
                if (outcome == ReadOutcome::End) {
                    if (source.failed()) return makeError(ErrorKind::Io, "reading " + fileName + " failed");
                    finishFile();
                    continue;
                }
                ++line;
                if (outcome == ReadOutcome::TooLong) {
                    row = Row{
                        fileName,
                        startLine,
                        {},
                        false,
                        {finding(FindingKind::RowTooLong, startLine, "",
                                 "this line is larger than " + std::to_string(spec.maxRowBytes) + " bytes",
                                 "split it into smaller lines or remove it")}};
                } else if (isBlank(text)) {
                    continue;
                } else if (spec.format == SourceFormat::Jsonl) {
                    row = jsonlRow(text, startLine, startOffset);
                } else {
                    row = Row{fileName, startLine, {}, false, {}};
                    if (checkUtf8(*row, "", text, startOffset)) row->example.text = std::move(text);
                }
            }
            finishRow(*row);
            return row;
        }
    }
};

RowReader::RowReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RowReader::RowReader(RowReader&&) noexcept = default;
RowReader& RowReader::operator=(RowReader&&) noexcept = default;
RowReader::~RowReader() = default;

Result<RowReader> RowReader::open(const DatasetSpec& spec) {
    auto impl = std::make_unique<Impl>();
    impl->spec = spec;
    if (spec.format == SourceFormat::Text && spec.task != TaskType::PlainText) {
        return makeError(ErrorKind::Unsupported, std::string("text files hold plain text only; a ") +
                                                     toString(spec.task) +
                                                     " data set needs JSONL or CSV/TSV");
    }
    std::error_code ec;
    if (std::filesystem::is_directory(spec.path, ec)) {
        if (spec.format != SourceFormat::Text) {
            return makeError(ErrorKind::Unsupported,
                             displayName(spec.path) +
                                 " is a folder; only plain-text folders of .txt files "
                                 "are read, choose a single JSONL or CSV file instead");
        }
        // Incremented with an error_code: the range-for form throws, and no exception may leave the module.
        std::filesystem::recursive_directory_iterator it(spec.path, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            std::error_code typeError;
            if (it->is_regular_file(typeError) && it->path().extension() == ".txt") {
                impl->files.push_back(it->path());
            }
        }
        if (ec) return makeError(ErrorKind::Io, "cannot list the folder " + displayName(spec.path));
        std::sort(impl->files.begin(), impl->files.end());
    } else if (std::filesystem::is_regular_file(spec.path, ec)) {
        impl->files.push_back(spec.path);
    } else {
        return makeError(ErrorKind::NotFound, displayName(spec.path) + " does not exist; check the path");
    }
    for (const auto& file : impl->files) {
        const auto size = std::filesystem::file_size(file, ec);
        if (!ec) impl->total += size;
    }
    auto reader = RowReader(std::move(impl));
    // Open the first file now so header findings are known before the first row is asked for.
    if (!reader.impl_->files.empty()) OFFSITE_TRY(reader.impl_->openNextFile());
    return reader;
}

const std::vector<Finding>& RowReader::sourceFindings() const {
    return impl_->sourceFindings;
}
Result<std::optional<Row>> RowReader::next() {
    return impl_->next();
}
std::uint64_t RowReader::bytesRead() const {
    return impl_->bytesBefore + (impl_->sourceOpen ? impl_->source.offset() : 0);
}
std::uint64_t RowReader::totalBytes() const {
    return impl_->total;
}

Result<Preview> preview(const DatasetSpec& spec, std::size_t maxRows) {
    OFFSITE_ASSIGN_OR_RETURN(RowReader reader, RowReader::open(spec));
    Preview result;
    result.sourceFindings = reader.sourceFindings();
    while (result.rows.size() < maxRows) {
        OFFSITE_ASSIGN_OR_RETURN(std::optional<Row> row, reader.next());
        if (!row) break;
        result.rows.push_back(std::move(*row));
    }
    return result;
}

const char* toString(TaskType task) {
    switch (task) {
        case TaskType::PlainText:
            return "plain text";
        case TaskType::PromptCompletion:
            return "prompt -> completion";
        case TaskType::Classification:
            return "classification";
        case TaskType::MultipleChoice:
            return "multiple choice";
    }
    return "unknown";
}

const char* toString(SourceFormat format) {
    switch (format) {
        case SourceFormat::Jsonl:
            return "jsonl";
        case SourceFormat::Csv:
            return "csv";
        case SourceFormat::Tsv:
            return "tsv";
        case SourceFormat::Text:
            return "text";
    }
    return "unknown";
}

const char* toString(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

const char* toString(FindingKind kind) {
    switch (kind) {
        case FindingKind::BadUtf8:
            return "bad_utf8";
        case FindingKind::EmptyField:
            return "empty_field";
        case FindingKind::RaggedRow:
            return "ragged_row";
        case FindingKind::MissingColumn:
            return "missing_column";
        case FindingKind::MalformedRecord:
            return "malformed_record";
        case FindingKind::RowTooLong:
            return "row_too_long";
        case FindingKind::UnterminatedQuote:
            return "unterminated_quote";
        case FindingKind::BadAnswer:
            return "bad_answer";
        case FindingKind::UnknownLabel:
            return "unknown_label";
        case FindingKind::RareLabel:
            return "rare_label";
        case FindingKind::TooManyTokens:
            return "too_many_tokens";
        case FindingKind::DuplicateRow:
            return "duplicate_row";
        case FindingKind::ClassImbalance:
            return "class_imbalance";
        case FindingKind::EmptyDataset:
            return "empty_dataset";
    }
    return "unknown";
}

}  // namespace offsite::dataset

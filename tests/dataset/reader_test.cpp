// Reader tests: good files of every task type and format parse to the expected rows; CSV edge cases (quotes,
// embedded newlines, CRLF, BOM, TSV, column mapping); per-record findings from the committed broken files.
#include "core/dataset/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace offsite::dataset {
namespace {

std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(OFFSITE_TEST_DATA) / "dataset" / name;
}

DatasetSpec spec(const std::string& name, SourceFormat format, TaskType task) {
    DatasetSpec s;
    s.path = fixture(name);
    s.format = format;
    s.task = task;
    return s;
}

std::vector<Row> readAll(const DatasetSpec& s) {
    auto reader = RowReader::open(s);
    EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().message);
    std::vector<Row> rows;
    if (!reader.ok()) return rows;
    for (;;) {
        auto row = reader->next();
        EXPECT_TRUE(row.ok());
        if (!row.ok() || !row->has_value()) break;
        rows.push_back(std::move(**row));
    }
    return rows;
}

TEST(DatasetReader, PlainTextFolderReadsTxtFilesInNameOrder) {
    auto rows = readAll(spec("plain", SourceFormat::Text, TaskType::PlainText));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].example.text, "first line of a");
    EXPECT_EQ(rows[1].example.text, "second line of a");
    EXPECT_EQ(rows[1].line, 3u);
    EXPECT_EQ(rows[2].example.text, "only line of b");
    EXPECT_EQ(rows[2].file, "b.txt");
    for (const auto& r : rows) EXPECT_TRUE(r.usable);
}

TEST(DatasetReader, PromptCompletionJsonlWithCrlf) {
    auto rows = readAll(spec("prompt_completion.jsonl", SourceFormat::Jsonl, TaskType::PromptCompletion));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].example.prompt, "Translate: cat");
    EXPECT_EQ(rows[0].example.completion, "Katze");
    EXPECT_EQ(rows[1].example.completion, "Hund");
    EXPECT_EQ(rows[1].line, 2u);
    EXPECT_TRUE(rows[1].usable);
}

TEST(DatasetReader, ClassificationCsvWithColumnMapping) {
    auto s = spec("classification.csv", SourceFormat::Csv, TaskType::Classification);
    s.columns.fields = {{"text", "review"}, {"label", "score"}};
    auto rows = readAll(s);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].example.text, "Great, would buy again");
    EXPECT_EQ(rows[0].example.label, "positive");
    EXPECT_EQ(rows[1].example.text, "Terrible");
    EXPECT_EQ(rows[1].line, 3u);
}

TEST(DatasetReader, ClassificationTsv) {
    auto rows = readAll(spec("classification.tsv", SourceFormat::Tsv, TaskType::Classification));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].example.text, "sunny day");
    EXPECT_EQ(rows[1].example.text, "rainy, cold");
    EXPECT_EQ(rows[1].example.label, "bad");
}

TEST(DatasetReader, MultipleChoiceJsonlAndCsv) {
    auto json = readAll(spec("multiple_choice.jsonl", SourceFormat::Jsonl, TaskType::MultipleChoice));
    ASSERT_EQ(json.size(), 1u);
    EXPECT_EQ(json[0].example.context, "Capital of France?");
    EXPECT_EQ(json[0].example.choices, (std::vector<std::string>{"Paris", "Rome", "Oslo"}));
    EXPECT_EQ(json[0].example.answer, 0);

    auto s = spec("multiple_choice.csv", SourceFormat::Csv, TaskType::MultipleChoice);
    s.columns.fields = {{"context", "question"}};
    auto csv = readAll(s);
    ASSERT_EQ(csv.size(), 2u);
    EXPECT_EQ(csv[0].example.choices, (std::vector<std::string>{"Paris", "Rome", "Oslo"}));
    EXPECT_EQ(csv[0].example.answer, 1);
    EXPECT_EQ(csv[1].example.choices, (std::vector<std::string>{"Oslo", "Bern"}));
    EXPECT_TRUE(csv[1].usable);
}

TEST(DatasetReader, CsvEdgeCasesBomQuotesEmbeddedNewlinesCrlf) {
    auto rows = readAll(spec("edge.csv", SourceFormat::Csv, TaskType::Classification));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].example.text, "He said \"hi\"");
    EXPECT_EQ(rows[0].line, 2u);
    EXPECT_EQ(rows[1].example.text, "line one\r\nline two");
    EXPECT_EQ(rows[1].line, 3u);
    EXPECT_EQ(rows[2].example.text, "plain");
    EXPECT_EQ(rows[2].example.label, "c");
    EXPECT_EQ(rows[2].line, 5u);                                 // the embedded newline moved it down a line
    EXPECT_EQ(rows[3].example.text, "caf\xc3\xa9, ol\xc3\xa9");  // after a blank line, no final newline
    EXPECT_EQ(rows[3].line, 7u);
    for (const auto& r : rows) EXPECT_TRUE(r.usable) << r.line;
}

TEST(DatasetReader, RaggedRowsAreFindingsWithLineNumbers) {
    auto rows = readAll(spec("ragged.csv", SourceFormat::Csv, TaskType::Classification));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_TRUE(rows[0].usable);
    ASSERT_EQ(rows[1].findings.size(), 1u);
    EXPECT_EQ(rows[1].findings[0].kind, FindingKind::RaggedRow);
    EXPECT_EQ(rows[1].findings[0].line, 3u);
    EXPECT_NE(rows[1].findings[0].message.find("3 columns but the header has 2"), std::string::npos);
    EXPECT_NE(rows[1].findings[0].fix.find("comma"), std::string::npos);
    EXPECT_EQ(rows[2].findings[0].kind, FindingKind::RaggedRow);
    EXPECT_EQ(rows[2].findings[0].line, 4u);
    EXPECT_TRUE(rows[3].usable);
}

TEST(DatasetReader, MissingColumnBlocksRowsAndNamesTheHeader) {
    auto s = spec("missing_column.csv", SourceFormat::Csv, TaskType::Classification);
    s.columns.fields = {{"text", "review"}, {"label", "stars"}};
    auto reader = RowReader::open(s);
    ASSERT_TRUE(reader.ok());
    ASSERT_EQ(reader->sourceFindings().size(), 1u);
    const Finding& f = reader->sourceFindings()[0];
    EXPECT_EQ(f.kind, FindingKind::MissingColumn);
    EXPECT_EQ(f.line, 1u);
    EXPECT_EQ(f.column, "stars");
    EXPECT_NE(f.message.find("\"review\", \"rating\""), std::string::npos) << f.message;
    auto row = reader->next();
    ASSERT_TRUE(row.ok());
    EXPECT_FALSE(row->has_value());
}

TEST(DatasetReader, BadUtf8ReportsLineColumnAndByteOffset) {
    auto rows = readAll(spec("bad_utf8.csv", SourceFormat::Csv, TaskType::Classification));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows[0].usable);
    ASSERT_EQ(rows[1].findings.size(), 1u);
    const Finding& f = rows[1].findings[0];
    EXPECT_EQ(f.kind, FindingKind::BadUtf8);
    EXPECT_EQ(f.line, 3u);
    EXPECT_EQ(f.column, "text");
    ASSERT_TRUE(f.byteOffset.has_value());
    EXPECT_EQ(*f.byteOffset, 27u);
    EXPECT_NE(f.fix.find("UTF-8"), std::string::npos);
    EXPECT_TRUE(rows[2].usable);
}

TEST(DatasetReader, JsonlNonObjectLinesAndWrongTypes) {
    auto rows = readAll(spec("non_object.jsonl", SourceFormat::Jsonl, TaskType::PlainText));
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_TRUE(rows[0].usable);
    EXPECT_NE(rows[1].findings.at(0).message.find("not an object"), std::string::npos);
    EXPECT_EQ(rows[1].findings[0].line, 2u);
    EXPECT_NE(rows[2].findings.at(0).message.find("not valid JSON"), std::string::npos);
    EXPECT_NE(rows[3].findings.at(0).message.find("not an object"), std::string::npos);
    EXPECT_NE(rows[4].findings.at(0).message.find("must be a string"), std::string::npos);
    EXPECT_EQ(rows[5].findings.at(0).kind, FindingKind::MissingColumn);
    EXPECT_NE(rows[5].findings[0].message.find("\"text\""), std::string::npos);
}

TEST(DatasetReader, EmptyFieldsUnterminatedQuoteAndBadAnswers) {
    auto empty = readAll(spec("empty_field.csv", SourceFormat::Csv, TaskType::PromptCompletion));
    ASSERT_EQ(empty.size(), 3u);
    EXPECT_EQ(empty[1].findings.at(0).kind, FindingKind::EmptyField);
    EXPECT_EQ(empty[1].findings[0].column, "prompt");
    EXPECT_EQ(empty[2].findings.at(0).column, "completion");
    EXPECT_EQ(empty[2].findings[0].line, 4u);

    auto quote = readAll(spec("unterminated_quote.csv", SourceFormat::Csv, TaskType::Classification));
    ASSERT_EQ(quote.size(), 2u);
    EXPECT_EQ(quote[1].findings.at(0).kind, FindingKind::UnterminatedQuote);
    EXPECT_EQ(quote[1].findings[0].line, 3u);

    auto answers = readAll(spec("bad_answer.jsonl", SourceFormat::Jsonl, TaskType::MultipleChoice));
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_TRUE(answers[0].usable);
    EXPECT_NE(answers[1].findings.at(0).message.find("0 to 1"), std::string::npos);
    EXPECT_NE(answers[2].findings.at(0).message.find("at least 2 choices"), std::string::npos);
}

TEST(DatasetReader, RowsLargerThanTheLimitAreSkippedNotHeld) {
    auto s = spec("huge_row.jsonl", SourceFormat::Jsonl, TaskType::PlainText);
    s.maxRowBytes = 256;
    auto rows = readAll(s);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows[0].usable);
    EXPECT_EQ(rows[1].findings.at(0).kind, FindingKind::RowTooLong);
    EXPECT_EQ(rows[1].findings[0].line, 2u);
    EXPECT_TRUE(rows[2].usable);
    EXPECT_EQ(rows[2].line, 3u);
}

TEST(DatasetReader, PreviewStopsAfterNRowsAndSourcesStayUnchanged) {
    const auto path = fixture("ragged.csv");
    const auto before = std::filesystem::last_write_time(path);
    auto p = preview(spec("ragged.csv", SourceFormat::Csv, TaskType::Classification), 2);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->rows.size(), 2u);
    EXPECT_EQ(std::filesystem::last_write_time(path), before);
}

TEST(DatasetReader, SpecErrors) {
    auto missing = RowReader::open(spec("does_not_exist.csv", SourceFormat::Csv, TaskType::PlainText));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    auto text = RowReader::open(spec("plain", SourceFormat::Text, TaskType::Classification));
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.error().kind, ErrorKind::Unsupported);
}

}  // namespace
}  // namespace offsite::dataset

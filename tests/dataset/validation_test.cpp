// Validation tests: every committed broken file with its expected findings (kind, line, message substring),
// label checks, class imbalance, duplicates, token lengths with the GPT-2 tokenizer, the finding cap, the
// report's JSON, and cancellation through the progress callback.
#include "core/dataset/validation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/tokenizer/tokenizer.h"

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

ValidationReport validateOk(const DatasetSpec& s, const ValidationOptions& options = {}) {
    auto r = validate(s, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : ValidationReport{};
}

// Expects a finding of `kind` at `line` whose message contains `needle`.
void expectFinding(const ValidationReport& report, FindingKind kind, std::uint64_t line,
                   const std::string& needle) {
    for (const auto& f : report.findings) {
        if (f.kind == kind && f.line == line && f.message.find(needle) != std::string::npos) {
            EXPECT_FALSE(f.fix.empty());
            return;
        }
    }
    std::string all;
    for (const auto& f : report.findings) all += std::to_string(f.line) + ": " + f.message + "\n";
    ADD_FAILURE() << "no " << toString(kind) << " finding at line " << line << " with \"" << needle
                  << "\"; got:\n"
                  << all;
}

TEST(DatasetValidation, BrokenFilesHaveTheirExpectedFindings) {
    auto bad = validateOk(spec("bad_utf8.csv", SourceFormat::Csv, TaskType::Classification));
    expectFinding(bad, FindingKind::BadUtf8, 3, "invalid UTF-8 at byte 27");
    EXPECT_TRUE(bad.blocksTraining());
    EXPECT_EQ(bad.statistics.usableRows, 2u);

    auto ragged = validateOk(spec("ragged.csv", SourceFormat::Csv, TaskType::Classification));
    expectFinding(ragged, FindingKind::RaggedRow, 3, "3 columns but the header has 2");
    expectFinding(ragged, FindingKind::RaggedRow, 4, "1 columns but the header has 2");
    EXPECT_EQ(ragged.count(FindingKind::RaggedRow), 2u);

    auto s = spec("missing_column.csv", SourceFormat::Csv, TaskType::Classification);
    s.columns.fields = {{"text", "review"}, {"label", "stars"}};
    auto missing = validateOk(s);
    expectFinding(missing, FindingKind::MissingColumn, 1,
                  "column \"stars\" (the label) is not in the header");
    EXPECT_TRUE(missing.blocksTraining());

    for (const auto& [name, format] :
         {std::pair{"empty.csv", SourceFormat::Csv}, std::pair{"empty.jsonl", SourceFormat::Jsonl}}) {
        auto empty = validateOk(spec(name, format, TaskType::PlainText));
        expectFinding(empty, FindingKind::EmptyDataset, 0, "no usable rows");
        EXPECT_EQ(empty.statistics.records, 0u);
    }

    auto nonObject = validateOk(spec("non_object.jsonl", SourceFormat::Jsonl, TaskType::PlainText));
    expectFinding(nonObject, FindingKind::MalformedRecord, 2, "not an object");
    expectFinding(nonObject, FindingKind::MalformedRecord, 3, "not valid JSON");
    expectFinding(nonObject, FindingKind::MalformedRecord, 5, "must be a string");
    expectFinding(nonObject, FindingKind::MissingColumn, 6, "\"text\"");
    EXPECT_EQ(nonObject.statistics.usableRows, 1u);

    auto quote = validateOk(spec("unterminated_quote.csv", SourceFormat::Csv, TaskType::Classification));
    expectFinding(quote, FindingKind::UnterminatedQuote, 3, "never closed");

    auto emptyField = validateOk(spec("empty_field.csv", SourceFormat::Csv, TaskType::PromptCompletion));
    expectFinding(emptyField, FindingKind::EmptyField, 3, "prompt");
    expectFinding(emptyField, FindingKind::EmptyField, 4, "completion");
}

TEST(DatasetValidation, DuplicateRowsAreWarningsNamingTheFirstLine) {
    auto report = validateOk(spec("duplicates.jsonl", SourceFormat::Jsonl, TaskType::PromptCompletion));
    expectFinding(report, FindingKind::DuplicateRow, 3, "repeats line 1");
    expectFinding(report, FindingKind::DuplicateRow, 4, "repeats line 1");  // same after trimming
    EXPECT_EQ(report.statistics.duplicateRows, 2u);
    EXPECT_FALSE(report.blocksTraining());
}

TEST(DatasetValidation, UnknownAndRareLabels) {
    ValidationOptions options;
    options.labels = {"positive", "negative"};
    auto declared =
        validateOk(spec("unknown_labels.jsonl", SourceFormat::Jsonl, TaskType::Classification), options);
    expectFinding(declared, FindingKind::UnknownLabel, 3,
                  "\"postive\" is not one of \"positive\", \"negative\"");
    EXPECT_TRUE(declared.blocksTraining());
    EXPECT_EQ(declared.statistics.labelCounts.at("positive"), 2u);
    EXPECT_EQ(declared.statistics.labelCounts.count("postive"), 0u);

    auto rare = validateOk(spec("unknown_labels.jsonl", SourceFormat::Jsonl, TaskType::Classification));
    expectFinding(rare, FindingKind::RareLabel, 3, "\"postive\" appears only 1 time");
    EXPECT_FALSE(rare.blocksTraining());
}

TEST(DatasetValidation, IntegerLabelsInJsonlAndDeclaredLabelsInCsv) {
    const auto dir = std::filesystem::path(::testing::TempDir()) / "dataset_int_labels";
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "ints.jsonl", std::ios::binary);
        out << "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": 1}\n"
            << "{\"text\": \"c\", \"label\": 1}\n{\"text\": \"d\", \"label\": 0}\n{\"text\": \"e\", "
               "\"label\": 7}\n";
    }
    DatasetSpec s;
    s.path = dir / "ints.jsonl";
    s.task = TaskType::Classification;
    ValidationOptions options;
    options.labels = {"0", "1"};
    auto report = validateOk(s, options);
    EXPECT_EQ(report.statistics.labelCounts.at("0"), 2u);
    EXPECT_EQ(report.statistics.labelCounts.at("1"), 2u);
    expectFinding(report, FindingKind::UnknownLabel, 5, "\"7\" is not one of \"0\", \"1\"");

    auto csv = spec("classification.csv", SourceFormat::Csv, TaskType::Classification);
    csv.columns.fields = {{"text", "review"}, {"label", "score"}};
    ValidationOptions declared;
    declared.labels = {"positive", "neutral"};
    declared.minLabelCount = 1;
    auto csvReport = validateOk(csv, declared);
    expectFinding(csvReport, FindingKind::UnknownLabel, 3, "\"negative\"");
    EXPECT_EQ(csvReport.count(FindingKind::UnknownLabel), 1u);
}

TEST(DatasetValidation, ClassImbalanceWarning) {
    const auto dir = std::filesystem::path(::testing::TempDir()) / "dataset_imbalance";
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "imbalanced.jsonl", std::ios::binary);
        for (int i = 0; i < 30; ++i) out << "{\"text\": \"spam " << i << "\", \"label\": \"spam\"}\n";
        for (int i = 0; i < 2; ++i) out << "{\"text\": \"ham " << i << "\", \"label\": \"ham\"}\n";
    }
    DatasetSpec s;
    s.path = dir / "imbalanced.jsonl";
    s.task = TaskType::Classification;
    auto report = validateOk(s);
    expectFinding(report, FindingKind::ClassImbalance, 0, "\"spam\" has 30 rows, \"ham\" only 2");
    EXPECT_FALSE(report.blocksTraining());
    ValidationOptions lenient;
    lenient.maxClassImbalance = 20.0;
    EXPECT_EQ(validateOk(s, lenient).count(FindingKind::ClassImbalance), 0u);
}

TEST(DatasetValidation, TokenLengthsWithTheGpt2Tokenizer) {
    auto tok = tokenizer::Tokenizer::fromFile(std::filesystem::path(OFFSITE_TEST_DATA) / "tokenizer" /
                                              "gpt2" / "tokenizer.json");
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    ValidationOptions options;
    options.tokenizer = &*tok;
    options.contextTokens = 64;
    auto report = validateOk(spec("huge_row.jsonl", SourceFormat::Jsonl, TaskType::PlainText), options);
    expectFinding(report, FindingKind::TooManyTokens, 2, "the model reads at most 64");
    EXPECT_EQ(report.count(FindingKind::TooManyTokens), 1u);
    ASSERT_TRUE(report.statistics.tokens.has_value());
    const auto expected = tok->encode("short row").size() + tok->encode("another short row").size();
    EXPECT_EQ(*report.statistics.tokens, expected);
    EXPECT_EQ(report.statistics.usableRows, 2u);

    ValidationOptions noLimit;
    noLimit.tokenizer = &*tok;
    auto all = validateOk(spec("huge_row.jsonl", SourceFormat::Jsonl, TaskType::PlainText), noLimit);
    EXPECT_EQ(all.count(FindingKind::TooManyTokens), 0u);
    EXPECT_GT(*all.statistics.maxRowTokens, 64u);
}

TEST(DatasetValidation, FindingsAreCappedPerKindButCounted) {
    const auto dir = std::filesystem::path(::testing::TempDir()) / "dataset_cap";
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "many_bad.csv", std::ios::binary);
        out << "text,label\n";
        for (int i = 0; i < 500; ++i) out << "a,b,c\n";
    }
    DatasetSpec s;
    s.path = dir / "many_bad.csv";
    s.format = SourceFormat::Csv;
    s.task = TaskType::Classification;
    ValidationOptions options;
    options.maxFindingsPerKind = 10;
    auto report = validateOk(s, options);
    EXPECT_EQ(report.count(FindingKind::RaggedRow), 500u);
    EXPECT_EQ(report.findings.size(), 11u);  // 10 ragged rows + the empty data set
    const json::Value j = report.toJson();
    EXPECT_EQ(j.find("findingCounts")->find("ragged_row")->asUint64(), 500u);
    EXPECT_EQ(j.find("findings")->size(), 11u);
    EXPECT_EQ(j.find("blocksTraining")->asBool(), true);
}

TEST(DatasetValidation, ReportJsonRoundTrips) {
    ValidationOptions options;
    options.fingerprintSalt = "00112233";
    auto report = validateOk(spec("bad_utf8.csv", SourceFormat::Csv, TaskType::Classification), options);
    auto text = json::serialize(report.toJson());
    auto parsed = json::parse(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed->find("task")->asString(), "classification");
    EXPECT_EQ(parsed->find("statistics")->find("usableRows")->asUint64(), 2u);
    EXPECT_EQ(parsed->find("statistics")->find("labelCounts")->find("pos")->asUint64(), 2u);
    const json::Value& first = parsed->find("findings")->items().at(0);
    EXPECT_EQ(*first.find("kind")->asString(), "bad_utf8");
    EXPECT_EQ(first.find("line")->asUint64(), 3u);
    EXPECT_EQ(first.find("byteOffset")->asUint64(), 27u);
    EXPECT_EQ(parsed->find("fingerprint")->asString()->size(), 64u);
    EXPECT_EQ(text.find("caf"), std::string::npos);  // content never lands in the report
}

TEST(DatasetValidation, ProgressCanCancel) {
    ValidationOptions options;
    options.progressInterval = 1;
    int calls = 0;
    options.progress = [&](const ValidationProgress& p) {
        ++calls;
        EXPECT_GT(p.totalBytes, 0u);
        return false;
    };
    auto r = validate(spec("ragged.csv", SourceFormat::Csv, TaskType::Classification), options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Cancelled);
    EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace offsite::dataset

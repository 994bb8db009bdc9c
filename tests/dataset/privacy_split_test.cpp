// Privacy and split tests: personal-data counts on a fixture with known counts (random digit strings that
// fail Luhn or mod 97 are not flagged), Luhn and IBAN known answers, the salted fingerprint, and the seeded
// split (deterministic, stable when rows are appended, close to the requested fraction).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/dataset/privacy.h"
#include "core/dataset/split.h"
#include "core/dataset/validation.h"

namespace offsite::dataset {
namespace {

std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(OFFSITE_TEST_DATA) / "dataset" / name;
}

TEST(DatasetPrivacy, KnownAnswers) {
    EXPECT_TRUE(passesLuhn("4111 1111 1111 1111"));
    EXPECT_TRUE(passesLuhn("5500000000000004"));
    EXPECT_FALSE(passesLuhn("4111111111111112"));
    EXPECT_TRUE(isValidIban("DE89370400440532013000"));
    EXPECT_TRUE(isValidIban("GB82WEST12345698765432"));
    EXPECT_FALSE(isValidIban("DE89370400440532013001"));
    EXPECT_FALSE(isValidIban("DE8937040044"));
}

TEST(DatasetPrivacy, ScanCountsTheFixture) {
    auto text = readFile(fixture("pii.txt"), 1u << 20);
    ASSERT_TRUE(text.ok());
    PersonalDataCounts counts;
    scanPersonalData(*text, counts);
    EXPECT_EQ(counts.emails, 2u);
    EXPECT_EQ(counts.phoneNumbers, 2u);
    EXPECT_EQ(counts.cardNumbers, 2u);
    EXPECT_EQ(counts.ibans, 2u);
}

TEST(DatasetPrivacy, RandomDigitsAreNotFlagged) {
    PersonalDataCounts counts;
    scanPersonalData("order 1234567890123456, id 4111111111111112, DE89370400440532013001, 20240101 12:30",
                     counts);
    scanPersonalData("ISBN 9780306406157 and 3.14159265358979", counts);
    EXPECT_EQ(counts.cardNumbers, 0u);
    EXPECT_EQ(counts.ibans, 0u);
    EXPECT_EQ(counts.phoneNumbers, 0u);
    EXPECT_EQ(counts.emails, 0u);
}

TEST(DatasetPrivacy, ValidationReportCarriesCountsPerRow) {
    DatasetSpec s;
    s.path = fixture("pii.txt");
    s.format = SourceFormat::Text;
    auto report = validate(s, {});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->personalData.emails, 2u);
    EXPECT_EQ(report->personalData.ibans, 2u);
    EXPECT_EQ(report->personalData.rowsWithPersonalData, 4u);
    const auto j = report->toJson();
    EXPECT_EQ(j.find("personalData")->find("cardNumbers")->asUint64(), 2u);
}

TEST(DatasetFingerprint, SaltedDeterministicAndContentFree) {
    const std::string salt = makeFingerprintSalt();
    EXPECT_EQ(salt.size(), 64u);
    EXPECT_NE(salt, makeFingerprintSalt());
    DatasetSpec s;
    s.path = fixture("prompt_completion.jsonl");
    s.task = TaskType::PromptCompletion;
    ValidationOptions a;
    a.fingerprintSalt = salt;
    ValidationOptions b;
    b.fingerprintSalt = makeFingerprintSalt();
    auto first = validate(s, a);
    auto again = validate(s, a);
    auto otherSalt = validate(s, b);
    ASSERT_TRUE(first.ok() && again.ok() && otherSalt.ok());
    EXPECT_EQ(first->fingerprint.size(), 64u);
    EXPECT_EQ(first->fingerprint, again->fingerprint);
    EXPECT_NE(first->fingerprint, otherSalt->fingerprint);
    // Normalization: the same rows with other line endings and padding give the same fingerprint.
    Fingerprinter x(salt);
    Fingerprinter y(salt);
    Example e;
    e.prompt = "Translate: cat";
    e.completion = "Katze";
    x.addRow(e, TaskType::PromptCompletion);
    e.prompt = "  Translate: cat\r\n";
    y.addRow(e, TaskType::PromptCompletion);
    EXPECT_EQ(x.finishHex(), y.finishHex());
}

std::vector<SplitSide> sides(const std::vector<Example>& rows, const SplitOptions& options) {
    std::vector<SplitSide> out;
    for (const auto& r : rows) out.push_back(assignSplit(r, TaskType::PlainText, options));
    return out;
}

TEST(DatasetSplit, DeterministicStableWhenAppendedAndNearTheFraction) {
    std::vector<Example> rows;
    for (int i = 0; i < 2000; ++i) {
        Example e;
        e.text = "row number " + std::to_string(i);
        rows.push_back(e);
    }
    SplitOptions options;
    options.seed = 42;
    options.validationFraction = 0.2;
    const auto first = sides(rows, options);
    EXPECT_EQ(first, sides(rows, options));
    std::vector<Example> longer = rows;
    for (int i = 0; i < 500; ++i) {
        Example e;
        e.text = "appended " + std::to_string(i);
        longer.push_back(e);
    }
    const auto appended = sides(longer, options);
    EXPECT_TRUE(std::equal(first.begin(), first.end(), appended.begin()));
    const auto validation = std::count(first.begin(), first.end(), SplitSide::Validation);
    EXPECT_GT(validation, 330);
    EXPECT_LT(validation, 470);
    options.seed = 43;
    EXPECT_NE(first, sides(rows, options));
    Example padded;
    padded.text = "  row number 7\r\n";
    options.seed = 42;
    EXPECT_EQ(assignSplit(padded, TaskType::PlainText, options), first[7]);
    options.validationFraction = 0.0;
    EXPECT_EQ(assignSplit(rows[0], TaskType::PlainText, options), SplitSide::Train);
}

}  // namespace
}  // namespace offsite::dataset

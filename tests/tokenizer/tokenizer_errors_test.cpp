// Broken and unsupported tokenizer.json files: each committed fixture in tests/data/tokenizer/bad must be
// refused with a specific, actionable message (and the right ErrorKind).
#include <gtest/gtest.h>

#include <string>

#include "core/tokenizer/tokenizer.h"

namespace offsite::tokenizer {
namespace {

const std::string kBadDir = std::string(OFFSITE_TEST_DATA) + "/tokenizer/bad/";

struct BadCase {
    const char* file;
    ErrorKind kind;
    const char* message;  // expected substring
};

class TokenizerBadFileTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(TokenizerBadFileTest, IsRefusedWithAnActionableMessage) {
    const BadCase& c = GetParam();
    auto tokenizer = Tokenizer::fromFile(kBadDir + c.file);
    ASSERT_FALSE(tokenizer.ok()) << c.file << " loaded but should not";
    EXPECT_EQ(tokenizer.error().kind, c.kind) << tokenizer.error().message;
    EXPECT_NE(tokenizer.error().message.find(c.message), std::string::npos)
        << "message: " << tokenizer.error().message << "\nexpected to contain: " << c.message;
    EXPECT_EQ(tokenizer.error().message.rfind(c.file, 0), 0u) << "message should start with the file name";
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, TokenizerBadFileTest,
    ::testing::Values(
        BadCase{"unigram_model.json", ErrorKind::Unsupported,
                "the model type \"Unigram\" is not supported; Offsite Studio reads byte-level BPE tokenizers "
                "(GPT-2, OPT, Llama 3, SmolLM2)"},
        BadCase{"unknown_merge_token.json", ErrorKind::InvalidInput,
                "merge 2 (\"a\" + \"zq\") refers to the token \"zq\", which is not in the vocabulary"},
        BadCase{"merge_result_missing.json", ErrorKind::InvalidInput,
                "refers to the token \"ab\", which is not in the vocabulary"},
        BadCase{"invalid_regex.json", ErrorKind::InvalidInput,
                "the regular expression \"(\\p{L}+\" is invalid: missing closing parenthesis"},
        BadCase{"truncated.json", ErrorKind::InvalidInput,
                "it is not valid JSON (is the download complete?)"},
        BadCase{"unsupported_normalizer.json", ErrorKind::Unsupported,
                "the normalizer \"NFKC\" is not supported"},
        BadCase{"unsupported_pre_tokenizer.json", ErrorKind::Unsupported,
                "the pre_tokenizer type \"Metaspace\" is not supported"},
        BadCase{"unsupported_decoder.json", ErrorKind::Unsupported,
                "the decoder type \"WordPiece\" is not supported"},
        BadCase{"duplicate_id.json", ErrorKind::InvalidInput,
                "the vocabulary gives the id 0 to both \"a\" and \"b\""},
        BadCase{"byte_fallback.json", ErrorKind::Unsupported, "the BPE model uses byte_fallback"}),
    [](const auto& testInfo) {
        std::string name = testInfo.param.file;
        return name.substr(0, name.find('.'));
    });

TEST(TokenizerLimits, RefusesJsonOverSixtyFourMebibytes) {
    const std::string huge(kMaxTokenizerJsonBytes + 1, ' ');
    auto tokenizer = Tokenizer::fromJson(huge);
    ASSERT_FALSE(tokenizer.ok());
    EXPECT_EQ(tokenizer.error().kind, ErrorKind::LimitExceeded);
    EXPECT_NE(tokenizer.error().message.find("over 64 MiB are refused"), std::string::npos)
        << tokenizer.error().message;
}

TEST(TokenizerLimits, RefusesMoreThanAMillionVocabularyEntries) {
    std::string json = R"({"model":{"type":"BPE","merges":[],"vocab":{)";
    const std::size_t entries = (std::size_t{1} << 20) + 1;
    json.reserve(entries * 16);
    for (std::size_t i = 0; i < entries; ++i) {
        json += (i ? ",\"t" : "\"t") + std::to_string(i) + "\":" + std::to_string(i);
    }
    json += "}}}";
    auto tokenizer = Tokenizer::fromJson(json);
    ASSERT_FALSE(tokenizer.ok());
    EXPECT_EQ(tokenizer.error().kind, ErrorKind::LimitExceeded);
    EXPECT_NE(tokenizer.error().message.find("the vocabulary has 1048577 entries"), std::string::npos)
        << tokenizer.error().message;
}

TEST(TokenizerErrors, MissingFileNamesThePath) {
    auto tokenizer = Tokenizer::fromFile(kBadDir + "does_not_exist.json");
    ASSERT_FALSE(tokenizer.ok());
    EXPECT_NE(tokenizer.error().message.find("does_not_exist.json"), std::string::npos)
        << tokenizer.error().message;
}

TEST(TokenizerErrors, FromJsonPrefixesTokenizerJson) {
    auto tokenizer = Tokenizer::fromJson(R"({"model":{"type":"WordPiece","vocab":{}}})");
    ASSERT_FALSE(tokenizer.ok());
    EXPECT_EQ(tokenizer.error().message.rfind("tokenizer.json: the model type \"WordPiece\"", 0), 0u)
        << tokenizer.error().message;
}

TEST(TokenizerErrors, RefusesTruncationAndPadding) {
    auto tokenizer = Tokenizer::fromJson(
        R"({"truncation":{"max_length":8},"model":{"type":"BPE","vocab":{},"merges":[]}})");
    ASSERT_FALSE(tokenizer.ok());
    EXPECT_NE(tokenizer.error().message.find("\"truncation\" is set"), std::string::npos)
        << tokenizer.error().message;
}

TEST(TokenizerErrors, RefusesRegexFeaturesThatCannotBeTranslated) {
    auto tokenizer = Tokenizer::fromJson(
        R"({"pre_tokenizer":{"type":"Split","pattern":{"Regex":"[a-z&&[^aeiou]]"},"behavior":"Isolated"},)"
        R"("model":{"type":"BPE","vocab":{},"merges":[]}})");
    ASSERT_FALSE(tokenizer.ok());
    EXPECT_EQ(tokenizer.error().kind, ErrorKind::Unsupported);
    EXPECT_NE(tokenizer.error().message.find("character class intersection"), std::string::npos)
        << tokenizer.error().message;
}

}  // namespace
}  // namespace offsite::tokenizer

// Parity with Hugging Face tokenizers 0.22.1: every line of tests/data/tokenizer/corpus.jsonl must encode to
// exactly the ids (and decode to exactly the text) recorded by make_fixtures.py, for each tokenizer style
// ("mixed", which covers the rarer options, has expectations for a prefix of the corpus).
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::tokenizer {
namespace {

const std::string kDataDir = std::string(OFFSITE_TEST_DATA) + "/tokenizer";

std::vector<json::Value> readJsonLines(const std::string& path) {
    std::vector<json::Value> rows;
    auto text = readFile(path, std::size_t{64} << 20);
    EXPECT_TRUE(text.ok()) << path << ": " << (text.ok() ? "" : text.error().message);
    if (!text.ok()) return rows;
    std::string_view rest = text.value();
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        if (line.empty()) continue;
        auto value = json::parse(line);
        EXPECT_TRUE(value.ok()) << path << " line " << rows.size() + 1 << ": "
                                << (value.ok() ? "" : value.error().message);
        if (!value.ok()) return {};
        rows.push_back(std::move(value).value());
    }
    return rows;
}

std::string formatIds(const std::vector<std::int32_t>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "]";
}

std::string escaped(const std::string& text) {
    return json::serialize(json::Value::string(text));
}

struct Style {
    const char* name;
    std::size_t templateLeading;   // ids the post-processor puts before the text
    std::size_t templateTrailing;  // and after it
};

class TokenizerParityTest : public ::testing::TestWithParam<Style> {};

TEST_P(TokenizerParityTest, EncodeAndDecodeMatchHuggingFaceOnEveryCorpusLine) {
    const std::string style = GetParam().name;
    auto tokenizer = Tokenizer::fromFile(kDataDir + "/" + style + "/tokenizer.json");
    ASSERT_TRUE(tokenizer.ok()) << tokenizer.error().message;
    const std::vector<json::Value> corpus = readJsonLines(kDataDir + "/corpus.jsonl");
    const std::vector<json::Value> expected = readJsonLines(kDataDir + "/expected_" + style + ".jsonl");
    ASSERT_GE(corpus.size(), 10000u);
    ASSERT_FALSE(expected.empty());
    const json::Value& header = expected[0];
    ASSERT_EQ(*header.find("tokenizers")->asString(), "0.22.1");
    const auto lines = static_cast<std::size_t>(*header.find("lines")->asInt64());
    ASSERT_LE(lines, corpus.size());
    ASSERT_EQ(expected.size(), lines + 1) << "expected_" << style << ".jsonl is out of date";
    const auto text = [&](const char* key) { return *header.find(key)->asString(); };
    const std::string decodePrefix = text("decode_prefix");
    const std::string decodeSuffix = text("decode_suffix");
    const std::string skipPrefix = text("decode_skip_prefix");
    const std::string skipSuffix = text("decode_skip_suffix");

    std::size_t idsCompared = 0;
    std::size_t encodeMismatches = 0;
    std::size_t decodeMismatches = 0;
    std::size_t skipMismatches = 0;
    for (std::size_t i = 0; i < lines; ++i) {
        const std::string& line = *corpus[i].find("text")->asString();
        const json::Value& row = expected[i + 1];
        std::vector<std::int32_t> want;
        for (const json::Value& id : row.find("ids")->items())
            want.push_back(static_cast<std::int32_t>(*id.asInt64()));
        const std::vector<std::int32_t> got = tokenizer->encode(line);
        idsCompared += want.size();
        if (got != want) {
            if (encodeMismatches++ == 0) {
                ADD_FAILURE() << style << ": first encode mismatch at corpus line " << i + 1 << " "
                              << escaped(line) << "\n  HF:  " << formatIds(want)
                              << "\n  ours: " << formatIds(got);
            }
            continue;
        }
        const json::Value* decodeValue = row.find("decode");
        const std::string wantDecode =
            decodeValue ? *decodeValue->asString() : decodePrefix + line + decodeSuffix;
        const std::string gotDecode = tokenizer->decode(got);
        if (gotDecode != wantDecode && decodeMismatches++ == 0) {
            ADD_FAILURE() << style << ": first decode mismatch at corpus line " << i + 1
                          << "\n  HF:   " << escaped(wantDecode) << "\n  ours: " << escaped(gotDecode);
        }
        const json::Value* skipValue = row.find("decode_skip");
        const std::string wantSkip = skipValue ? *skipValue->asString() : skipPrefix + line + skipSuffix;
        const std::string gotSkip = tokenizer->decode(got, SkipSpecial::Yes);
        if (gotSkip != wantSkip && skipMismatches++ == 0) {
            ADD_FAILURE() << style << ": first skip-special decode mismatch at corpus line " << i + 1
                          << "\n  HF:   " << escaped(wantSkip) << "\n  ours: " << escaped(gotSkip);
        }
        // Without special tokens only the template's own ids go.
        const std::vector<std::int32_t> plain(
            want.begin() + static_cast<std::ptrdiff_t>(GetParam().templateLeading),
            want.end() - static_cast<std::ptrdiff_t>(GetParam().templateTrailing));
        EXPECT_EQ(tokenizer->encode(line, SpecialTokens::Skip), plain) << style << " line " << i + 1;
    }
    EXPECT_EQ(encodeMismatches, 0u) << style << ": lines whose ids differ from HF";
    EXPECT_EQ(decodeMismatches, 0u) << style << ": lines whose decode differs from HF";
    EXPECT_EQ(skipMismatches, 0u) << style << ": lines whose skip-special decode differs from HF";
    std::cout << "[ parity ] " << style << ": " << lines << " lines, " << idsCompared << " ids compared, "
              << encodeMismatches << " encode / " << decodeMismatches << " decode / " << skipMismatches
              << " skip-special decode mismatches\n";
}

INSTANTIATE_TEST_SUITE_P(Styles, TokenizerParityTest,
                         ::testing::Values(Style{"gpt2", 0, 0}, Style{"opt", 1, 0}, Style{"llama3", 1, 0},
                                           Style{"smollm2", 0, 0}, Style{"mixed", 1, 1}),
                         [](const auto& testInfo) { return std::string(testInfo.param.name); });

}  // namespace
}  // namespace offsite::tokenizer

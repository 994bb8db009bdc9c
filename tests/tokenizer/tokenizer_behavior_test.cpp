// Behaviour beyond the corpus: vocabulary queries, BOS/EOS guesses, invalid UTF-8 input, Oniguruma-to-PCRE2
// pattern translation, concurrent use, and loading speed for a GPT-2-sized vocabulary.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "core/tokenizer/regex.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::tokenizer {
namespace {

const std::string kDataDir = std::string(OFFSITE_TEST_DATA) + "/tokenizer";

Tokenizer load(const std::string& style) {
    auto tokenizer = Tokenizer::fromFile(kDataDir + "/" + style + "/tokenizer.json");
    EXPECT_TRUE(tokenizer.ok()) << (tokenizer.ok() ? "" : tokenizer.error().message);
    return std::move(tokenizer).value();
}

TEST(TokenizerVocabulary, SizesAndLookupsMatchHuggingFace) {
    const Tokenizer gpt2 = load("gpt2");
    EXPECT_EQ(gpt2.vocabSize(), 2004);
    EXPECT_EQ(gpt2.tokenToId("<|endoftext|>"), 0);
    EXPECT_EQ(gpt2.tokenToId("<mask>"), 2000);  // added after the trained vocabulary
    EXPECT_EQ(gpt2.tokenToId("[WORD]"), 2002);
    EXPECT_EQ(gpt2.idToToken(2000), "<mask>");
    EXPECT_EQ(gpt2.tokenToId("no such token"), std::nullopt);
    EXPECT_EQ(gpt2.idToToken(99999), std::nullopt);
    EXPECT_EQ(gpt2.idToToken(-1), std::nullopt);
    EXPECT_TRUE(gpt2.isSpecial(0));
    EXPECT_FALSE(gpt2.isSpecial(2002));  // [WORD] is added but not special
    const std::vector<std::int32_t> unknownIds = {99999, -5};
    EXPECT_EQ(gpt2.decode(unknownIds), "");  // ids naming no token are skipped, like HF
}

TEST(TokenizerVocabulary, BosAndEosFollowTheTemplateThenKnownNames) {
    EXPECT_EQ(load("llama3").bosId(), 0);  // <|begin_of_text|> from TemplateProcessing
    EXPECT_EQ(load("llama3").eosId(), 1);  // <|end_of_text|>
    EXPECT_EQ(load("opt").bosId(), 2);     // </s> from the "</s> $A" template
    EXPECT_EQ(load("opt").eosId(), 2);
    EXPECT_EQ(load("mixed").bosId(), 1);  // "<s> $A </s>"
    EXPECT_EQ(load("mixed").eosId(), 2);
    EXPECT_EQ(load("gpt2").bosId(), 0);  // <|endoftext|>
    EXPECT_EQ(load("gpt2").eosId(), 0);
    EXPECT_EQ(load("smollm2").bosId(), 0);
    EXPECT_EQ(load("smollm2").eosId(), 0);
}

TEST(TokenizerEncode, InvalidUtf8IsReadAsReplacementCharacters) {
    const Tokenizer tokenizer = load("smollm2");
    // One U+FFFD per maximal invalid subpart: "\xE2\x82" is one truncated sequence, "\xFF" another.
    EXPECT_EQ(tokenizer.encode("a\xE2\x82"
                               "b\xFF"),
              tokenizer.encode("a\xEF\xBF\xBD"
                               "b\xEF\xBF\xBD"));
    EXPECT_EQ(tokenizer.encode("a\xFF"
                               "b"),
              (std::vector<std::int32_t>{69, 1613, 70}));  // HF: "a\ufffdb"
}

TEST(TokenizerEncode, EmptyTextGivesOnlyTemplateTokens) {
    EXPECT_TRUE(load("gpt2").encode("").empty());
    EXPECT_EQ(load("llama3").encode(""), std::vector<std::int32_t>{0});
    EXPECT_TRUE(load("llama3").encode("", SpecialTokens::Skip).empty());
}

TEST(TokenizerEncode, ConcurrentEncodesAgreeWithSerialOnes) {
    const Tokenizer tokenizer = load("llama3");
    std::vector<std::string> texts;
    for (int i = 0; i < 200; ++i) texts.push_back("line " + std::to_string(i * 7919) + " héllo wörld 你好 ");
    std::vector<std::vector<std::int32_t>> serial;
    for (const std::string& text : texts) serial.push_back(tokenizer.encode(text));
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < texts.size(); ++i) {
                if (tokenizer.encode(texts[i]) != serial[i]) ++failures[static_cast<std::size_t>(t)];
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(TokenizerRegex, OnigurumaEscapesBecomeTheirPcre2Equivalents) {
    auto translated = translateOnigurumaPattern(R"(\s+(?!\S)|[^\s\p{L}\p{N}]+|\w|[\w-]|\h|\u00e9)");
    ASSERT_TRUE(translated.ok()) << translated.error().message;
    EXPECT_EQ(translated.value(),
              R"(\p{White_Space}+(?!\P{White_Space})|[^\p{White_Space}\p{L}\p{N}]+|[\p{L}\p{M}\p{Nd}\p{Pc}])"
              R"(|[\p{L}\p{M}\p{Nd}\p{Pc}-]|[0-9a-fA-F]|\x{00e9})");
    auto literalBracket = translateOnigurumaPattern(R"([]a]|[^]b]|\[)");
    ASSERT_TRUE(literalBracket.ok());
    EXPECT_EQ(literalBracket.value(), R"([]a]|[^]b]|\[)");
}

TEST(TokenizerRegex, FindAllSkipsEmptyMatchesAfterAMatchLikeOniguruma) {
    auto regex = Regex::compileOniguruma("a*");
    ASSERT_TRUE(regex.ok());
    std::vector<ByteSpan> spans;
    regex->findAll("baab", spans);
    // onig: (0,0) empty, (1,3) "aa", then (3,3) skipped, (4,4) at the end.
    ASSERT_EQ(spans.size(), 3u);
    EXPECT_EQ(spans[0].begin, 0u);
    EXPECT_EQ(spans[0].end, 0u);
    EXPECT_EQ(spans[1].begin, 1u);
    EXPECT_EQ(spans[1].end, 3u);
    EXPECT_EQ(spans[2].begin, 4u);
    EXPECT_EQ(spans[2].end, 4u);
}

TEST(TokenizerLoad, FiftyThousandTokenVocabularyLoadsQuickly) {
    // A GPT-2-sized synthetic vocabulary: 256 byte tokens plus ~49k merged tokens and their merges.
    std::string json =
        R"({"version":"1.0","added_tokens":[{"id":0,"content":"<|endoftext|>","single_word":false,)"
        R"("lstrip":false,"rstrip":false,"normalized":false,"special":true}],)"
        R"("pre_tokenizer":{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,)"
        R"("use_regex":true},"decoder":{"type":"ByteLevel"},"model":{"type":"BPE","vocab":{)";
    std::vector<std::string> tokens;
    const std::string letters = "abcdefghijklmnopqrstuvwxyz";
    for (const char c : letters) tokens.emplace_back(1, c);
    std::vector<std::pair<std::string, std::string>> merges;
    // Breadth-first over strings of letters: every token is a merge of a shorter token and one letter.
    for (std::size_t j = 0; tokens.size() < 49152; ++j) {
        for (const char c : letters) {
            if (tokens.size() >= 49152) break;
            const std::string left = tokens[j];
            tokens.push_back(left + c);
            merges.emplace_back(left, std::string(1, c));
        }
    }
    json += R"("<|endoftext|>":0)";
    for (std::size_t i = 0; i < tokens.size(); ++i) json += ",\"" + tokens[i] + "\":" + std::to_string(i + 1);
    json += R"(},"merges":[)";
    for (std::size_t i = 0; i < merges.size(); ++i) {
        json += (i ? ",[\"" : "[\"") + merges[i].first + "\",\"" + merges[i].second + "\"]";
    }
    json += "]}}";
    const auto start = std::chrono::steady_clock::now();
    auto tokenizer = Tokenizer::fromJson(json);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(tokenizer.ok()) << tokenizer.error().message;
    EXPECT_GE(tokenizer->vocabSize(), 49152);
    // Generous bound for shared CI machines and sanitizer builds; typically well under 0.2 s.
    EXPECT_LT(seconds, 3.0);
    std::cout << "[ load ] " << tokenizer->vocabSize() << " tokens loaded in " << seconds << " s\n";
}

}  // namespace
}  // namespace offsite::tokenizer

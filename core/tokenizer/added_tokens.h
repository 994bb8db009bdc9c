// Added tokens (special and not): found in the raw text before pre-tokenization, with Hugging Face's
// AddedVocabulary rules: leftmost-longest matching, non-normalized tokens first, then normalized ones in
// the gaps, and the single_word / lstrip / rstrip flags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/base/result.h"
#include "core/json/json.h"
#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/regex.h"

namespace offsite::tokenizer {

struct AddedToken {
    std::string content;
    bool singleWord = false;
    bool lstrip = false;
    bool rstrip = false;
    bool normalized = true;
    bool special = false;
    friend bool operator==(const AddedToken&, const AddedToken&) = default;
};

// A piece of the input: an added token (id >= 0) or text still to be tokenized (id == kTextSegment).
struct Segment {
    static constexpr std::int32_t kTextSegment = -1;
    std::size_t begin;
    std::size_t end;
    std::int32_t id;
};

class AddedVocabulary {
public:
    [[nodiscard]] static Result<AddedVocabulary> fromJson(const json::Value* addedTokens,
                                                          const BpeModel& model);

    // Splits valid UTF-8 text into added tokens and text segments (empty text segments are omitted).
    void split(std::string_view text, std::vector<Segment>& out) const;

    [[nodiscard]] std::optional<std::int32_t> tokenToId(std::string_view content) const;
    [[nodiscard]] const AddedToken* byId(std::int32_t id) const;
    [[nodiscard]] bool isSpecialContent(std::string_view content) const;
    [[nodiscard]] std::int32_t maxId() const;
    // Special tokens in file order, for BOS/EOS guesses.
    [[nodiscard]] const std::vector<std::string>& specialContents() const { return specialOrder_; }

private:
    // A byte trie for leftmost-longest matching (what aho-corasick's LeftmostLongest yields).
    struct Trie {
        struct Node {
            std::map<unsigned char, std::int32_t> children;
            std::int32_t tokenId = -1;
        };
        std::vector<Node> nodes{Node{}};
        bool firstBytes[256] = {};
        bool empty = true;
        void insert(std::string_view content, std::int32_t id);
        // Earliest match starting at or after `from`; the longest one there.
        [[nodiscard]] std::optional<Segment> find(std::string_view text, std::size_t from) const;
    };
    Status add(const AddedToken& token, const BpeModel& model);
    void buildTries();
    void findMatches(std::string_view sentence, std::size_t base, const Trie& trie,
                     std::vector<Segment>& out) const;

    std::map<std::string, std::int32_t, std::less<>> byContent_;
    std::map<std::int32_t, AddedToken> byId_;
    std::vector<AddedToken> specialTokens_;  // order of addition
    std::vector<AddedToken> plainTokens_;
    std::unordered_set<std::string, StringHash, std::equal_to<>> specialSet_;
    std::vector<std::string> specialOrder_;
    std::size_t modelEntries_ = 0;
    std::int64_t maxAddedId_ = -1;
    Trie rawTrie_;
    Trie normalizedTrie_;
    // Rust regex's \w and \s, which HF uses for single_word and lstrip/rstrip.
    std::optional<Regex> wordChar_;
    std::optional<Regex> spaceChar_;
};

}  // namespace offsite::tokenizer

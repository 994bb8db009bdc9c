// The BPE model of tokenizer.json: vocabulary, ranked merges, and the merge loop of Hugging Face's
// `Word::merge_all` (lowest rank first, leftmost on ties), with a bounded per-word cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/result.h"
#include "core/json/json.h"

namespace offsite::tokenizer {

// Transparent hashing so maps keyed by std::string can be searched with a string_view.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using TokenMap = std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>>;

inline constexpr std::size_t kMaxVocabEntries = std::size_t{1} << 20;
inline constexpr std::size_t kMaxMerges = std::size_t{2} << 20;
inline constexpr std::int32_t kMaxTokenId = 4 << 20;  // ids index dense tables; keep them bounded

class BpeModel {
public:
    // `model` is the tokenizer.json "model" object (its type already checked to be BPE).
    [[nodiscard]] static Result<BpeModel> fromJson(const json::Value& model);

    BpeModel(BpeModel&&) noexcept;
    BpeModel& operator=(BpeModel&&) noexcept;
    ~BpeModel();

    // Appends the ids of one pre-tokenized word.
    void tokenize(std::string_view word, std::vector<std::int32_t>& out) const;

    [[nodiscard]] std::optional<std::int32_t> tokenToId(std::string_view token) const;
    [[nodiscard]] const std::string* idToToken(std::int32_t id) const;
    // Number of vocabulary entries (Hugging Face's BPE::get_vocab_size).
    [[nodiscard]] std::size_t entryCount() const { return vocab_.size(); }
    [[nodiscard]] std::int32_t maxId() const { return static_cast<std::int32_t>(byId_.size()) - 1; }

private:
    BpeModel();
    struct MergeInfo {
        std::uint32_t rank;
        std::int32_t newId;
    };
    struct Cache;
    void mergeWord(std::string_view word, std::vector<std::int32_t>& out) const;

    TokenMap vocab_;
    std::vector<const std::string*> byId_;  // points into vocab_'s nodes, which never move
    std::unordered_map<std::uint64_t, MergeInfo> merges_;
    std::optional<std::int32_t> unkId_;
    bool fuseUnk_ = false;
    bool ignoreMerges_ = false;
    std::unique_ptr<Cache> cache_;
};

}  // namespace offsite::tokenizer

// Pre-tokenization: splitting text into words before BPE, with the ByteLevel, Split and Digits
// pre-tokenizers of tokenizer.json (alone or in a Sequence), matching Hugging Face piece for piece.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/json/json.h"

namespace offsite::tokenizer {

class PreTokenizer {
public:
    // `value` is the tokenizer.json "pre_tokenizer" member (null: the whole text is one word).
    [[nodiscard]] static Result<PreTokenizer> fromJson(const json::Value& value);

    PreTokenizer(PreTokenizer&&) noexcept;
    PreTokenizer& operator=(PreTokenizer&&) noexcept;
    ~PreTokenizer();

    // Replaces `words` with the pre-tokenized words of valid UTF-8 `text` (empty words are dropped).
    void apply(std::string_view text, std::vector<std::string>& words) const;

private:
    struct Steps;
    explicit PreTokenizer(std::unique_ptr<Steps> steps);
    std::unique_ptr<Steps> steps_;
};

}  // namespace offsite::tokenizer

// Post-processing after BPE: the special tokens a TemplateProcessing adds around the text (e.g. Llama 3's
// <|begin_of_text|>), ByteLevel (no effect on ids) and Sequences of these.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/base/result.h"
#include "core/json/json.h"

namespace offsite::tokenizer {

// One piece of a template: the text ("$A") or the ids of a special token.
struct TemplatePiece {
    bool isSequence;
    std::vector<std::int32_t> ids;
};

class PostProcessor {
public:
    // `value` is the tokenizer.json "post_processor" member (null: nothing is added).
    [[nodiscard]] static Result<PostProcessor> fromJson(const json::Value& value);

    // Applies the single-sequence template(s); without AddSpecial only the text's ids remain.
    enum class AddSpecial { Yes = 1, No };
    void apply(std::vector<std::int32_t>& ids, AddSpecial add) const;

    // The single id placed before / after the text by the last template, if exactly one is.
    [[nodiscard]] std::optional<std::int32_t> leadingSpecial() const;
    [[nodiscard]] std::optional<std::int32_t> trailingSpecial() const;

private:
    std::vector<std::vector<TemplatePiece>> templates_;  // applied in order
};

}  // namespace offsite::tokenizer

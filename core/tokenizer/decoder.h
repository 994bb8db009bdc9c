// Decoding ids back to text: the ByteLevel decoder (and Sequences of it) of tokenizer.json, or HF's
// fallback of joining tokens with spaces when there is no decoder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/json/json.h"

namespace offsite::tokenizer {

class Decoder {
public:
    // `value` is the tokenizer.json "decoder" member.
    [[nodiscard]] static Result<Decoder> fromJson(const json::Value& value);

    [[nodiscard]] std::string decode(const std::vector<std::string_view>& tokens) const;

private:
    enum class Step { ByteLevel = 1 };
    std::vector<Step> steps_;
    bool present_ = false;
};

}  // namespace offsite::tokenizer

// Typed access to tokenizer.json members with messages that say which component and field is wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/json/json.h"

namespace offsite::tokenizer::fields {

// The member `key` of `object`, which must exist. `where` names the component, e.g. "the model".
[[nodiscard]] Result<const json::Value*> required(const json::Value& object, std::string_view key,
                                                  std::string_view where);
// The string member `key`, which must exist.
[[nodiscard]] Result<std::string> requiredString(const json::Value& object, std::string_view key,
                                                 std::string_view where);
// A boolean member; absent or null gives `fallback`.
[[nodiscard]] Result<bool> optionalBool(const json::Value& object, std::string_view key, bool fallback,
                                        std::string_view where);
// A component's "type" member.
[[nodiscard]] Result<std::string> type(const json::Value& component, std::string_view where);
// A non-negative integer that fits int32 (token ids).
[[nodiscard]] Result<std::int32_t> tokenId(const json::Value& value, std::string_view where);

[[nodiscard]] std::string quoted(std::string_view text);

}  // namespace offsite::tokenizer::fields

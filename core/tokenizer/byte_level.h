// GPT-2's reversible byte <-> printable-character mapping ("bytes_to_unicode"), used by the ByteLevel
// pre-tokenizer (bytes to characters) and the ByteLevel decoder (characters back to bytes).
#pragma once

#include <string>
#include <string_view>

namespace offsite::tokenizer::byte_level {

// Appends the mapped characters of every byte of `text`.
void encode(std::string_view text, std::string& out);

// Appends the bytes a token's characters stand for. Returns false (appending nothing) when some character
// is not a mapped byte, in which case Hugging Face keeps the token's own UTF-8 bytes.
[[nodiscard]] bool decodeToken(std::string_view token, std::string& out);

}  // namespace offsite::tokenizer::byte_level

// UTF-8 primitives the tokenizer needs: validation, lossy repair with the same replacement policy as Rust's
// String::from_utf8_lossy (one U+FFFD per maximal invalid subpart), and code point stepping.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace offsite::tokenizer::utf8 {

[[nodiscard]] bool isValid(std::string_view text);

// Replaces each maximal invalid subpart with U+FFFD; valid input is returned unchanged.
[[nodiscard]] std::string toValidLossy(std::string_view bytes);

// Length of the code point whose lead byte is `lead`, for text already known to be valid.
[[nodiscard]] inline std::size_t charLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

// Start of the code point that ends at `end` (exclusive), for valid text and end > 0.
[[nodiscard]] inline std::size_t previousCharStart(std::string_view text, std::size_t end) {
    std::size_t pos = end - 1;
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    return pos;
}

// Appends the UTF-8 encoding of a code point (which must be a valid scalar value).
void append(std::string& out, char32_t codePoint);

}  // namespace offsite::tokenizer::utf8

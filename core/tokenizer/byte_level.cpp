// The byte-level alphabet: bytes that are printable Latin-1 map to themselves, the other 68 map to
// U+0100..U+0143 in byte order, exactly as GPT-2's bytes_to_unicode() and Hugging Face's BYTES_CHAR.
#include "core/tokenizer/byte_level.h"

#include <array>
#include <cstdint>

#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer::byte_level {
namespace {

constexpr char32_t kMappedLimit = 0x144;  // every mapped character is below this

struct Tables {
    std::array<std::string, 256> byteToChars;
    std::array<std::int16_t, kMappedLimit> charToByte{};

    Tables() {
        charToByte.fill(-1);
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            const char32_t cp = printable ? static_cast<char32_t>(b) : next++;
            utf8::append(byteToChars[static_cast<std::size_t>(b)], cp);
            charToByte[cp] = static_cast<std::int16_t>(b);
        }
    }
};

const Tables& tables() {
    static const Tables instance;
    return instance;
}

}  // namespace

void encode(std::string_view text, std::string& out) {
    const Tables& t = tables();
    out.reserve(out.size() + text.size() * 2);
    for (const char c : text) out.append(t.byteToChars[static_cast<unsigned char>(c)]);
}

bool decodeToken(std::string_view token, std::string& out) {
    const Tables& t = tables();
    const std::size_t mark = out.size();
    std::size_t pos = 0;
    while (pos < token.size()) {
        const auto lead = static_cast<unsigned char>(token[pos]);
        char32_t cp = 0;
        if (lead < 0x80) {
            cp = lead;
            pos += 1;
        } else if ((lead & 0xE0) == 0xC0 && pos + 1 < token.size()) {
            cp = (static_cast<char32_t>(lead & 0x1F) << 6) |
                 (static_cast<unsigned char>(token[pos + 1]) & 0x3F);
            pos += 2;
        } else {
            out.resize(mark);  // three- and four-byte characters are never mapped bytes
            return false;
        }
        if (cp >= kMappedLimit || t.charToByte[cp] < 0) {
            out.resize(mark);
            return false;
        }
        out.push_back(static_cast<char>(t.charToByte[cp]));
    }
    return true;
}

}  // namespace offsite::tokenizer::byte_level

// UTF-8 validation and lossy repair following Unicode's "maximal subpart" practice (Table 3-7 well-formed
// byte sequences), which is what Rust's from_utf8_lossy and Python's errors="replace" produce.
#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer::utf8 {
namespace {

struct Scan {
    std::size_t length;  // bytes consumed: the whole sequence, or the maximal invalid subpart (>= 1)
    bool valid;
};

Scan scanAt(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return {1, true};
    std::size_t need = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return {1, false};
    }
    std::size_t i = 1;
    for (; i <= need; ++i) {
        if (pos + i >= text.size()) return {i, false};
        const unsigned char b = byte(pos + i);
        const unsigned char lo = (i == 1) ? low : 0x80;
        const unsigned char hi = (i == 1) ? high : 0xBF;
        if (b < lo || b > hi) return {i, false};
    }
    return {need + 1, true};
}

}  // namespace

bool isValid(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Fast path for ASCII runs.
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const Scan scan = scanAt(text, pos);
        if (!scan.valid) return false;
        pos += scan.length;
    }
    return true;
}

std::string toValidLossy(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 8);
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const Scan scan = scanAt(bytes, pos);
        if (scan.valid) {
            out.append(bytes.substr(pos, scan.length));
        } else {
            out.append("\xEF\xBF\xBD");
        }
        pos += scan.length;
    }
    return out;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

}  // namespace offsite::tokenizer::utf8

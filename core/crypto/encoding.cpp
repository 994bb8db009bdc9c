// Canonical Base64, Bech32 and hex. Written here rather than taken from libsodium so that canonical-form
// checks (padding bits, case) are explicit and testable.
#include "core/crypto/encoding.h"

#include <array>

namespace offsite::crypto {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

std::uint32_t bech32Polymod(const std::vector<std::uint8_t>& values) {
    constexpr std::array<std::uint32_t, 5> kGenerator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                         0x2a1462b3};
    std::uint32_t chk = 1;
    for (const std::uint8_t v : values) {
        const std::uint32_t top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (std::size_t i = 0; i < kGenerator.size(); ++i) {
            if ((top >> i) & 1) chk ^= kGenerator[i];
        }
    }
    return chk;
}

std::vector<std::uint8_t> bech32HrpExpand(std::string_view hrp) {
    std::vector<std::uint8_t> out;
    out.reserve(hrp.size() * 2 + 1);
    for (const char c : hrp) out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
    out.push_back(0);
    for (const char c : hrp) out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) & 31));
    return out;
}

Error encodingError(std::string message) {
    return makeError(ErrorKind::InvalidInput, std::move(message));
}

}  // namespace

std::string base64Encode(std::span<const std::uint8_t> bytes, Base64Padding padding) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v =
            (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        out.push_back(kBase64Alphabet[(v >> 18) & 63]);
        out.push_back(kBase64Alphabet[(v >> 12) & 63]);
        out.push_back(kBase64Alphabet[(v >> 6) & 63]);
        out.push_back(kBase64Alphabet[v & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t{bytes[i]} << 16;
        out.push_back(kBase64Alphabet[(v >> 18) & 63]);
        out.push_back(kBase64Alphabet[(v >> 12) & 63]);
        if (padding == Base64Padding::Padded) out += "==";
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8);
        out.push_back(kBase64Alphabet[(v >> 18) & 63]);
        out.push_back(kBase64Alphabet[(v >> 12) & 63]);
        out.push_back(kBase64Alphabet[(v >> 6) & 63]);
        if (padding == Base64Padding::Padded) out += "=";
    }
    return out;
}

Result<std::vector<std::uint8_t>> base64Decode(std::string_view text, Base64Padding padding) {
    std::size_t padCount = 0;
    if (padding == Base64Padding::Padded) {
        if (text.size() % 4 != 0)
            return encodingError("base64 text has a length that is not a multiple of 4");
        while (padCount < 2 && padCount < text.size() && text[text.size() - 1 - padCount] == '=') ++padCount;
        text.remove_suffix(padCount);
    } else if (text.size() % 4 == 1) {
        return encodingError("base64 text has an impossible length");
    }
    const std::size_t rest = text.size() % 4;
    if (padding == Base64Padding::Padded && padCount != 0 && rest != 4 - padCount) {
        return encodingError("base64 text has wrong padding");
    }
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 4 * 3 + 2);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = base64Value(c);
        if (v < 0) {
            return encodingError(c == '='
                                     ? std::string("base64 text has padding ('=') where none is allowed")
                                     : std::string("base64 text contains a character outside the alphabet"));
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    // Unused low bits of the last character must be zero, or two spellings would decode to the same bytes.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
        return encodingError("base64 text is not in canonical form (non-zero padding bits)");
    }
    return out;
}

std::string bech32Encode(std::string_view humanPart, std::span<const std::uint8_t> bytes) {
    std::string hrp;
    for (const char c : humanPart)
        hrp.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    std::vector<std::uint8_t> data;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const std::uint8_t b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            data.push_back(static_cast<std::uint8_t>((acc >> bits) & 31));
        }
    }
    if (bits > 0) data.push_back(static_cast<std::uint8_t>((acc << (5 - bits)) & 31));
    std::vector<std::uint8_t> values = bech32HrpExpand(hrp);
    values.insert(values.end(), data.begin(), data.end());
    values.insert(values.end(), 6, 0);
    const std::uint32_t mod = bech32Polymod(values) ^ 1;
    std::string out = hrp + "1";
    for (const std::uint8_t d : data) out.push_back(kBech32Alphabet[d]);
    for (int i = 0; i < 6; ++i) out.push_back(kBech32Alphabet[(mod >> (5 * (5 - i))) & 31]);
    return out;
}

Result<Bech32Decoded> bech32Decode(std::string_view text) {
    bool lower = false;
    bool upper = false;
    for (const char c : text) {
        if (c < 33 || c > 126) return encodingError("Bech32 text contains a space or a non-ASCII character");
        if (c >= 'a' && c <= 'z') lower = true;
        if (c >= 'A' && c <= 'Z') upper = true;
    }
    if (lower && upper) return encodingError("Bech32 text mixes upper and lower case");
    std::string s(text);
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    const std::size_t sep = s.rfind('1');
    if (sep == std::string::npos || sep == 0 || sep + 7 > s.size()) {
        return encodingError("Bech32 text has no separator or is too short");
    }
    Bech32Decoded decoded;
    decoded.humanPart = s.substr(0, sep);
    std::vector<std::uint8_t> values = bech32HrpExpand(decoded.humanPart);
    std::vector<std::uint8_t> data;
    for (std::size_t i = sep + 1; i < s.size(); ++i) {
        const std::size_t v = kBech32Alphabet.find(s[i]);
        if (v == std::string_view::npos) return encodingError("Bech32 text contains an invalid character");
        data.push_back(static_cast<std::uint8_t>(v));
    }
    values.insert(values.end(), data.begin(), data.end());
    if (bech32Polymod(values) != 1)
        return encodingError("Bech32 checksum is wrong (a typo or a damaged key?)");
    data.resize(data.size() - 6);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const std::uint8_t d : data) {
        acc = (acc << 5) | d;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            decoded.bytes.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) {
        return encodingError("Bech32 text is not in canonical form (bad padding)");
    }
    return decoded;
}

std::string hexEncode(std::span<const std::uint8_t> bytes) {
    constexpr std::string_view kHex = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
    }
    return out;
}

Result<std::vector<std::uint8_t>> hexDecode(std::string_view text) {
    if (text.size() % 2 != 0) return encodingError("hex text has an odd number of digits");
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int hi = digit(text[i]);
        const int lo = digit(text[i + 1]);
        if (hi < 0 || lo < 0) return encodingError("hex text contains a non-hex character");
        out.push_back(static_cast<std::uint8_t>((hi << 4) | lo));
    }
    return out;
}

}  // namespace offsite::crypto

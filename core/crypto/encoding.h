// Text encodings of keys and signatures: canonical Base64 (padded for minisign, unpadded for age), Bech32 for
// age recipients and identities, and hex for messages and tests. Decoders accept only the canonical form, so
// one key or signature has exactly one spelling (no malleable padding bits, no mixed case).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::crypto {

enum class Base64Padding {
    Padded = 1,  // RFC 4648 with '=' (minisign)
    Unpadded,    // RFC 4648 without '=' (age)
};

[[nodiscard]] std::string base64Encode(std::span<const std::uint8_t> bytes, Base64Padding padding);

// Refuses any character outside the standard alphabet, wrong or missing padding, and non-zero unused bits.
[[nodiscard]] Result<std::vector<std::uint8_t>> base64Decode(std::string_view text, Base64Padding padding);

// Bech32 (BIP 173 checksum) without the 90-character limit, as age uses it. Encodes lower case.
[[nodiscard]] std::string bech32Encode(std::string_view humanPart, std::span<const std::uint8_t> bytes);

struct Bech32Decoded {
    std::string humanPart;  // lower case
    std::vector<std::uint8_t> bytes;
};

// Refuses mixed case, a bad checksum, and non-zero padding bits.
[[nodiscard]] Result<Bech32Decoded> bech32Decode(std::string_view text);

[[nodiscard]] std::string hexEncode(std::span<const std::uint8_t> bytes);
[[nodiscard]] Result<std::vector<std::uint8_t>> hexDecode(std::string_view text);

}  // namespace offsite::crypto

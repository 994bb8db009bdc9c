// libFuzzer target for the minisign signature and public-key parsers (the only inputs read before a signature
// is checked). A signature we accept must survive our own writer unchanged, and verification must fail
// cleanly rather than crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/crypto/minisign.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offsite::crypto;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto publicKey = parseMinisignPublicKey(text);
    auto signature = parseMinisignSignature(text);
    if (!signature.ok()) return 0;
    if (signature->trustedComment.size() > kMinisignTrustedCommentMaxBytes) std::abort();
    if (signature->untrustedComment.size() > kMinisignUntrustedCommentMaxBytes) std::abort();
    const std::string once = formatMinisignSignature(*signature);
    auto again = parseMinisignSignature(once);
    if (!again.ok() || formatMinisignSignature(*again) != once) std::abort();
    MinisignPublicKey key;
    key.keyId = signature->keyId;
    if (publicKey.ok()) key = *publicKey;
    auto verified = verifyBytes(ByteSpan(data, size), *signature, key);
    (void)verified.ok();
    return 0;
}

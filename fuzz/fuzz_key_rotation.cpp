// libFuzzer target for signed publisher key changes (PKG-8): the document schema, and the whole check against
// a fixed trust root, with the input split into a document and signature files. Nothing the fuzzer makes can
// carry a valid signature by the fixed root key, so every input must be refused without a crash; a document
// the schema accepts must serialize to one it accepts again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/package/key_rotation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offsite::package;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto parsed = parseKeyRotation(bytes);
    if (parsed.ok()) {
        auto again = serializeKeyRotation(*parsed);
        if (!again.ok() || !parseKeyRotation(*again).ok()) std::abort();
    }
    // Document, then signature files, separated by a NUL byte.
    SignedKeyRotation rotation;
    rotation.documentName = "publisher-keys.v2.json";
    std::size_t start = bytes.find('\0');
    rotation.documentBytes = std::string(bytes.substr(0, start));
    int index = 0;
    while (start != std::string_view::npos && index < 8) {
        const std::size_t next = bytes.find('\0', start + 1);
        rotation.signatures.emplace_back("publisher-keys.v2.json.s" + std::to_string(index++) + ".minisig",
                                         std::string(bytes.substr(start + 1, next == std::string_view::npos
                                                                                 ? std::string_view::npos
                                                                                 : next - start - 1)));
        start = next;
    }
    TrustRoot root;
    root.publisherId = "example.org";
    auto key = offsite::crypto::parseMinisignPublicKey("RWTdSEXPg27AD5h0Sqv5bW1BoCvGBLwBiqMfUWCZRgA8CI6iGamh/m8K");
    if (!key.ok()) std::abort();
    root.keys.push_back(*key);
    if (verifyKeyRotation(rotation, root).ok()) std::abort();
    return 0;
}

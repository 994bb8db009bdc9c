// libFuzzer target for the age v1 reader: the header parser on its own, then a whole decryption with a fixed
// identity (stanza checks, MAC, payload chunking). Neither may crash, hang or read out of bounds, and a
// header we accept must respect the caps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/crypto/age.h"

namespace {

const offsite::crypto::AgeIdentity* fixedIdentity() {
    // The identity whose recipient encrypted the seed corpus (fuzz/corpus/age_header).
    static auto identity = offsite::crypto::AgeIdentity::parse(
        "AGE-SECRET-KEY-179AL5WEMNJNCPP9ZT6S2Z6V3HWFWSZKM3MCJ8ADY3C7YNSSC6ANQT3TDD9");
    return identity.ok() ? &identity.value() : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto header = offsite::crypto::parseAgeHeader(text);
    if (header.ok()) {
        if (header->stanzas.empty() || header->stanzas.size() > offsite::crypto::kAgeMaxStanzas) std::abort();
        if (header->totalBytes > size || header->macInputBytes >= header->totalBytes) std::abort();
    }
    if (const auto* identity = fixedIdentity()) {
        auto plaintext = offsite::crypto::ageDecrypt(offsite::crypto::ByteSpan(data, size), {identity, 1});
        (void)plaintext.ok();
    }
    return 0;
}

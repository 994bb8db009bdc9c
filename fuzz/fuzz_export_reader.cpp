// libFuzzer target for the export reader's layers after decryption (what openExport runs on the plaintext a
// data owner encrypted and signed; a hostile data owner controls all of it): the strict ustar walk over
// exactly three entries, provenance.json, the adapter's size and SHA-256 against it, the safetensors header and
// the tensor list. No input may crash; an accepted one must hold an adapter inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/export/export.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view plaintext(reinterpret_cast<const char*>(data), size);
    auto contents = offsite::exports::readExportContents(plaintext);
    if (contents.ok()) {
        const char* begin = contents->adapterBytes.data();
        if (begin < plaintext.data() || begin + contents->adapterBytes.size() > plaintext.data() + size)
            std::abort();
        if (contents->adapterSha256.size() != 64) std::abort();
    }
    return 0;
}

// libFuzzer target for an export's provenance record (provenance.json, written by the data owner's app and
// read by the model owner's): strict JSON, then the typed fields. Every input must be refused or accepted
// without a crash; an accepted record has sane sizes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/export/export.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto record = offsite::exports::parseProvenanceRecord(text);
    if (record.ok()) {
        // Every listed tensor came from the input, so the record cannot be larger than it.
        if (record->listing.tensors.size() > size) std::abort();
        (void)record->listing.text();  // the listing the owner is shown must render for anything accepted
    }
    return 0;
}

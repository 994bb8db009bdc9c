// libFuzzer target for the .otpkg container reader: the tar header walk, the bounded manifest/signature
// reads, the manifest schema and the full verification order. With no trusted key nothing can verify, so a
// crash-free refusal is the expected outcome for every input; the schema parser is also fed each manifest
// entry directly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/package/manifest.h"
#include "core/package/package.h"
#include "core/package/tar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offsite::package;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto source = memorySource(bytes);
    TarReader reader(*source);
    for (int i = 0; i < 64; ++i) {
        auto entry = reader.next();
        if (!entry.ok() || entry->name.empty()) break;
        if (entry->dataOffset + entry->size > size) std::abort();  // the reader promised the bytes exist
        if (entry->name == kManifestName) {
            auto manifestBytes = reader.readAll(*entry, kManifestMaxBytes, "manifest.json");
            if (manifestBytes.ok()) {
                auto manifest = parseManifest(*manifestBytes);
                if (manifest.ok()) {
                    // Anything we accept must serialize to something we accept again.
                    auto again = serializeManifest(*manifest);
                    if (!again.ok() || !parseManifest(*again).ok()) std::abort();
                }
            }
        }
    }
    const TrustedKeys noKeys;
    auto verified = verifyPackageBytes(bytes, VerifyParams{&noKeys, 0, 0});
    if (verified.ok()) std::abort();  // nothing can verify without a pinned key
    return 0;
}

// libFuzzer target for the safetensors header validator: any byte string is treated as a whole file.
// On success the validated invariants are re-checked, so a silently wrong "ok" also counts as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/safetensors/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    offsite::safetensors::Limits limits;
    limits.maxHeaderBytes = 1u << 20;  // keeps each run fast; the logic is the same at 16 MiB
    auto header = offsite::safetensors::parseHeader(bytes, size, limits);
    if (!header.ok()) return 0;
    std::uint64_t expected = 0;
    for (const auto& t : header->tensors) {
        if (t.begin != expected || t.end < t.begin) std::abort();
        if (static_cast<std::uint64_t>(t.numel()) * offsite::safetensors::dtypeSize(t.dtype) !=
            t.end - t.begin) {
            std::abort();
        }
        expected = t.end;
    }
    if (header->dataOffset() + header->dataBytes != size) std::abort();
    return 0;
}

// libFuzzer target for the GGUF reader: parses arbitrary bytes from memory and, when they parse, touches every
// metadata accessor and dequantizes every tensor it can (each must stay inside the input).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/gguf/gguf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offsite::gguf;
    ParseLimits limits;
    limits.maxTensorElements = 1u << 24;  // keep dequantization buffers small
    auto file = GgufFile::parse(std::as_bytes(std::span(data, size)), "fuzz.gguf", limits);
    if (!file.ok()) return 0;
    for (const auto& entry : file->metadata()) {
        (void)file->getUint(entry.key);
        (void)file->getInt(entry.key);
        (void)file->getFloat(entry.key);
        (void)file->getBool(entry.key);
        (void)file->getString(entry.key);
        (void)file->getStringArray(entry.key);
        (void)file->getIntArray(entry.key);
        (void)file->getFloatArray(entry.key);
    }
    std::vector<float> out;
    for (const auto& tensor : file->tensors()) {
        if (!canDequantize(tensor.type)) continue;
        out.assign(static_cast<std::size_t>(tensor.elementCount), 0.0f);
        (void)file->dequantize(tensor, out);
    }
    return 0;
}

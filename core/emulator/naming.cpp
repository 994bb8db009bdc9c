// Block naming of the supported families.
#include "core/emulator/naming.h"

#include <charconv>
#include <string_view>

namespace offsite::emulator {

using config::Architecture;

std::string blockPrefix(Architecture arch) {
    switch (arch) {
        case Architecture::Gpt2: return "transformer.h.";
        case Architecture::Opt: return "model.decoder.layers.";
        case Architecture::Llama: return "model.layers.";
    }
    return {};
}

std::string canonicalName(Architecture arch, const std::string& name) {
    if (arch == Architecture::Gpt2 && name.rfind("transformer.", 0) != 0 && name.rfind("lm_head.", 0) != 0) {
        return "transformer." + name;
    }
    return name;
}

int blockOf(Architecture arch, const std::string& name, std::string* suffix) {
    const std::string prefix = blockPrefix(arch);
    if (name.rfind(prefix, 0) != 0) return -1;
    const char* begin = name.data() + prefix.size();
    const char* end = name.data() + name.size();
    int index = -1;
    auto [next, ec] = std::from_chars(begin, end, index);
    if (ec != std::errc() || next == end || *next != '.' || index < 0) return -1;
    if (suffix != nullptr) *suffix = std::string(next + 1, end);
    return index;
}

bool isBufferName(const std::string& name) {
    auto endsWith = [&](std::string_view s) {
        return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    return endsWith(".attn.bias") || endsWith(".attn.masked_bias") || endsWith("rotary_emb.inv_freq");
}

}  // namespace offsite::emulator

// libFuzzer target for the strict JSON reader: parse, then check that serializing and re-parsing is
// stable (a value we accept must survive our own writer unchanged).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    offsite::json::ParseLimits limits;
    limits.maxDepth = 128;
    auto value = offsite::json::parse(text, limits);
    if (!value.ok()) return 0;
    const std::string once = offsite::json::serialize(*value);
    auto again = offsite::json::parse(once, limits);
    if (!again.ok()) std::abort();
    if (offsite::json::serialize(*again) != once) std::abort();
    const std::string pretty = offsite::json::serialize(*value, offsite::json::Style::Pretty);
    auto fromPretty = offsite::json::parse(pretty, limits);
    if (!fromPretty.ok() || offsite::json::serialize(*fromPretty) != once) std::abort();
    return 0;
}

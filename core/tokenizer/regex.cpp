// PCRE2 wrapper: compile with UTF|UCP (JIT when available), thread-local match data, and Oniguruma-compatible
// iteration. Subjects are validated once by the caller, so matching passes PCRE2_NO_UTF_CHECK; re-checking
// the whole subject on every call would make find-all quadratic.
#include "core/tokenizer/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cctype>
#include <cstdint>
#include <string>

#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer {

struct Regex::Compiled {
    pcre2_code* code = nullptr;
    std::string pattern;
    Compiled() = default;
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled() { pcre2_code_free(code); }
};

namespace {

// One match-data block per thread, sized for the whole match only (we never read groups).
class ThreadMatchData {
public:
    ThreadMatchData() : data_(pcre2_match_data_create(1, nullptr)) {}
    ThreadMatchData(const ThreadMatchData&) = delete;
    ThreadMatchData& operator=(const ThreadMatchData&) = delete;
    ~ThreadMatchData() { pcre2_match_data_free(data_); }
    pcre2_match_data* get() { return data_; }

private:
    pcre2_match_data* data_;
};

pcre2_match_data* matchData() {
    thread_local ThreadMatchData data;
    return data.get();
}

// Runs one match; on JIT stack exhaustion retries with the interpreter, which uses the heap instead.
// Returns the whole-match span, or nullopt for no match (or an error we cannot recover from).
std::optional<ByteSpan> runMatch(const pcre2_code* code, std::string_view text, std::size_t start,
                                 std::uint32_t options) {
    pcre2_match_data* data = matchData();
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    int rc = pcre2_match(code, subject, text.size(), start, options | PCRE2_NO_UTF_CHECK, data, nullptr);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        rc = pcre2_match(code, subject, text.size(), start, options | PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, data,
                         nullptr);
    }
    if (rc < 0) return std::nullopt;  // no match, or a match/heap limit: treat as no match
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
    if (ovector[0] > ovector[1] || ovector[1] > text.size()) return std::nullopt;  // \K oddities
    return ByteSpan{ovector[0], ovector[1]};
}

Result<Regex::Compiled*> compileRaw(const std::string& pattern, std::string_view original) {
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
    if (context == nullptr)
        return makeError(ErrorKind::Internal, "PCRE2 could not allocate a compile context");
    pcre2_set_newline(context, PCRE2_NEWLINE_LF);
    // Oniguruma (Ruby syntax): ^ and $ are line anchors, "." excludes only "\n".
    const std::uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_NEVER_BACKSLASH_C;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options,
                                     &errorCode, &errorOffset, context);
    pcre2_compile_context_free(context);
    if (code == nullptr) {
        PCRE2_UCHAR buffer[256];
        pcre2_get_error_message(errorCode, buffer, sizeof(buffer));
        return makeError(ErrorKind::InvalidInput,
                         "the regular expression \"" + std::string(original) +
                             "\" is invalid: " + reinterpret_cast<const char*>(buffer) + " (at byte " +
                             std::to_string(errorOffset) + " of the compiled form \"" + pattern + "\")");
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // best effort; the interpreter gives the same answers
    auto* compiled = new Regex::Compiled();
    compiled->code = code;
    compiled->pattern = pattern;
    return compiled;
}

}  // namespace

Result<std::string> translateOnigurumaPattern(std::string_view pattern) {
    // Oniguruma's Unicode classes: \s is White_Space; \w is Letter|Mark|Decimal_Number|Connector_Punctuation;
    // \h is a hex digit (PCRE2's \h is horizontal space); \uHHHH is a code point escape.
    constexpr std::string_view kWordSet = "\\p{L}\\p{M}\\p{Nd}\\p{Pc}";
    std::string out;
    out.reserve(pattern.size() + 16);
    bool inClass = false;
    std::size_t i = 0;
    const auto unsupported = [&](std::string_view what) {
        return makeError(ErrorKind::Unsupported, "the regular expression \"" + std::string(pattern) +
                                                     "\" uses " + std::string(what) +
                                                     ", which Offsite Studio cannot translate exactly");
    };
    while (i < pattern.size()) {
        const char c = pattern[i];
        if (c == '\\') {
            if (i + 1 >= pattern.size()) {
                return makeError(ErrorKind::InvalidInput, "the regular expression \"" + std::string(pattern) +
                                                              "\" ends with a lone \\");
            }
            const char e = pattern[i + 1];
            i += 2;
            switch (e) {
                case 's':
                    out += "\\p{White_Space}";
                    break;
                case 'S':
                    out += "\\P{White_Space}";
                    break;
                case 'w':
                    if (inClass)
                        out += kWordSet;
                    else
                        out += "[" + std::string(kWordSet) + "]";
                    break;
                case 'W':
                    if (inClass) return unsupported("\\W inside a character class");
                    out += "[^" + std::string(kWordSet) + "]";
                    break;
                case 'h':
                    out += inClass ? "0-9a-fA-F" : "[0-9a-fA-F]";
                    break;
                case 'H':
                    if (inClass) return unsupported("\\H inside a character class");
                    out += "[^0-9a-fA-F]";
                    break;
                case 'u': {
                    std::size_t digits = 0;
                    while (digits < 4 && i + digits < pattern.size() &&
                           std::isxdigit(static_cast<unsigned char>(pattern[i + digits])) != 0) {
                        ++digits;
                    }
                    if (digits != 4) return unsupported("a \\u escape without four hex digits");
                    out += "\\x{" + std::string(pattern.substr(i, 4)) + "}";
                    i += 4;
                    break;
                }
                default:
                    out += '\\';
                    out += e;
                    break;
            }
            continue;
        }
        if (inClass) {
            if (c == ']') {
                inClass = false;
            } else if (c == '[') {
                if (i + 1 < pattern.size() && pattern[i + 1] == ':') {
                    const std::size_t close = pattern.find(":]", i + 2);
                    if (close == std::string_view::npos) return unsupported("an unterminated [: class");
                    out.append(pattern.substr(i, close + 2 - i));
                    i = close + 2;
                    continue;
                }
                return unsupported("a nested character class");
            } else if (c == '&' && i + 1 < pattern.size() && pattern[i + 1] == '&') {
                return unsupported("character class intersection (&&)");
            }
            out += c;
            ++i;
            continue;
        }
        out += c;
        ++i;
        if (c == '[') {
            inClass = true;
            // A leading "^" and a leading "]" are part of the class syntax, not its end.
            if (i < pattern.size() && pattern[i] == '^') out += pattern[i++];
            if (i < pattern.size() && pattern[i] == ']') out += pattern[i++];
        }
    }
    return out;
}

Result<Regex> Regex::compileOniguruma(std::string_view pattern) {
    OFFSITE_ASSIGN_OR_RETURN(std::string translated, translateOnigurumaPattern(pattern));
    OFFSITE_ASSIGN_OR_RETURN(Compiled * compiled, compileRaw(translated, pattern));
    return Regex(std::shared_ptr<const Compiled>(compiled));
}

Result<Regex> Regex::compilePcre2(std::string_view pattern) {
    OFFSITE_ASSIGN_OR_RETURN(Compiled * compiled, compileRaw(std::string(pattern), pattern));
    return Regex(std::shared_ptr<const Compiled>(compiled));
}

const std::string& Regex::pcre2Pattern() const {
    return compiled_->pattern;
}

void Regex::findAll(std::string_view text, std::vector<ByteSpan>& out) const {
    // Mirrors the onig crate's FindMatches: search from the end of the previous match; an empty match at
    // the very end of the previous match is skipped by stepping one character forward.
    std::size_t searchFrom = 0;
    std::optional<std::size_t> lastMatchEnd;
    while (searchFrom <= text.size()) {
        const std::optional<ByteSpan> match = runMatch(compiled_->code, text, searchFrom, 0);
        if (!match) return;
        if (match->begin == match->end && lastMatchEnd == match->end) {
            if (searchFrom >= text.size()) return;
            searchFrom += utf8::charLength(static_cast<unsigned char>(text[searchFrom]));
            continue;
        }
        searchFrom = match->end;
        lastMatchEnd = match->end;
        out.push_back(*match);
    }
}

std::optional<std::size_t> Regex::matchLengthAt(std::string_view text, std::size_t pos) const {
    const std::optional<ByteSpan> match = runMatch(compiled_->code, text, pos, PCRE2_ANCHORED);
    if (!match) return std::nullopt;
    return match->end - match->begin;
}

}  // namespace offsite::tokenizer

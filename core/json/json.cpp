// Strict RFC 8259 reader and deterministic writer. The reader is a recursive-descent parser whose depth
// is bounded (by ParseLimits::maxDepth and a hard cap), so hostile nesting can exhaust neither the
// stack nor memory; every limit is checked while parsing, before the data it protects is allocated.
#include "core/json/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <system_error>
#include <unordered_set>

namespace offsite::json {

// ---------------------------------------------------------------------------------------------------
// Value

Value::Value() = default;

Value Value::null() {
    return Value();
}

Value Value::boolean(bool b) {
    Value v;
    v.type_ = Type::Bool;
    v.bool_ = b;
    return v;
}

Value Value::number(double d) {
    // JSON has no NaN or infinity; writing them would produce a document no parser accepts.
    if (!std::isfinite(d)) return Value();
    Value v;
    v.type_ = Type::Number;
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof(buf), d);
    v.text_.assign(buf, res.ptr);
    return v;
}

Value Value::integer(std::int64_t i) {
    Value v;
    v.type_ = Type::Number;
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof(buf), i);
    v.text_.assign(buf, res.ptr);
    return v;
}

Value Value::unsignedInteger(std::uint64_t u) {
    Value v;
    v.type_ = Type::Number;
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof(buf), u);
    v.text_.assign(buf, res.ptr);
    return v;
}

Value Value::string(std::string s) {
    Value v;
    v.type_ = Type::String;
    v.text_ = std::move(s);
    return v;
}

Value Value::array() {
    Value v;
    v.type_ = Type::Array;
    return v;
}

Value Value::object() {
    Value v;
    v.type_ = Type::Object;
    return v;
}

std::optional<bool> Value::asBool() const {
    if (type_ != Type::Bool) return std::nullopt;
    return bool_;
}

namespace {

bool isIntegerLiteral(const std::string& text) {
    return text.find_first_of(".eE") == std::string::npos;
}

const std::vector<Value>& emptyItems() {
    static const std::vector<Value> empty;
    return empty;
}

const std::vector<Value::Member>& emptyMembers() {
    static const std::vector<Value::Member> empty;
    return empty;
}

}  // namespace

std::optional<double> Value::asDouble() const {
    if (type_ != Type::Number) return std::nullopt;
    double d = 0.0;
    const char* first = text_.data();
    const char* last = first + text_.size();
    const auto res = std::from_chars(first, last, d);
    // Out of range (e.g. 1e400) does not fit a double; a silent infinity would poison computations.
    if (res.ec != std::errc() || res.ptr != last) return std::nullopt;
    return d;
}

std::optional<std::int64_t> Value::asInt64() const {
    if (type_ != Type::Number || !isIntegerLiteral(text_)) return std::nullopt;
    std::int64_t i = 0;
    const char* first = text_.data();
    const char* last = first + text_.size();
    const auto res = std::from_chars(first, last, i);
    if (res.ec != std::errc() || res.ptr != last) return std::nullopt;
    return i;
}

std::optional<std::uint64_t> Value::asUint64() const {
    if (type_ != Type::Number || !isIntegerLiteral(text_)) return std::nullopt;
    if (text_ == "-0") return 0;
    std::uint64_t u = 0;
    const char* first = text_.data();
    const char* last = first + text_.size();
    const auto res = std::from_chars(first, last, u);
    if (res.ec != std::errc() || res.ptr != last) return std::nullopt;
    return u;
}

const std::string* Value::asString() const {
    return type_ == Type::String ? &text_ : nullptr;
}

const std::vector<Value>& Value::items() const {
    return type_ == Type::Array ? items_ : emptyItems();
}

Value& Value::push(Value v) {
    if (type_ == Type::Null) type_ = Type::Array;
    assert(type_ == Type::Array);
    items_.push_back(std::move(v));
    return items_.back();
}

const std::vector<Value::Member>& Value::members() const {
    return type_ == Type::Object ? members_ : emptyMembers();
}

const Value* Value::find(std::string_view key) const {
    if (type_ != Type::Object) return nullptr;
    for (const Member& m : members_) {
        if (m.first == key) return &m.second;
    }
    return nullptr;
}

Value& Value::set(std::string key, Value v) {
    if (type_ == Type::Null) type_ = Type::Object;
    assert(type_ == Type::Object);
    for (Member& m : members_) {
        if (m.first == key) {
            m.second = std::move(v);
            return m.second;
        }
    }
    members_.emplace_back(std::move(key), std::move(v));
    return members_.back().second;
}

std::size_t Value::size() const {
    if (type_ == Type::Array) return items_.size();
    if (type_ == Type::Object) return members_.size();
    return 0;
}

// ---------------------------------------------------------------------------------------------------
// Parser

namespace {

// Recursion is bounded by this even when a caller asks for a deeper limit: each level costs a few
// hundred bytes of stack (more under sanitizers), and worker threads may have small stacks.
constexpr std::size_t kHardMaxDepth = 512;

// Objects up to this size are checked for duplicate keys by a linear scan; larger ones use a hash set.
constexpr std::size_t kLinearDuplicateScan = 16;

// Renders a key for an error message: printable ASCII kept, the rest escaped, long keys shortened.
std::string quoteForMessage(std::string_view s) {
    constexpr std::size_t kMaxShown = 80;
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out += static_cast<char>(c);
        } else {
            static const char* const kHex = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        }
    }
    if (s.size() > kMaxShown) out += "...";
    out += '"';
    return out;
}

std::string describeByte(unsigned char c) {
    if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    static const char* const kHex = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0xf];
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

class Parser {
public:
    Parser(std::string_view text, const ParseLimits& limits)
        : text_(text), limits_(limits), maxDepth_(std::min(limits.maxDepth, kHardMaxDepth)) {}

    Result<Value> parseDocument() {
        skipWhitespace();
        if (atEnd()) return syntax(pos_, "the document is empty; expected a JSON value");
        Value root;
        Status st = parseValue(root, 0);
        if (!st.ok()) return st.error();
        skipWhitespace();
        if (!atEnd()) {
            return syntax(pos_, "unexpected " + describeByte(byte(pos_)) +
                                    " after the end of the JSON value; only whitespace may follow");
        }
        return root;
    }

private:
    [[nodiscard]] bool atEnd() const { return pos_ >= text_.size(); }
    [[nodiscard]] unsigned char byte(std::size_t i) const { return static_cast<unsigned char>(text_[i]); }

    static Error syntax(std::size_t offset, const std::string& what) {
        return makeError(ErrorKind::InvalidInput, what + " at byte " + std::to_string(offset));
    }
    static Error limit(std::size_t offset, const std::string& what) {
        return makeError(ErrorKind::LimitExceeded, what + " at byte " + std::to_string(offset));
    }

    void skipWhitespace() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++pos_;
        }
    }

    Status countElement() {
        if (++elements_ > limits_.maxElements) {
            return limit(pos_, "the document has more than " + std::to_string(limits_.maxElements) +
                                   " values (the limit for this file)");
        }
        return {};
    }

    Status expectLiteral(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) {
            return syntax(pos_, "invalid literal; expected \"" + std::string(word) + "\"");
        }
        pos_ += word.size();
        return {};
    }

    Status parseValue(Value& out, std::size_t depth) {
        OFFSITE_TRY(countElement());
        if (atEnd()) return syntax(pos_, "unexpected end of input; expected a value");
        const char c = text_[pos_];
        switch (c) {
            case '{':
                return parseObject(out, depth + 1);
            case '[':
                return parseArray(out, depth + 1);
            case '"': {
                std::string s;
                OFFSITE_TRY(parseString(s));
                out = Value::string(std::move(s));
                return {};
            }
            case 't':
                OFFSITE_TRY(expectLiteral("true"));
                out = Value::boolean(true);
                return {};
            case 'f':
                OFFSITE_TRY(expectLiteral("false"));
                out = Value::boolean(false);
                return {};
            case 'n':
                OFFSITE_TRY(expectLiteral("null"));
                out = Value::null();
                return {};
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return parseNumber(out);
                return syntax(
                    pos_, "unexpected " + describeByte(static_cast<unsigned char>(c)) + "; expected a value");
        }
    }

    Status checkDepth(std::size_t depth) const {
        if (depth > maxDepth_) {
            return limit(pos_, "nesting deeper than " + std::to_string(maxDepth_) +
                                   " arrays/objects (the limit for this file)");
        }
        return {};
    }

    Status parseArray(Value& out, std::size_t depth) {
        OFFSITE_TRY(checkDepth(depth));
        ++pos_;  // '['
        out = Value::array();
        skipWhitespace();
        if (!atEnd() && text_[pos_] == ']') {
            ++pos_;
            return {};
        }
        for (;;) {
            skipWhitespace();
            Value item;
            OFFSITE_TRY(parseValue(item, depth));
            out.items_.push_back(std::move(item));
            skipWhitespace();
            if (atEnd()) return syntax(pos_, "unexpected end of input inside an array; expected ',' or ']'");
            const char c = text_[pos_];
            if (c == ',') {
                ++pos_;
                continue;
            }
            if (c == ']') {
                ++pos_;
                return {};
            }
            return syntax(pos_, "unexpected " + describeByte(static_cast<unsigned char>(c)) +
                                    " inside an array; expected ',' or ']'");
        }
    }

    Status parseObject(Value& out, std::size_t depth) {
        OFFSITE_TRY(checkDepth(depth));
        ++pos_;  // '{'
        out = Value::object();
        skipWhitespace();
        if (!atEnd() && text_[pos_] == '}') {
            ++pos_;
            return {};
        }
        std::vector<Value::Member> members;
        std::unordered_set<std::string> seen;  // only filled once the object outgrows the linear scan
        for (;;) {
            skipWhitespace();
            if (atEnd()) return syntax(pos_, "unexpected end of input inside an object; expected a key");
            if (text_[pos_] != '"') {
                return syntax(pos_, "unexpected " + describeByte(byte(pos_)) +
                                        " inside an object; expected a key in double quotes");
            }
            const std::size_t keyOffset = pos_;
            std::string key;
            OFFSITE_TRY(parseString(key));
            if (isDuplicate(members, seen, key)) {
                return syntax(keyOffset, "duplicate key " + quoteForMessage(key) +
                                             " (JSON files with repeated keys are refused because "
                                             "different readers would disagree on its value)");
            }
            skipWhitespace();
            if (atEnd() || text_[pos_] != ':') {
                return syntax(pos_, "expected ':' after the key " + quoteForMessage(key));
            }
            ++pos_;
            skipWhitespace();
            Value v;
            OFFSITE_TRY(parseValue(v, depth));
            members.emplace_back(std::move(key), std::move(v));
            skipWhitespace();
            if (atEnd()) return syntax(pos_, "unexpected end of input inside an object; expected ',' or '}'");
            const char c = text_[pos_];
            if (c == ',') {
                ++pos_;
                continue;
            }
            if (c == '}') {
                ++pos_;
                break;
            }
            return syntax(pos_, "unexpected " + describeByte(static_cast<unsigned char>(c)) +
                                    " inside an object; expected ',' or '}'");
        }
        out.members_ = std::move(members);  // keys are already known to be unique
        return {};
    }

    static bool isDuplicate(const std::vector<Value::Member>& members, std::unordered_set<std::string>& seen,
                            const std::string& key) {
        if (members.size() < kLinearDuplicateScan) {
            return std::any_of(members.begin(), members.end(),
                               [&](const Value::Member& m) { return m.first == key; });
        }
        if (seen.empty()) {
            for (const Value::Member& m : members) seen.insert(m.first);
        }
        return !seen.insert(key).second;
    }

    Status parseNumber(Value& out) {
        const std::size_t start = pos_;
        auto isDigit = [&](std::size_t i) { return i < text_.size() && text_[i] >= '0' && text_[i] <= '9'; };
        if (text_[pos_] == '-') ++pos_;
        if (!isDigit(pos_)) return syntax(pos_, "invalid number: expected a digit");
        if (text_[pos_] == '0') {
            ++pos_;
            if (isDigit(pos_)) return syntax(pos_, "invalid number: leading zeros are not allowed");
        } else {
            while (isDigit(pos_)) ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!isDigit(pos_)) return syntax(pos_, "invalid number: expected a digit after '.'");
            while (isDigit(pos_)) ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (!isDigit(pos_)) return syntax(pos_, "invalid number: expected a digit in the exponent");
            while (isDigit(pos_)) ++pos_;
        }
        if (pos_ - start > limits_.maxStringBytes) {
            return limit(start,
                         "a number literal longer than " + std::to_string(limits_.maxStringBytes) + " bytes");
        }
        out = Value();
        out.type_ = Type::Number;
        out.text_.assign(text_.substr(start, pos_ - start));
        return {};
    }

    Status parseHex4(std::uint32_t& cp) {
        if (text_.size() - pos_ < 4) return syntax(pos_, "incomplete \\u escape; expected 4 hex digits");
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_ + i];
            std::uint32_t d = 0;
            if (c >= '0' && c <= '9') {
                d = static_cast<std::uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                d = static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                d = static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                return syntax(pos_ + i, "invalid \\u escape; expected 4 hex digits");
            }
            cp = (cp << 4) | d;
        }
        pos_ += 4;
        return {};
    }

    // Validates one raw UTF-8 sequence starting at pos_ (a byte >= 0x80) and appends it.
    Status copyUtf8(std::string& out) {
        const std::size_t start = pos_;
        const unsigned char b0 = byte(pos_);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        std::uint32_t minCp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
            cp = b0 & 0x1F;
            minCp = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            cp = b0 & 0x0F;
            minCp = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            cp = b0 & 0x07;
            minCp = 0x10000;
        } else {
            return syntax(start, "invalid UTF-8 (" + describeByte(b0) + " cannot start a character)");
        }
        if (text_.size() - pos_ < len) {
            return syntax(start, "invalid UTF-8 (a multi-byte character is cut off by the end of input)");
        }
        for (std::size_t i = 1; i < len; ++i) {
            const unsigned char b = byte(pos_ + i);
            if ((b & 0xC0) != 0x80) {
                return syntax(start + i,
                              "invalid UTF-8 (" + describeByte(b) + " is not a continuation byte)");
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < minCp) return syntax(start, "invalid UTF-8 (overlong encoding)");
        if (cp >= 0xD800 && cp <= 0xDFFF) return syntax(start, "invalid UTF-8 (an encoded UTF-16 surrogate)");
        if (cp > 0x10FFFF) return syntax(start, "invalid UTF-8 (a code point above U+10FFFF)");
        out.append(text_.data() + pos_, len);
        pos_ += len;
        return {};
    }

    Status parseString(std::string& out) {
        const std::size_t start = pos_;
        ++pos_;  // opening quote
        for (;;) {
            if (out.size() > limits_.maxStringBytes) {
                return limit(start, "a string longer than " + std::to_string(limits_.maxStringBytes) +
                                        " bytes (the limit for this file)");
            }
            if (atEnd()) return syntax(start, "unterminated string (no closing '\"')");
            const unsigned char c = byte(pos_);
            if (c == '"') {
                ++pos_;
                return {};
            }
            if (c < 0x20) {
                return syntax(pos_, "unescaped control character (" + describeByte(c) +
                                        ") in a string; it must be written as an escape such as \\n");
            }
            if (c >= 0x80) {
                OFFSITE_TRY(copyUtf8(out));
                continue;
            }
            if (c != '\\') {
                // Copy a run of plain ASCII at once.
                std::size_t end = pos_ + 1;
                while (end < text_.size()) {
                    const unsigned char d = byte(end);
                    if (d == '"' || d == '\\' || d < 0x20 || d >= 0x80) break;
                    ++end;
                }
                out.append(text_.data() + pos_, end - pos_);
                pos_ = end;
                continue;
            }
            const std::size_t escape = pos_;
            ++pos_;
            if (atEnd()) return syntax(escape, "unterminated escape sequence");
            const char e = text_[pos_++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    std::uint32_t cp = 0;
                    OFFSITE_TRY(parseHex4(cp));
                    if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return syntax(escape, "a lone low surrogate \\u escape (not a valid character)");
                    }
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (text_.size() - pos_ < 2 || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
                            return syntax(escape,
                                          "a lone high surrogate \\u escape (must be followed by a low "
                                          "surrogate \\u escape)");
                        }
                        pos_ += 2;
                        std::uint32_t low = 0;
                        OFFSITE_TRY(parseHex4(low));
                        if (low < 0xDC00 || low > 0xDFFF) {
                            return syntax(escape,
                                          "a high surrogate \\u escape not followed by a low surrogate");
                        }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default:
                    return syntax(escape, "invalid escape sequence \\" +
                                              std::string(1, e >= 0x20 && e < 0x7f ? e : '?'));
            }
        }
    }

    std::string_view text_;
    const ParseLimits& limits_;
    std::size_t maxDepth_;
    std::size_t pos_ = 0;
    std::size_t elements_ = 0;
};

Result<Value> parse(std::string_view text, const ParseLimits& limits) {
    if (text.size() > limits.maxBytes) {
        return makeError(ErrorKind::LimitExceeded, "the JSON text is " + std::to_string(text.size()) +
                                                       " bytes, more than the limit of " +
                                                       std::to_string(limits.maxBytes) +
                                                       " bytes for this file");
    }
    Parser parser(text, limits);
    return parser.parseDocument();
}

std::optional<std::size_t> findInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        std::uint32_t minCp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2, cp = b0 & 0x1F, minCp = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3, cp = b0 & 0x0F, minCp = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4, cp = b0 & 0x07, minCp = 0x10000;
        } else {
            return i;
        }
        if (text.size() - i < len) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if ((b & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < minCp || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
        i += len;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------
// Writer

namespace {

void writeString(std::string& out, const std::string& s) {
    static const char* const kHex = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            // The short forms match what Python's json and Rust's serde_json write.
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xf];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

void newline(std::string& out, Style style, std::size_t indent) {
    if (style != Style::Pretty) return;
    out += '\n';
    out.append(indent * 2, ' ');
}

void writeValue(std::string& out, const Value& v, Style style, std::size_t indent) {
    switch (v.type()) {
        case Type::Null:
            out += "null";
            return;
        case Type::Bool:
            out += *v.asBool() ? "true" : "false";
            return;
        case Type::Number:
            out += v.numberLiteral();
            return;
        case Type::String:
            writeString(out, *v.asString());
            return;
        case Type::Array: {
            const auto& items = v.items();
            if (items.empty()) {
                out += "[]";
                return;
            }
            out += '[';
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (i != 0) out += ',';
                newline(out, style, indent + 1);
                writeValue(out, items[i], style, indent + 1);
            }
            newline(out, style, indent);
            out += ']';
            return;
        }
        case Type::Object: {
            const auto& members = v.members();
            if (members.empty()) {
                out += "{}";
                return;
            }
            out += '{';
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (i != 0) out += ',';
                newline(out, style, indent + 1);
                writeString(out, members[i].first);
                out += style == Style::Pretty ? ": " : ":";
                writeValue(out, members[i].second, style, indent + 1);
            }
            newline(out, style, indent);
            out += '}';
            return;
        }
    }
}

}  // namespace

std::string serialize(const Value& v, Style style) {
    std::string out;
    writeValue(out, v, style, 0);
    return out;
}

}  // namespace offsite::json

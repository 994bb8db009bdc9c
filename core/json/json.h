// A strict JSON reader and a deterministic writer for everything we parse from untrusted files
// (safetensors headers, config.json, tokenizer.json, manifests). Strict means: RFC 8259 only, valid
// UTF-8 only, duplicate object keys rejected (a parser differential is an attack surface), and depth,
// size and element-count limits checked while parsing, before anything large is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace offsite::json {

enum class Type { Null = 1, Bool, Number, String, Array, Object };

class Value {
public:
    using Member = std::pair<std::string, Value>;

    Value();  // null
    static Value null();
    static Value boolean(bool b);
    static Value number(double d);  // NaN and infinities (not representable in JSON) become null
    static Value integer(std::int64_t i);
    static Value unsignedInteger(std::uint64_t u);
    static Value string(std::string s);
    static Value array();
    static Value object();

    [[nodiscard]] Type type() const { return type_; }
    [[nodiscard]] bool isNull() const { return type_ == Type::Null; }
    [[nodiscard]] bool isBool() const { return type_ == Type::Bool; }
    [[nodiscard]] bool isNumber() const { return type_ == Type::Number; }
    [[nodiscard]] bool isString() const { return type_ == Type::String; }
    [[nodiscard]] bool isArray() const { return type_ == Type::Array; }
    [[nodiscard]] bool isObject() const { return type_ == Type::Object; }

    // Typed access; each returns nullopt when the type (or exact integer range) does not fit.
    [[nodiscard]] std::optional<bool> asBool() const;
    // Any number that fits a double (nearest value); nullopt when it is beyond a double's range (1e400).
    [[nodiscard]] std::optional<double> asDouble() const;
    // Exact integers only: "3" and "3.0"? Only literals without fraction/exponent count as integers,
    // and they must fit the target type exactly.
    [[nodiscard]] std::optional<std::int64_t> asInt64() const;
    [[nodiscard]] std::optional<std::uint64_t> asUint64() const;
    [[nodiscard]] const std::string* asString() const;  // nullptr unless a string

    // Arrays.
    [[nodiscard]] const std::vector<Value>& items() const;  // empty unless an array
    Value& push(Value v);                                   // turns null into an array

    // Objects keep insertion order (writers produce stable output, readers see file order).
    [[nodiscard]] const std::vector<Member>& members() const;  // empty unless an object
    [[nodiscard]] const Value* find(std::string_view key) const;
    // Sets or replaces key; turns null into an object. Returns the stored value.
    Value& set(std::string key, Value v);

    [[nodiscard]] std::size_t size() const;  // items or members; 0 otherwise

    // The number's literal as written in the source (or as formatted), useful for exact round-trips.
    [[nodiscard]] const std::string& numberLiteral() const { return text_; }

private:
    friend class Parser;  // builds numbers from validated literals and moves members in without rescans

    Type type_ = Type::Null;
    bool bool_ = false;
    std::string text_;  // string contents, or the number literal
    std::vector<Value> items_;
    std::vector<Member> members_;
};

struct ParseLimits {
    std::size_t maxBytes = 64u << 20;        // input size
    std::size_t maxDepth = 64;               // nesting of arrays/objects
    std::size_t maxElements = 8u << 20;      // total values in the document
    std::size_t maxStringBytes = 16u << 20;  // one string after unescaping
};

// Parses a complete document. Errors carry the byte offset and a plain description, e.g.
// "duplicate key \"dtype\" at byte 118". Leading/trailing whitespace is allowed; anything else is not.
[[nodiscard]] Result<Value> parse(std::string_view text, const ParseLimits& limits = {});

// The byte offset of the first invalid UTF-8 sequence (overlong, surrogate, above U+10FFFF, cut off,
// stray continuation byte), or nullopt when the whole text is valid UTF-8.
[[nodiscard]] std::optional<std::size_t> findInvalidUtf8(std::string_view text);

enum class Style { Compact = 1, Pretty };
// Deterministic output: members in insertion order, numbers as their literal (integers exact, doubles
// with the shortest round-trip form), non-ASCII written as UTF-8, control characters escaped (\b \f \n
// \r \t in their short form like Python and serde_json, the others as \u00XX). Pretty indents by 2 spaces.
[[nodiscard]] std::string serialize(const Value& v, Style style = Style::Compact);

}  // namespace offsite::json

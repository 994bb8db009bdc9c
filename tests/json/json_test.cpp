// Tests for the strict JSON reader and the deterministic writer: RFC 8259 conformance, UTF-8 and
// escape handling, duplicate keys, limits, exact integer access and round-trips.
#include "core/json/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace offsite::json {
namespace {

Value parseOk(std::string_view text) {
    auto r = parse(text);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message) << " for: " << text;
    return r.ok() ? std::move(r).value() : Value();
}

// Expects a parse failure whose message contains `needle`.
void expectError(std::string_view text, std::string_view needle, ErrorKind kind = ErrorKind::InvalidInput,
                 const ParseLimits& limits = {}) {
    auto r = parse(text, limits);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_NE(r.error().message.find(needle), std::string::npos)
        << "message \"" << r.error().message << "\" lacks \"" << needle << "\"";
    EXPECT_EQ(r.error().kind, kind) << r.error().message;
}

TEST(JsonParse, Scalars) {
    EXPECT_TRUE(parseOk("null").isNull());
    EXPECT_EQ(parseOk("true").asBool(), true);
    EXPECT_EQ(parseOk(" false ").asBool(), false);
    EXPECT_EQ(*parseOk("\"hi\"").asString(), "hi");
    EXPECT_EQ(parseOk("\t\r\n 42 \n").asInt64(), 42);
}

TEST(JsonParse, ObjectsKeepFileOrder) {
    Value v = parseOk(R"({"b": 1, "a": [1, 2, {"c": null}], "z": {}})");
    ASSERT_TRUE(v.isObject());
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v.members()[0].first, "b");
    EXPECT_EQ(v.members()[1].first, "a");
    EXPECT_EQ(v.members()[2].first, "z");
    ASSERT_NE(v.find("a"), nullptr);
    EXPECT_EQ(v.find("a")->items().size(), 3u);
    EXPECT_TRUE(v.find("a")->items()[2].find("c")->isNull());
    EXPECT_EQ(v.find("missing"), nullptr);
    EXPECT_TRUE(v.find("z")->isObject());
    EXPECT_EQ(v.find("z")->size(), 0u);
}

TEST(JsonParse, RejectsNonRfcSyntax) {
    expectError("", "empty");
    expectError("   ", "empty");
    expectError("[1,]", "expected a value");
    expectError("{\"a\":1,}", "expected a key");
    expectError("{'a':1}", "expected a key in double quotes");
    expectError("[1 2]", "expected ',' or ']'");
    expectError("{\"a\" 1}", "expected ':'");
    expectError("01", "leading zeros");
    expectError("-", "expected a digit");
    expectError("1.", "after '.'");
    expectError(".5", "expected a value");
    expectError("1e", "exponent");
    expectError("+1", "expected a value");
    expectError("NaN", "expected a value");
    expectError("Infinity", "expected a value");
    expectError("tru", "expected \"true\"");
    expectError("nul", "expected \"null\"");
    expectError("[1] x", "after the end of the JSON value");
    expectError("{} {}", "after the end of the JSON value");
    expectError("\"abc", "unterminated string");
    expectError("\"a\nb\"", "unescaped control character");
    expectError("\"\\x\"", "invalid escape sequence");
    expectError("[1,2", "unexpected end of input inside an array");
    expectError("{\"a\":1", "unexpected end of input inside an object");
    expectError("/* comment */ 1", "expected a value");
    expectError("\xEF\xBB\xBF{}", "expected a value");  // a byte-order mark is not JSON
}

TEST(JsonParse, ErrorsCarryByteOffset) {
    expectError("[1, 2, x]", "at byte 7");
    expectError("{\"a\": 1, \"a\": 2}", "at byte 9");
}

TEST(JsonParse, DuplicateKeysRejectedWithKeyInMessage) {
    expectError(R"({"dtype": "F32", "shape": [], "dtype": "F16"})", "duplicate key \"dtype\"");
    // Large objects use a hash set; the check must still catch the duplicate.
    std::string big = "{";
    for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    big += "\"k57\":0}";
    expectError(big, "duplicate key \"k57\"");
    // The same key in different objects is fine.
    parseOk(R"({"a": {"x": 1}, "b": {"x": 2}})");
    // Keys that only differ after unescaping are duplicates.
    expectError(R"({"a": 1, "\u0061": 2})", "duplicate key \"a\"");
}

TEST(JsonParse, Utf8Validation) {
    EXPECT_EQ(*parseOk("\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"").asString(),
              "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80");
    expectError("\"\xC0\xAF\"", "cannot start a character");  // overlong '/'
    expectError("\"\xE0\x80\xAF\"", "overlong");
    expectError("\"\xF0\x80\x80\xAF\"", "overlong");
    expectError("\"\xED\xA0\x80\"", "surrogate");  // U+D800 encoded in UTF-8
    expectError("\"\xF4\x90\x80\x80\"", "above U+10FFFF");
    expectError("\"\xF5\x80\x80\x80\"", "cannot start a character");
    expectError("\"\x80\"", "cannot start a character");
    expectError("\"\xC3", "cut off");
    expectError("\"\xC3x\"", "not a continuation byte");
    expectError("\"\xFF\"", "cannot start a character");
}

TEST(JsonUtf8, FindInvalidUtf8) {
    EXPECT_EQ(findInvalidUtf8(""), std::nullopt);
    EXPECT_EQ(findInvalidUtf8("plain \xC3\xA9 \xF0\x9F\x98\x80"), std::nullopt);
    EXPECT_EQ(findInvalidUtf8("ab\xFF"), 2u);
    EXPECT_EQ(findInvalidUtf8("a\xC0\xAF"), 1u);          // overlong
    EXPECT_EQ(findInvalidUtf8("\xED\xA0\x80"), 0u);       // surrogate
    EXPECT_EQ(findInvalidUtf8("x\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
    EXPECT_EQ(findInvalidUtf8("xy\xE2\x82"), 2u);         // cut off
    EXPECT_EQ(findInvalidUtf8("\x80"), 0u);               // stray continuation
}

TEST(JsonParse, UnicodeEscapes) {
    EXPECT_EQ(*parseOk(R"("\u0041\u00e9\u20AC")").asString(), "A\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(*parseOk(R"("\ud83d\ude00")").asString(), "\xF0\x9F\x98\x80");
    EXPECT_EQ(*parseOk(R"("\uDBFF\uDFFF")").asString(), "\xF4\x8F\xBF\xBF");
    EXPECT_EQ(*parseOk(R"("\u0000")").asString(), std::string(1, '\0'));
    EXPECT_EQ(*parseOk(R"("\"\\\/\b\f\n\r\t")").asString(), "\"\\/\b\f\n\r\t");
    expectError(R"("\ud83d")", "lone high surrogate");
    expectError(R"("\ud83dx")", "lone high surrogate");
    expectError(R"("\ud83d\u0041")", "not followed by a low surrogate");
    expectError(R"("\ude00")", "lone low surrogate");
    expectError(R"("\u12")", "\\u escape");
    expectError(R"("\u12G4")", "hex digits");
}

TEST(JsonParse, Limits) {
    ParseLimits limits;
    limits.maxBytes = 10;
    expectError("[1,2,3,4,5]", "more than the limit of 10 bytes", ErrorKind::LimitExceeded, limits);

    limits = {};
    limits.maxDepth = 3;
    parse("[[[1]]]", limits).ok() ? void() : ADD_FAILURE() << "depth 3 must pass";
    expectError("[[[[1]]]]", "nesting deeper than 3", ErrorKind::LimitExceeded, limits);
    expectError(R"({"a":{"b":{"c":{}}}})", "nesting deeper than 3", ErrorKind::LimitExceeded, limits);

    limits = {};
    limits.maxElements = 4;
    EXPECT_TRUE(parse("[1,2,3]", limits).ok());
    expectError("[1,2,3,4]", "more than 4 values", ErrorKind::LimitExceeded, limits);

    limits = {};
    limits.maxStringBytes = 4;
    EXPECT_TRUE(parse(R"(["abcd"])", limits).ok());
    expectError(R"(["abcde"])", "a string longer than 4", ErrorKind::LimitExceeded, limits);
    expectError(R"({"abcde": 1})", "a string longer than 4", ErrorKind::LimitExceeded, limits);
}

TEST(JsonParse, DeepNestingDoesNotOverflowTheStack) {
    // Even with a caller asking for a huge depth the parser stops at its hard cap.
    ParseLimits limits;
    limits.maxDepth = std::numeric_limits<std::size_t>::max();
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto r = parse(deep, limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::LimitExceeded);
    const std::string deepObjects = [] {
        std::string s;
        for (int i = 0; i < 100000; ++i) s += "{\"a\":";
        return s;
    }();
    EXPECT_FALSE(parse(deepObjects, limits).ok());
}

TEST(JsonNumbers, ExactIntegers) {
    EXPECT_EQ(parseOk("18446744073709551615").asUint64(), std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(parseOk("18446744073709551615").asInt64(), std::nullopt);
    EXPECT_EQ(parseOk("18446744073709551616").asUint64(), std::nullopt);
    EXPECT_EQ(parseOk("9223372036854775807").asInt64(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(parseOk("-9223372036854775808").asInt64(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(parseOk("-9223372036854775809").asInt64(), std::nullopt);
    EXPECT_EQ(parseOk("-1").asUint64(), std::nullopt);
    EXPECT_EQ(parseOk("-1").asInt64(), -1);
    EXPECT_EQ(parseOk("-0").asUint64(), 0u);
    EXPECT_EQ(parseOk("0").asInt64(), 0);
    // Fractions and exponents are never integers, even when their value is whole.
    EXPECT_EQ(parseOk("3.0").asInt64(), std::nullopt);
    EXPECT_EQ(parseOk("1e2").asUint64(), std::nullopt);
    EXPECT_EQ(parseOk("\"3\"").asInt64(), std::nullopt);
    EXPECT_EQ(parseOk("true").asInt64(), std::nullopt);
}

TEST(JsonNumbers, Doubles) {
    EXPECT_EQ(parseOk("0.1").asDouble(), 0.1);
    EXPECT_EQ(parseOk("-2.5e-3").asDouble(), -2.5e-3);
    EXPECT_EQ(parseOk("1E+2").asDouble(), 100.0);
    EXPECT_EQ(parseOk("3").asDouble(), 3.0);
    EXPECT_EQ(parseOk("1e400").asDouble(), std::nullopt);
    EXPECT_EQ(parseOk("null").asDouble(), std::nullopt);
    EXPECT_EQ(parseOk("1.25").numberLiteral(), "1.25");
    EXPECT_EQ(parseOk("1.250e0").numberLiteral(), "1.250e0");
}

TEST(JsonBuild, SetPushAndFind) {
    Value v;
    v.set("b", Value::integer(-7));
    v.set("a", Value::string("x"));
    v.set("b", Value::boolean(true));  // replaces in place
    ASSERT_TRUE(v.isObject());
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v.members()[0].first, "b");
    EXPECT_EQ(v.find("b")->asBool(), true);
    Value arr;
    arr.push(Value::unsignedInteger(18446744073709551615ull));
    arr.push(Value::null());
    EXPECT_TRUE(arr.isArray());
    EXPECT_EQ(serialize(arr), "[18446744073709551615,null]");
    EXPECT_TRUE(Value().items().empty());
    EXPECT_TRUE(Value::string("s").members().empty());
    EXPECT_EQ(Value::array().size(), 0u);
}

TEST(JsonSerialize, CompactAndPretty) {
    Value v = Value::object();
    v.set("name", Value::string("gpt2"));
    v.set("layers", Value::integer(12));
    Value list = Value::array();
    list.push(Value::number(0.1));
    list.push(Value::boolean(false));
    v.set("list", std::move(list));
    v.set("empty", Value::object());
    v.set("none", Value::array());
    EXPECT_EQ(serialize(v), R"({"name":"gpt2","layers":12,"list":[0.1,false],"empty":{},"none":[]})");
    EXPECT_EQ(serialize(v, Style::Pretty),
              "{\n"
              "  \"name\": \"gpt2\",\n"
              "  \"layers\": 12,\n"
              "  \"list\": [\n"
              "    0.1,\n"
              "    false\n"
              "  ],\n"
              "  \"empty\": {},\n"
              "  \"none\": []\n"
              "}");
}

TEST(JsonSerialize, DoublesShortestRoundTrip) {
    EXPECT_EQ(serialize(Value::number(0.1)), "0.1");
    EXPECT_EQ(serialize(Value::number(1.0 / 3.0)), "0.3333333333333333");
    EXPECT_EQ(serialize(Value::number(1e100)), "1e+100");
    EXPECT_EQ(serialize(Value::number(-0.0)), "-0");
    EXPECT_EQ(serialize(Value::number(std::nan(""))), "null");
    EXPECT_EQ(serialize(Value::number(std::numeric_limits<double>::infinity())), "null");
    for (double d : {0.1, 1e-300, 123456.789, 5e-324, 1.7976931348623157e308}) {
        const std::string s = serialize(Value::number(d));
        EXPECT_EQ(parseOk(s).asDouble(), d) << s;
    }
}

TEST(JsonSerialize, StringEscaping) {
    EXPECT_EQ(serialize(Value::string("a\"b\\c")), R"("a\"b\\c")");
    EXPECT_EQ(serialize(Value::string(std::string("\x01\x1f\n\t\r\b\f", 7))), R"("\u0001\u001f\n\t\r\b\f")");
    EXPECT_EQ(serialize(Value::string(std::string(1, '\0'))), R"("\u0000")");
    EXPECT_EQ(serialize(Value::string("/")), R"("/")");
    EXPECT_EQ(serialize(Value::string("\xC3\xA9\xF0\x9F\x98\x80")), "\"\xC3\xA9\xF0\x9F\x98\x80\"");
}

TEST(JsonSerialize, ParseSerializeRoundTrip) {
    const std::string text =
        R"({"a":[1,-2,3.5e10,"x\u0001y",true,false,null],)"
        R"("b":{"c":"\u00e9\ud83d\ude00"},"d":18446744073709551615})";
    const Value v = parseOk(text);
    const std::string once = serialize(v);
    EXPECT_EQ(serialize(parseOk(once)), once);
    EXPECT_EQ(serialize(parseOk(serialize(v, Style::Pretty))), once);
    EXPECT_EQ(parseOk(once).find("d")->asUint64(), std::numeric_limits<std::uint64_t>::max());
}

}  // namespace
}  // namespace offsite::json

// Field readers shared by the tokenizer components; every error names the component and the field.
#include "core/tokenizer/json_fields.h"

#include <limits>

namespace offsite::tokenizer::fields {

std::string quoted(std::string_view text) {
    constexpr std::size_t kMaxShown = 80;
    std::string out = "\"";
    out.append(text.substr(0, kMaxShown));
    if (text.size() > kMaxShown) out += "...";
    out += '"';
    return out;
}

Result<const json::Value*> required(const json::Value& object, std::string_view key, std::string_view where) {
    if (!object.isObject()) {
        return makeError(ErrorKind::InvalidInput, std::string(where) + " must be a JSON object");
    }
    const json::Value* value = object.find(key);
    if (value == nullptr) {
        return makeError(ErrorKind::InvalidInput, std::string(where) + " has no " + quoted(key) +
                                                      " field; the file may be truncated "
                                                      "or written by an incompatible tool");
    }
    return value;
}

Result<std::string> requiredString(const json::Value& object, std::string_view key, std::string_view where) {
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* value, required(object, key, where));
    if (!value->isString()) {
        return makeError(ErrorKind::InvalidInput,
                         std::string(where) + ": the field " + quoted(key) + " must be a string");
    }
    return *value->asString();
}

Result<bool> optionalBool(const json::Value& object, std::string_view key, bool fallback,
                          std::string_view where) {
    const json::Value* value = object.isObject() ? object.find(key) : nullptr;
    if (value == nullptr || value->isNull()) return fallback;
    if (!value->isBool()) {
        return makeError(ErrorKind::InvalidInput,
                         std::string(where) + ": the field " + quoted(key) + " must be true or false");
    }
    return *value->asBool();
}

Result<std::string> type(const json::Value& component, std::string_view where) {
    return requiredString(component, "type", where);
}

Result<std::int32_t> tokenId(const json::Value& value, std::string_view where) {
    const std::optional<std::int64_t> id = value.asInt64();
    if (!id || *id < 0 || *id > std::numeric_limits<std::int32_t>::max()) {
        return makeError(ErrorKind::InvalidInput,
                         std::string(where) + ": a token id must be a whole number from 0 to 2147483647");
    }
    return static_cast<std::int32_t>(*id);
}

}  // namespace offsite::tokenizer::fields

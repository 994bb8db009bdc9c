// Strict manifest schema: every field is required, its type and range are checked, unknown fields are refused
// (a field we would ignore is a field an attacker could use to confuse another reader).
#include "core/package/manifest.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/crypto/age.h"
#include "core/json/json.h"
#include "core/package/tar.h"

namespace offsite::package {
namespace {

using json::Value;

constexpr std::array<std::string_view, 13> kTopFields = {
    "format",     "spec_version",     "publisher",       "model_id",     "package_version",
    "created_at", "expires_at",       "min_app_version", "architecture", "split",
    "files",      "export_recipient", "licence"};
constexpr std::size_t kIdentifierMaxBytes = 128;
constexpr std::size_t kLicenceMaxBytes = 256u << 10;

Error schema(std::string message) {
    return makeError(ErrorKind::InvalidInput, "manifest.json: " + std::move(message));
}

bool isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '/';
}

Status checkIdentifier(std::string_view field, std::string_view value) {
    if (value.empty() || value.size() > kIdentifierMaxBytes ||
        !std::all_of(value.begin(), value.end(), isIdentifierChar)) {
        return schema(std::string(field) + " must be 1 to 128 characters of A-Z a-z 0-9 . _ - /");
    }
    return {};
}

Status checkOnly(const Value& object, std::string_view where, std::span<const std::string_view> allowed) {
    for (const auto& [key, value] : object.members()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return schema(std::string(where) + " has an unknown field \"" + key + "\"");
        }
    }
    return {};
}

Result<const Value*> field(const Value& object, std::string_view where, std::string_view key,
                           json::Type type) {
    const Value* value = object.find(key);
    if (value == nullptr)
        return schema(std::string(where) + " is missing the required field \"" + std::string(key) + "\"");
    if (value->type() != type) {
        static constexpr std::array<std::string_view, 6> kTypeNames = {"null",     "true/false", "a number",
                                                                       "a string", "an array",   "an object"};
        return schema("\"" + std::string(key) + "\" must be " +
                      std::string(kTypeNames[static_cast<std::size_t>(type) - 1]));
    }
    return value;
}

Result<std::string> stringField(const Value& object, std::string_view where, std::string_view key) {
    OFFSITE_ASSIGN_OR_RETURN(const Value* value, field(object, where, key, json::Type::String));
    return *value->asString();
}

Result<std::int64_t> intField(const Value& object, std::string_view where, std::string_view key,
                              std::int64_t minimum) {
    OFFSITE_ASSIGN_OR_RETURN(const Value* value, field(object, where, key, json::Type::Number));
    const auto number = value->asInt64();
    if (!number || *number < minimum) {
        return schema("\"" + std::string(key) + "\" must be an integer of at least " +
                      std::to_string(minimum));
    }
    return *number;
}

bool isLowerHex(std::string_view text, std::size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool isUpperHex(std::string_view text, std::size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
           });
}

bool isDottedTriple(std::string_view text) {
    int parts = 0;
    std::size_t digits = 0;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            if (++digits > 6) return false;
        } else if (c == '.' && digits > 0 && parts < 2) {
            ++parts;
            digits = 0;
        } else {
            return false;
        }
    }
    return parts == 2 && digits > 0;
}

std::optional<FileRole> parseRole(std::string_view name) {
    for (const FileRole role :
         {FileRole::Adapter, FileRole::Emulator, FileRole::Config, FileRole::Tokenizer, FileRole::Split}) {
        if (roleName(role) == name) return role;
    }
    return std::nullopt;
}

Result<ManifestFile> parseFile(const Value& item, std::size_t index) {
    const std::string where = "files[" + std::to_string(index) + "]";
    if (!item.isObject()) return schema(where + " must be an object");
    static constexpr std::array<std::string_view, 4> kFileFields = {"path", "role", "size", "sha256"};
    OFFSITE_TRY(checkOnly(item, where, kFileFields));
    ManifestFile file;
    OFFSITE_ASSIGN_OR_RETURN(file.path, stringField(item, where, "path"));
    if (auto status = checkEntryName(file.path); !status.ok()) {
        return schema(where + " path: " + status.error().message);
    }
    if (file.path == kManifestName || file.path == kSignatureName) {
        return schema(where + " path \"" + file.path + "\" is reserved for the manifest and its signature");
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::string role, stringField(item, where, "role"));
    const auto parsedRole = parseRole(role);
    if (!parsedRole) {
        return schema(where + " (" + file.path + ") has the unknown role \"" + role +
                      "\"; expected adapter, emulator, config, tokenizer or split");
    }
    file.role = *parsedRole;
    OFFSITE_ASSIGN_OR_RETURN(const Value* size, field(item, where, "size", json::Type::Number));
    const auto sizeValue = size->asUint64();
    if (!sizeValue || *sizeValue > kTarEntryMaxBytes) {
        return schema(where + " (" + file.path + ") size must be an integer from 0 to 8 GiB - 1");
    }
    file.size = *sizeValue;
    OFFSITE_ASSIGN_OR_RETURN(file.sha256, stringField(item, where, "sha256"));
    if (!isLowerHex(file.sha256, 64)) {
        return schema(where + " (" + file.path + ") sha256 must be 64 lower-case hex digits");
    }
    const bool weights = file.role == FileRole::Adapter || file.role == FileRole::Emulator;
    if (weights != file.path.ends_with(".safetensors") || (!weights && !file.path.ends_with(".json"))) {
        return schema(where + " (" + file.path +
                      "): adapter and emulator files must be .safetensors files, config, tokenizer and split "
                      "files .json files");
    }
    return file;
}

}  // namespace

std::string_view roleName(FileRole role) {
    switch (role) {
        case FileRole::Adapter:
            return "adapter";
        case FileRole::Emulator:
            return "emulator";
        case FileRole::Config:
            return "config";
        case FileRole::Tokenizer:
            return "tokenizer";
        case FileRole::Split:
            return "split";
    }
    return "unknown";
}

Result<Manifest> parseManifest(std::string_view bytes) {
    if (bytes.size() > kManifestMaxBytes) {
        return makeError(ErrorKind::LimitExceeded, "manifest.json is larger than 1 MiB");
    }
    json::ParseLimits limits;
    limits.maxBytes = kManifestMaxBytes;
    limits.maxDepth = 8;
    limits.maxStringBytes = kLicenceMaxBytes;
    auto parsed = json::parse(bytes, limits);
    if (!parsed.ok()) return parsed.error().withContext("manifest.json is not valid JSON");
    const Value& root = *parsed;
    if (!root.isObject()) return schema("the top level must be a JSON object");
    const std::string top = "the manifest";

    OFFSITE_ASSIGN_OR_RETURN(const std::string format, stringField(root, top, "format"));
    if (format != "offsite-package")
        return schema("format must be \"offsite-package\", not \"" + format + "\"");
    OFFSITE_ASSIGN_OR_RETURN(const Value* spec, field(root, top, "spec_version", json::Type::Number));
    if (spec->asInt64() != kManifestSpecVersion) {
        return makeError(ErrorKind::Unsupported,
                         "manifest.json: unknown spec_version " + spec->numberLiteral() +
                             "; this app reads spec_version 1 only (a newer app may be needed)");
    }
    OFFSITE_TRY(checkOnly(root, top, kTopFields));

    Manifest manifest;
    OFFSITE_ASSIGN_OR_RETURN(const Value* publisher, field(root, top, "publisher", json::Type::Object));
    static constexpr std::array<std::string_view, 2> kPublisherFields = {"id", "key_id"};
    OFFSITE_TRY(checkOnly(*publisher, "publisher", kPublisherFields));
    OFFSITE_ASSIGN_OR_RETURN(manifest.publisherId, stringField(*publisher, "publisher", "id"));
    OFFSITE_TRY(checkIdentifier("publisher.id", manifest.publisherId));
    OFFSITE_ASSIGN_OR_RETURN(manifest.publisherKeyId, stringField(*publisher, "publisher", "key_id"));
    if (!isUpperHex(manifest.publisherKeyId, 16)) {
        return schema("publisher.key_id must be 16 upper-case hex digits, as minisign prints it");
    }
    OFFSITE_ASSIGN_OR_RETURN(manifest.modelId, stringField(root, top, "model_id"));
    OFFSITE_TRY(checkIdentifier("model_id", manifest.modelId));
    OFFSITE_ASSIGN_OR_RETURN(manifest.packageVersion, intField(root, top, "package_version", 1));
    OFFSITE_ASSIGN_OR_RETURN(manifest.createdAt, intField(root, top, "created_at", 0));
    OFFSITE_ASSIGN_OR_RETURN(manifest.expiresAt, intField(root, top, "expires_at", 0));
    if (manifest.expiresAt <= manifest.createdAt) return schema("expires_at must be later than created_at");
    OFFSITE_ASSIGN_OR_RETURN(manifest.minAppVersion, stringField(root, top, "min_app_version"));
    if (!isDottedTriple(manifest.minAppVersion)) return schema("min_app_version must look like \"1.2.3\"");
    OFFSITE_ASSIGN_OR_RETURN(manifest.architecture, stringField(root, top, "architecture"));
    OFFSITE_TRY(checkIdentifier("architecture", manifest.architecture));
    OFFSITE_ASSIGN_OR_RETURN(manifest.split, stringField(root, top, "split"));
    {
        int dashes = 0;
        bool ok = !manifest.split.empty() && manifest.split.size() <= 32;
        for (const char c : manifest.split)
            ok = ok && ((c >= '0' && c <= '9') || (c == '-' && ++dashes <= 2));
        if (!ok || dashes != 2 || manifest.split.front() == '-' || manifest.split.back() == '-' ||
            manifest.split.find("--") != std::string::npos) {
            return schema("split must be three layer counts \"l-k-r\", e.g. \"2-4-2\"");
        }
    }
    OFFSITE_ASSIGN_OR_RETURN(const Value* files, field(root, top, "files", json::Type::Array));
    if (files->size() == 0) return schema("files must list at least one payload file");
    if (files->size() > kManifestMaxFiles) return schema("files lists more than 256 files");
    std::set<std::string> folded;
    for (std::size_t i = 0; i < files->items().size(); ++i) {
        OFFSITE_ASSIGN_OR_RETURN(ManifestFile file, parseFile(files->items()[i], i));
        if (!folded.insert(foldCase(file.path)).second) {
            return schema("the file \"" + file.path +
                          "\" is listed twice (names are compared ignoring case)");
        }
        manifest.files.push_back(std::move(file));
    }
    OFFSITE_ASSIGN_OR_RETURN(const Value* recipient,
                             field(root, top, "export_recipient", json::Type::Object));
    static constexpr std::array<std::string_view, 1> kRecipientFields = {"age"};
    OFFSITE_TRY(checkOnly(*recipient, "export_recipient", kRecipientFields));
    OFFSITE_ASSIGN_OR_RETURN(manifest.exportRecipient, stringField(*recipient, "export_recipient", "age"));
    if (auto parsedRecipient = crypto::AgeRecipient::parse(manifest.exportRecipient); !parsedRecipient.ok()) {
        return schema("export_recipient.age is not an age recipient: " + parsedRecipient.error().message);
    }
    OFFSITE_ASSIGN_OR_RETURN(manifest.licence, stringField(root, top, "licence"));
    if (manifest.licence.empty()) return schema("licence must not be empty");
    return manifest;
}

Result<std::string> serializeManifest(const Manifest& manifest) {
    Value root = Value::object();
    root.set("format", Value::string("offsite-package"));
    root.set("spec_version", Value::integer(kManifestSpecVersion));
    Value publisher = Value::object();
    publisher.set("id", Value::string(manifest.publisherId));
    publisher.set("key_id", Value::string(manifest.publisherKeyId));
    root.set("publisher", std::move(publisher));
    root.set("model_id", Value::string(manifest.modelId));
    root.set("package_version", Value::integer(manifest.packageVersion));
    root.set("created_at", Value::integer(manifest.createdAt));
    root.set("expires_at", Value::integer(manifest.expiresAt));
    root.set("min_app_version", Value::string(manifest.minAppVersion));
    root.set("architecture", Value::string(manifest.architecture));
    root.set("split", Value::string(manifest.split));
    Value files = Value::array();
    for (const ManifestFile& file : manifest.files) {
        Value item = Value::object();
        item.set("path", Value::string(file.path));
        item.set("role", Value::string(std::string(roleName(file.role))));
        item.set("size", Value::unsignedInteger(file.size));
        item.set("sha256", Value::string(file.sha256));
        files.push(std::move(item));
    }
    root.set("files", std::move(files));
    Value recipient = Value::object();
    recipient.set("age", Value::string(manifest.exportRecipient));
    root.set("export_recipient", std::move(recipient));
    root.set("licence", Value::string(manifest.licence));
    std::string bytes = json::serialize(root, json::Style::Pretty) + "\n";
    // Whatever we sign must be something we would accept.
    auto check = parseManifest(bytes);
    if (!check.ok()) return check.error();
    return bytes;
}

std::string trustedCommentFor(const Manifest& manifest) {
    return "offsite-package\tmodel_id:" + manifest.modelId +
           "\tpackage_version:" + std::to_string(manifest.packageVersion) +
           "\tcreated_at:" + std::to_string(manifest.createdAt);
}

}  // namespace offsite::package

// Strict manifest schema: every field is required, its type and range are checked, unknown fields are refused
// (a field we would ignore is a field an attacker could use to confuse another reader).
#include "core/package/manifest.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
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
constexpr std::size_t kTensorNameMaxBytes = 1024;
constexpr std::size_t kTensorMaxRank = 16;

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

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

// One entry of a file's "tensors" (spec_version 2): {"name", "dtype", "shape", "data_offsets"}, whose byte
// range must follow the previous one's and match dtype and shape exactly (as a safetensors header must).
Result<TensorLayout> parseTensor(const Value& item, const std::string& where, std::uint64_t expectedBegin) {
    if (!item.isObject()) return schema(where + " must be an object");
    static constexpr std::array<std::string_view, 4> kTensorFields = {"name", "dtype", "shape",
                                                                      "data_offsets"};
    OFFSITE_TRY(checkOnly(item, where, kTensorFields));
    TensorLayout t;
    OFFSITE_ASSIGN_OR_RETURN(t.name, stringField(item, where, "name"));
    if (t.name.empty() || t.name.size() > kTensorNameMaxBytes || t.name == "__metadata__") {
        return schema(where + " name must be 1 to 1024 bytes and not \"__metadata__\"");
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::string dtype, stringField(item, where, "dtype"));
    const auto parsedType = safetensors::parseDType(dtype);
    if (!parsedType) return schema(where + " (\"" + t.name + "\") has the unknown dtype \"" + dtype + "\"");
    t.dtype = *parsedType;
    OFFSITE_ASSIGN_OR_RETURN(const Value* shape, field(item, where, "shape", json::Type::Array));
    if (shape->size() > kTensorMaxRank)
        return schema(where + " (\"" + t.name + "\") has more than 16 dimensions");
    std::uint64_t elements = 1;
    bool overflow = false;
    for (const Value& dim : shape->items()) {
        const auto value = dim.asInt64();
        if (!value || *value < 0) {
            return schema(where + " (\"" + t.name + "\") shape must list non-negative integers");
        }
        t.shape.push_back(*value);
        overflow =
            overflow || __builtin_mul_overflow(elements, static_cast<std::uint64_t>(*value), &elements);
    }
    OFFSITE_ASSIGN_OR_RETURN(const Value* offsets, field(item, where, "data_offsets", json::Type::Array));
    const auto begin = offsets->size() == 2 ? offsets->items()[0].asUint64() : std::nullopt;
    const auto end = offsets->size() == 2 ? offsets->items()[1].asUint64() : std::nullopt;
    if (!begin || !end) {
        return schema(where + " (\"" + t.name +
                      "\") data_offsets must be two non-negative integers [begin, end]");
    }
    t.begin = *begin;
    t.end = *end;
    std::uint64_t bytes = 0;
    overflow = overflow || __builtin_mul_overflow(elements, safetensors::dtypeSize(t.dtype), &bytes);
    if (t.begin != expectedBegin || t.end < t.begin || overflow || t.end - t.begin != bytes) {
        return schema(where + " (\"" + t.name + "\") data_offsets [" + std::to_string(t.begin) + ", " +
                      std::to_string(t.end) + "] do not follow the previous tensor (at " +
                      std::to_string(expectedBegin) + ") or do not match its dtype and shape");
    }
    return t;
}

Result<ManifestFile> parseFile(const Value& item, std::size_t index, std::int64_t specVersion) {
    const std::string where = "files[" + std::to_string(index) + "]";
    if (!item.isObject()) return schema(where + " must be an object");
    static constexpr std::array<std::string_view, 5> kFileFields = {"path", "role", "size", "sha256",
                                                                    "tensors"};
    OFFSITE_TRY(checkOnly(item, where, std::span(kFileFields).first(specVersion >= 2 ? 5 : 4)));
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
    if (specVersion < 2) return file;
    const Value* tensors = item.find("tensors");
    if (!weights) {
        if (tensors != nullptr) {
            return schema(where + " (" + file.path +
                          ") lists tensors, but only adapter and emulator files have them");
        }
        return file;
    }
    if (tensors == nullptr) {
        return schema(
            where + " (" + file.path +
            ") is missing the required field \"tensors\" (the signed tensor layout of a weights file)");
    }
    if (!tensors->isArray()) return schema(where + " (" + file.path + ") \"tensors\" must be an array");
    std::set<std::string, std::less<>> names;
    std::uint64_t end = 0;
    for (std::size_t i = 0; i < tensors->items().size(); ++i) {
        OFFSITE_ASSIGN_OR_RETURN(
            TensorLayout t,
            parseTensor(tensors->items()[i],
                        where + " (" + file.path + ") tensors[" + std::to_string(i) + "]", end));
        if (!names.insert(t.name).second) {
            return schema(where + " (" + file.path + ") lists the tensor \"" + t.name + "\" twice");
        }
        end = t.end;
        file.tensors.push_back(std::move(t));
    }
    // 8 length bytes and at least "{}" come before the data section.
    if (end > file.size || file.size - end < 10) {
        return schema(where + " (" + file.path + ") lists " + std::to_string(end) +
                      " bytes of tensor data, which does not fit in its size of " +
                      std::to_string(file.size));
    }
    return file;
}

// Where the architectures we split name their decoder blocks: the same prefixes as core/emulator/naming.h
// (kept here because that library needs LibTorch and this one must not).
std::string_view blockPrefixOf(std::string_view architecture) {
    if (architecture == "llama") return "model.layers.";
    if (architecture == "gpt2") return "transformer.h.";
    if (architecture == "opt") return "model.decoder.layers.";
    return {};
}

int blockIndexOf(std::string_view prefix, std::string_view name) {
    if (!name.starts_with(prefix)) return -1;
    const char* begin = name.data() + prefix.size();
    const char* end = name.data() + name.size();
    int index = -1;
    auto [next, ec] = std::from_chars(begin, end, index);
    if (ec != std::errc() || next == end || *next != '.' || index < 0) return -1;
    return index;
}

std::string blockListText(const std::set<int>& blocks) {
    if (blocks.empty()) return "none";
    std::string out;
    for (const int b : blocks) out += (out.empty() ? "" : ", ") + std::to_string(b);
    return out;
}

// ST-3: for a split "l-k-r" of a known architecture, the adapter files hold exactly the decoder blocks
// 0..l-1 and l+k..l+k+r-1, the emulator files exactly l..l+k-1 (other tensors, e.g. embeddings, may be in
// either).
Status checkBlocksAgainstSplit(const Manifest& manifest) {
    const std::string_view prefix = blockPrefixOf(manifest.architecture);
    if (prefix.empty()) return {};
    std::array<long long, 3> counts{};
    {
        std::string_view rest = manifest.split;
        for (long long& count : counts) {
            const auto dash = rest.find('-');
            const std::string_view part = rest.substr(0, dash);
            if (std::from_chars(part.data(), part.data() + part.size(), count).ec != std::errc() ||
                count > 100000) {
                return schema("split \"" + manifest.split + "\" has a layer count that is too large");
            }
            rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
        }
    }
    const auto [l, k, r] = counts;
    std::set<int> adapterWanted, emulatorWanted, adapterHas, emulatorHas;
    for (long long b = 0; b < l; ++b) adapterWanted.insert(static_cast<int>(b));
    for (long long b = l + k; b < l + k + r; ++b) adapterWanted.insert(static_cast<int>(b));
    for (long long b = l; b < l + k; ++b) emulatorWanted.insert(static_cast<int>(b));
    for (const ManifestFile& file : manifest.files) {
        if (file.role != FileRole::Adapter && file.role != FileRole::Emulator) continue;
        for (const TensorLayout& t : file.tensors) {
            const int block = blockIndexOf(prefix, t.name);
            if (block >= 0) (file.role == FileRole::Adapter ? adapterHas : emulatorHas).insert(block);
        }
    }
    if (adapterHas != adapterWanted || emulatorHas != emulatorWanted) {
        return schema("the tensor layout does not match the split \"" + manifest.split + "\" of this " +
                      manifest.architecture + " model: the adapter should hold blocks " +
                      blockListText(adapterWanted) + " and holds " + blockListText(adapterHas) +
                      "; the emulator should hold blocks " + blockListText(emulatorWanted) + " and holds " +
                      blockListText(emulatorHas));
    }
    return {};
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
    const auto specVersion = spec->asInt64();
    if (!specVersion || *specVersion < kManifestOldestSpecVersion || *specVersion > kManifestSpecVersion) {
        return makeError(ErrorKind::Unsupported,
                         "manifest.json: unknown spec_version " + spec->numberLiteral() +
                             "; this app reads spec_version 1 and 2 (a newer app may be needed)");
    }
    OFFSITE_TRY(checkOnly(root, top, kTopFields));

    Manifest manifest;
    manifest.specVersion = *specVersion;
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
        OFFSITE_ASSIGN_OR_RETURN(ManifestFile file, parseFile(files->items()[i], i, manifest.specVersion));
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
    if (manifest.specVersion >= 2) {
        if (std::none_of(manifest.files.begin(), manifest.files.end(),
                         [](const ManifestFile& f) { return f.role == FileRole::Adapter; })) {
            return schema("files must list an adapter (a spec_version 2 package carries one)");
        }
        OFFSITE_TRY(checkBlocksAgainstSplit(manifest));
    }
    return manifest;
}

std::vector<TensorLayout> layoutOf(const safetensors::Header& header) {
    std::vector<TensorLayout> out;
    out.reserve(header.tensors.size());
    for (const safetensors::TensorInfo& t : header.tensors) {
        out.push_back(TensorLayout{t.name, t.dtype, t.shape, t.begin, t.end});
    }
    return out;
}

std::optional<std::string> layoutDifference(const safetensors::Header& header,
                                            const std::vector<TensorLayout>& signedLayout) {
    std::map<std::string_view, const TensorLayout*, std::less<>> byName;
    for (const TensorLayout& t : signedLayout) byName.emplace(t.name, &t);
    std::set<std::string_view, std::less<>> present;
    for (const safetensors::TensorInfo& t : header.tensors) {
        present.insert(t.name);
        if (byName.contains(t.name)) continue;
        // Renamed: the signed layout has another name for the same bytes.
        for (const TensorLayout& s : signedLayout) {
            if (s.begin == t.begin && s.end == t.end && header.tensors.size() == signedLayout.size()) {
                return "it holds a tensor named \"" + t.name + "\" where the signed manifest lists \"" +
                       s.name + "\" (a renamed tensor)";
            }
        }
        return "it holds the tensor \"" + t.name +
               "\", which the signed manifest does not list (an extra tensor)";
    }
    for (const TensorLayout& s : signedLayout) {
        if (!present.contains(s.name))
            return "the tensor \"" + s.name + "\" that the signed manifest lists is missing";
    }
    // Same names: dtypes first, then shapes, then where the bytes lie (a changed dtype or shape moves the
    // tensors after it, which should not hide the real change).
    for (const safetensors::TensorInfo& t : header.tensors) {
        const TensorLayout& s = *byName.at(t.name);
        if (t.dtype != s.dtype) {
            return "tensor \"" + t.name + "\" has dtype " + std::string(safetensors::dtypeName(t.dtype)) +
                   ", the signed manifest says " + std::string(safetensors::dtypeName(s.dtype));
        }
    }
    for (const safetensors::TensorInfo& t : header.tensors) {
        const TensorLayout& s = *byName.at(t.name);
        if (t.shape != s.shape) {
            return "tensor \"" + t.name + "\" has shape " + shapeText(t.shape) +
                   ", the signed manifest says " + shapeText(s.shape);
        }
    }
    for (const safetensors::TensorInfo& t : header.tensors) {
        const TensorLayout& s = *byName.at(t.name);
        if (t.begin != s.begin || t.end != s.end) {
            return "tensor \"" + t.name + "\" lies at bytes " + std::to_string(t.begin) + "-" +
                   std::to_string(t.end) + " of the data, the signed manifest says " +
                   std::to_string(s.begin) + "-" + std::to_string(s.end) + " (tensors moved or swapped)";
        }
    }
    return std::nullopt;
}

Result<std::string> serializeManifest(const Manifest& manifest) {
    Value root = Value::object();
    root.set("format", Value::string("offsite-package"));
    root.set("spec_version", Value::integer(manifest.specVersion));
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
        if (manifest.specVersion >= 2 &&
            (file.role == FileRole::Adapter || file.role == FileRole::Emulator)) {
            Value tensors = Value::array();
            for (const TensorLayout& t : file.tensors) {
                Value tensor = Value::object();
                tensor.set("name", Value::string(t.name));
                tensor.set("dtype", Value::string(std::string(safetensors::dtypeName(t.dtype))));
                Value shape = Value::array();
                for (const std::int64_t d : t.shape) shape.push(Value::integer(d));
                tensor.set("shape", std::move(shape));
                Value offsets = Value::array();
                offsets.push(Value::unsignedInteger(t.begin));
                offsets.push(Value::unsignedInteger(t.end));
                tensor.set("data_offsets", std::move(offsets));
                tensors.push(std::move(tensor));
            }
            item.set("tensors", std::move(tensors));
        }
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

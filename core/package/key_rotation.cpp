// Signed publisher key changes: the document schema, grouping of the carried files, and the two-sided
// threshold check (see key_rotation.h).
#include "core/package/key_rotation.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/package/tar.h"

namespace offsite::package {
namespace {

namespace fs = std::filesystem;
using json::Value;

constexpr std::string_view kFormat = "offsite-publisher-keys";
constexpr std::array<std::string_view, 7> kFields = {"format",  "spec_version", "publisher", "version",
                                                     "threshold", "keys",        "created_at"};
constexpr std::string_view kDocumentSuffix = ".json";
constexpr std::string_view kSignatureSuffix = ".minisig";

Error bad(std::string_view source, const std::string& message) {
    return makeError(ErrorKind::InvalidInput, std::string(source) + ": " + message);
}

std::string keyLine(const crypto::MinisignPublicKey& key) {
    std::string text = crypto::formatMinisignPublicKey(key);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    const auto newline = text.rfind('\n');
    return newline == std::string::npos ? text : text.substr(newline + 1);
}

bool isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '/';
}

// "publisher-keys.v<N>.json" -> N (1..2^53), or 0 when the name is not a document name.
std::int64_t documentVersion(std::string_view name) {
    if (!name.starts_with(kKeyRotationPrefix) || !name.ends_with(kDocumentSuffix)) return 0;
    name.remove_prefix(kKeyRotationPrefix.size());
    name.remove_suffix(kDocumentSuffix.size());
    if (name.empty() || name.size() > 15 || name.front() == '0') return 0;
    std::int64_t n = 0;
    for (const char c : name) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::string listKeyIds(const std::vector<crypto::MinisignPublicKey>& keys) {
    std::string out;
    for (const auto& key : keys) out += (out.empty() ? "" : ", ") + key.keyId.display();
    return out;
}

// Distinct key ids among `keys` whose signature over the raw document verifies with the expected trusted
// comment. A signature by one of these keys that does not verify is a refusal: the document or the signature
// was changed.
Result<std::set<std::string>> countSigners(const SignedKeyRotation& rotation,
                                           const std::vector<crypto::MinisignSignature>& signatures,
                                           const std::vector<std::string>& names,
                                           const std::vector<crypto::MinisignPublicKey>& keys,
                                           const std::string& expectedComment) {
    std::set<std::string> signers;
    for (std::size_t i = 0; i < signatures.size(); ++i) {
        const auto key = std::find_if(keys.begin(), keys.end(), [&](const crypto::MinisignPublicKey& k) {
            return k.keyId == signatures[i].keyId;
        });
        if (key == keys.end()) continue;
        auto verified = crypto::verifyBytes(crypto::asBytes(rotation.documentBytes), signatures[i], *key);
        if (!verified.ok()) {
            return makeError(ErrorKind::Integrity,
                             names[i] + ": key change check failed: the signature by key " +
                                 key->keyId.display() + " does not verify over " + rotation.documentName +
                                 " (" + verified.error().message +
                                 "); the file was changed after signing. Do not use it; ask the publisher "
                                 "for the key change again");
        }
        if (verified->trustedComment != expectedComment) {
            return makeError(ErrorKind::Integrity,
                             names[i] + ": key change check failed: the signed comment is \"" +
                                 verified->trustedComment + "\", expected \"" + expectedComment +
                                 "\" (a signature made for another publisher or version)");
        }
        signers.insert(key->keyId.display());
    }
    return signers;
}

}  // namespace

std::string keyRotationTrustedComment(std::string_view publisherId, std::int64_t version) {
    return "offsite-publisher-keys\tpublisher:" + std::string(publisherId) +
           "\tversion:" + std::to_string(version);
}

std::string keyRotationDocumentName(std::int64_t version) {
    return std::string(kKeyRotationPrefix) + std::to_string(version) + std::string(kDocumentSuffix);
}

std::string keyRotationSignatureName(std::int64_t version, const crypto::KeyId& keyId) {
    return keyRotationDocumentName(version) + "." + keyId.display() + std::string(kSignatureSuffix);
}

bool isKeyRotationFileName(std::string_view name) {
    return name.starts_with(kKeyRotationPrefix);
}

Result<KeyRotation> parseKeyRotation(std::string_view bytes, std::string_view source) {
    if (bytes.size() > kKeyRotationMaxBytes) return bad(source, "key change documents over 64 KiB are refused");
    json::ParseLimits limits;
    limits.maxBytes = kKeyRotationMaxBytes;
    limits.maxDepth = 4;
    auto parsed = json::parse(bytes, limits);
    if (!parsed.ok()) return parsed.error().withContext(std::string(source));
    const Value& root = *parsed;
    if (!root.isObject()) return bad(source, "must be a JSON object");
    for (const auto& [key, value] : root.members()) {
        if (std::find(kFields.begin(), kFields.end(), key) == kFields.end())
            return bad(source, "unknown field \"" + key + "\"");
    }
    auto text = [&](std::string_view key) -> const std::string* {
        const Value* v = root.find(key);
        return v == nullptr ? nullptr : v->asString();
    };
    auto integer = [&](std::string_view key) -> std::optional<std::int64_t> {
        const Value* v = root.find(key);
        return v == nullptr ? std::nullopt : v->asInt64();
    };
    const std::string* format = text("format");
    if (format == nullptr || *format != kFormat)
        return bad(source, "\"format\" must be \"" + std::string(kFormat) + "\"");
    const auto spec = integer("spec_version");
    if (!spec || *spec != 1)
        return bad(source, "unknown \"spec_version\" (this version reads 1); update Offsite Studio");
    KeyRotation rotation;
    const std::string* publisher = text("publisher");
    if (publisher == nullptr || publisher->empty() || publisher->size() > 128 ||
        !std::all_of(publisher->begin(), publisher->end(), isIdentifierChar)) {
        return bad(source, "\"publisher\" must be 1 to 128 characters of A-Z a-z 0-9 . _ - /");
    }
    rotation.publisherId = *publisher;
    const auto version = integer("version");
    if (!version || *version < 2 || *version > (std::int64_t{1} << 53))
        return bad(source, "\"version\" must be an integer from 2 (version 1 is the first pinned key)");
    rotation.version = *version;
    const auto created = integer("created_at");
    if (!created || *created < 0) return bad(source, "\"created_at\" must be Unix seconds");
    rotation.createdAt = *created;
    const Value* keys = root.find("keys");
    if (keys == nullptr || !keys->isArray() || keys->items().empty() ||
        keys->items().size() > kKeyRotationMaxKeys) {
        return bad(source, "\"keys\" must list 1 to 16 minisign public keys");
    }
    for (const Value& item : keys->items()) {
        if (item.asString() == nullptr) return bad(source, "\"keys\" must hold minisign public key lines");
        auto key = crypto::parseMinisignPublicKey(*item.asString());
        if (!key.ok()) return key.error().withContext(std::string(source) + ": \"keys\"");
        for (const auto& seen : rotation.keys) {
            if (seen.keyId == key->keyId || seen.key == key->key)
                return bad(source, "\"keys\" lists key " + key->keyId.display() + " twice");
        }
        rotation.keys.push_back(*key);
    }
    const auto threshold = integer("threshold");
    if (!threshold || *threshold < 1 || *threshold > static_cast<std::int64_t>(rotation.keys.size()))
        return bad(source, "\"threshold\" must be from 1 to the number of keys");
    rotation.threshold = *threshold;
    return rotation;
}

Result<std::string> serializeKeyRotation(const KeyRotation& rotation) {
    Value root = Value::object();
    root.set("format", Value::string(std::string(kFormat)));
    root.set("spec_version", Value::integer(1));
    root.set("publisher", Value::string(rotation.publisherId));
    root.set("version", Value::integer(rotation.version));
    root.set("threshold", Value::integer(rotation.threshold));
    Value keys = Value::array();
    for (const auto& key : rotation.keys) keys.push(Value::string(keyLine(key)));
    root.set("keys", std::move(keys));
    root.set("created_at", Value::integer(rotation.createdAt));
    std::string bytes = json::serialize(root, json::Style::Pretty) + "\n";
    OFFSITE_TRY(parseKeyRotation(bytes, keyRotationDocumentName(rotation.version)));
    return bytes;
}

Result<std::vector<SignedKeyRotation>> groupKeyRotationFiles(std::vector<std::pair<std::string, std::string>> files) {
    if (files.size() > kKeyRotationMaxFiles) {
        return makeError(ErrorKind::LimitExceeded, "more than 64 key change files (publisher-keys.v*) are refused");
    }
    std::map<std::int64_t, SignedKeyRotation> byVersion;
    for (auto& [name, bytes] : files) {
        if (const std::int64_t v = documentVersion(name); v != 0) {
            if (byVersion.contains(v) && !byVersion[v].documentName.empty())
                return bad(name, "the key change document is there twice");
            byVersion[v].documentName = name;
            byVersion[v].documentBytes = std::move(bytes);
        }
    }
    for (auto& [name, bytes] : files) {
        if (documentVersion(name) != 0) continue;
        // <document>.<label>.minisig, label of [A-Za-z0-9]
        bool placed = false;
        for (auto& [v, rotation] : byVersion) {
            const std::string stem = rotation.documentName + ".";
            if (!name.starts_with(stem) || !name.ends_with(kSignatureSuffix)) continue;
            const std::string_view label(name.data() + stem.size(),
                                         name.size() - stem.size() - kSignatureSuffix.size());
            if (label.empty() || !std::all_of(label.begin(), label.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                })) {
                break;
            }
            rotation.signatures.emplace_back(name, std::move(bytes));
            placed = true;
            break;
        }
        if (!placed) {
            return bad(name,
                       "not a key change document (publisher-keys.v<N>.json) or a signature of one that is "
                       "there (publisher-keys.v<N>.json.<KEYID>.minisig); ask the publisher for the complete "
                       "key change");
        }
    }
    std::vector<SignedKeyRotation> out;
    for (auto& [v, rotation] : byVersion) out.push_back(std::move(rotation));
    return out;
}

Result<SignedKeyRotation> readKeyRotationFiles(const fs::path& documentPath) {
    const std::string name = documentPath.filename().string();
    if (documentVersion(name) == 0) {
        return bad(documentPath.string(),
                   "a key change document is named publisher-keys.v<N>.json (as `offsite owner rotate-key` "
                   "writes it)");
    }
    std::vector<std::pair<std::string, std::string>> files;
    OFFSITE_ASSIGN_OR_RETURN(std::string bytes, readFile(documentPath, kKeyRotationMaxBytes));
    files.emplace_back(name, std::move(bytes));
    const fs::path folder = documentPath.parent_path().empty() ? fs::path(".") : documentPath.parent_path();
    std::error_code ec;
    std::vector<fs::path> signatures;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string other = it->path().filename().string();
        if (other.starts_with(name + ".") && other.ends_with(kSignatureSuffix)) signatures.push_back(it->path());
    }
    if (ec) return makeError(ErrorKind::Io, "cannot list " + folder.string() + ": " + ec.message());
    std::sort(signatures.begin(), signatures.end());
    for (const fs::path& path : signatures) {
        OFFSITE_ASSIGN_OR_RETURN(std::string text, readFile(path, crypto::kMinisignSignatureFileMaxBytes));
        files.emplace_back(path.filename().string(), std::move(text));
    }
    for (const auto& [fileName, unused] : files) {
        if (auto status = checkEntryName(fileName); !status.ok())
            return status.error().withContext("key change file " + fileName);
    }
    OFFSITE_ASSIGN_OR_RETURN(std::vector<SignedKeyRotation> grouped, groupKeyRotationFiles(std::move(files)));
    if (grouped.size() != 1 || grouped[0].signatures.empty()) {
        return bad(documentPath.string(), "no signature files (" + name + ".<KEYID>.minisig) next to it");
    }
    return std::move(grouped[0]);
}

Result<SignedKeyRotation> signKeyRotation(const KeyRotation& rotation,
                                          const std::vector<const crypto::SigningKey*>& signers) {
    SignedKeyRotation out;
    out.documentName = keyRotationDocumentName(rotation.version);
    OFFSITE_ASSIGN_OR_RETURN(out.documentBytes, serializeKeyRotation(rotation));
    crypto::SignatureComments comments;
    comments.trusted = keyRotationTrustedComment(rotation.publisherId, rotation.version);
    for (const crypto::SigningKey* signer : signers) {
        if (signer == nullptr) return makeError(ErrorKind::InvalidInput, "no signing key was given");
        comments.untrusted = "offsite key change to version " + std::to_string(rotation.version) +
                             " signed by " + signer->keyId().display();
        OFFSITE_ASSIGN_OR_RETURN(const crypto::MinisignSignature signature,
                                 signer->signBytes(crypto::asBytes(out.documentBytes), comments));
        out.signatures.emplace_back(keyRotationSignatureName(rotation.version, signer->keyId()),
                                    crypto::formatMinisignSignature(signature));
    }
    return out;
}

Result<KeyRotation> verifyKeyRotation(const SignedKeyRotation& rotation, const TrustRoot& current) {
    const std::string& doc = rotation.documentName;
    const std::int64_t version = documentVersion(doc);
    const std::string who = "publisher \"" + current.publisherId + "\"";
    if (version != current.version + 1) {
        return makeError(ErrorKind::Integrity,
                         doc + ": key change check failed: this workspace trusts version " +
                             std::to_string(current.version) + " of " + who + "'s keys, so only version " +
                             std::to_string(current.version + 1) + " can follow it (" +
                             (version > current.version ? "a skipped version" : "an old version") +
                             "). Ask the publisher for every key change since version " +
                             std::to_string(current.version) + ", in order");
    }
    if (rotation.documentBytes.size() > kKeyRotationMaxBytes)
        return bad(doc, "key change documents over 64 KiB are refused");
    std::vector<crypto::MinisignSignature> signatures;
    std::vector<std::string> names;
    for (const auto& [name, text] : rotation.signatures) {
        auto signature = crypto::parseMinisignSignature(text);
        if (!signature.ok()) return signature.error().withContext(name + ": key change check failed");
        signatures.push_back(*signature);
        names.push_back(name);
    }
    const std::string comment = keyRotationTrustedComment(current.publisherId, version);
    // 1. The keys trusted now must authorise the change, checked on the raw bytes before parsing.
    OFFSITE_ASSIGN_OR_RETURN(const std::set<std::string> oldSigners,
                             countSigners(rotation, signatures, names, current.keys, comment));
    if (static_cast<std::int64_t>(oldSigners.size()) < current.threshold) {
        return makeError(
            ErrorKind::Integrity,
            doc + ": key change check failed: it must be signed by " + std::to_string(current.threshold) +
                " of " + who + "'s current keys (" + listKeyIds(current.keys) + "), and " +
                std::to_string(oldSigners.size()) +
                " distinct current keys signed it. Without that, anyone could claim a new key for the "
                "publisher; ask the publisher to sign the key change with the key you trust now");
    }
    // 2. The document itself.
    OFFSITE_ASSIGN_OR_RETURN(KeyRotation parsed, parseKeyRotation(rotation.documentBytes, doc));
    if (parsed.publisherId != current.publisherId) {
        return makeError(ErrorKind::Integrity, doc + ": key change check failed: it changes the keys of publisher \"" +
                                                   parsed.publisherId + "\", but it is signed by the keys of " +
                                                   who + "; a key may only change its own publisher's keys");
    }
    if (parsed.version != version) {
        return makeError(ErrorKind::Integrity, doc + ": key change check failed: the file name says version " +
                                                   std::to_string(version) + " but the signed document says " +
                                                   std::to_string(parsed.version));
    }
    // 3. The new keys must have signed it too: the publisher holds them (and a typo cannot lock it out).
    OFFSITE_ASSIGN_OR_RETURN(const std::set<std::string> newSigners,
                             countSigners(rotation, signatures, names, parsed.keys, comment));
    if (static_cast<std::int64_t>(newSigners.size()) < parsed.threshold) {
        return makeError(ErrorKind::Integrity,
                         doc + ": key change check failed: it must also be signed by " +
                             std::to_string(parsed.threshold) + " of the new keys (" + listKeyIds(parsed.keys) +
                             "), and " + std::to_string(newSigners.size()) +
                             " distinct new keys signed it. Ask the publisher to sign it with the new key as "
                             "well (`offsite owner rotate-key` does both)");
    }
    return parsed;
}

}  // namespace offsite::package

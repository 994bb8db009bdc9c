// The signed manifest of an .otpkg package (docs/PACKAGE_FORMAT.md): what the publisher vouches for, parsed
// strictly (known spec_version only, required fields, no unknown fields, safe paths) and written
// deterministically so that the signed bytes are reproducible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::package {

constexpr std::int64_t kManifestSpecVersion = 1;
constexpr std::size_t kManifestMaxBytes = 1u << 20;    // PKG-4
constexpr std::size_t kSignatureMaxBytes = 16u << 10;  // PKG-4
constexpr std::size_t kManifestMaxFiles = 256;         // PKG-4
constexpr std::string_view kManifestName = "manifest.json";
constexpr std::string_view kSignatureName = "manifest.json.minisig";

enum class FileRole { Adapter = 1, Emulator, Config, Tokenizer, Split };

[[nodiscard]] std::string_view roleName(FileRole role);

struct ManifestFile {
    std::string path;  // a plain file name (tar.h checkEntryName)
    FileRole role = FileRole::Config;
    std::uint64_t size = 0;
    std::string sha256;  // 64 lower-case hex digits
};

struct Manifest {
    std::string publisherId;
    std::string publisherKeyId;  // minisign's display form: 16 upper-case hex digits
    std::string modelId;
    std::int64_t packageVersion = 1;
    std::int64_t createdAt = 0;  // Unix seconds, UTC
    std::int64_t expiresAt = 0;  // Unix seconds, UTC; must be after createdAt
    std::string minAppVersion;   // "MAJOR.MINOR.PATCH"
    std::string architecture;    // "llama", "gpt2", "opt", ...
    std::string split;           // "l-k-r", e.g. "2-4-2"
    std::vector<ManifestFile> files;
    std::string exportRecipient;  // an age X25519 recipient, "age1..."
    std::string licence;
};

// Parses and checks the schema. Messages start with "manifest.json" and name the field.
[[nodiscard]] Result<Manifest> parseManifest(std::string_view bytes);
// Deterministic pretty JSON; the result parses back to the same Manifest.
[[nodiscard]] Result<std::string> serializeManifest(const Manifest& manifest);
// The trusted comment that the signature must carry: it repeats model_id, package_version and created_at.
[[nodiscard]] std::string trustedCommentFor(const Manifest& manifest);

}  // namespace offsite::package

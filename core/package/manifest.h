// The signed manifest of an .otpkg package (docs/PACKAGE_FORMAT.md): what the publisher vouches for, parsed
// strictly (known spec_version only, required fields, no unknown fields, safe paths) and written
// deterministically so that the signed bytes are reproducible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/safetensors/safetensors.h"

namespace offsite::package {

// 2: adapter and emulator entries carry their tensor layout (ST-3). 1 (no layout) is still parsed, so that
// manifests of packages imported before stay readable, but verifyPackage refuses spec_version 1 packages.
constexpr std::int64_t kManifestSpecVersion = 2;
constexpr std::int64_t kManifestOldestSpecVersion = 1;
constexpr std::size_t kManifestMaxBytes = 1u << 20;    // PKG-4
constexpr std::size_t kSignatureMaxBytes = 16u << 10;  // PKG-4
constexpr std::size_t kManifestMaxFiles = 256;         // PKG-4
constexpr std::string_view kManifestName = "manifest.json";
constexpr std::string_view kSignatureName = "manifest.json.minisig";

enum class FileRole { Adapter = 1, Emulator, Config, Tokenizer, Split };

[[nodiscard]] std::string_view roleName(FileRole role);

// One tensor of a safetensors payload as the publisher packed it: what its header must say (ST-3).
struct TensorLayout {
    std::string name;
    safetensors::DType dtype = safetensors::DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;  // data_offsets, relative to the data section
    std::uint64_t end = 0;
    friend bool operator==(const TensorLayout&, const TensorLayout&) = default;
};

struct ManifestFile {
    std::string path;  // a plain file name (tar.h checkEntryName)
    FileRole role = FileRole::Config;
    std::uint64_t size = 0;
    std::string sha256;  // 64 lower-case hex digits
    // spec_version 2, adapter and emulator files only: every tensor in data order (sorted by begin, tiling
    // the data section from 0 without gaps). Empty for other roles.
    std::vector<TensorLayout> tensors;
};

struct Manifest {
    std::int64_t specVersion = kManifestSpecVersion;
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

// Parses and checks the schema (spec_version 1 or 2). Messages start with "manifest.json" and name the field.
// For spec_version 2 the layouts are checked too: well-formed (known dtypes, byte ranges that match the
// shapes and tile the data section), and, for the architectures whose block names we know (llama, gpt2,
// opt), adapter and emulator hold exactly the blocks the split "l-k-r" gives them.
[[nodiscard]] Result<Manifest> parseManifest(std::string_view bytes);
// The layout of a validated safetensors header, as the writer records it.
[[nodiscard]] std::vector<TensorLayout> layoutOf(const safetensors::Header& header);
// Compares a payload's actual safetensors header with its signed layout; the first difference, in words
// ("tensor \"x\" has shape [2, 5], the signed manifest says [2, 4]"), or nullopt when they agree.
[[nodiscard]] std::optional<std::string> layoutDifference(const safetensors::Header& header,
                                                          const std::vector<TensorLayout>& signedLayout);
// Deterministic pretty JSON; the result parses back to the same Manifest.
[[nodiscard]] Result<std::string> serializeManifest(const Manifest& manifest);
// The trusted comment that the signature must carry: it repeats model_id, package_version and created_at.
[[nodiscard]] std::string trustedCommentFor(const Manifest& manifest);

}  // namespace offsite::package

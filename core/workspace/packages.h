// Where imported packages live in the workspace: each verified package is extracted once into
// "<workspace>/packages/<manifest sha256>/" (a Hugging Face style model folder: config.json, tokenizer.json,
// adapter.safetensors, emulator.safetensors, split.json, plus manifest.json and its signature), recorded in
// the package_trust table (schema v2). The trainer and the desktop app open models from here; the importer
// (core/trust) is the only writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/workspace/workspace.h"

namespace offsite::workspace {

inline constexpr std::string_view kPackagesFolderName = "packages";

// The signed facts the importer recorded for one package.
struct PackageTrustRecord {
    std::int64_t packageId = 0;
    std::string publisher;  // the publisher name its key is pinned to
    std::string keyId;      // minisign key id of the signing key
    std::string modelId;
    std::int64_t packageVersion = 0;
    std::int64_t createdAt = 0;  // Unix seconds
    std::int64_t expiresAt = 0;  // Unix seconds
    std::string architecture;
    std::string split;
    std::string exportRecipient;  // "age1..."
    std::string manifestSha256;
    std::filesystem::path folder;  // absolute
};

// The extracted model folder of an imported package (usable as a trainer model folder). NotFound for a
// package id without one (unknown, or imported before schema v2); Integrity when the folder is gone.
[[nodiscard]] Result<std::filesystem::path> packageModelFolder(Workspace& workspace, std::int64_t packageId);
[[nodiscard]] Result<PackageTrustRecord> packageTrustRecord(Workspace& workspace, std::int64_t packageId);
[[nodiscard]] Result<std::vector<PackageTrustRecord>> packageTrustRecords(Workspace& workspace);

}  // namespace offsite::workspace

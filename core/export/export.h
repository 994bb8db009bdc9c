// The encrypted, signed export of a tuned adapter (docs/EXPORT_FORMAT.md; ENC-1..ENC-7). The data owner's
// side builds one plaintext ustar stream - listing.txt (what leaves the machine, in words), provenance.json
// (package manifest hash, run id, adapter SHA-256 and tensor layout, hyperparameters, salted data-set
// fingerprints: never data) and adapter.safetensors - and encrypts it on the fly (no plaintext temp file)
// in the age v1 format to the export recipient named in the package's signed manifest, then signs the
// encrypted file with the data owner's key in the minisign format. The model owner's side checks that
// signature, decrypts, and checks the provenance against the adapter and against the package it published.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/age.h"
#include "core/crypto/minisign.h"

namespace offsite::exports {

constexpr std::int64_t kExportSpecVersion = 1;
constexpr std::string_view kListingName = "listing.txt";
constexpr std::string_view kProvenanceName = "provenance.json";
constexpr std::string_view kAdapterName = "adapter.safetensors";
// What openExport reads into memory at most (the encrypted file); exports are adapters, not whole models.
constexpr std::uint64_t kExportMaxBytes = 4ULL << 30;

struct TensorSummary {
    std::string name;
    std::string dtype;  // "F32", "BF16", ...
    std::vector<std::int64_t> shape;
    std::uint64_t bytes = 0;
    friend bool operator==(const TensorSummary&, const TensorSummary&) = default;
};

struct ExportedFile {
    std::string name;
    std::uint64_t size = 0;
    std::string sha256;
};

struct ExportParams {
    std::filesystem::path adapterPath;  // the tuned adapter (safetensors), e.g. a trainer output
    std::filesystem::path
        packageFolder;  // the imported package's folder (manifest.json + the adapter layout)
    std::string runId;  // 1-128 of A-Z a-z 0-9 . _ - :
    std::string hyperparametersJson = "{}";          // a JSON object
    std::vector<std::string> datasetFingerprints;    // salted fingerprints (hex), never data
    const crypto::SigningKey* signingKey = nullptr;  // the data owner's (writeExport only)
    std::filesystem::path outputPath;  // the encrypted file; its signature goes to outputPath + ".minisig"
    std::int64_t createdAt = 0;        // Unix seconds; 0 means now
    std::string appVersion = "unknown";
    // Plaintext bytes encrypted so far; returning false cancels (ErrorKind::Cancelled, nothing written).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

// What would leave the machine, for the person to read before exporting (and written into the export).
struct ExportListing {
    std::string recipient;             // "age1...", from the signed manifest (ENC-3)
    std::string recipientFingerprint;  // crypto::keyFingerprint
    std::string publisher;
    std::string modelId;
    std::int64_t packageVersion = 0;
    std::string packageManifestSha256;
    std::string runId;
    std::int64_t createdAt = 0;
    std::vector<ExportedFile> files;  // the three entries inside the encrypted file
    std::vector<TensorSummary> tensors;
    // Non-empty when the tuned adapter was a LoRA adapter that was merged into the package's adapter weights
    // before export (core/export/lora_merge.h): "LoRA rank 4, alpha 32, merged into 8 linears of ...".
    std::string mergedLora;
    std::string hyperparametersJson;
    std::vector<std::string> datasetFingerprints;
    bool containsTrainingData = false;  // by construction; stated so the UI can say it

    // The plain-text listing (listing.txt).
    [[nodiscard]] std::string text() const;
};

// Checks everything an export needs (adapter readable and strict safetensors, its tensors exactly the
// package's adapter layout, run id, JSON, recipient) and lists what would be exported; writes nothing.
// A LoRA adapter (`offsite train --trainable lora`) is merged into the package's adapter weights first, in memory
// (lora_merge.h): what is exported, hashed and listed is that plain adapter.
[[nodiscard]] Result<ExportListing> describeExport(const ExportParams& params);

struct ExportResult {
    ExportListing listing;
    std::filesystem::path encryptedPath;
    std::filesystem::path signaturePath;
    std::uint64_t encryptedBytes = 0;
    std::string encryptedSha256;
};

// describeExport's checks, then the encrypted file and its signature, each written atomically; on any failure
// neither exists at its path (ENC-6).
[[nodiscard]] Result<ExportResult> writeExport(const ExportParams& params);

// The model owner's side.
struct OpenParams {
    std::filesystem::path exportPath;
    std::filesystem::path signaturePath;            // empty: exportPath + ".minisig"
    crypto::MinisignPublicKey dataOwnerKey;         // whose signature the export must carry
    const crypto::AgeIdentity* identity = nullptr;  // the owner's age key (from the owner's key pair)
    std::filesystem::path packagePath;  // the .otpkg the owner published (manifest hash and adapter layout)
    crypto::MinisignPublicKey packageKey;  // the owner's own signing key, to verify that package
    std::filesystem::path outputAdapterPath;
};

struct OpenedExport {
    ExportListing listing;    // rebuilt from provenance.json
    std::string listingText;  // listing.txt as the data owner's app wrote it
    std::string provenanceJson;
    std::string adapterSha256;
    std::filesystem::path adapterPath;
};

[[nodiscard]] Result<OpenedExport> openExport(const OpenParams& params);

// The parsing layers under openExport, for tests and the fuzzers: they trust nothing in their input.
struct ProvenanceRecord {
    ExportListing listing;  // files are not in provenance.json; tensors as it lists them
    std::string adapterSha256;
    std::uint64_t adapterSize = 0;
};
// provenance.json (strict JSON; the fields of docs/EXPORT_FORMAT.md).
[[nodiscard]] Result<ProvenanceRecord> parseProvenanceRecord(std::string_view text);

struct ExportContents {
    ExportListing listing;  // from provenance.json; tensors as in the adapter's own header, by name
    std::string listingText;
    std::string provenanceJson;
    std::string adapterSha256;
    std::string_view adapterBytes;  // inside the plaintext given to readExportContents
};
// The decrypted plaintext: exactly listing.txt, provenance.json, adapter.safetensors (strict ustar), the
// adapter's size and SHA-256 as provenance.json states, a strict safetensors header, the tensors it lists.
[[nodiscard]] Result<ExportContents> readExportContents(std::string_view plaintext);

}  // namespace offsite::exports

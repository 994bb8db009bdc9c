// Export and open: see export.h and docs/EXPORT_FORMAT.md.
#include "core/export/export.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <deque>
#include <optional>

#include "core/base/file_io.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/sha256.h"
#include "core/export/lora_merge.h"
#include "core/json/json.h"
#include "core/package/manifest.h"
#include "core/package/package.h"
#include "core/package/tar.h"
#include "core/safetensors/safetensors.h"

namespace offsite::exports {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kChunkBytes = 64 * 1024;

using crypto::Sha256;
using crypto::sha256Hex;

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

Result<int> openRead(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return makeError(errno == ENOENT ? ErrorKind::NotFound : ErrorKind::Io,
                         path.string() + ": cannot open (" + std::strerror(errno) + ")");
    }
    return fd;
}

Result<std::pair<std::uint64_t, std::string>> hashFile(const fs::path& path) {
    OFFSITE_ASSIGN_OR_RETURN(const int raw, openRead(path));
    Fd fd(raw);
    Sha256 h;
    std::vector<char> buffer(kChunkBytes);
    std::uint64_t size = 0;
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            return makeError(ErrorKind::Io, path.string() + ": read error (" + std::strerror(errno) + ")");
        if (n == 0) break;
        h.update(buffer.data(), static_cast<std::size_t>(n));
        size += static_cast<std::uint64_t>(n);
    }
    return std::make_pair(size, h.finishHex());
}

std::vector<TensorSummary> summarize(const safetensors::Header& header) {
    std::vector<TensorSummary> out;
    for (const auto& t : header.tensors) {
        out.push_back(
            TensorSummary{t.name, std::string(safetensors::dtypeName(t.dtype)), t.shape, t.byteSize()});
    }
    std::sort(out.begin(), out.end(),
              [](const TensorSummary& a, const TensorSummary& b) { return a.name < b.name; });
    return out;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

// The tuned adapter must have exactly the package's adapter tensors (ST-3 for what leaves and comes back).
Status checkLayout(const std::vector<TensorSummary>& adapter, const std::vector<TensorSummary>& expected,
                   const std::string& adapterName, const std::string& expectedName) {
    for (const TensorSummary& t : adapter) {
        const auto it = std::find_if(expected.begin(), expected.end(),
                                     [&](const TensorSummary& e) { return e.name == t.name; });
        if (it == expected.end()) {
            return makeError(ErrorKind::InvalidInput, adapterName + ": tensor " + t.name + " is not in " +
                                                          expectedName +
                                                          "; this is not an adapter of that model");
        }
        if (it->dtype != t.dtype || it->shape != t.shape) {
            return makeError(ErrorKind::InvalidInput, adapterName + ": tensor " + t.name + " is " + t.dtype +
                                                          " " + shapeText(t.shape) + " but " + expectedName +
                                                          " has " + it->dtype + " " + shapeText(it->shape));
        }
    }
    for (const TensorSummary& e : expected) {
        const auto it = std::find_if(adapter.begin(), adapter.end(),
                                     [&](const TensorSummary& t) { return t.name == e.name; });
        if (it == adapter.end()) {
            return makeError(ErrorKind::InvalidInput,
                             adapterName + ": tensor " + e.name + " of " + expectedName + " is missing");
        }
    }
    return {};
}

Status checkRunId(std::string_view runId) {
    if (runId.empty() || runId.size() > 128) {
        return makeError(ErrorKind::InvalidInput, "the run id must be 1 to 128 characters");
    }
    for (const char c : runId) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-' || c == ':';
        if (!ok) return makeError(ErrorKind::InvalidInput, "the run id may contain only A-Z a-z 0-9 . _ - :");
    }
    return {};
}

Status checkFingerprint(std::string_view fingerprint) {
    if (fingerprint.empty() || fingerprint.size() > 128 ||
        !std::all_of(fingerprint.begin(), fingerprint.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); })) {
        return makeError(
            ErrorKind::InvalidInput,
            "a data-set fingerprint must be lower-case hex (the salted fingerprint, never data)");
    }
    return {};
}

json::Value tensorsJson(const std::vector<TensorSummary>& tensors) {
    json::Value list = json::Value::array();
    for (const auto& t : tensors) {
        json::Value o = json::Value::object();
        o.set("name", json::Value::string(t.name));
        o.set("dtype", json::Value::string(t.dtype));
        json::Value shape = json::Value::array();
        for (const auto d : t.shape) shape.push(json::Value::integer(d));
        o.set("shape", std::move(shape));
        o.set("bytes", json::Value::unsignedInteger(t.bytes));
        list.push(std::move(o));
    }
    return list;
}

std::string provenanceJson(const ExportListing& l, const ExportedFile& adapter, const std::string& keyId,
                           const std::string& appVersion, const json::Value& hyperparameters) {
    json::Value root = json::Value::object();
    root.set("format", json::Value::string("offsite-export"));
    root.set("spec_version", json::Value::integer(kExportSpecVersion));
    root.set("app_version", json::Value::string(appVersion));
    root.set("created_at", json::Value::integer(l.createdAt));
    json::Value pkg = json::Value::object();
    pkg.set("publisher", json::Value::string(l.publisher));
    pkg.set("model_id", json::Value::string(l.modelId));
    pkg.set("package_version", json::Value::integer(l.packageVersion));
    pkg.set("manifest_sha256", json::Value::string(l.packageManifestSha256));
    root.set("package", std::move(pkg));
    root.set("run_id", json::Value::string(l.runId));
    json::Value a = json::Value::object();
    a.set("file", json::Value::string(adapter.name));
    a.set("size", json::Value::unsignedInteger(adapter.size));
    a.set("sha256", json::Value::string(adapter.sha256));
    a.set("tensors", tensorsJson(l.tensors));
    if (!l.mergedLora.empty()) a.set("merged_lora", json::Value::string(l.mergedLora));
    root.set("adapter", std::move(a));
    root.set("hyperparameters", hyperparameters);
    json::Value fps = json::Value::array();
    for (const auto& f : l.datasetFingerprints) fps.push(json::Value::string(f));
    root.set("dataset_fingerprints", std::move(fps));
    root.set("recipient", json::Value::string(l.recipient));
    root.set("data_owner_key_id", json::Value::string(keyId));
    root.set("contains_training_data", json::Value::boolean(false));
    return json::serialize(root, json::Style::Pretty) + "\n";
}

std::string trustedCommentFor(const ExportListing& l) {
    return "offsite-export\tmodel_id:" + l.modelId + "\tpackage_version:" + std::to_string(l.packageVersion) +
           "\trun_id:" + l.runId + "\tcreated_at:" + std::to_string(l.createdAt);
}

struct Prepared {
    ExportListing listing;
    ExportedFile adapter;
    json::Value hyperparameters;
    std::optional<std::string> mergedAdapter;  // a LoRA adapter merged into the package's weights (in memory)
};

Result<Prepared> prepare(const ExportParams& p) {
    OFFSITE_TRY(checkRunId(p.runId));
    for (const auto& f : p.datasetFingerprints) OFFSITE_TRY(checkFingerprint(f));
    auto hyper = json::parse(p.hyperparametersJson);
    if (!hyper.ok() || !hyper->isObject()) {
        return makeError(ErrorKind::InvalidInput, "the hyperparameters must be a JSON object");
    }
    const fs::path manifestPath = p.packageFolder / std::string(package::kManifestName);
    OFFSITE_ASSIGN_OR_RETURN(const std::string manifestBytes,
                             readFile(manifestPath, package::kManifestMaxBytes));
    auto manifest = package::parseManifest(manifestBytes);
    if (!manifest.ok()) return manifest.error().withContext(manifestPath.string());
    const auto adapterEntry = std::find_if(manifest->files.begin(), manifest->files.end(), [](const auto& f) {
        return f.role == package::FileRole::Adapter;
    });
    if (adapterEntry == manifest->files.end()) {
        return makeError(ErrorKind::InvalidInput, manifestPath.string() + " lists no adapter file");
    }
    // ENC-3: the recipient is the one the publisher signed, nothing else.
    OFFSITE_ASSIGN_OR_RETURN(const crypto::AgeRecipient recipient,
                             crypto::AgeRecipient::parse(manifest->exportRecipient));
    auto reference = safetensors::File::open(p.packageFolder / adapterEntry->path);
    if (!reference.ok()) return reference.error().withContext("the package's adapter");
    auto tuned = safetensors::File::open(p.adapterPath);
    if (!tuned.ok()) return tuned.error().withContext("the adapter to export");
    Prepared out;
    if (isLoraAdapter(*tuned)) {
        // A LoRA run: the owner gets the package's adapter layout, with W + alpha/rank * B A merged in.
        LoraMergeInfo merge;
        OFFSITE_ASSIGN_OR_RETURN(out.mergedAdapter, mergeLoraAdapter(*tuned, *reference, &merge));
        const auto* bytes = reinterpret_cast<const std::byte*>(out.mergedAdapter->data());
        OFFSITE_ASSIGN_OR_RETURN(const safetensors::Header merged,
                                 safetensors::parseHeader(std::span(bytes, out.mergedAdapter->size()),
                                                          out.mergedAdapter->size(), {}, "the merged adapter"));
        out.listing.tensors = summarize(merged);
        out.listing.mergedLora = merge.text();
        out.adapter = ExportedFile{std::string(kAdapterName), out.mergedAdapter->size(), sha256Hex(*out.mergedAdapter)};
    } else {
        out.listing.tensors = summarize(tuned->header());
    }
    OFFSITE_TRY(checkLayout(out.listing.tensors, summarize(reference->header()), displayName(p.adapterPath),
                            "the adapter of package " + manifest->modelId + " version " +
                                std::to_string(manifest->packageVersion)));
    if (!out.mergedAdapter) {
        OFFSITE_ASSIGN_OR_RETURN(const auto adapterHash, hashFile(p.adapterPath));
        out.adapter = ExportedFile{std::string(kAdapterName), adapterHash.first, adapterHash.second};
    }
    ExportListing& l = out.listing;
    l.recipient = recipient.toString();
    l.recipientFingerprint = crypto::keyFingerprint(recipient);
    l.publisher = manifest->publisherId;
    l.modelId = manifest->modelId;
    l.packageVersion = manifest->packageVersion;
    l.packageManifestSha256 = sha256Hex(manifestBytes);
    l.runId = p.runId;
    l.createdAt = p.createdAt != 0 ? p.createdAt : static_cast<std::int64_t>(std::time(nullptr));
    l.hyperparametersJson = json::serialize(*hyper);
    l.datasetFingerprints = p.datasetFingerprints;
    out.hyperparameters = std::move(hyper).value();
    return out;
}

// The plaintext stream: a queue of in-memory pieces and one file, read on demand.
class PlaintextStream {
public:
    void addBytes(std::string bytes) { pieces_.push_back(Piece{std::move(bytes), {}, 0}); }
    void addFile(const fs::path& path, std::uint64_t size) { pieces_.push_back(Piece{{}, path, size}); }

    Result<std::size_t> read(std::span<std::uint8_t> out) {
        std::size_t done = 0;
        while (done < out.size() && !pieces_.empty()) {
            Piece& piece = pieces_.front();
            if (piece.file.empty()) {
                const std::size_t n = std::min(out.size() - done, piece.bytes.size() - piece.offset);
                std::memcpy(out.data() + done, piece.bytes.data() + piece.offset, n);
                piece.offset += n;
                done += n;
                if (piece.offset == piece.bytes.size()) pieces_.pop_front();
                continue;
            }
            if (!fd_) {
                OFFSITE_ASSIGN_OR_RETURN(const int raw, openRead(piece.file));
                fd_.emplace(raw);
            }
            const std::size_t want = static_cast<std::size_t>(
                std::min<std::uint64_t>(out.size() - done, piece.fileSize - piece.offset));
            ssize_t n = 0;
            do {
                n = ::read(fd_->get(), out.data() + done, want);
            } while (n < 0 && errno == EINTR);
            if (n < 0) return makeError(ErrorKind::Io, piece.file.string() + ": read error");
            if (n == 0) {
                return makeError(
                    ErrorKind::Integrity,
                    piece.file.string() + " became shorter while it was being exported; nothing was written");
            }
            fileHash_.update(out.data() + done, static_cast<std::size_t>(n));
            piece.offset += static_cast<std::size_t>(n);
            done += static_cast<std::size_t>(n);
            if (piece.offset == piece.fileSize) {
                char extra = 0;
                if (::read(fd_->get(), &extra, 1) > 0) {
                    return makeError(
                        ErrorKind::Integrity,
                        piece.file.string() + " grew while it was being exported; nothing was written");
                }
                fd_.reset();
                pieces_.pop_front();
            }
        }
        total_ += done;
        return done;
    }
    std::string fileSha256() { return fileHash_.finishHex(); }
    [[nodiscard]] std::uint64_t total() const { return total_; }

private:
    struct Piece {
        std::string bytes;
        fs::path file;
        std::uint64_t fileSize = 0;
        std::size_t offset = 0;
    };
    std::deque<Piece> pieces_;
    std::optional<Fd> fd_;
    Sha256 fileHash_;
    std::uint64_t total_ = 0;
};

Result<std::string> tarHeader(std::string_view name, std::uint64_t size) {
    package::TarHeaderFields fields;
    fields.name = std::string(name);
    fields.size = size;
    return package::makeTarHeader(fields);
}

Status checkDistinct(const fs::path& a, const fs::path& b, const std::string& what) {
    std::error_code e1;
    std::error_code e2;
    const fs::path ca = fs::weakly_canonical(a, e1);
    const fs::path cb = fs::weakly_canonical(b, e2);
    if (!e1 && !e2 && ca == cb) return makeError(ErrorKind::InvalidInput, what);
    return {};
}

}  // namespace

std::string ExportListing::text() const {
    std::string out;
    out += "Offsite Studio export: what leaves this machine\n\n";
    out += "Encrypted to:   " + recipient + "\n";
    out += "  fingerprint   " + recipientFingerprint + " (the model owner's key from the signed package)\n";
    out += "Package:        " + modelId + " version " + std::to_string(packageVersion) + " from " +
           publisher + "\n";
    out += "  manifest      sha256 " + packageManifestSha256 + "\n";
    out += "Run:            " + runId + "\n";
    out += "Created:        " + std::to_string(createdAt) + " (Unix seconds)\n\n";
    out += "Files inside the encrypted export:\n";
    for (const auto& f : files) {
        out += "  " + f.name;
        if (f.size > 0) out += "  " + std::to_string(f.size) + " bytes";
        if (!f.sha256.empty()) out += "  sha256 " + f.sha256;
        out += "\n";
    }
    out += "\nAdapter tensors (" + std::to_string(tensors.size()) + "):\n";
    if (!mergedLora.empty()) out += "  (" + mergedLora + ")\n";
    for (const auto& t : tensors) {
        out += "  " + t.name + "  " + t.dtype + " " + shapeText(t.shape) + "  " + std::to_string(t.bytes) +
               " bytes\n";
    }
    out += "\nHyperparameters: " + hyperparametersJson + "\n";
    out += "Data-set fingerprints (salted hashes; they do not reveal the data):\n";
    if (datasetFingerprints.empty()) out += "  (none)\n";
    for (const auto& f : datasetFingerprints) out += "  " + f + "\n";
    out += "\nNo training data is included: only the adapter weights above and this record.\n";
    return out;
}

Result<ExportListing> describeExport(const ExportParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(Prepared prepared, prepare(params));
    ExportListing listing = std::move(prepared.listing);
    listing.files = {ExportedFile{std::string(kListingName), 0, {}},
                     ExportedFile{std::string(kProvenanceName), 0, {}}, prepared.adapter};
    return listing;
}

Result<ExportResult> writeExport(const ExportParams& params) {
    OFFSITE_TRY(crypto::ensureSodium());
    if (params.signingKey == nullptr) {
        return makeError(ErrorKind::InvalidInput, "no data-owner signing key was given to sign the export");
    }
    OFFSITE_ASSIGN_OR_RETURN(Prepared prepared, prepare(params));
    const fs::path signaturePath = params.outputPath.string() + ".minisig";
    OFFSITE_TRY(checkDistinct(params.outputPath, params.adapterPath,
                              params.outputPath.string() + ": the export would overwrite the adapter; choose "
                                                           "another output path"));
    OFFSITE_TRY(checkDistinct(signaturePath, params.adapterPath,
                              signaturePath.string() + ": the signature would overwrite the adapter"));
    ExportListing listing = std::move(prepared.listing);
    const std::string provenance =
        provenanceJson(listing, prepared.adapter, params.signingKey->keyId().display(), params.appVersion,
                       prepared.hyperparameters);
    listing.files = {ExportedFile{std::string(kListingName), 0, {}},
                     ExportedFile{std::string(kProvenanceName), provenance.size(), sha256Hex(provenance)},
                     prepared.adapter};
    // The listing describes itself too, except for its own hash.
    std::string listingText = listing.text();
    listing.files[0].size = listingText.size();

    PlaintextStream plain;
    OFFSITE_ASSIGN_OR_RETURN(const std::string h1, tarHeader(kListingName, listingText.size()));
    plain.addBytes(h1 + listingText + package::tarPadding(listingText.size()));
    OFFSITE_ASSIGN_OR_RETURN(const std::string h2, tarHeader(kProvenanceName, provenance.size()));
    plain.addBytes(h2 + provenance + package::tarPadding(provenance.size()));
    OFFSITE_ASSIGN_OR_RETURN(const std::string h3, tarHeader(kAdapterName, prepared.adapter.size));
    plain.addBytes(h3);
    const bool merged = prepared.mergedAdapter.has_value();
    if (merged) {
        plain.addBytes(std::move(*prepared.mergedAdapter));
    } else {
        plain.addFile(params.adapterPath, prepared.adapter.size);
    }
    plain.addBytes(package::tarPadding(prepared.adapter.size) + package::tarEndOfArchive());

    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter encrypted, AtomicFileWriter::create(params.outputPath));
    crypto::Blake2bHasher signedHash;
    Sha256 cipherHash;
    std::uint64_t cipherBytes = 0;
    const std::uint64_t totalPlain = prepared.adapter.size + provenance.size() + listingText.size();
    const crypto::AgeRead read = [&](std::span<std::uint8_t> out) -> Result<std::size_t> {
        OFFSITE_ASSIGN_OR_RETURN(const std::size_t n, plain.read(out));
        if (params.progress && !params.progress(std::min(plain.total(), totalPlain), totalPlain)) {
            return makeError(ErrorKind::Cancelled, "the export was cancelled; nothing was written");
        }
        return n;
    };
    const crypto::AgeWrite write = [&](crypto::ByteSpan bytes) -> Status {
        signedHash.update(bytes);
        cipherHash.update(bytes.data(), bytes.size());
        cipherBytes += bytes.size();
        return encrypted.write(
            std::span<const std::byte>(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()));
    };
    OFFSITE_ASSIGN_OR_RETURN(const crypto::AgeRecipient recipient,
                             crypto::AgeRecipient::parse(listing.recipient));
    const Status sealed = crypto::ageEncryptStream(read, write, std::span(&recipient, 1));
    if (!sealed.ok()) return sealed.error().withContext("exporting " + displayName(params.adapterPath));
    if (!merged && plain.fileSha256() != prepared.adapter.sha256) {
        return makeError(
            ErrorKind::Integrity,
            params.adapterPath.string() + " changed while it was being exported; nothing was written");
    }
    crypto::SignatureComments comments;
    comments.trusted = trustedCommentFor(listing);
    comments.untrusted = "offsite export signed by data owner key " + params.signingKey->keyId().display();
    OFFSITE_ASSIGN_OR_RETURN(const crypto::MinisignSignature signature,
                             params.signingKey->signDigest(signedHash.finish(), comments));
    // Signature first, then the export: a crash in between leaves no file at the export's path (ENC-6).
    OFFSITE_TRY(writeFileAtomic(signaturePath, crypto::formatMinisignSignature(signature)));
    const Status committed = encrypted.commit();
    if (!committed.ok()) {
        std::error_code ec;
        fs::remove(signaturePath, ec);
        return committed.error();
    }
    ExportResult result;
    result.listing = std::move(listing);
    result.encryptedPath = params.outputPath;
    result.signaturePath = signaturePath;
    result.encryptedBytes = cipherBytes;
    result.encryptedSha256 = cipherHash.finishHex();
    return result;
}

// ---------------------------------------------------------------------------------------------------------
// The model owner's side

namespace {

// The adapter layout and manifest hash of the package the owner published, verified with the owner's key.
struct ReferencePackage {
    package::Manifest manifest;
    std::string manifestSha256;
    std::vector<TensorSummary> adapterLayout;
};

Result<ReferencePackage> readReference(const fs::path& packagePath, const crypto::MinisignPublicKey& key) {
    package::TrustedKeys keys;
    keys.keys.push_back(package::PinnedKey{"", key});
    package::VerifyParams verify;
    verify.trustedKeys =
        &keys;  // expiry is not the point here: the owner checks an export of its own package
    OFFSITE_ASSIGN_OR_RETURN(const package::VerifiedPackage verified,
                             package::verifyPackage(packagePath, verify));
    ReferencePackage ref;
    ref.manifest = verified.manifest;
    ref.manifestSha256 = sha256Hex(verified.manifestBytes);
    const auto adapter = std::find_if(ref.manifest.files.begin(), ref.manifest.files.end(),
                                      [](const auto& f) { return f.role == package::FileRole::Adapter; });
    if (adapter == ref.manifest.files.end()) {
        return makeError(ErrorKind::InvalidInput, packagePath.string() + " has no adapter file");
    }
    OFFSITE_ASSIGN_OR_RETURN(const auto source, package::openFileSource(packagePath));
    package::TarReader reader(*source);
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const package::TarEntry entry, reader.next());
        if (entry.name.empty()) break;
        if (entry.name != adapter->path) continue;
        std::string prefix;
        std::uint64_t want = 8;
        const Status read = reader.readData(entry, [&](std::string_view chunk) -> Status {
            prefix.append(chunk);
            if (prefix.size() >= 8 && want == 8) {
                std::uint64_t n = 0;
                for (int i = 7; i >= 0; --i)
                    n = (n << 8) | static_cast<unsigned char>(prefix[static_cast<std::size_t>(i)]);
                want = 8 + std::min<std::uint64_t>(n, safetensors::Limits{}.maxHeaderBytes + 1);
            }
            if (prefix.size() >= want) return makeError(ErrorKind::Cancelled, "header collected");
            return {};
        });
        if (!read.ok() && read.error().kind != ErrorKind::Cancelled) return read.error();
        auto header = safetensors::parseHeader(
            std::span<const std::byte>(reinterpret_cast<const std::byte*>(prefix.data()), prefix.size()),
            entry.size, {}, adapter->path);
        if (!header.ok()) return header.error();
        ref.adapterLayout = summarize(*header);
        return ref;
    }
    return makeError(ErrorKind::InvalidInput, packagePath.string() + " has no " + adapter->path + " entry");
}

Result<const json::Value*> field(const json::Value& object, std::string_view name) {
    const json::Value* v = object.find(name);
    if (v == nullptr)
        return makeError(ErrorKind::InvalidInput, "provenance.json has no \"" + std::string(name) + "\"");
    return v;
}

Result<std::string> stringField(const json::Value& object, std::string_view name) {
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* v, field(object, name));
    if (v->asString() == nullptr) {
        return makeError(ErrorKind::InvalidInput,
                         "provenance.json: \"" + std::string(name) + "\" must be a string");
    }
    return *v->asString();
}

Result<std::int64_t> intField(const json::Value& object, std::string_view name) {
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* v, field(object, name));
    if (!v->asInt64()) {
        return makeError(ErrorKind::InvalidInput,
                         "provenance.json: \"" + std::string(name) + "\" must be an integer");
    }
    return *v->asInt64();
}

// Wipes the decrypted bytes when the open ends, whatever the outcome.
struct WipedBytes {
    crypto::Bytes bytes;
    ~WipedBytes() { sodium_memzero(bytes.data(), bytes.size()); }
};

}  // namespace

Result<ProvenanceRecord> parseProvenanceRecord(std::string_view text) {
    std::string adapterSha;
    std::uint64_t adapterSize = 0;
    auto parsed = json::parse(text);
    if (!parsed.ok()) return parsed.error().withContext("provenance.json");
    const json::Value& root = *parsed;
    OFFSITE_ASSIGN_OR_RETURN(const std::string format, stringField(root, "format"));
    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t version, intField(root, "spec_version"));
    if (format != "offsite-export" || version != kExportSpecVersion) {
        return makeError(ErrorKind::Unsupported, "provenance.json: not an offsite export of spec_version 1");
    }
    ExportListing l;
    OFFSITE_ASSIGN_OR_RETURN(l.createdAt, intField(root, "created_at"));
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* pkg, field(root, "package"));
    OFFSITE_ASSIGN_OR_RETURN(l.publisher, stringField(*pkg, "publisher"));
    OFFSITE_ASSIGN_OR_RETURN(l.modelId, stringField(*pkg, "model_id"));
    OFFSITE_ASSIGN_OR_RETURN(l.packageVersion, intField(*pkg, "package_version"));
    OFFSITE_ASSIGN_OR_RETURN(l.packageManifestSha256, stringField(*pkg, "manifest_sha256"));
    OFFSITE_ASSIGN_OR_RETURN(l.runId, stringField(root, "run_id"));
    OFFSITE_ASSIGN_OR_RETURN(l.recipient, stringField(root, "recipient"));
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* adapter, field(root, "adapter"));
    OFFSITE_ASSIGN_OR_RETURN(adapterSha, stringField(*adapter, "sha256"));
    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t size, intField(*adapter, "size"));
    adapterSize = static_cast<std::uint64_t>(size);
    if (const json::Value* merged = adapter->find("merged_lora"); merged != nullptr && merged->asString() != nullptr)
        l.mergedLora = *merged->asString();
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* tensors, field(*adapter, "tensors"));
    for (const json::Value& t : tensors->items()) {
        TensorSummary s;
        OFFSITE_ASSIGN_OR_RETURN(s.name, stringField(t, "name"));
        OFFSITE_ASSIGN_OR_RETURN(s.dtype, stringField(t, "dtype"));
        OFFSITE_ASSIGN_OR_RETURN(const json::Value* shape, field(t, "shape"));
        for (const json::Value& d : shape->items()) {
            if (!d.asInt64()) return makeError(ErrorKind::InvalidInput, "provenance.json: bad shape");
            s.shape.push_back(*d.asInt64());
        }
        OFFSITE_ASSIGN_OR_RETURN(const std::int64_t bytes, intField(t, "bytes"));
        s.bytes = static_cast<std::uint64_t>(bytes);
        l.tensors.push_back(std::move(s));
    }
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* hyper, field(root, "hyperparameters"));
    l.hyperparametersJson = json::serialize(*hyper);
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* fps, field(root, "dataset_fingerprints"));
    for (const json::Value& f : fps->items()) {
        if (f.asString() == nullptr)
            return makeError(ErrorKind::InvalidInput, "provenance.json: bad fingerprint");
        l.datasetFingerprints.push_back(*f.asString());
    }
    return ProvenanceRecord{std::move(l), std::move(adapterSha), adapterSize};
}

Result<ExportContents> readExportContents(std::string_view plainView) {
    // The three entries, in order, with the container's strict checks.
    auto source = package::memorySource(plainView);
    package::TarReader reader(*source);
    const auto refuse = [&](const std::string& what) { return makeError(ErrorKind::Integrity, what); };
    OFFSITE_ASSIGN_OR_RETURN(const package::TarEntry listingEntry, reader.next());
    if (listingEntry.name != kListingName) return refuse("the first entry must be listing.txt");
    OFFSITE_ASSIGN_OR_RETURN(std::string listingText, reader.readAll(listingEntry, 16u << 20, "listing.txt"));
    OFFSITE_ASSIGN_OR_RETURN(const package::TarEntry provEntry, reader.next());
    if (provEntry.name != kProvenanceName) return refuse("the second entry must be provenance.json");
    OFFSITE_ASSIGN_OR_RETURN(std::string provenance, reader.readAll(provEntry, 16u << 20, "provenance.json"));
    OFFSITE_ASSIGN_OR_RETURN(const package::TarEntry adapterEntry, reader.next());
    if (adapterEntry.name != kAdapterName) return refuse("the third entry must be adapter.safetensors");
    OFFSITE_ASSIGN_OR_RETURN(const package::TarEntry end, reader.next());
    if (!end.name.empty()) return refuse("unexpected extra entry " + end.name);
    const std::string_view adapterBytes = plainView.substr(adapterEntry.dataOffset, adapterEntry.size);

    // Provenance against the adapter.
    OFFSITE_ASSIGN_OR_RETURN(ProvenanceRecord record, parseProvenanceRecord(provenance));
    const std::string adapterSha = sha256Hex(adapterBytes);
    if (adapterSha != record.adapterSha256 || adapterBytes.size() != record.adapterSize) {
        return refuse("adapter.safetensors: SHA-256 check against provenance.json failed");
    }
    OFFSITE_ASSIGN_OR_RETURN(
        const safetensors::Header header,
        safetensors::parseHeader(std::span<const std::byte>(reinterpret_cast<const std::byte*>(adapterBytes.data()),
                                                            adapterBytes.size()),
                                 adapterBytes.size(), {}, "adapter.safetensors"));
    const std::vector<TensorSummary> tensors = summarize(header);
    std::vector<TensorSummary> claimed = record.listing.tensors;
    std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    if (tensors != claimed)
        return refuse("adapter.safetensors: its tensors differ from those listed in provenance.json");
    ExportContents contents;
    contents.listing = std::move(record.listing);
    contents.listing.tensors = tensors;
    contents.listingText = std::move(listingText);
    contents.provenanceJson = std::move(provenance);
    contents.adapterSha256 = adapterSha;
    contents.adapterBytes = adapterBytes;
    return contents;
}

Result<OpenedExport> openExport(const OpenParams& p) {
    if (p.identity == nullptr)
        return makeError(ErrorKind::InvalidInput, "no owner key was given to decrypt with");
    const std::string exportName = displayName(p.exportPath);
    const fs::path signaturePath =
        p.signaturePath.empty() ? fs::path(p.exportPath.string() + ".minisig") : p.signaturePath;
    OFFSITE_TRY(checkDistinct(p.outputAdapterPath, p.exportPath,
                              p.outputAdapterPath.string() + ": the output would overwrite the export"));
    // 1. The data owner's signature over the encrypted bytes (ENC-4), before anything is decrypted.
    auto signature = crypto::verifyFile(p.exportPath, signaturePath, p.dataOwnerKey);
    if (!signature.ok()) {
        return signature.error().withContext("export " + exportName +
                                             " refused: the data owner's signature check (" +
                                             displayName(signaturePath) + ")");
    }
    // 2. Decrypt in memory (bounded), wiped afterwards.
    OFFSITE_ASSIGN_OR_RETURN(const std::string cipher, readFile(p.exportPath, kExportMaxBytes));
    auto plain = crypto::ageDecrypt(crypto::asBytes(cipher), std::span(p.identity, 1));
    if (!plain.ok()) return plain.error().withContext("export " + exportName + " refused: decryption");
    WipedBytes decrypted{std::move(plain).value()};
    const std::string_view plainView(reinterpret_cast<const char*>(decrypted.bytes.data()),
                                     decrypted.bytes.size());
    // 3-4. The three entries, in order; provenance.json against the adapter and the signature's comment.
    const auto refuse = [&](const std::string& what) {
        return makeError(ErrorKind::Integrity, "export " + exportName + " refused: " + what);
    };
    auto contents = readExportContents(plainView);
    if (!contents.ok()) return contents.error().withContext("export " + exportName + " refused");
    if (signature->trustedComment != trustedCommentFor(contents->listing)) {
        return refuse("the signature's trusted comment does not match provenance.json");
    }
    const std::vector<TensorSummary>& tensors = contents->listing.tensors;
    // 5. Against the package the owner published: same manifest, same adapter layout.
    auto reference = readReference(p.packagePath, p.packageKey);
    if (!reference.ok()) return reference.error().withContext("reading the reference package");
    if (reference->manifestSha256 != contents->listing.packageManifestSha256) {
        return refuse("it was made from a different package (manifest sha256 " +
                      contents->listing.packageManifestSha256 + ", but " + displayName(p.packagePath) + " has " +
                      reference->manifestSha256 + ")");
    }
    const Status layout = checkLayout(tensors, reference->adapterLayout, "adapter.safetensors",
                                      "the adapter of " + displayName(p.packagePath));
    if (!layout.ok()) return layout.error().withContext("export " + exportName + " refused");
    // 6. Publish the adapter atomically.
    OFFSITE_TRY(writeFileAtomic(p.outputAdapterPath, contents->adapterBytes));
    OpenedExport opened;
    opened.listing = std::move(contents->listing);
    opened.listingText = std::move(contents->listingText);
    opened.provenanceJson = std::move(contents->provenanceJson);
    opened.adapterSha256 = contents->adapterSha256;
    opened.adapterPath = p.outputAdapterPath;
    return opened;
}

}  // namespace offsite::exports

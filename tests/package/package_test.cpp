// Tests for the .otpkg container: a round trip, and a mutation corpus derived in code from one valid package
// (PKG-1..PKG-4, PKG-6, PKG-7, PKG-10, ST-1, ARC-1..ARC-3). Every refusal is checked for its message and for
// leaving the destination's parent folder exactly as it was.
#include "core/package/package.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "core/crypto/primitives.h"
#include "core/package/manifest.h"
#include "core/package/tar.h"
#include "core/safetensors/safetensors.h"

namespace offsite::package {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kCreatedAt = 1'750'000'000;
constexpr std::int64_t kExpiresAt = 1'900'000'000;
constexpr std::int64_t kNow = 1'800'000'000;

struct Entry {
    std::string name;
    std::string data;
    char typeflag = '0';
    std::uint32_t mode = 0644;
    std::string linkname;
};

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeBytes(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string buildTar(const std::vector<Entry>& entries) {
    std::string out;
    for (const Entry& e : entries) {
        auto header = makeTarHeader(TarHeaderFields{e.name, e.data.size(), e.typeflag, e.mode, e.linkname});
        EXPECT_TRUE(header.ok()) << (header.ok() ? "" : header.error().message);
        if (!header.ok()) return {};
        out += *header + e.data + tarPadding(e.data.size());
    }
    return out + tarEndOfArchive();
}

std::vector<Entry> splitTar(const std::string& bytes) {
    auto source = memorySource(bytes);
    TarReader reader(*source);
    std::vector<Entry> entries;
    while (true) {
        auto entry = reader.next();
        EXPECT_TRUE(entry.ok());
        if (!entry.ok() || entry->name.empty()) break;
        auto data = reader.readAll(*entry, 1u << 24, entry->name);
        EXPECT_TRUE(data.ok());
        entries.push_back(Entry{entry->name, data.ok() ? *data : std::string(), '0', 0644, {}});
    }
    return entries;
}

std::string sha256Hex(std::string_view bytes) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::string out;
    for (const unsigned char b : digest) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

// A digest of every path, type and content under `root`, to prove a refusal changed nothing.
std::string treeDigest(const fs::path& root) {
    std::vector<std::string> lines;
    for (const auto& item : fs::recursive_directory_iterator(root)) {
        const auto status = item.symlink_status();
        std::string line =
            fs::relative(item.path(), root).string() + "|" + std::to_string(static_cast<int>(status.type()));
        if (fs::is_regular_file(status)) line += "|" + readBytes(item.path());
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& line : lines) all += line + '\n';
    const auto digest = crypto::blake2b512(crypto::asBytes(all));
    return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

// One [2, 4] F32 tensor per name.
std::string safetensorsBytes(const std::vector<std::string>& names, float value) {
    std::vector<float> data(8, value);
    std::vector<safetensors::TensorView> tensors;
    for (const std::string& name : names) {
        tensors.push_back(safetensors::TensorView{
            name,
            safetensors::DType::F32,
            {2, 4},
            std::span<const std::byte>(reinterpret_cast<const std::byte*>(data.data()),
                                       data.size() * sizeof(float))});
    }
    auto bytes = safetensors::serialize(tensors);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
}

class PackageTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "offsite-package-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
        input_ = root_ / "split-model";
        store_ = root_ / "store";
        fs::create_directories(input_);
        fs::create_directories(store_);
        writeBytes(input_ / "config.json", "{\"model_type\": \"llama\", \"num_hidden_layers\": 8}\n");
        writeBytes(input_ / "split.json", "{\"l\": 2, \"k\": 4, \"r\": 2}\n");
        writeBytes(input_ / "tokenizer.json", "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\"}}\n");
        // The split 2-4-2: adapter blocks 0, 1, 6, 7; emulator blocks 2..5 (and the final norm).
        writeBytes(
            input_ / "adapter.safetensors",
            safetensorsBytes({"model.layers.0.mlp.up_proj.weight", "model.layers.1.mlp.up_proj.weight",
                              "model.layers.6.mlp.up_proj.weight", "model.layers.7.mlp.up_proj.weight"},
                             0.5f));
        writeBytes(input_ / "emulator.safetensors",
                   safetensorsBytes({"model.layers.2.mlp.up_proj.weight", "model.layers.3.mlp.up_proj.weight",
                                     "model.layers.4.mlp.up_proj.weight", "model.layers.5.mlp.up_proj.weight",
                                     "model.norm.weight"},
                                    1.5f));

        auto keyA = crypto::SigningKey::generate();
        auto keyB = crypto::SigningKey::generate();
        ASSERT_TRUE(keyA.ok() && keyB.ok());
        keyA_.emplace(std::move(*keyA));
        keyB_.emplace(std::move(*keyB));
        auto identity = crypto::AgeIdentity::generate();
        ASSERT_TRUE(identity.ok());
        recipient_ = identity->recipient().toString();
        trusted_.keys = {PinnedKey{"publisher-a", keyA_->publicKey()},
                         PinnedKey{"publisher-b", keyB_->publicKey()}};

        // A package imported earlier: refusals must leave it (and everything else in the store) untouched.
        const fs::path previous = root_ / "previous.otpkg";
        ASSERT_TRUE(pack(previous, "publisher-a", *keyA_, 1).ok());
        auto extracted = extractPackage(previous, store_ / "previous", params());
        ASSERT_TRUE(extracted.ok()) << extracted.error().message;

        valid_ = root_ / "valid.otpkg";
        auto manifest = pack(valid_, "publisher-a", *keyA_, 2);
        ASSERT_TRUE(manifest.ok()) << manifest.error().message;
        validBytes_ = readBytes(valid_);
        entries_ = splitTar(validBytes_);
        ASSERT_EQ(entries_.size(), 7u);
    }

    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(root_, ignored);
    }

    Result<Manifest> pack(const fs::path& out, const std::string& publisher, const crypto::SigningKey& key,
                          std::int64_t version) {
        PackParams p;
        p.inputFolder = input_;
        p.outputPath = out;
        p.signingKey = &key;
        p.publisherId = publisher;
        p.modelId = "smollm2-135m-offsite";
        p.packageVersion = version;
        p.createdAt = kCreatedAt;
        p.expiresAt = kExpiresAt;
        p.architecture = "llama";
        p.split = "2-4-2";
        p.exportRecipient = recipient_;
        p.licence = "Apache-2.0; for fine-tuning by the recipient only.";
        return writePackage(p);
    }

    VerifyParams params(std::int64_t now = kNow, std::int64_t floor = 0) const {
        return VerifyParams{&trusted_, now, floor};
    }

    std::size_t indexOf(std::string_view name) const {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].name == name) return i;
        }
        ADD_FAILURE() << "no entry " << name;
        return 0;
    }

    std::string signWith(const crypto::SigningKey& key, const std::string& manifestBytes,
                         const std::string& trustedComment) const {
        crypto::SignatureComments comments;
        comments.trusted = trustedComment;
        auto signature = key.signBytes(crypto::asBytes(manifestBytes), comments);
        EXPECT_TRUE(signature.ok());
        return signature.ok() ? crypto::formatMinisignSignature(*signature) : std::string();
    }

    // The valid package with its manifest replaced by `manifestBytes`, validly signed by key A.
    std::string withResignedManifest(const std::string& manifestBytes) const {
        auto entries = entries_;
        auto parsed = parseManifest(entries[0].data);
        EXPECT_TRUE(parsed.ok());
        entries[0].data = manifestBytes;
        entries[1].data = signWith(*keyA_, manifestBytes, trustedCommentFor(*parsed));
        return buildTar(entries);
    }

    // The valid package with one payload replaced and the manifest updated and validly re-signed by key A, so
    // that only the content checks after the hash can refuse it.
    std::string withReplacedPayload(const std::string& name, const std::string& bytes) const {
        auto manifest = parseManifest(entries_[0].data);
        EXPECT_TRUE(manifest.ok());
        if (!manifest.ok()) return {};
        for (auto& file : manifest->files) {
            if (file.path == name) {
                file.size = bytes.size();
                file.sha256 = sha256Hex(bytes);
            }
        }
        auto manifestBytes = serializeManifest(*manifest);
        EXPECT_TRUE(manifestBytes.ok());
        auto entries = entries_;
        entries[0].data = *manifestBytes;
        entries[1].data = signWith(*keyA_, *manifestBytes, trustedCommentFor(*manifest));
        entries[indexOf(name)].data = bytes;
        return buildTar(entries);
    }

    std::string manifestEdited(const std::string& from, const std::string& to) const {
        std::string manifest = entries_[0].data;
        const auto at = manifest.find(from);
        EXPECT_NE(at, std::string::npos) << from << " not in manifest:\n" << manifest;
        if (at != std::string::npos) manifest.replace(at, from.size(), to);
        return manifest;
    }

    // Expects the package bytes to be refused by verify and extract, naming `expected`, with the store
    // unchanged.
    void expectRefused(const std::string& label, const std::string& bytes, const std::string& expected,
                       const VerifyParams& verifyParams) {
        SCOPED_TRACE(label);
        const fs::path path = root_ / "mutated.otpkg";
        writeBytes(path, bytes);
        const std::string before = treeDigest(store_);
        auto verified = verifyPackage(path, verifyParams);
        ASSERT_FALSE(verified.ok()) << label << " was accepted";
        EXPECT_NE(verified.error().message.find(expected), std::string::npos)
            << label << ": \"" << verified.error().message << "\" does not contain \"" << expected << "\"";
        auto extracted = extractPackage(path, store_ / "incoming", verifyParams);
        ASSERT_FALSE(extracted.ok()) << label << " was extracted";
        EXPECT_NE(extracted.error().message.find(expected), std::string::npos) << extracted.error().message;
        EXPECT_EQ(treeDigest(store_), before) << label << " changed the store";
        EXPECT_FALSE(fs::exists(store_ / "incoming"));
    }
    void expectRefused(const std::string& label, const std::string& bytes, const std::string& expected) {
        expectRefused(label, bytes, expected, params());
    }

    fs::path root_, input_, store_, valid_;
    std::optional<crypto::SigningKey> keyA_, keyB_;
    std::string recipient_;
    TrustedKeys trusted_;
    std::string validBytes_;
    std::vector<Entry> entries_;
};

TEST_F(PackageTest, RoundTripExtractsEveryFileByteForByte) {
    auto verified = verifyPackage(valid_, params());
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(verified->publisherId, "publisher-a");
    EXPECT_EQ(verified->manifest.packageVersion, 2);
    EXPECT_EQ(verified->manifest.split, "2-4-2");
    EXPECT_EQ(verified->manifest.exportRecipient, recipient_);
    ASSERT_EQ(verified->manifest.files.size(), 5u);
    EXPECT_EQ(verified->manifest.files[0].path, "adapter.safetensors");
    EXPECT_EQ(verified->manifest.files[0].role, FileRole::Adapter);
    EXPECT_EQ(entries_[0].name, "manifest.json");
    EXPECT_EQ(entries_[1].name, "manifest.json.minisig");

    auto extracted = extractPackage(valid_, store_ / "v2", params());
    ASSERT_TRUE(extracted.ok()) << extracted.error().message;
    for (const auto& file : verified->manifest.files) {
        EXPECT_EQ(readBytes(store_ / "v2" / file.path), readBytes(input_ / file.path)) << file.path;
    }
    EXPECT_EQ(readBytes(store_ / "v2" / "manifest.json"), verified->manifestBytes);
    // No staging folder is left beside the destination.
    for (const auto& item : fs::directory_iterator(store_)) {
        EXPECT_EQ(item.path().filename().string().find(".staging"), std::string::npos) << item.path();
    }
    // The destination must be new: extracting over an existing folder is refused.
    auto again = extractPackage(valid_, store_ / "v2", params());
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
}

TEST_F(PackageTest, ManifestRoundTripsThroughTheSchema) {
    auto parsed = parseManifest(entries_[0].data);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto again = serializeManifest(*parsed);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, entries_[0].data);
    EXPECT_EQ(trustedCommentFor(*parsed),
              "offsite-package\tmodel_id:smollm2-135m-offsite\tpackage_version:2\tcreated_at:1750000000");
}

TEST_F(PackageTest, WriterRefusesCodeAndPickles) {
    writeBytes(input_ / "tokenization_x.py", "import os\n");
    auto packed = pack(root_ / "code.otpkg", "publisher-a", *keyA_, 3);
    ASSERT_FALSE(packed.ok());
    EXPECT_NE(packed.error().message.find("tokenization_x.py: not a file a package may carry"),
              std::string::npos)
        << packed.error().message;
    fs::remove(input_ / "tokenization_x.py");
    writeBytes(input_ / "adapter.safetensors",
               std::string("\x80\x02}q\x00(X\x01\x00\x00\x00aq\x01K\x01u.", 18));
    packed = pack(root_ / "pickle.otpkg", "publisher-a", *keyA_, 3);
    ASSERT_FALSE(packed.ok());
    EXPECT_NE(packed.error().message.find("pickle"), std::string::npos) << packed.error().message;
    EXPECT_FALSE(fs::exists(root_ / "pickle.otpkg"));
}

// PKG-1, ARC-2: every byte of every payload file is covered by the signed hash and size.
TEST_F(PackageTest, ByteFlipsInPayloadsAreRefusedNamingTheFile) {
    for (std::size_t i = 2; i < entries_.size(); ++i) {
        const std::string& name = entries_[i].name;
        const std::size_t size = entries_[i].data.size();
        for (const std::size_t position : {std::size_t{0}, size / 2, size - 1}) {
            auto entries = entries_;
            entries[i].data[position] = static_cast<char>(entries[i].data[position] ^ 0x01);
            expectRefused(name + " flip at " + std::to_string(position), buildTar(entries),
                          name + ": SHA-256 check failed");
        }
        auto truncated = entries_;
        truncated[i].data.pop_back();
        expectRefused(name + " truncated", buildTar(truncated), name + ": size check failed");
        auto appended = entries_;
        appended[i].data.push_back('x');
        expectRefused(name + " appended", buildTar(appended), name + ": size check failed");
    }
}

// PKG-2, PKG-3: the manifest is verified on its raw bytes; the signature file is parsed strictly.
TEST_F(PackageTest, ByteFlipsInManifestAndSignatureAreRefused) {
    const std::size_t size = entries_[0].data.size();
    for (const std::size_t position : {std::size_t{0}, size / 2, size - 1}) {
        auto entries = entries_;
        entries[0].data[position] = static_cast<char>(entries[0].data[position] ^ 0x01);
        expectRefused("manifest flip " + std::to_string(position), buildTar(entries),
                      "manifest.json signature check: signature verification failed");
    }
    // The signature file: its first byte (the comment prefix), a byte of the signature line, its last byte.
    const std::string& sig = entries_[1].data;
    const std::size_t line2 = sig.find('\n') + 1;
    for (const std::size_t position : {std::size_t{0}, line2 + 20, sig.size() - 1}) {
        auto entries = entries_;
        entries[1].data[position] = static_cast<char>(entries[1].data[position] ^ 0x01);
        expectRefused("signature flip " + std::to_string(position), buildTar(entries), "manifest.json");
    }
}

TEST_F(PackageTest, ContainerDamageIsRefused) {
    expectRefused("package truncated by 1 byte", validBytes_.substr(0, validBytes_.size() - 1), "512-byte");
    expectRefused("package with 1 byte appended", validBytes_ + "x", "512-byte");
    std::string badChecksum = validBytes_;
    const std::size_t third = 512 + ((entries_[0].data.size() + 511) / 512) * 512 + 512 +
                              ((entries_[1].data.size() + 511) / 512) * 512;
    badChecksum[third + 5] = static_cast<char>(badChecksum[third + 5] ^ 0x01);
    expectRefused("header checksum", badChecksum, "tar header checksum does not match");
    std::string trailing = validBytes_ + std::string(511, '\0') + "x";
    expectRefused("data after the end marker", trailing, "after the tar end-of-archive marker");
}

TEST_F(PackageTest, ExtraMissingAndRenamedFilesAreRefused) {
    auto extra = entries_;
    extra.push_back(Entry{"extra.json", "{}", '0', 0644, {}});
    expectRefused("extra file", buildTar(extra), "extra.json: not listed in the signed manifest");
    auto missing = entries_;
    missing.erase(missing.begin() + static_cast<std::ptrdiff_t>(indexOf("tokenizer.json")));
    expectRefused("missing file", buildTar(missing),
                  "tokenizer.json: listed in the signed manifest but missing from the package");
    auto renamed = entries_;
    renamed[indexOf("split.json")].name = "splat.json";
    expectRefused("renamed file", buildTar(renamed), "splat.json: not listed in the signed manifest");
    auto duplicate = entries_;
    duplicate.push_back(entries_[indexOf("adapter.safetensors")]);
    expectRefused("duplicate entry", buildTar(duplicate), "a duplicate entry");
    auto caseTwin = entries_;
    caseTwin.push_back(Entry{"Config.json", "{}", '0', 0644, {}});
    expectRefused("case-folded duplicate", buildTar(caseTwin), "a duplicate entry");
}

// PKG-10: trust comes only from the signature.
TEST_F(PackageTest, UnsignedPackageIsRefused) {
    auto unsignedEntries = entries_;
    unsignedEntries.erase(unsignedEntries.begin() + 1);
    expectRefused("signature removed", buildTar(unsignedEntries), "package is not signed");
    auto reordered = entries_;
    std::swap(reordered[0], reordered[1]);
    expectRefused("signature first", buildTar(reordered), "the first entry must be manifest.json");
}

// PKG-3: trusted comment, key id and algorithm.
TEST_F(PackageTest, SignatureTamperingIsRefused) {
    auto signature = crypto::parseMinisignSignature(entries_[1].data);
    ASSERT_TRUE(signature.ok());

    auto comment = *signature;
    comment.trustedComment[comment.trustedComment.size() - 1] = '9';
    auto entries = entries_;
    entries[1].data = crypto::formatMinisignSignature(comment);
    expectRefused("edited trusted comment", buildTar(entries),
                  "trusted comment does not match its signature");

    auto swapped = *signature;
    std::swap(swapped.keyId.bytes[0], swapped.keyId.bytes[7]);
    std::swap(swapped.keyId.bytes[1], swapped.keyId.bytes[6]);
    entries = entries_;
    entries[1].data = crypto::formatMinisignSignature(swapped);
    expectRefused("swapped key id", buildTar(entries), "unknown key id " + swapped.keyId.display());

    auto legacy = *signature;
    legacy.algorithm = crypto::SignatureAlgorithm::Legacy;
    entries = entries_;
    entries[1].data = crypto::formatMinisignSignature(legacy);
    expectRefused("legacy signature", buildTar(entries), "legacy format");

    // A valid signature whose trusted comment does not repeat the manifest's identity.
    auto parsed = parseManifest(entries_[0].data);
    ASSERT_TRUE(parsed.ok());
    entries = entries_;
    entries[1].data = signWith(*keyA_, entries_[0].data, "timestamp:1750000000\tfile:manifest.json\thashed");
    expectRefused("foreign trusted comment", buildTar(entries),
                  "trusted comment does not repeat the manifest's model_id");
}

// PKG-4: strict schema on validly signed manifests.
TEST_F(PackageTest, SchemaViolationsAreRefusedEvenWhenSigned) {
    expectRefused("duplicate key", withResignedManifest(manifestEdited("{\n", "{\n  \"licence\": \"x\",\n")),
                  "duplicate key \"licence\"");
    expectRefused("unknown spec_version",
                  withResignedManifest(manifestEdited("\"spec_version\": 2", "\"spec_version\": 3")),
                  "unknown spec_version 3");
    expectRefused("path ../x",
                  withResignedManifest(manifestEdited("\"path\": \"split.json\"", "\"path\": \"../x\"")),
                  "\"../x\" contains a directory");
    expectRefused("absolute path in manifest",
                  withResignedManifest(manifestEdited("\"path\": \"split.json\"", "\"path\": \"/etc/x\"")),
                  "\"/etc/x\" is an absolute path");
    expectRefused("unknown field", withResignedManifest(manifestEdited("{\n", "{\n  \"code\": \"x\",\n")),
                  "unknown field \"code\"");
    expectRefused("missing field", withResignedManifest(manifestEdited("\"architecture\": \"llama\",", "")),
                  "missing the required field \"architecture\"");
    expectRefused("unknown role",
                  withResignedManifest(manifestEdited("\"role\": \"split\"", "\"role\": \"script\"")),
                  "unknown role \"script\"");
    std::vector<Entry> oversized = entries_;
    oversized[0].data = std::string(kManifestMaxBytes + 1, ' ');
    expectRefused("oversized manifest", buildTar(oversized),
                  "manifest.json is 1048577 bytes, over the limit");
    oversized = entries_;
    oversized[1].data = std::string(kSignatureMaxBytes + 1, ' ');
    expectRefused("oversized signature", buildTar(oversized), "manifest.json.minisig is 16385 bytes");
}

// ST-3: the signed tensor layout is part of the schema: required for weights files, refused for others,
// self-consistent (dtype and shape give the byte count, ranges tile the data from 0), and for a known
// architecture the blocks of adapter and emulator must be those of the split.
TEST_F(PackageTest, LayoutSchemaIsCheckedEvenWhenSigned) {
    auto manifest = parseManifest(entries_[0].data);
    ASSERT_TRUE(manifest.ok());
    EXPECT_EQ(manifest->specVersion, 2);
    ASSERT_EQ(manifest->files[0].path, "adapter.safetensors");
    ASSERT_EQ(manifest->files[0].tensors.size(), 4u);
    EXPECT_EQ(manifest->files[0].tensors[0].name, "model.layers.0.mlp.up_proj.weight");
    EXPECT_EQ(manifest->files[0].tensors[0].shape, (std::vector<std::int64_t>{2, 4}));
    EXPECT_EQ(manifest->files[0].tensors[1].begin, 32u);
    EXPECT_TRUE(manifest->files[1].tensors.empty());  // config.json

    const std::string firstTensor =
        "\"name\": \"model.layers.0.mlp.up_proj.weight\",\n          \"dtype\": \"F32\"";
    std::string noTensors = entries_[0].data;  // the adapter's "tensors" (the first) cut out
    const auto cutFrom = noTensors.find(",\n      \"tensors\": [");
    const auto cutTo = noTensors.find("\n      ]", cutFrom);
    ASSERT_NE(cutTo, std::string::npos);
    noTensors.erase(cutFrom, cutTo + 8 - cutFrom);
    expectRefused("no tensors for a weights file", withResignedManifest(noTensors),
                  "(adapter.safetensors) is missing the required field \"tensors\"");
    expectRefused("unknown dtype",
                  withResignedManifest(
                      manifestEdited(firstTensor, firstTensor.substr(0, firstTensor.size() - 4) + "X99\"")),
                  "has the unknown dtype \"X99\"");
    expectRefused(
        "gap in the data offsets",
        withResignedManifest(manifestEdited("\"data_offsets\": [\n            32,\n            64",
                                            "\"data_offsets\": [\n            33,\n            65")),
        "do not follow the previous tensor (at 32)");
    expectRefused("tensors on a JSON file",
                  withResignedManifest(
                      manifestEdited("\"role\": \"config\",", "\"role\": \"config\", \"tensors\": [],")),
                  "lists tensors, but only adapter and emulator files have them");
    expectRefused(
        "blocks that do not match the split",
        withResignedManifest(manifestEdited("\"split\": \"2-4-2\"", "\"split\": \"1-5-2\"")),
        "the tensor layout does not match the split \"1-5-2\" of this llama model: the adapter should hold "
        "blocks 0, 6, 7 and holds 0, 1, 6, 7");
    // Old-format manifests still parse (packages imported before stay readable) but do not verify.
    auto old = *manifest;
    old.specVersion = 1;
    for (auto& f : old.files) f.tensors.clear();
    auto oldBytes = serializeManifest(old);
    ASSERT_TRUE(oldBytes.ok()) << oldBytes.error().message;
    EXPECT_EQ(oldBytes->find("\"tensors\""), std::string::npos) << *oldBytes;
    expectRefused("spec_version 1", withResignedManifest(*oldBytes), "made by an older owner tool");
}

// ST-3: a validly signed manifest whose layout disagrees with the safetensors header is refused naming the
// file and the tensor; its data never reaches the destination.
TEST_F(PackageTest, LayoutMismatchIsRefusedNamingFileAndTensor) {
    auto manifest = parseManifest(entries_[0].data);
    ASSERT_TRUE(manifest.ok());
    auto shape = *manifest;
    shape.files[2].tensors[0].shape = {8, 1};  // emulator.safetensors, model.layers.2.mlp.up_proj.weight
    auto bytes = serializeManifest(shape);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    expectRefused(
        "emulator shape", withResignedManifest(*bytes),
        "emulator.safetensors: tensor layout check failed: tensor \"model.layers.2.mlp.up_proj.weight\" "
        "has shape [2, 4], the signed manifest says [8, 1]");
    // A payload replaced by a valid file of another shape, with the size and hash re-signed but not the
    // layout.
    std::vector<float> data(8, 0.5f);
    std::vector<safetensors::TensorView> views;
    for (const char* name : {"model.layers.0.mlp.up_proj.weight", "model.layers.1.mlp.up_proj.weight",
                             "model.layers.6.mlp.up_proj.weight", "model.layers.7.mlp.up_proj.weight"}) {
        views.push_back({name, safetensors::DType::F32,
                         std::string_view(name).find(".1.") != std::string_view::npos
                             ? std::vector<std::int64_t>{4, 2}
                             : std::vector<std::int64_t>{2, 4},
                         std::span<const std::byte>(reinterpret_cast<const std::byte*>(data.data()), 32)});
    }
    auto reshaped = safetensors::serialize(views);
    ASSERT_TRUE(reshaped.ok());
    expectRefused(
        "adapter replaced by another shape", withReplacedPayload("adapter.safetensors", *reshaped),
        "adapter.safetensors: tensor layout check failed: tensor \"model.layers.1.mlp.up_proj.weight\" "
        "has shape [4, 2], the signed manifest says [2, 4]");
}

// PKG-4: a 2 GiB "manifest" (a sparse file) is refused from its header, before anything is allocated or read.
TEST_F(PackageTest, HugeManifestIsRefusedBeforeReading) {
    const std::uint64_t huge = 2ULL << 30;
    auto header = makeTarHeader(TarHeaderFields{"manifest.json", huge, '0', 0644, {}});
    ASSERT_TRUE(header.ok());
    const fs::path path = root_ / "huge.otpkg";
    writeBytes(path, *header);
    fs::resize_file(path, kTarBlockBytes + huge + 2 * kTarBlockBytes);
    const std::string before = treeDigest(store_);
    auto verified = verifyPackage(path, params());
    ASSERT_FALSE(verified.ok());
    EXPECT_NE(verified.error().message.find("manifest.json is 2147483648 bytes, over the limit of 1048576"),
              std::string::npos)
        << verified.error().message;
    EXPECT_EQ(verified.error().kind, ErrorKind::LimitExceeded);
    EXPECT_FALSE(extractPackage(path, store_ / "huge", params()).ok());
    EXPECT_EQ(treeDigest(store_), before);
}

// ARC-1: entries that are not plain, safely named regular files.
TEST_F(PackageTest, UnsafeEntriesAreRefused) {
    const auto with = [&](Entry entry) {
        auto entries = entries_;
        entries.push_back(std::move(entry));
        return buildTar(entries);
    };
    expectRefused("../x entry", with(Entry{"../x", "x", '0', 0644, {}}), "contains a directory");
    expectRefused("absolute entry", with(Entry{"/etc/x", "x", '0', 0644, {}}), "is an absolute path");
    expectRefused("backslash entry", with(Entry{"..\\x", "x", '0', 0644, {}}), "contains a backslash");
    expectRefused("control character", with(Entry{"a\nb", "x", '0', 0644, {}}), "control character");
    expectRefused("symlink entry", with(Entry{"s", "", '2', 0777, "/tmp"}), "is a symbolic link");
    expectRefused("hardlink entry", with(Entry{"h", "", '1', 0644, "/etc/passwd"}), "is a hard link");
    expectRefused("directory entry", with(Entry{"d", "", '5', 0755, {}}), "is a directory");
    expectRefused("device entry", with(Entry{"dev", "", '3', 0644, {}}), "is a device");
    auto setuid = entries_;
    setuid[indexOf("config.json")].mode = 04755;
    expectRefused("setuid entry", buildTar(setuid), "setuid");
}

// PKG-6: expiry against max(clock, floor).
TEST_F(PackageTest, ExpiredPackagesAreRefusedWithTheClockFloor) {
    expectRefused("expired", validBytes_, "package expired", params(kExpiresAt + 1, 0));
    expectRefused("clock set back below the floor", validBytes_, "package expired",
                  params(kCreatedAt, kExpiresAt + 100));
    EXPECT_TRUE(verifyPackage(valid_, params(kExpiresAt - 1, kCreatedAt)).ok());
}

// PKG-7: a key pinned for publisher A cannot speak for publisher B.
TEST_F(PackageTest, KeyOfAnotherPublisherIsRefused) {
    const fs::path forged = root_ / "forged.otpkg";
    ASSERT_TRUE(pack(forged, "publisher-b", *keyA_, 3).ok());
    expectRefused(
        "publisher B signed by A", readBytes(forged),
        "claims publisher \"publisher-b\" but is signed by the key pinned for publisher \"publisher-a\"");
    TrustedKeys onlyB;
    onlyB.keys = {PinnedKey{"publisher-b", keyB_->publicKey()}};
    expectRefused("key not pinned", validBytes_, "unknown key id " + keyA_->keyId().display(),
                  VerifyParams{&onlyB, kNow, 0});
}

// ST-1: a signed "safetensors" payload that is really a pickle is refused by content.
TEST_F(PackageTest, SignedPickleIsRefusedByContent) {
    // (Padded to the size the signed layout needs, so that only the content check can refuse it.)
    const std::string pickle =
        std::string("\x80\x02}q\x00(X\x01\x00\x00\x00aq\x01K\x01u.", 18) + std::string(1006, '\0');
    const std::string bytes = withReplacedPayload("adapter.safetensors", pickle);
    expectRefused("pickle as adapter", bytes, "adapter.safetensors: safetensors check failed");
    expectRefused("pickle as adapter", bytes, "pickle");
    const std::string zip = std::string("PK\x03\x04", 4) + std::string(1020, '\0');
    expectRefused("zip as emulator", withReplacedPayload("emulator.safetensors", zip),
                  "emulator.safetensors: safetensors check failed");
}

// ST-4: JSON payloads are strict JSON within limits, and config files carry no custom-code pointers.
TEST_F(PackageTest, SignedJsonPayloadsAreChecked) {
    expectRefused("deeply nested tokenizer",
                  withReplacedPayload("tokenizer.json", std::string(100, '[') + std::string(100, ']')),
                  "tokenizer.json: JSON check failed");
    expectRefused("duplicate key in config",
                  withReplacedPayload("config.json", "{\"model_type\": \"llama\", \"model_type\": \"gpt2\"}"),
                  "config.json: JSON check failed");
    expectRefused("auto_map in config",
                  withReplacedPayload("config.json", "{\"auto_map\": {\"AutoModel\": \"modeling_x.Model\"}}"),
                  "config.json: JSON check failed: \"auto_map\"");
}

// Long-job shape: progress reaches the total; a false return cancels with a distinct outcome and no trace.
TEST_F(PackageTest, ProgressAndCancel) {
    std::uint64_t lastDone = 0, lastTotal = 0;
    VerifyParams observed = params();
    observed.progress = [&](std::uint64_t done, std::uint64_t total) {
        EXPECT_GE(done, lastDone);
        lastDone = done;
        lastTotal = total;
        return true;
    };
    ASSERT_TRUE(verifyPackage(valid_, observed).ok());
    EXPECT_GT(lastTotal, 0u);
    EXPECT_EQ(lastDone, lastTotal);

    VerifyParams cancelling = params();
    cancelling.progress = [](std::uint64_t, std::uint64_t) { return false; };
    const std::string before = treeDigest(store_);
    auto extracted = extractPackage(valid_, store_ / "cancelled", cancelling);
    ASSERT_FALSE(extracted.ok());
    EXPECT_EQ(extracted.error().kind, ErrorKind::Cancelled);
    EXPECT_EQ(treeDigest(store_), before);
    EXPECT_FALSE(fs::exists(store_ / "cancelled"));
}

// ARC-3: a file planted where staging would write is never followed (staging names are random, so plant a
// symlink at the destination itself).
TEST_F(PackageTest, DestinationSymlinkIsNotFollowed) {
    fs::create_directories(root_ / "elsewhere");
    fs::create_directory_symlink(root_ / "elsewhere", store_ / "linked");
    auto extracted = extractPackage(valid_, store_ / "linked", params());
    ASSERT_FALSE(extracted.ok());
    EXPECT_TRUE(fs::is_empty(root_ / "elsewhere"));
}

// PKG-3 (a): the stock minisign tool verifies our manifest signature.
TEST_F(PackageTest, MinisignVerifiesOurManifestSignature) {
    if (!fs::exists("/usr/bin/minisign")) GTEST_SKIP() << "minisign is not installed";
    auto extracted = extractPackage(valid_, store_ / "for-minisign", params());
    ASSERT_TRUE(extracted.ok()) << extracted.error().message;
    const fs::path pub = root_ / "publisher-a.pub";
    writeBytes(pub, crypto::formatMinisignPublicKey(keyA_->publicKey()));
    const fs::path dir = store_ / "for-minisign";
    const std::string command = "/usr/bin/minisign -V -q -m '" + (dir / "manifest.json").string() + "' -x '" +
                                (dir / "manifest.json.minisig").string() + "' -p '" + pub.string() +
                                "' > /dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

// PKG-3 (a): a package whose manifest was signed by the stock minisign CLI and tarred by Python's tarfile
// (the committed fuzz seeds, fuzz/make_package_seeds.py) verifies; without its key pinned, or pinned for
// another publisher, it is refused.
TEST(PackageInterop, MinisignCliSignedPythonTarVerifies) {
    const fs::path seeds = fs::path(OFFSITE_SOURCE_DIR) / "fuzz" / "corpus" / "package_reader";
    auto key = crypto::readMinisignPublicKeyFile(seeds / "seed-publisher.pub");
    ASSERT_TRUE(key.ok()) << key.error().message;
    TrustedKeys trusted;
    trusted.keys = {PinnedKey{"seed-publisher", *key}};
    auto verified = verifyPackage(seeds / "valid.otpkg", VerifyParams{&trusted, kNow, 0});
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(verified->manifest.modelId, "seed-model");
    EXPECT_EQ(verified->manifest.files[0].tensors.size(), 4u);  // the layout, written by Python's json
    // ST-3: signed by minisign, but the layout says [4, 2] where the reference writer's header says [2, 4].
    auto mismatch = verifyPackage(seeds / "layout_mismatch.otpkg", VerifyParams{&trusted, kNow, 0});
    ASSERT_FALSE(mismatch.ok());
    EXPECT_NE(
        mismatch.error().message.find("adapter.safetensors: tensor layout check failed: tensor "
                                      "\"model.layers.0.mlp.up_proj.weight\" has shape [2, 4], the signed "
                                      "manifest says [4, 2]"),
        std::string::npos)
        << mismatch.error().message;
    auto symlink = verifyPackage(seeds / "symlink.otpkg", VerifyParams{&trusted, kNow, 0});
    ASSERT_FALSE(symlink.ok());
    EXPECT_NE(symlink.error().message.find("is a symbolic link"), std::string::npos);
    auto unsignedPackage = verifyPackage(seeds / "unsigned.otpkg", VerifyParams{&trusted, kNow, 0});
    ASSERT_FALSE(unsignedPackage.ok());
    EXPECT_NE(unsignedPackage.error().message.find("package is not signed"), std::string::npos);
    trusted.keys[0].publisherId = "someone-else";
    auto other = verifyPackage(seeds / "valid.otpkg", VerifyParams{&trusted, kNow, 0});
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.error().message.find("claims publisher \"seed-publisher\""), std::string::npos);
}

// ST-1: no code path of the product can hand a file to a pickle loader (LibTorch's torch::load, jit::load and
// pickle_load run pickles; weights are only read with our safetensors reader). A source grep over everything
// that ships, run as a test so that CI enforces it.
TEST(PackageSources, NoPickleLoaderAnywhereInTheProduct) {
    const fs::path root = fs::path(OFFSITE_SOURCE_DIR);
    const char* forbidden[] = {"torch::load(", "jit::load(", "pickle_load(", "torch::serialize::InputArchive",
                               "_load_for_mobile("};
    int files = 0;
    for (const char* folder : {"core", "app", "ui"}) {
        std::error_code ec;
        for (fs::recursive_directory_iterator it(root / folder, ec), end; !ec && it != end;
             it.increment(ec)) {
            const std::string ext = it->path().extension().string();
            if (!it->is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
            const std::string text = readBytes(it->path());
            ++files;
            for (const char* name : forbidden) {
                EXPECT_EQ(text.find(name), std::string::npos) << it->path() << " uses " << name;
            }
        }
    }
    EXPECT_GT(files, 100);
}

}  // namespace
}  // namespace offsite::package

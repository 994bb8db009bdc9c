// Shared by the trust and export tests: a tiny split-model folder made in code (torch-free), packages signed
// by test keys, and a digest of a folder tree to prove that a refusal changed nothing.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "core/crypto/primitives.h"
#include "core/package/package.h"
#include "core/package/tar.h"
#include "core/safetensors/safetensors.h"

namespace offsite::trust::testing {

namespace fs = std::filesystem;

inline std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline void writeBytes(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string safetensorsBytes(
    const std::vector<std::pair<std::string, std::vector<std::int64_t>>>& tensors, float value) {
    std::vector<std::vector<float>> storage;
    std::vector<safetensors::TensorView> views;
    for (const auto& [name, shape] : tensors) {
        std::int64_t n = 1;
        for (auto d : shape) n *= d;
        storage.emplace_back(static_cast<std::size_t>(n), value);
        views.push_back(safetensors::TensorView{
            name, safetensors::DType::F32, shape,
            std::span<const std::byte>(reinterpret_cast<const std::byte*>(storage.back().data()),
                                       storage.back().size() * sizeof(float))});
    }
    auto bytes = safetensors::serialize(views);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
}

using TensorShapes = std::vector<std::pair<std::string, std::vector<std::int64_t>>>;

// Two tensors per decoder block, as a llama split names them.
inline void addBlocks(TensorShapes& out, int first, int end) {
    for (int b = first; b < end; ++b) {
        out.push_back({"model.layers." + std::to_string(b) + ".mlp.up_proj.weight", {2, 4}});
        out.push_back({"model.layers." + std::to_string(b) + ".input_layernorm.weight", {4}});
    }
}

// The adapter of the default split "1-2-1": blocks 0 and 3.
inline const TensorShapes& adapterLayout() {
    static const TensorShapes layout = [] {
        TensorShapes out;
        addBlocks(out, 0, 1);
        addBlocks(out, 3, 4);
        return out;
    }();
    return layout;
}

// A split-model folder like `offsite owner split` writes for the split "l-k-r" (adapter: blocks 0..l-1 and
// l+k..l+k+r-1; emulator: blocks l..l+k-1 and the final norm), small enough to pack in milliseconds.
inline void writeSplitFolder(const fs::path& folder, float adapterValue = 0.5f, int l = 1, int k = 2,
                             int r = 1) {
    fs::create_directories(folder);
    const std::string split = std::to_string(l) + "-" + std::to_string(k) + "-" + std::to_string(r);
    writeBytes(folder / "config.json",
               "{\"model_type\": \"llama\", \"num_hidden_layers\": " + std::to_string(l + k + r) + "}\n");
    writeBytes(folder / "split.json", "{\"format\": \"offsite-split\", \"split\": \"" + split + "\"}\n");
    writeBytes(folder / "tokenizer.json", "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\"}}\n");
    TensorShapes adapter, emulator;
    addBlocks(adapter, 0, l);
    addBlocks(adapter, l + k, l + k + r);
    addBlocks(emulator, l, l + k);
    emulator.push_back({"model.norm.weight", {4}});
    writeBytes(folder / "adapter.safetensors", safetensorsBytes(adapter, adapterValue));
    writeBytes(folder / "emulator.safetensors", safetensorsBytes(emulator, 1.5f));
}

struct PackSpec {
    std::string publisher = "example.org";
    std::string modelId = "tiny-llama-offsite";
    std::int64_t version = 1;
    std::int64_t createdAt = 1'750'000'000;
    std::int64_t expiresAt = 1'900'000'000;
    std::string recipient;  // age1...
    std::string split = "1-2-1";
    // Block names are checked against the split for known architectures; tests that hand-craft weights
    // without decoder blocks name another one.
    std::string architecture = "llama";
};

inline Result<package::Manifest> pack(const fs::path& input, const fs::path& out,
                                      const crypto::SigningKey& key, const PackSpec& spec,
                                      std::vector<package::SignedKeyRotation> keyRotations = {}) {
    package::PackParams p;
    p.inputFolder = input;
    p.outputPath = out;
    p.signingKey = &key;
    p.publisherId = spec.publisher;
    p.modelId = spec.modelId;
    p.packageVersion = spec.version;
    p.createdAt = spec.createdAt;
    p.expiresAt = spec.expiresAt;
    p.architecture = spec.architecture;
    p.split = spec.split;
    p.exportRecipient = spec.recipient;
    p.licence = "For fine-tuning by the recipient only.";
    p.keyRotations = std::move(keyRotations);
    return package::writePackage(p);
}

// The package at `in` with its manifest changed by `edit` and validly re-signed by `key`, written to `out`:
// only checks after the signature can refuse it (ST-3 layout mutations).
inline void resignPackage(const fs::path& in, const fs::path& out, const crypto::SigningKey& key,
                          const std::function<void(package::Manifest&)>& edit) {
    const std::string bytes = readBytes(in);
    auto source = package::memorySource(bytes);
    package::TarReader reader(*source);
    std::vector<std::pair<std::string, std::string>> entries;
    while (true) {
        auto entry = reader.next();
        ASSERT_TRUE(entry.ok()) << entry.error().message;
        if (entry->name.empty()) break;
        auto data = reader.readAll(*entry, 1u << 24, entry->name);
        ASSERT_TRUE(data.ok());
        entries.emplace_back(entry->name, std::move(*data));
    }
    ASSERT_GE(entries.size(), 2u);
    auto manifest = package::parseManifest(entries[0].second);
    ASSERT_TRUE(manifest.ok()) << manifest.error().message;
    edit(*manifest);
    auto manifestBytes = package::serializeManifest(*manifest);
    ASSERT_TRUE(manifestBytes.ok()) << manifestBytes.error().message;
    crypto::SignatureComments comments;
    comments.trusted = package::trustedCommentFor(*manifest);
    auto signature = key.signBytes(crypto::asBytes(*manifestBytes), comments);
    ASSERT_TRUE(signature.ok());
    entries[0].second = *manifestBytes;
    entries[1].second = crypto::formatMinisignSignature(*signature);
    std::string tar;
    for (const auto& [name, data] : entries) {
        auto header = package::makeTarHeader(package::TarHeaderFields{name, data.size(), '0', 0644, {}});
        ASSERT_TRUE(header.ok());
        tar += *header + data + package::tarPadding(data.size());
    }
    writeBytes(out, tar + package::tarEndOfArchive());
}

// Every path, type and content under `root` (absent root: empty), so a refusal can be shown to change
// nothing.
inline std::string treeDigest(const fs::path& root) {
    std::vector<std::string> lines;
    std::error_code ec;
    if (!fs::exists(root, ec)) return {};
    for (const auto& item : fs::recursive_directory_iterator(root)) {
        const auto status = item.symlink_status();
        std::string line =
            fs::relative(item.path(), root).string() + "|" + std::to_string(static_cast<int>(status.type()));
        if (fs::is_regular_file(status)) line += "|" + readBytes(item.path());
        lines.push_back(std::move(line));
    }
    if (lines.empty()) return {};  // an empty folder holds no state, like an absent one
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& line : lines) all += line + '\n';
    const auto digest = crypto::blake2b512(crypto::asBytes(all));
    return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

class ScratchTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "offsite-trust-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(root_, ignored);
    }
    fs::path root_;
};

}  // namespace offsite::trust::testing

// What the GUI tests share: a tiny split model (the 3-block test Llama with a 96-token tokenizer), a publisher
// that signs packages of it (with optional key changes and extra payload), widget look-ups by objectName, a
// snapshot of a workspace's trust tables and files (to show that something changed nothing), and the docs'
// screenshots.
#pragma once

#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QWidget>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "core/emulator/split.h"
#include "core/package/key_rotation.h"
#include "core/package/package.h"
#include "core/safetensors/safetensors.h"
#include "core/workspace/workspace.h"
#include "tests/ui/qt_test_app.h"

namespace offsite::ui::testing {

namespace fs = std::filesystem;
inline const fs::path kData = OFFSITE_TEST_DATA;

inline void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A BPE tokenizer over printable ASCII without merges: 95 characters and <unk>, ids 0..95, which fits the test
// Llama's 96-row embedding.
inline std::string tinyTokenizerJson() {
    std::string vocab = "\"<unk>\": 0";
    for (int c = 32; c < 127; ++c) {
        std::string piece(1, static_cast<char>(c));
        if (c == '"' || c == '\\') piece = "\\" + piece;
        vocab += ", \"" + piece + "\": " + std::to_string(c - 31);
    }
    return "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": [], "
           "\"normalizer\": null, \"pre_tokenizer\": null, \"post_processor\": null, \"decoder\": null, "
           "\"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": \"<unk>\", "
           "\"continuing_subword_prefix\": null, \"end_of_word_suffix\": null, \"fuse_unk\": false, "
           "\"byte_fallback\": false, \"vocab\": {" + vocab + "}, \"merges\": []}}";
}

// The test Llama split 1-2-0 into `root`/split (what `offsite owner split` writes); returns that folder.
inline fs::path writeTinySplit(const fs::path& root) {
    const fs::path source = root / "source";
    fs::create_directories(source);
    for (const char* name : {"config.json", "model.safetensors"}) {
        fs::copy_file(kData / "parity" / "llama_gqa_tied" / name, source / name);
    }
    writeText(source / "tokenizer.json", tinyTokenizerJson());
    emulator::SplitOptions options;
    options.spec = {1, 2, 0};
    auto split = emulator::writeSplit(source, root / "split", options);
    EXPECT_TRUE(split.ok()) << (split.ok() ? "" : split.error().message);
    return root / "split";
}

inline std::string newRecipient() {
    auto identity = crypto::AgeIdentity::generate();
    EXPECT_TRUE(identity.ok());
    return identity->recipient().toString();
}

inline crypto::SigningKey newSigningKey() {
    auto key = crypto::SigningKey::generate();
    EXPECT_TRUE(key.ok());
    return std::move(key).value();
}

// A model owner ("example-labs") with a signing key, its .pub file, an age identity for exports and the tiny
// split model, packed in as many versions as a test needs.
class Publisher {
public:
    explicit Publisher(const fs::path& root) : root_(root), split_(writeTinySplit(root)) {
        key_.emplace(newSigningKey());
        auto identity = crypto::AgeIdentity::generate();
        EXPECT_TRUE(identity.ok());
        identity_.emplace(std::move(identity).value());
        publicKey_ = root / "publisher.pub";
        writeText(publicKey_, crypto::formatMinisignPublicKey(key_->publicKey()));
    }

    struct PackOptions {
        std::int64_t version = 1;
        std::string recipient;  // empty: this publisher's own age identity
        std::vector<package::SignedKeyRotation> keyRotations;
        std::uint64_t extraPayloadBytes = 0;  // an extra emulator-role weights file of about this size
    };
    fs::path pack(const PackOptions& options) {
        fs::path input = split_;
        if (options.extraPayloadBytes > 0) {
            input = root_ / ("split-extra-" + std::to_string(options.extraPayloadBytes));
            if (!fs::exists(input)) {
                fs::create_directories(input);
                for (const auto& entry : fs::directory_iterator(split_)) {
                    fs::copy_file(entry.path(), input / entry.path().filename());
                }
                const std::vector<float> values(options.extraPayloadBytes / sizeof(float), 0.25f);
                const std::vector<safetensors::TensorView> tensors = {
                    {"extra.weight", safetensors::DType::F32, {static_cast<std::int64_t>(values.size())},
                     std::as_bytes(std::span<const float>(values))}};
                EXPECT_TRUE(safetensors::write(input / "emulator-extra.safetensors", tensors).ok());
            }
        }
        const std::string recipient = options.recipient.empty() ? identity_->recipient().toString() : options.recipient;
        package::PackParams p;
        p.inputFolder = input;
        p.outputPath = root_ / ("tiny-v" + std::to_string(options.version) + "-" + recipient.substr(4, 6) + "-" +
                                std::to_string(++packed_) + ".otpkg");
        p.signingKey = &*key_;
        p.publisherId = "example-labs";
        p.modelId = "tiny-llama";
        p.packageVersion = options.version;
        p.createdAt = static_cast<std::int64_t>(std::time(nullptr)) - 3600 + options.version;
        p.expiresAt = p.createdAt + 30 * 86400;
        p.architecture = "llama";
        p.split = "1-2-0";
        p.exportRecipient = recipient;
        p.licence = "You may fine-tune this model for internal use only.";
        p.keyRotations = options.keyRotations;
        auto manifest = package::writePackage(p);
        EXPECT_TRUE(manifest.ok()) << (manifest.ok() ? "" : manifest.error().message);
        return p.outputPath;
    }
    fs::path pack(std::int64_t version, const std::string& recipient) {
        return pack(PackOptions{version, recipient, {}, 0});
    }

    // PKG-8: a new signing key, authorised by the current one (`offsite owner rotate-key`); packages made from
    // now on are signed by the new key and carry the returned change when given it.
    package::SignedKeyRotation rotateKey(std::int64_t trustRootVersion) {
        crypto::SigningKey next = newSigningKey();
        package::KeyRotation rotation;
        rotation.publisherId = "example-labs";
        rotation.version = trustRootVersion;
        rotation.threshold = 1;
        rotation.createdAt = static_cast<std::int64_t>(std::time(nullptr)) - 60;
        rotation.keys = {next.publicKey()};
        auto signedRotation = package::signKeyRotation(rotation, {&*key_, &next});
        EXPECT_TRUE(signedRotation.ok()) << (signedRotation.ok() ? "" : signedRotation.error().message);
        key_.emplace(std::move(next));
        return signedRotation.ok() ? *signedRotation : package::SignedKeyRotation{};
    }

    [[nodiscard]] const fs::path& publicKey() const { return publicKey_; }  // the first key's .pub
    [[nodiscard]] crypto::MinisignPublicKey currentKey() const { return key_->publicKey(); }
    [[nodiscard]] const crypto::AgeIdentity& identity() const { return *identity_; }

private:
    fs::path root_;
    fs::path split_;
    std::optional<crypto::SigningKey> key_;
    std::optional<crypto::AgeIdentity> identity_;
    fs::path publicKey_;
    int packed_ = 0;
};

template <typename T>
T* child(QWidget* parent, const char* name) {
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

inline QString textOf(QWidget* parent, const char* name) {
    auto* label = child<QLabel>(parent, name);
    return label != nullptr ? label->text() : QString();
}

// Every row count of the trust and package tables, and every file of the workspace except the database's own.
inline std::string workspaceSnapshot(workspace::Workspace& ws) {
    std::string out;
    for (const char* table : {"publishers", "publisher_keys", "packages", "package_trust", "package_lineage",
                              "trust_time_floor", "package_import_log", "audit_log", "store_files"}) {
        auto count = ws.database().queryInt(std::string("SELECT count(*) FROM ") + table);
        out += std::string(table) + "=" + (count.ok() ? std::to_string(*count) : count.error().message) + "\n";
    }
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(ws.folder())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("workspace.", 0) == 0) continue;  // the database, its journal and the lock
        files.push_back(fs::relative(entry.path(), ws.folder()).string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) out += file + "\n";
    return out;
}

// Screenshots for the docs when asked for: OFFSITE_SCREENSHOTS=<folder> (scripts/screenshots.sh sets it).
inline void snap(QWidget* window, const char* name) {
    const QByteArray folder = qgetenv("OFFSITE_SCREENSHOTS");
    if (folder.isEmpty()) return;
    QApplication::processEvents();
    window->grab().save(QString::fromLocal8Bit(folder) + QLatin1Char('/') + QLatin1String(name) +
                        QStringLiteral(".png"));
}

}  // namespace offsite::ui::testing

// The wizard's import step goes through the core importer (core/trust): driven offscreen through widgets found
// by objectName, a rollback is refused with core's message and changes nothing, a changed export key is asked
// about and declining changes nothing, and the folder the wizard imported to is the one core keeps. Packages are
// made here from a split of the 3-block test Llama, signed by one publisher key in several versions.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <ctime>
#include <fstream>

#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "core/crypto/sha256.h"
#include "core/emulator/split.h"
#include "core/package/package.h"
#include "core/safetensors/safetensors.h"
#include "core/trust/import.h"
#include "core/workspace/packages.h"
#include "core/workspace/workspace.h"
#include "tests/ui/qt_test_app.h"
#include "ui/wizard/export_page.h"
#include "ui/wizard/fine_tuning_wizard.h"
#include "ui/wizard/import_package_page.h"

namespace offsite::ui {
namespace {

namespace fs = std::filesystem;
using testing::app;
const fs::path kData = OFFSITE_TEST_DATA;

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A publisher with one signing key and a split model folder to pack in several versions.
class Publisher {
public:
    explicit Publisher(const fs::path& root) : root_(root) {
        const fs::path source = root / "source";
        fs::create_directories(source);
        for (const char* name : {"config.json", "model.safetensors"}) {
            fs::copy_file(kData / "parity" / "llama_gqa_tied" / name, source / name);
        }
        // 95 printable characters and <unk>: ids 0..95 fit the test Llama's 96-row embedding.
        std::string vocab = "\"<unk>\": 0";
        for (int c = 32; c < 127; ++c) {
            std::string piece(1, static_cast<char>(c));
            if (c == '"' || c == '\\') piece = "\\" + piece;
            vocab += ", \"" + piece + "\": " + std::to_string(c - 31);
        }
        writeText(source / "tokenizer.json",
                  "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": [], "
                  "\"normalizer\": null, \"pre_tokenizer\": null, \"post_processor\": null, \"decoder\": null, "
                  "\"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": \"<unk>\", "
                  "\"continuing_subword_prefix\": null, \"end_of_word_suffix\": null, \"fuse_unk\": false, "
                  "\"byte_fallback\": false, \"vocab\": {" + vocab + "}, \"merges\": []}}");
        emulator::SplitOptions options;
        options.spec = {1, 2, 0};
        auto split = emulator::writeSplit(source, root / "split", options);
        EXPECT_TRUE(split.ok()) << (split.ok() ? "" : split.error().message);
        auto key = crypto::SigningKey::generate();
        EXPECT_TRUE(key.ok());
        key_.emplace(std::move(key).value());
        publicKey_ = root / "publisher.pub";
        writeText(publicKey_, crypto::formatMinisignPublicKey(key_->publicKey()));
    }

    // Version `version` of the model, exports encrypted to `recipient`.
    fs::path pack(std::int64_t version, const std::string& recipient) {
        package::PackParams p;
        p.inputFolder = root_ / "split";
        p.outputPath = root_ / ("tiny-v" + std::to_string(version) + "-" + recipient.substr(4, 6) + ".otpkg");
        p.signingKey = &*key_;
        p.publisherId = "example-labs";
        p.modelId = "tiny-llama";
        p.packageVersion = version;
        p.createdAt = static_cast<std::int64_t>(std::time(nullptr)) - 3600 + version;
        p.expiresAt = p.createdAt + 30 * 86400;
        p.architecture = "llama";
        p.split = "1-2-0";
        p.exportRecipient = recipient;
        p.licence = "You may fine-tune this model for internal use only.";
        auto manifest = package::writePackage(p);
        EXPECT_TRUE(manifest.ok()) << (manifest.ok() ? "" : manifest.error().message);
        return p.outputPath;
    }

    [[nodiscard]] const fs::path& publicKey() const { return publicKey_; }

private:
    fs::path root_;
    std::optional<crypto::SigningKey> key_;
    fs::path publicKey_;
};

std::string newRecipient() {
    auto identity = crypto::AgeIdentity::generate();
    EXPECT_TRUE(identity.ok());
    return identity->recipient().toString();
}

template <typename T>
T* child(QWidget* parent, const char* name) {
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

QString textOf(QWidget* parent, const char* name) {
    auto* label = child<QLabel>(parent, name);
    return label != nullptr ? label->text() : QString();
}

// Every row count of the trust and package tables, and every file of the workspace except the database's own.
std::string snapshot(workspace::Workspace& ws) {
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

class WizardImport : public ::testing::Test {
protected:
    void SetUp() override {
        app();
        ASSERT_TRUE(dir_.isValid());
        root_ = dir_.path().toStdString();
        publisher_.emplace(root_ / "publisher");
        auto opened = workspace::Workspace::open(root_ / "workspace");
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        ws_.emplace(std::move(opened).value());
        wizard_ = std::make_unique<FineTuningWizard>();
        wizard_->setWorkspace(&*ws_);
        wizard_->resize(900, 700);
        wizard_->show();
    }

    ImportPackagePage* page() { return wizard_->importPage(); }

    // Opens the package on the import step and waits for the check's verdict.
    QString check(const fs::path& package, const fs::path& key = {}) {
        wizard_->restart();
        child<QLineEdit>(page(), "importKeyPath")->setText(QString::fromStdString(key.string()));
        wizard_->openPackage(QString::fromStdString(package.string()));
        EXPECT_TRUE(QTest::qWaitFor(
            [&] {
                const QString verdict = textOf(page(), "importVerdict");
                return !verdict.isEmpty() && !verdict.contains(QStringLiteral("Checking"));
            },
            20000));
        return textOf(page(), "importVerdict");
    }

    // Accepts the licence (and the fingerprint, the first time) and imports.
    void import(bool firstTrust) {
        EXPECT_EQ(child<QPlainTextEdit>(page(), "importLicence")->toPlainText().toStdString(),
                  "You may fine-tune this model for internal use only.");
        if (firstTrust) child<QCheckBox>(page(), "importTrustConfirm")->setChecked(true);
        child<QCheckBox>(page(), "importLicenceAccept")->setChecked(true);
        auto* button = child<QPushButton>(page(), "importButton");
        ASSERT_TRUE(button->isEnabled()) << textOf(page(), "importVerdict").toStdString();
        button->click();
        ASSERT_TRUE(QTest::qWaitFor([&] { return page()->isComplete(); }, 20000))
            << textOf(page(), "importStatus").toStdString();
    }

    QTemporaryDir dir_;
    fs::path root_;
    std::optional<Publisher> publisher_;
    std::optional<workspace::Workspace> ws_;
    std::unique_ptr<FineTuningWizard> wizard_;
};

TEST_F(WizardImport, AnOlderVersionAfterANewerOneIsRefusedWithCoresRollbackMessage) {
    const std::string recipient = newRecipient();
    const fs::path v1 = publisher_->pack(1, recipient);
    const fs::path v2 = publisher_->pack(2, recipient);
    EXPECT_TRUE(check(v2, publisher_->publicKey()).contains("Genuine"));
    import(true);
    const std::string before = snapshot(*ws_);

    const QString verdict = check(v1);
    EXPECT_TRUE(verdict.contains("rollback check failed")) << verdict.toStdString();
    EXPECT_TRUE(verdict.contains("older than version 2")) << verdict.toStdString();
    EXPECT_FALSE(child<QPushButton>(page(), "importButton")->isEnabled());
    EXPECT_FALSE(page()->isComplete());
    EXPECT_EQ(snapshot(*ws_), before);
}

TEST_F(WizardImport, AChangedExportKeyIsAskedAboutAndDecliningChangesNothing) {
    const fs::path v1 = publisher_->pack(1, newRecipient());
    const fs::path v2 = publisher_->pack(2, newRecipient());
    check(v1, publisher_->publicKey());
    import(true);
    const std::string before = snapshot(*ws_);

    EXPECT_TRUE(check(v2).contains("Genuine"));
    auto* changes = child<QGroupBox>(page(), "importChanges");
    ASSERT_TRUE(changes->isVisible());
    EXPECT_TRUE(textOf(page(), "importChangesText").contains("encrypted to a different key"))
        << textOf(page(), "importChangesText").toStdString();
    child<QCheckBox>(page(), "importLicenceAccept")->setChecked(true);
    EXPECT_FALSE(child<QPushButton>(page(), "importButton")->isEnabled());  // not confirmed yet
    child<QPushButton>(page(), "importDecline")->click();
    EXPECT_FALSE(changes->isVisible());
    EXPECT_FALSE(child<QPushButton>(page(), "importButton")->isEnabled());
    EXPECT_FALSE(page()->isComplete());
    EXPECT_EQ(snapshot(*ws_), before);

    // Confirming imports it, and the confirmation is in the audit log.
    check(v2);
    child<QCheckBox>(page(), "importChangesConfirm")->setChecked(true);
    import(false);
    auto confirmed =
        ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'package.changes_confirmed'");
    ASSERT_TRUE(confirmed.ok());
    EXPECT_EQ(*confirmed, 1);
}

TEST_F(WizardImport, TheFolderTheWizardImportedToIsTheOneCoreKeeps) {
    const fs::path v1 = publisher_->pack(1, newRecipient());
    check(v1, publisher_->publicKey());
    import(true);
    const WizardContext& context = wizard_->context();
    ASSERT_NE(context.packageId, 0);
    auto folder = workspace::packageModelFolder(*ws_, context.packageId);
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    EXPECT_EQ(context.modelFolder, folder.value());
    EXPECT_TRUE(crypto::isSha256Hex(context.modelFolder.filename().string()))
        << context.modelFolder.filename().string();
    auto removed = trust::cleanUpPackageFolders(*ws_);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_TRUE(removed->empty());
    EXPECT_TRUE(fs::exists(context.modelFolder / "adapter.safetensors"));

    // The same package again continues with the imported copy (core refuses a second import of it).
    EXPECT_TRUE(check(v1).contains("already in your workspace"));
    import(false);
    EXPECT_EQ(wizard_->context().modelFolder, folder.value());
}

// An adapter whose tensors are not the package's layout (a LoRA run's factors, say) is not exported: the export
// step shows core/export's reason and offers no Export button.
TEST_F(WizardImport, TheExportStepShowsCoresReasonForAnAdapterOfAnotherLayout) {
    check(publisher_->pack(1, newRecipient()), publisher_->publicKey());
    import(true);
    WizardContext& context = wizard_->context();
    context.runFolder = root_ / "lora-run";
    fs::create_directories(context.runFolder);
    const std::vector<float> factor(2 * 48, 0.5f);
    const std::vector<safetensors::TensorView> tensors = {
        {"model.layers.0.self_attn.q_proj.lora_A.weight", safetensors::DType::F32, {2, 48},
         std::as_bytes(std::span<const float>(factor))}};
    ASSERT_TRUE(safetensors::write(context.adapterPath(), tensors).ok());
    ExportPage* page = wizard_->exportPage();
    page->initializePage();
    ASSERT_TRUE(QTest::qWaitFor([&] { return textOf(page, "exportStatus").contains("cannot be exported"); }, 20000))
        << textOf(page, "exportStatus").toStdString();
    EXPECT_TRUE(textOf(page, "exportStatus").contains("lora_A.weight is not in")) << textOf(page, "exportStatus").toStdString();
    EXPECT_FALSE(child<QPushButton>(page, "exportButton")->isEnabled());
    EXPECT_FALSE(page->described());
}

}  // namespace
}  // namespace offsite::ui

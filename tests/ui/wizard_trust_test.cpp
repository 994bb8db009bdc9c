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
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <ctime>
#include <fstream>

#include "core/crypto/age.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/minisign.h"
#include "core/crypto/sha256.h"
#include "core/emulator/split.h"
#include "core/package/package.h"
#include "core/safetensors/safetensors.h"
#include "core/trust/import.h"
#include "core/workspace/packages.h"
#include "core/workspace/workspace.h"
#include "tests/ui/wizard_test_support.h"
#include "ui/wizard/fine_tuning_wizard.h"
#include "tests/ui/qt_test_app.h"
#include "ui/wizard/export_page.h"
#include "ui/wizard/import_package_page.h"

namespace offsite::ui {
namespace {

namespace fs = std::filesystem;
using namespace testing;

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
    const std::string before = workspaceSnapshot(*ws_);

    const QString verdict = check(v1);
    EXPECT_TRUE(verdict.contains("rollback check failed")) << verdict.toStdString();
    EXPECT_TRUE(verdict.contains("older than version 2")) << verdict.toStdString();
    EXPECT_FALSE(child<QPushButton>(page(), "importButton")->isEnabled());
    EXPECT_FALSE(page()->isComplete());
    EXPECT_EQ(workspaceSnapshot(*ws_), before);
}

TEST_F(WizardImport, AChangedExportKeyIsAskedAboutAndDecliningChangesNothing) {
    const fs::path v1 = publisher_->pack(1, newRecipient());
    const fs::path v2 = publisher_->pack(2, newRecipient());
    check(v1, publisher_->publicKey());
    import(true);
    const std::string before = workspaceSnapshot(*ws_);

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
    EXPECT_EQ(workspaceSnapshot(*ws_), before);

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

// PKG-8 in the app: a package signed by the publisher's new key, carrying the key change its old (trusted) key
// signed, passes the check without a key file, says whose key it is and who authorised it, and imports.
TEST_F(WizardImport, APackageSignedAfterAKeyChangeIsAcceptedAsCoreAcceptsIt) {
    const std::string recipient = newRecipient();
    check(publisher_->pack(1, recipient), publisher_->publicKey());
    import(true);
    const std::string oldFingerprint = crypto::keyFingerprint(publisher_->currentKey());
    const package::SignedKeyRotation change = publisher_->rotateKey(2);
    const std::string newFingerprint = crypto::keyFingerprint(publisher_->currentKey());
    const fs::path v2 = publisher_->pack(Publisher::PackOptions{2, recipient, {change}, 0});

    const QString verdict = check(v2);
    EXPECT_TRUE(verdict.contains("Genuine")) << verdict.toStdString();
    EXPECT_TRUE(verdict.contains(QString::fromStdString(newFingerprint))) << verdict.toStdString();
    const QString keyChange = textOf(page(), "importKeyChange");
    EXPECT_TRUE(child<QLabel>(page(), "importKeyChange")->isVisible());
    EXPECT_TRUE(keyChange.contains(QString::fromStdString(newFingerprint))) << keyChange.toStdString();
    EXPECT_TRUE(keyChange.contains(QString::fromStdString(oldFingerprint))) << keyChange.toStdString();
    EXPECT_TRUE(keyChange.contains("authorised by the key you trusted before")) << keyChange.toStdString();
    EXPECT_FALSE(child<QGroupBox>(page(), "importFirstTrust")->isVisible());  // no first trust: core's change
    import(false);
    auto rotated = ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'key.rotated'");
    ASSERT_TRUE(rotated.ok());
    EXPECT_EQ(*rotated, 1);
    EXPECT_EQ(wizard_->context().package->manifest.packageVersion, 2);

    // The new key is pinned now: version 3, signed by it without the change, needs no key file either.
    const QString next = check(publisher_->pack(3, recipient));
    EXPECT_TRUE(next.contains("Genuine")) << next.toStdString();
    EXPECT_FALSE(child<QLabel>(page(), "importKeyChange")->isVisible());
}

// The import runs on a worker thread: with a package of several MB the GUI's event loop keeps ticking and the
// progress bar moves; Cancel stops at a chunk boundary and leaves the workspace exactly as it was; importing
// again succeeds with the same result as before.
TEST_F(WizardImport, ALargePackageImportsOffTheGuiThreadAndCancelChangesNothing) {
    const fs::path big = publisher_->pack(Publisher::PackOptions{1, {}, {}, 32u << 20});
    EXPECT_TRUE(check(big, publisher_->publicKey()).contains("Genuine"));
    const std::string before = workspaceSnapshot(*ws_);
    child<QCheckBox>(page(), "importTrustConfirm")->setChecked(true);
    child<QCheckBox>(page(), "importLicenceAccept")->setChecked(true);
    auto* progress = child<QProgressBar>(page(), "importProgress");
    auto* button = child<QPushButton>(page(), "importButton");

    int ticksWhileImporting = 0;
    int progressSeen = 0;
    QTimer ticker;
    ticker.setInterval(2);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        if (!page()->importing()) return;
        ++ticksWhileImporting;
        progressSeen = std::max(progressSeen, progress->value());
    });
    ticker.start();

    // Cancel once the progress bar has moved.
    ASSERT_TRUE(button->isEnabled());
    button->click();
    EXPECT_TRUE(page()->importing());
    EXPECT_TRUE(progress->isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return progress->value() > 0 || !page()->importing(); }, 20000));
    ASSERT_TRUE(page()->importing()) << "the import ended before Cancel: " << textOf(page(), "importStatus").toStdString();
    child<QPushButton>(page(), "importCancel")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !page()->importing(); }, 20000));
    EXPECT_TRUE(textOf(page(), "importStatus").contains("Import cancelled")) << textOf(page(), "importStatus").toStdString();
    EXPECT_FALSE(page()->isComplete());
    EXPECT_EQ(workspaceSnapshot(*ws_), before);
    EXPECT_GT(ticksWhileImporting, 0);

    // The whole import, with the event loop running throughout.
    ticksWhileImporting = 0;
    progressSeen = 0;
    ASSERT_TRUE(button->isEnabled());
    button->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return page()->isComplete(); }, 60000))
        << textOf(page(), "importStatus").toStdString();
    EXPECT_GE(ticksWhileImporting, 3);
    EXPECT_GT(progressSeen, 0);
    EXPECT_FALSE(progress->isVisible());
    const fs::path extra = wizard_->context().modelFolder / "emulator-extra.safetensors";
    ASSERT_TRUE(fs::exists(extra));
    EXPECT_GT(fs::file_size(extra), 32u << 20);
    auto folder = workspace::packageModelFolder(*ws_, wizard_->context().packageId);
    ASSERT_TRUE(folder.ok());
    EXPECT_EQ(folder.value(), wizard_->context().modelFolder);
    auto pinned = ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'licence.accepted'");
    ASSERT_TRUE(pinned.ok());
    EXPECT_EQ(*pinned, 1);
}

// A question the check did not see (the workspace changed after the check) is asked on the GUI thread while the
// import's worker waits; the answer lets the same import go on.
TEST_F(WizardImport, AQuestionDuringTheImportIsAskedWhileTheWorkerWaits) {
    const fs::path v1 = publisher_->pack(1, newRecipient());
    const fs::path v2 = publisher_->pack(2, newRecipient());
    EXPECT_TRUE(check(v2, publisher_->publicKey()).contains("Genuine"));
    EXPECT_FALSE(child<QGroupBox>(page(), "importChanges")->isVisible());  // nothing imported before
    // Behind the page's back, version 1 (another export key) is imported by the core.
    trust::ImportOptions options;
    auto key = crypto::readMinisignPublicKeyFile(publisher_->publicKey());
    ASSERT_TRUE(key.ok());
    options.presentedKey = key.value();
    options.keyDecision = trust::KeyDecision::TrustPresentedKey;
    auto first = trust::importPackage(*ws_, v1, options);
    ASSERT_TRUE(first.ok()) << first.error().message;

    child<QCheckBox>(page(), "importTrustConfirm")->setChecked(true);
    child<QCheckBox>(page(), "importLicenceAccept")->setChecked(true);
    child<QPushButton>(page(), "importButton")->click();
    auto* changes = child<QGroupBox>(page(), "importChanges");
    ASSERT_TRUE(QTest::qWaitFor([&] { return changes->isVisible(); }, 20000)) << textOf(page(), "importStatus").toStdString();
    EXPECT_TRUE(page()->importing());  // the worker waits for the answer
    EXPECT_TRUE(textOf(page(), "importChangesText").contains("encrypted to a different key"));
    EXPECT_TRUE(textOf(page(), "importStatus").contains("Answer the question above")) << textOf(page(), "importStatus").toStdString();
    auto* button = child<QPushButton>(page(), "importButton");
    EXPECT_FALSE(button->isEnabled());
    child<QCheckBox>(page(), "importChangesConfirm")->setChecked(true);
    ASSERT_TRUE(button->isEnabled());
    button->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return page()->isComplete(); }, 20000)) << textOf(page(), "importStatus").toStdString();
    EXPECT_EQ(wizard_->context().package->manifest.packageVersion, 2);
    auto confirmed =
        ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'package.changes_confirmed'");
    ASSERT_TRUE(confirmed.ok());
    EXPECT_EQ(*confirmed, 1);
}

}  // namespace
}  // namespace offsite::ui

// Wizard step 1, Import a package: choose or drop a .otpkg, check it (signature with a pinned key or the
// publisher's public key, every file's hash, expiry against the workspace's clock floor), ask the core
// importer's questions (first trust of a key; changed export key, publisher or lineage) or show its refusal
// (rollback, equivocation), read and accept the licence, then import through core/trust (packages/<manifest
// sha256>/, the acceptance recorded in the audit log).
#pragma once

#include <QWizardPage>
#include <optional>

#include "ui/wizard/background_task.h"
#include "ui/wizard/package_trust.h"

class QCheckBox;
class QGroupBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;

class ImportPackagePage : public QWizardPage {
    Q_OBJECT

public:
    ImportPackagePage(WizardContext& context, QWidget* parent = nullptr);
    ~ImportPackagePage() override;

    void setPackagePath(const QString& path);  // also what drag and drop and the app's file argument do
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool busy() const { return task_.running(); }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct CheckResult;
    void check();
    void showCheck(CheckResult result);
    // Shows the importer's question (first trust, changes); returns false for an outcome that is not one.
    bool ask(const trust::ImportOutcome& outcome);
    void import();
    void runImport();
    void finishImport(std::int64_t packageId, const std::optional<trust::ImportedPackage>& imported);
    void decline();
    void resetQuestions();
    void updateButtons();

    WizardContext& context_;
    QLineEdit* path_;
    QLineEdit* keyPath_;
    QWidget* keyRow_;
    QPushButton* checkButton_;
    StatusLabel* verdict_;
    QGroupBox* firstTrust_;
    StatusLabel* fingerprint_;
    QCheckBox* trustConfirm_;
    QGroupBox* changesBox_;
    StatusLabel* changesText_;
    QCheckBox* changesConfirm_;
    QPushButton* declineButton_;
    QGroupBox* licenceBox_;
    QPlainTextEdit* licence_;
    QCheckBox* licenceAccept_;
    QPushButton* importButton_;
    StatusLabel* importStatus_;
    std::optional<package::VerifiedPackage> verified_;
    std::optional<crypto::MinisignPublicKey> presentedKey_;  // the key file's key, when one was chosen
    std::optional<std::int64_t> alreadyImported_;           // this very package is in the workspace already
    bool askFirstTrust_ = false;
    bool askChanges_ = false;
    bool imported_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui

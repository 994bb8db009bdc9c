// Wizard step 1, Import a package: choose or drop a .otpkg, check it (signature with a pinned key or the
// first-trust step with the publisher's public key, every file's hash, expiry), read and accept the licence,
// then import it into the workspace (extracted once, the acceptance recorded in the audit log).
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
    void import();
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
    QGroupBox* licenceBox_;
    QPlainTextEdit* licence_;
    QCheckBox* licenceAccept_;
    QPushButton* importButton_;
    StatusLabel* importStatus_;
    std::optional<package::VerifiedPackage> verified_;
    std::optional<SignerPreview> newSigner_;  // set when the first-trust step is needed
    bool imported_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
